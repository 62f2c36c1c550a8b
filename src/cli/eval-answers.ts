import { loadConfig, loadDotEnv } from '../config.js';
import { parseDetailQuestions } from '../dialogue/evaluation/detail-questions.js';
import { runEvaluationCommand } from '../dialogue/evaluation/evaluation-command.js';
import { answerMissLines, answerSummaryLine } from '../dialogue/evaluation/report-answers.js';
import { runDetailQuestions } from '../dialogue/evaluation/run-detail-questions.js';
import { summariseAnswers } from '../dialogue/evaluation/score-answers.js';

/**
 * `npm run eval:answers -- --file <questions.jsonl> [--json]` — do first answers carry the detail asked?
 *
 * File: one question a line, `{"q","lang","expect":[slugs],"mustContain":[alternatives],"source"?}`
 * (`source`, where the detail comes from, is documentation only). Every question is the first message of
 * a fresh conversation, on an in-memory PGlite with the knowledge base (KB_DIR) ingested, through the
 * real dialogue engine in-process. A question is answered when the reply names an expected procedure
 * and its visible text (text plus sections) contains one of `mustContain` as whole words (both
 * lower-cased, diacritics removed); declined when it names no procedure; wrong when it names another
 * one. Prints the misses (unless --json), then as the last line one JSON object:
 *   {n, procedureTop1, answered, declined, wrong, byLang: {ro: {n, answered}, en: {…}, hu: {…}}}
 * (shares 0..1; procedureTop1: an expected procedure named, with or without the detail). Exits 0
 * whatever the score; 2 on a wrong setting, a usage or a data error (one line; a data error names
 * the file's line).
 */
loadDotEnv();
process.exitCode = await runEvaluationCommand(
  {
    usage: 'npm run eval:answers -- --file <questions.jsonl> [--json]',
    parse: parseDetailQuestions,
    slugsOf: (question) => question.expect,
    evaluate: async (service, questions) => {
      const outcomes = await runDetailQuestions(service, questions);
      return {
        missLines: answerMissLines(outcomes),
        summaryLine: answerSummaryLine(summariseAnswers(outcomes)),
      };
    },
  },
  {
    args: process.argv.slice(2),
    config: () => loadConfig(),
    output: { out: (line) => console.log(line), error: (line) => console.error(line) },
  },
);
