import { describe, expect, it } from '@jest/globals';
import { composeAnswer } from '../../../src/dialogue/answers/compose-answer.js';
import { REPLIES, SECTION_TITLES } from '../../../src/dialogue/canned-replies.js';
import { visibleText } from '../../../src/dialogue/evaluation/visible-text.js';
import { LANGS } from '../../../src/language.js';
import { layoutAnswer } from '../../../src/widget/frame/answer-blocks.js';
import { knowledge, procedure } from '../../support/knowledge-base.js';

const options = { overviewListLines: 5 };

describe('follow-up answers say only what was asked', () => {
  it('an overview of the procedure already in focus does not repeat its introduction', () => {
    for (const found of knowledge.procedures) {
      for (const lang of LANGS) {
        const first = composeAnswer(found, [], lang, options);
        const again = composeAnswer(found, [], lang, { ...options, followUp: true });
        expect(again.text.split('\n\n')[0]).toBe(REPLIES.overviewAgain[lang]);
        expect(again.text).not.toContain(first.text.split('\n\n')[0]);
        // Every section is still there, one tap away.
        expect(again.sections).toEqual(first.sections);
      }
    }
  });

  it("folds a where answer's notes under it, one tap away and in full in the text", () => {
    const withNotes = knowledge.procedures.filter((found) => found.kind !== 'redirect' && found.where.notes);
    expect(withNotes.length).toBeGreaterThan(5);
    for (const found of withNotes) {
      for (const lang of LANGS) {
        const answer = composeAnswer(found, ['where'], lang, { ...options, followUp: true });
        expect(answer.sections.map((section) => [section.title, section.collapsed])).toEqual([
          [SECTION_TITLES.where[lang], undefined],
          [REPLIES.moreDetails[lang], true],
        ]);
        const notes = answer.sections[1]!.lines.join('\n');
        expect(answer.text).toContain(notes);
        const layout = layoutAnswer({ ...answer, sources: answer.sources });
        // The where section stays open, its details are folded: the notes are not read before a tap.
        expect(
          layout.blocks.filter((block) => block.kind === 'section').map((block) => block.collapsed),
        ).toEqual([false, true]);
        expect(visibleText(answer)).not.toContain(notes);
      }
    }
  });

  it('an overview keeps its sections folded and shows no notes', () => {
    const idCard = procedure('carte-identitate');
    const overview = composeAnswer(idCard, [], 'ro', options);
    expect(overview.sections.some((section) => section.collapsed)).toBe(false);
    expect(overview.sections.map((section) => section.title)).not.toContain(REPLIES.moreDetails.ro);
  });

  it("folds a known amount's caveat under the fees, once, named by its fee", () => {
    const withKnownNotes = knowledge.procedures.filter((found) =>
      found.fees.some((fee) => fee.amount !== null && fee.note),
    );
    expect(withKnownNotes.length).toBeGreaterThan(0);
    for (const found of withKnownNotes) {
      const answer = composeAnswer(found, ['fees'], 'ro', { ...options, followUp: true });
      const [fees, details] = answer.sections;
      expect(details).toMatchObject({ title: REPLIES.moreDetails.ro, collapsed: true });
      for (const fee of found.fees.filter((candidate) => candidate.amount !== null && candidate.note)) {
        expect(fees!.lines.join('\n')).not.toContain(fee.note!.ro);
        expect(details!.lines).toContain(`${fee.label.ro}: ${fee.note!.ro}`);
      }
    }
  });

  it('tells each unknown fee once: its note on the line after its label, no repeated caveat', () => {
    const parking = procedure('abonament-parcare-rezidentiala');
    const unknown = parking.fees.filter((fee) => fee.amount === null);
    expect(unknown.length).toBeGreaterThan(2);
    const answer = composeAnswer(parking, ['fees'], 'ro', { ...options, followUp: true });
    const lines = answer.sections[0]!.lines;
    for (const fee of unknown) {
      expect(lines.filter((line) => line.startsWith(fee.label.ro))).toHaveLength(1);
      const at = lines.findIndex((line) => line.startsWith(fee.label.ro));
      expect(lines[at + 1]).toBe(fee.note!.ro);
    }
    expect(lines.filter((line) => line.includes('nu este confirmată în sursele noastre'))).toEqual([]);
  });

  it('an overview after a topic switch leads with less of the summary, the next step and every section kept', () => {
    let shorter = 0;
    for (const found of knowledge.procedures) {
      for (const lang of LANGS) {
        const first = composeAnswer(found, [], lang, options);
        const switched = composeAnswer(found, [], lang, { ...options, underWay: true });
        expect(switched.lead.length).toBeLessThanOrEqual(first.lead.length);
        // It still says what the procedure is (its first sentence at least) and what to do first.
        expect(switched.lead.startsWith(first.lead.split(/(?<=[.!?])\s/u)[0]!)).toBe(true);
        expect(switched.lead.split('\n').at(-1)).toBe(first.lead.split('\n').at(-1));
        expect(switched.sections).toEqual(first.sections);
        if (switched.lead.length < first.lead.length) shorter += 1;
      }
    }
    // Not a rule that never applies: many summaries are longer than a thread's lead allows.
    expect(shorter).toBeGreaterThan(knowledge.procedures.length / 2);
  });
});
