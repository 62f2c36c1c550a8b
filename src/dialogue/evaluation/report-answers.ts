import type { AnswerOutcome } from './run-detail-questions.js';
import { judgeAnswer, type AnswerSummary } from './score-answers.js';
import { round, roundOrNull } from './round.js';

/** One line per question not answered: the verdict, the question, what was expected, what came. */
export function answerMissLines(outcomes: AnswerOutcome[]): string[] {
  return outcomes.flatMap(({ question, reply }) => {
    const verdict = judgeAnswer(question, reply);
    if (verdict === 'answered') return [];
    const missing = verdict === 'incomplete' ? `; none of ${JSON.stringify(question.mustContain)} shown` : '';
    return [
      `${verdict} [${question.lang}] ${JSON.stringify(question.q)}: expected ${question.expect.join('|')}, ` +
        `got ${reply.procedure ?? '(none)'} (${reply.status ?? 'no status'})${missing}`,
    ];
  });
}

/** The summary as the command's last line prints it: shares to 4 decimals. */
export function answerSummaryLine(summary: AnswerSummary): string {
  const byLang = (lang: keyof AnswerSummary['byLang']) => ({
    n: summary.byLang[lang].n,
    answered: roundOrNull(summary.byLang[lang].answered, 4),
  });
  return JSON.stringify({
    n: summary.n,
    procedureTop1: round(summary.procedureTop1, 4),
    answered: round(summary.answered, 4),
    declined: round(summary.declined, 4),
    wrong: round(summary.wrong, 4),
    byLang: { ro: byLang('ro'), en: byLang('en'), hu: byLang('hu') },
  });
}
