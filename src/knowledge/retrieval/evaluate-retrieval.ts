import { percentile } from '../../metrics/percentile.js';
import { z } from 'zod';
import { LangSchema } from '../../language.js';
import type { ProcedureRetrieval } from '../retrieval-contract.js';

/** One line of an evaluation file: a question, its language, the acceptable slugs ([] = out of scope). */
export const EvalQuestionSchema = z
  .object({ q: z.string().min(1), lang: LangSchema, expect: z.array(z.string().min(1)) })
  .strict();
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

/** Parses JSON Lines; a bad line fails with its number. Blank lines are skipped. */
export function parseEvalQuestions(text: string, source = 'questions'): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${index + 1}: not valid JSON`);
    }
    const result = EvalQuestionSchema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${source}:${index + 1}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
    }
    questions.push(result.data);
  });
  return questions;
}

export interface QuestionOutcome extends EvalQuestion {
  /** Returned slugs, best first (empty when declined). */
  got: string[];
  confidence: number | null;
  declined: boolean;
  ambiguous: boolean;
  /** In scope: the top procedure is expected. Out of scope: the retriever declined. */
  top1: boolean;
  /** 1-based rank of the first expected slug, null when absent (or out of scope). */
  rank: number | null;
  tookMs: number;
}

export interface EvalSummary {
  n: number;
  inScope: number;
  outOfScope: number;
  /** Share of all questions answered right at rank 1 (out of scope: declined). */
  top1: number;
  /** Share of in-scope questions with an expected slug in the first three. */
  top3: number;
  /** Mean reciprocal rank over in-scope questions (0 when not returned). */
  mrr: number;
  /** Share of out-of-scope questions declined. */
  oosRecall: number;
  /** Share of in-scope questions wrongly declined. */
  falseDeclineRate: number;
  /** Share of in-scope questions flagged ambiguous (the dialogue then asks which procedure). */
  ambiguousRate: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** Asks every question in order (one at a time, as a citizen would) and measures the answers. */
export async function evaluateRetrieval(
  retrieval: ProcedureRetrieval,
  questions: EvalQuestion[],
): Promise<{ outcomes: QuestionOutcome[]; summary: EvalSummary }> {
  const outcomes: QuestionOutcome[] = [];
  for (const question of questions) {
    const started = performance.now();
    const result = await retrieval.search(question.q, { lang: question.lang });
    const tookMs = performance.now() - started;
    const got = result.procedures.map((procedure) => procedure.slug);
    const inScope = question.expect.length > 0;
    const index = got.findIndex((slug) => question.expect.includes(slug));
    outcomes.push({
      ...question,
      got,
      confidence: result.procedures[0]?.confidence ?? null,
      declined: result.declined,
      ambiguous: result.ambiguous,
      top1: inScope ? index === 0 : result.declined,
      rank: inScope && index >= 0 ? index + 1 : null,
      tookMs,
    });
  }
  return { outcomes, summary: summarise(outcomes) };
}

export function summarise(outcomes: QuestionOutcome[]): EvalSummary {
  const inScope = outcomes.filter((outcome) => outcome.expect.length > 0);
  const outOfScope = outcomes.filter((outcome) => outcome.expect.length === 0);
  const share = (count: number, of: number) => (of === 0 ? 0 : count / of);
  const latencies = outcomes.map((outcome) => outcome.tookMs).sort((a, b) => a - b);
  return {
    n: outcomes.length,
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    top1: share(outcomes.filter((outcome) => outcome.top1).length, outcomes.length),
    top3: share(
      inScope.filter((outcome) => outcome.rank !== null && outcome.rank <= 3).length,
      inScope.length,
    ),
    mrr: share(
      inScope.reduce((sum, outcome) => sum + (outcome.rank === null ? 0 : 1 / outcome.rank), 0),
      inScope.length,
    ),
    oosRecall: share(outOfScope.filter((outcome) => outcome.declined).length, outOfScope.length),
    falseDeclineRate: share(inScope.filter((outcome) => outcome.declined).length, inScope.length),
    ambiguousRate: share(inScope.filter((outcome) => outcome.ambiguous).length, inScope.length),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies.at(-1) ?? 0,
  };
}
