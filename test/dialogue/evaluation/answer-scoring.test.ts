import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseDetailQuestions } from '../../../src/dialogue/evaluation/detail-questions.js';
import type { ObservedReply } from '../../../src/dialogue/evaluation/observed-reply.js';
import { answerMissLines, answerSummaryLine } from '../../../src/dialogue/evaluation/report-answers.js';
import type { AnswerOutcome } from '../../../src/dialogue/evaluation/run-detail-questions.js';
import {
  containsPhrase,
  judgeAnswer,
  summariseAnswers,
} from '../../../src/dialogue/evaluation/score-answers.js';
import { fromProjectRoot } from '../../../src/project-root.js';

/**
 * The answer-detail scoring on a hand-made file (test/fixtures/eval-sample-details.jsonl) with made-up
 * replies: answered, incomplete, declined, wrong, and the summary line.
 */
const SAMPLE = fromProjectRoot('test', 'fixtures', 'eval-sample-details.jsonl');
const questions = parseDetailQuestions(readFileSync(SAMPLE, 'utf8'), SAMPLE).map((line) => line.value);

const REPLIES: ObservedReply[] = [
  // "Cât costă certificatul de urbanism?" — the right procedure and the detail, in a section
  {
    procedure: 'certificat-urbanism',
    status: 'answered',
    message: { text: 'Certificatul de urbanism.', sections: [{ title: 'Taxe', lines: ['Taxa: 15 LEI'] }] },
  },
  // "How long is a criminal record certificate valid?" — the right procedure, not the detail
  {
    procedure: 'cazier-judiciar',
    status: 'answered',
    message: { text: 'It is valid for 16 months.', sections: [] },
  },
  // "Care e rețeta de cozonac?" — declined
  { procedure: null, status: 'declined_out_of_scope', message: { text: 'Nu știu.', sections: [] } },
  // "Mennyibe kerül az útlevél?" — another procedure
  { procedure: 'carte-identitate', status: 'answered', message: { text: '7 lej.', sections: [] } },
];

const outcomes = (): AnswerOutcome[] =>
  questions.map((question, index) => ({ question, reply: REPLIES[index] }));

describe('answer-detail scoring', () => {
  it('judges answered, incomplete, declined and wrong', () => {
    expect(outcomes().map(({ question, reply }) => judgeAnswer(question, reply))).toEqual([
      'answered',
      'incomplete',
      'declined',
      'wrong',
    ]);
  });

  it('finds a detail as whole words, whatever the case and the diacritics', () => {
    expect(containsPhrase('Valabil 6 LUNI de la eliberare.', '6 luni')).toBe(true);
    expect(containsPhrase('Valabil 16 luni.', '6 luni')).toBe(false);
    expect(containsPhrase('Se depune la Direcția Agricultură.', 'agricultura')).toBe(true);
    expect(
      containsPhrase('Scrieți la eveniment@primariaclujnapoca.ro.', 'eveniment@primariaclujnapoca.ro'),
    ).toBe(true);
    expect(containsPhrase('Tarif: 8 lei/oră', '8 lei')).toBe(true);
    // Hungarian inflects the last word; a number does not go on.
    expect(containsPhrase('A bizonyítvány 14 napig érvényes.', '14 nap')).toBe(true);
    expect(containsPhrase('Taxa este 150 lei.', '15')).toBe(false);
    expect(containsPhrase('Taxa este 15 lei.', '15')).toBe(true);
    expect(containsPhrase('ghișeele 1–2', '1-2')).toBe(true);
    expect(containsPhrase('anything', '…')).toBe(false);
  });

  it('summarises the shares overall and per language', () => {
    expect(summariseAnswers(outcomes())).toEqual({
      n: 4,
      procedureTop1: 0.5,
      answered: 0.25,
      declined: 0.25,
      wrong: 0.25,
      byLang: { ro: { n: 2, answered: 0.5 }, en: { n: 1, answered: 0 }, hu: { n: 1, answered: 0 } },
    });
  });

  it('lists every question not answered, with what was missing', () => {
    expect(answerMissLines(outcomes())).toEqual([
      'incomplete [en] "How long is a criminal record certificate valid?": expected cazier-judiciar, got ' +
        'cazier-judiciar (answered); none of ["6 months","six months"] shown',
      'declined [ro] "Care e rețeta de cozonac?": expected inregistrare-nastere, got (none) (declined_out_of_scope)',
      'wrong [hu] "Mennyibe kerül az útlevél?": expected pasaport, got carte-identitate (answered)',
    ]);
  });

  it('prints the summary as one JSON object with the documented keys', () => {
    expect(Object.keys(JSON.parse(answerSummaryLine(summariseAnswers(outcomes()))))).toEqual([
      'n',
      'procedureTop1',
      'answered',
      'declined',
      'wrong',
      'byLang',
    ]);
  });
});
