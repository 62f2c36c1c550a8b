import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { composeAnswer, firstSentence } from '../../src/dialogue/answers/compose-answer.js';
import { REPLIES, SECTION_TITLES } from '../../src/dialogue/canned-replies.js';
import type { Procedure } from '../../src/knowledge/ingest/procedure-schema.js';
import { LANGS } from '../../src/language.js';
import { fromProjectRoot } from '../../src/project-root.js';
import { knowledge, procedure } from '../support/knowledge-base.js';

const options = { overviewListLines: 5 };
const titles = (answer: { sections: Array<{ title: string }> }) =>
  answer.sections.map((section) => section.title);

describe('composeAnswer', () => {
  it('answers a general question with the summary and the main sections, sources and review date', () => {
    const idCard = procedure('carte-identitate');
    const answer = composeAnswer(idCard, [], 'ro', options);
    expect(answer.summary).toBe(idCard.summary.ro);
    expect(titles(answer)).toEqual(
      expect.arrayContaining([SECTION_TITLES.documents.ro, SECTION_TITLES.fees.ro, SECTION_TITLES.where.ro]),
    );
    expect(answer.sources).toEqual(idCard.sources);
    expect(answer.text).toContain(idCard.lastReviewed);
    expect(answer.text.startsWith(idCard.summary.ro)).toBe(true);
    const documents = answer.sections.find((section) => section.title === SECTION_TITLES.documents.ro)!;
    expect(documents.lines.length).toBeLessThanOrEqual(options.overviewListLines + 1);
  });

  it('leads a first answer with the summary and the next step, within about 420 characters', () => {
    for (const procedureFile of knowledge.procedures.filter((found) => found.kind !== 'redirect')) {
      for (const lang of LANGS) {
        const answer = composeAnswer(procedureFile, [], lang, options);
        const lead = answer.text.split('\n\n')[0];
        expect(lead.length).toBeLessThanOrEqual(420 + 200);
        expect(lead.split('\n')).toHaveLength(2);
      }
    }
  });

  it('answers a follow-up with the facet only, and a first facet question with one sentence before it', () => {
    const idCard = procedure('carte-identitate');
    const followUp = composeAnswer(idCard, ['fees'], 'ro', { ...options, followUp: true });
    expect(followUp.text.startsWith(`${SECTION_TITLES.fees.ro}:`)).toBe(true);
    // A summary of two sentences keeps the first.
    const pass = procedure('abonament-gratuit-transport-public');
    const first = composeAnswer(pass, ['fees'], 'ro', options);
    const intro = first.text.split('\n\n')[0];
    expect(pass.summary.ro.startsWith(intro)).toBe(true);
    expect(intro.length).toBeLessThan(pass.summary.ro.length);
  });

  it('cuts a summary after its first sentence, not after an abbreviation', () => {
    expect(firstSentence('Se depune la str. Moților nr. 5. Durează o zi.')).toBe(
      'Se depune la str. Moților nr. 5.',
    );
    expect(firstSentence('Un singur enunț')).toBe('Un singur enunț');
  });

  it('answers a facet question with that section only, in full', () => {
    const idCard = procedure('carte-identitate');
    const answer = composeAnswer(idCard, ['documents'], 'en', options);
    expect(titles(answer)).toEqual([SECTION_TITLES.documents.en]);
    expect(answer.sections[0].lines).toEqual(idCard.documents.en);
  });

  it('tells an unknown amount by its note, under its label, without a caveat on every line', () => {
    const idCard = procedure('carte-identitate');
    const unknownFees = idCard.fees.filter((fee) => fee.amount === null);
    expect(unknownFees.length).toBeGreaterThan(1);
    const answer = composeAnswer(idCard, ['fees'], 'hu', options);
    expect(answer.sections[0].lines).toEqual(
      unknownFees.flatMap((fee) => [
        `${fee.label.hu!}${fee.dependsOn ? ` (${REPLIES.feeDependsOn.hu(fee.dependsOn.hu!)})` : ''}:`,
        fee.note!.hu!,
      ]),
    );
  });

  it('shows a known amount as it is in the knowledge base', () => {
    const withAmount = knowledge.procedures.find((candidate) =>
      candidate.fees.some((fee) => (fee.amount ?? 0) > 0),
    )!;
    const fee = withAmount.fees.find((candidate) => (candidate.amount ?? 0) > 0)!;
    const answer = composeAnswer(withAmount, ['fees'], 'ro', options);
    expect(answer.sections[0].lines.join('\n')).toContain(`${String(fee.amount).replace('.', ',')} lei`);
  });

  it('tells which institution handles a redirect and what the city hall does', () => {
    const passport = procedure('pasaport');
    const answer = composeAnswer(passport, [], 'en', options);
    expect(titles(answer).slice(0, 2)).toEqual([SECTION_TITLES.redirect.en, SECTION_TITLES.cityHallRole.en]);
    expect(answer.sections[0].lines).toContain(passport.redirect!.institution.en);
    expect(answer.sections[1].lines).toEqual([passport.redirect!.cityHallRole.en]);
  });

  it('shows details that exist only in Romanian in Romanian, and says so in the citizen language', () => {
    const idCard = procedure('carte-identitate');
    const romanianOnly: Procedure = { ...idCard, documents: { ro: idCard.documents.ro } };
    const answer = composeAnswer(romanianOnly, ['documents'], 'hu', options);
    expect(answer.sections[0].lines).toEqual(idCard.documents.ro);
    expect(answer.notices).toHaveLength(1);
    expect(answer.text).toContain(answer.notices[0]);
    expect(composeAnswer(idCard, ['documents'], 'hu', options).notices).toEqual([]);
  });

  it('states no number that is not in the procedure file, for every procedure, language and facet', () => {
    const numbers = (text: string) => new Set(text.match(/\d+(?:[.,]\d+)?/g) ?? []);
    for (const entry of knowledge.procedures) {
      const source = readFileSync(fromProjectRoot(entry.path), 'utf8');
      const known = numbers(source);
      for (const lang of LANGS) {
        for (const facets of [
          [],
          ['documents', 'fees', 'where', 'deadline', 'validity', 'online', 'steps'],
        ] as const) {
          const answer = composeAnswer(entry, [...facets], lang, options);
          const listed = answer.sections.flatMap((section) => section.lines).join('\n');
          // Step numbers ("1. …") and "… and 3 more" count lines of the answer itself; every other number
          // is the knowledge base's.
          const stated = [...numbers(listed.replace(/^….*$/gm, '').replace(/^\d+\. /gm, ''))].map((number) =>
            number.replace(',', '.'),
          );
          const unknown = stated.filter(
            (number) => !known.has(number) && !known.has(number.replace('.', ',')),
          );
          expect({ slug: entry.slug, lang, unknown }).toEqual({ slug: entry.slug, lang, unknown: [] });
        }
      }
    }
  });
});
