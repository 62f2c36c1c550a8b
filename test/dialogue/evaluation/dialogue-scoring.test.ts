import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Section } from '../../../src/protocol/message.js';
import { parseDialogueCases } from '../../../src/dialogue/evaluation/dialogue-cases.js';
import type { ObservedReply } from '../../../src/dialogue/evaluation/observed-reply.js';
import { dialogueMissLines, dialogueSummaryLine } from '../../../src/dialogue/evaluation/report-dialogues.js';
import type { TurnOutcome } from '../../../src/dialogue/evaluation/run-dialogues.js';
import { isTurnRight, summariseDialogues } from '../../../src/dialogue/evaluation/score-dialogues.js';
import { fromProjectRoot } from '../../../src/project-root.js';

/**
 * The dialogue scoring on a hand-made file (test/fixtures/eval-sample-dialogues.jsonl) with made-up
 * replies: which turns are right, and the figures of the summary line.
 */
const SAMPLE = fromProjectRoot('test', 'fixtures', 'eval-sample-dialogues.jsonl');
const cases = parseDialogueCases(readFileSync(SAMPLE, 'utf8'), SAMPLE).map((line) => line.value);

function answer(procedure: string, text: string, sections: Section[] = []): ObservedReply {
  return { procedure, status: 'answered', message: { text, sections } };
}
function noProcedure(status: string, text: string): ObservedReply {
  return { procedure: null, status, message: { text, sections: [] } };
}

/** The reply to each turn of the sample, in file order, and how long it took. */
const REPLIES: Array<[ObservedReply, number]> = [
  // birth: right, then wrong (another procedure)
  [answer('inregistrare-nastere', 'Declarați nașterea în 30 de zile.'), 10],
  [answer('pasaport', 'Pașaportul costă 258 lei.'), 20],
  // greeting-then-passport: null expected and none named (right), then an accepted alternative (right)
  [noProcedure('intent_reply', 'Hello!'), 30],
  [answer('pasaport', 'Apply at the passport office.', [{ title: 'Fees', lines: ['258 lei'] }]), 40],
  // hu-id-card: null expected but a procedure named (wrong), then declined where one was expected (wrong)
  [answer('carte-identitate', 'Személyi igazolvány.'), 50],
  [noProcedure('declined_out_of_scope', 'Nem tudom.'), 1000],
];

function outcomes(): TurnOutcome[] {
  const turns = cases.flatMap((dialogueCase) =>
    dialogueCase.turns.map((turn, index) => ({ dialogueCase, turn, index })),
  );
  expect(turns).toHaveLength(REPLIES.length);
  return turns.map(({ dialogueCase, turn, index }, position) => ({
    caseId: dialogueCase.id,
    lang: dialogueCase.lang,
    index,
    text: turn.text,
    expect: turn.expect,
    alt: turn.alt ?? [],
    reply: REPLIES[position][0],
    tookMs: REPLIES[position][1],
  }));
}

describe('dialogue scoring', () => {
  it('judges a turn by the procedure the last bot message names', () => {
    expect(outcomes().map(isTurnRight)).toEqual([true, false, true, true, false, false]);
  });

  it('summarises accuracy overall, on first turns, on follow-ups and per language', () => {
    const summary = summariseDialogues(outcomes());
    expect(summary).toMatchObject({
      conversations: 3,
      turns: 6,
      turnAccuracy: 3 / 6,
      firstTurn: 2 / 3,
      followUp: 1 / 3,
      byLang: { ro: 1 / 2, en: 1, hu: 0 },
      p95Ms: 1000,
    });
  });

  it('measures the visible length of answered turns only, sections counted when the text leaves them out', () => {
    const { chars } = summariseDialogues(outcomes());
    // First turns answered: the birth answer (33) and the Hungarian one (20); follow-ups: the passport
    // answers (25, and 29 + "Fees" + "258 lei" = 40). The decline and the greeting do not count.
    expect(chars).toEqual({ first: { median: 20, max: 33 }, followUp: { median: 25, max: 40 } });
  });

  it('gives null for a language without conversations instead of a made-up accuracy', () => {
    const romanianOnly = outcomes().filter((outcome) => outcome.lang === 'ro');
    expect(summariseDialogues(romanianOnly).byLang).toEqual({ ro: 0.5, en: null, hu: null });
  });

  it('lists each failed turn with conversation id, turn index, text, expected, got and status', () => {
    expect(dialogueMissLines(outcomes())).toEqual([
      'miss birth turn 1 [ro] "și cât costă?": expected inregistrare-nastere, got pasaport (answered)',
      'miss hu-id-card turn 0 [hu] "személyi": expected (none), got carte-identitate (answered)',
      'miss hu-id-card turn 1 [hu] "Hogyan kérhetek új személyi igazolványt?": expected carte-identitate, ' +
        'got (none) (declined_out_of_scope)',
    ]);
  });

  it('prints the summary as one JSON object with the documented keys, shares rounded', () => {
    const line = JSON.parse(dialogueSummaryLine(summariseDialogues(outcomes())));
    expect(line).toEqual({
      conversations: 3,
      turns: 6,
      turnAccuracy: 0.5,
      firstTurn: 0.6667,
      followUp: 0.3333,
      byLang: { ro: 0.5, en: 1, hu: 0 },
      p95Ms: 1000,
      chars: { first: { median: 20, max: 33 }, followUp: { median: 25, max: 40 } },
    });
  });
});
