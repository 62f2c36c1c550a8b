import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../config.js';
import {
  evaluateRetrieval,
  parseEvalQuestions,
  type EvalSummary,
} from '../knowledge/retrieval/evaluate-retrieval.js';
import { fitConfidence, type CalibrationExample } from '../knowledge/retrieval/fit-confidence.js';
import { openKnowledgeIndex } from '../knowledge/open-knowledge-index.js';
import { migrate } from '../storage/migrate.js';
import { PgliteDatabase } from '../storage/pglite-database.js';

/**
 * `npm run eval -- --file <questions.jsonl> [--json] [--calibrate]`
 *
 * Starts a fresh in-memory database, ingests the knowledge base (KB_DIR), asks every question and
 * reports top-1, top-3, MRR, out-of-scope decline recall, wrongly declined in-scope questions and the
 * latency per question. With --json: one JSON line per question, then the summary as the last line.
 * With --calibrate: also fits the confidence coefficients on these labelled questions (for
 * knowledge-base/retrieval.yaml). Exits 0 whenever it ran: the figures are the verdict.
 */
const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    json: { type: 'boolean', default: false },
    calibrate: { type: 'boolean', default: false },
  },
});
if (!values.file) {
  console.error('usage: npm run eval -- --file <questions.jsonl> [--json] [--calibrate]');
  process.exit(2);
}

loadDotEnv();
const config = loadConfig();
const questions = parseEvalQuestions(readFileSync(values.file, 'utf8'), values.file);
const database = await PgliteDatabase.open();
try {
  await migrate(database);
  const { retriever, report } = await openKnowledgeIndex(database, config);
  for (const problem of report?.problems ?? []) {
    console.error(`warning: ${problem.path}: ${problem.field}: ${problem.message}`);
  }
  // One unmeasured question first: the first query of a fresh database pays for planning and caches.
  await retriever.search('certificat de urbanism', { lang: 'ro' });
  const { outcomes, summary } = await evaluateRetrieval(retriever, questions);

  if (values.json) {
    for (const outcome of outcomes) console.log(JSON.stringify(outcome));
  } else {
    console.log(`${report?.added.length ?? 0} procedures ingested in ${Math.round(report?.tookMs ?? 0)} ms`);
    for (const outcome of outcomes.filter((item) => !item.top1)) {
      const expected = outcome.expect.length > 0 ? outcome.expect.join('|') : '(out of scope)';
      const got = outcome.declined ? '(declined)' : outcome.got.slice(0, 3).join(', ');
      console.log(`miss [${outcome.lang}] ${outcome.q}\n     expected ${expected}; got ${got}`);
    }
    printSummary(summary);
  }
  if (values.calibrate) {
    const examples: CalibrationExample[] = [];
    for (const question of questions) {
      const candidates = await retriever.candidates(question.q, question.lang);
      for (const candidate of candidates.slice(0, 5)) {
        examples.push({ features: candidate.features, correct: question.expect.includes(candidate.slug) });
      }
    }
    const fit = fitConfidence(examples);
    console.error(
      `calibration on ${examples.length} candidates: ${JSON.stringify(fit.coefficients)}, ` +
        `log loss ${fit.logLoss.toFixed(3)}, ECE ${fit.expectedCalibrationError.toFixed(3)}`,
    );
  }
  if (values.json) console.log(JSON.stringify(summaryLine(summary)));
} finally {
  await database.close();
}

function printSummary(summary: EvalSummary): void {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(
    [
      `questions        ${summary.n} (${summary.inScope} in scope, ${summary.outOfScope} out of scope)`,
      `top-1            ${percent(summary.top1)}`,
      `top-3 recall     ${percent(summary.top3)}`,
      `MRR              ${summary.mrr.toFixed(3)}`,
      `out-of-scope     ${percent(summary.oosRecall)} declined`,
      `false declines   ${percent(summary.falseDeclineRate)} of in-scope questions`,
      `ambiguous        ${percent(summary.ambiguousRate)} of in-scope questions (the dialogue asks which)`,
      `latency          p50 ${summary.p50Ms.toFixed(1)} ms, p95 ${summary.p95Ms.toFixed(1)} ms, max ${summary.maxMs.toFixed(1)} ms`,
    ].join('\n'),
  );
}

function summaryLine(summary: EvalSummary) {
  const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    n: summary.n,
    top1: round(summary.top1, 4),
    top3: round(summary.top3, 4),
    mrr: round(summary.mrr, 4),
    oosRecall: round(summary.oosRecall, 4),
    falseDeclineRate: round(summary.falseDeclineRate, 4),
    p50Ms: round(summary.p50Ms, 2),
    p95Ms: round(summary.p95Ms, 2),
    maxMs: round(summary.maxMs, 2),
  };
}
