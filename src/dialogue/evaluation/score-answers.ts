import { LANGS, type Lang } from '../../language.js';
import { normalizeText } from '../../text/normalize.js';
import type { DetailQuestion } from './detail-questions.js';
import type { ObservedReply } from './observed-reply.js';
import type { AnswerOutcome } from './run-detail-questions.js';
import { expandedText } from './visible-text.js';

/**
 * - answered: an expected procedure, and the answer shows one of the required details, at most one tap
 *   away (a collapsed section of an overview counts: see expandedText);
 * - incomplete: an expected procedure, but none of the details;
 * - declined: no procedure at all (a decline, a "which one?", an intent reply);
 * - wrong: a procedure that is not expected.
 */
export type AnswerVerdict = 'answered' | 'incomplete' | 'declined' | 'wrong';

export function judgeAnswer(
  question: Pick<DetailQuestion, 'expect' | 'mustContain'>,
  reply: ObservedReply,
): AnswerVerdict {
  if (reply.procedure === null) return 'declined';
  if (!question.expect.includes(reply.procedure)) return 'wrong';
  const shown = reply.message ? expandedText(reply.message) : '';
  return question.mustContain.some((detail) => containsPhrase(shown, detail)) ? 'answered' : 'incomplete';
}

/**
 * Whether `phrase` occurs in `text` (the "contains"), both lower-cased and without diacritics,
 * punctuation read as a space, starting at a word: "6 months" is not found in "16 months", and "8 lei" is
 * found in "8 lei/oră". A last word (not a number) may go on, because Hungarian inflects it: "14 nap" is
 * the fact in "14 napig" and "30 nap" in "30 napon belül", while "15" is not found in "150".
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const needle = normalizeText(phrase);
  if (needle === '') return false;
  // A number does not inflect: "15" is not found in "150".
  const end = /[0-9]$/.test(needle) ? ' ' : '';
  return ` ${normalizeText(text)} `.includes(` ${needle}${end}`);
}

export interface AnswerSummary {
  n: number;
  /** Shares (0..1) of all questions. procedureTop1: the reply named an expected procedure. */
  procedureTop1: number;
  answered: number;
  declined: number;
  wrong: number;
  /** Per question language: how many, and the share answered (null when there were none). */
  byLang: Record<Lang, { n: number; answered: number | null }>;
}

export function summariseAnswers(outcomes: AnswerOutcome[]): AnswerSummary {
  const verdicts = outcomes.map((outcome) => ({
    lang: outcome.question.lang,
    verdict: judgeAnswer(outcome.question, outcome.reply),
  }));
  const share = (count: number, of: number) => (of === 0 ? 0 : count / of);
  const count = (verdict: AnswerVerdict) => verdicts.filter((item) => item.verdict === verdict).length;
  const byLang = Object.fromEntries(
    LANGS.map((lang) => {
      const ofLang = verdicts.filter((item) => item.lang === lang);
      const answered = ofLang.filter((item) => item.verdict === 'answered').length;
      return [lang, { n: ofLang.length, answered: ofLang.length === 0 ? null : answered / ofLang.length }];
    }),
  ) as AnswerSummary['byLang'];
  return {
    n: outcomes.length,
    procedureTop1: share(count('answered') + count('incomplete'), outcomes.length),
    answered: share(count('answered'), outcomes.length),
    declined: share(count('declined'), outcomes.length),
    wrong: share(count('wrong'), outcomes.length),
    byLang,
  };
}
