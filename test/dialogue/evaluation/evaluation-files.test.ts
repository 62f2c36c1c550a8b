import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseDetailQuestions } from '../../../src/dialogue/evaluation/detail-questions.js';
import { parseDialogueCases, slugsOfDialogueCase } from '../../../src/dialogue/evaluation/dialogue-cases.js';
import { EvalDataError } from '../../../src/dialogue/evaluation/eval-data-error.js';
import { checkKnownProcedures } from '../../../src/dialogue/evaluation/procedure-slug.js';
import { fromProjectRoot } from '../../../src/project-root.js';

/** Reading the evaluation files: the shared dev sets parse, and a data error names its line. */
const fixture = (name: string) => fromProjectRoot('test', 'fixtures', name);
const line = (value: unknown) => JSON.stringify(value);
const goodCase = {
  id: 'c1',
  lang: 'ro',
  turns: [{ text: 'Cum îmi fac buletinul?', expect: 'carte-identitate' }],
};
const goodQuestion = { q: 'Cât costă?', lang: 'ro', expect: ['pasaport'], mustContain: ['lei'] };

function errorOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(EvalDataError);
    return (error as Error).message;
  }
  throw new Error('expected a data error');
}

describe('evaluation files', () => {
  it('reads the shared dev conversations and dev details (with their "source" field)', () => {
    const dialogues = parseDialogueCases(
      readFileSync(fixture('eval-dev-dialogues.jsonl'), 'utf8'),
      'dialogues',
    );
    expect(dialogues).toHaveLength(40);
    expect(dialogues.reduce((sum, { value }) => sum + value.turns.length, 0)).toBe(233);
    const details = parseDetailQuestions(readFileSync(fixture('eval-dev-details.jsonl'), 'utf8'), 'details');
    expect(details).toHaveLength(50);
    expect(details.every(({ value }) => typeof value.source === 'string')).toBe(true);
  });

  it('names the line of a line that is not JSON, counting blank lines', () => {
    const text = [line(goodCase), '', '{"id": "c2",'].join('\n');
    expect(errorOf(() => parseDialogueCases(text, 'd.jsonl'))).toBe('d.jsonl:3: not valid JSON');
  });

  it('names the line and the field of a line that breaks the format', () => {
    const text = [
      line(goodCase),
      line({ ...goodCase, id: 'c2', turns: [{ text: 'x', expect: 'Not A Slug' }] }),
    ].join('\n');
    expect(errorOf(() => parseDialogueCases(text, 'd.jsonl'))).toMatch(
      /^d\.jsonl:2: turns\.0\.expect: must be a procedure slug/,
    );
    expect(errorOf(() => parseDialogueCases(line({ ...goodCase, turns: [] }), 'd.jsonl'))).toMatch(
      /^d\.jsonl:1: turns: /,
    );
    expect(
      errorOf(() => parseDetailQuestions(line({ ...goodQuestion, mustcontain: ['lei'] }), 'q.jsonl')),
    ).toMatch(/^q\.jsonl:1: /);
    expect(errorOf(() => parseDetailQuestions(line({ ...goodQuestion, lang: 'de' }), 'q.jsonl'))).toMatch(
      /^q\.jsonl:1: lang: /,
    );
  });

  it('refuses alternatives to a turn that expects no procedure, and a repeated id', () => {
    const withAlt = { ...goodCase, turns: [{ text: 'salut', expect: null, alt: ['pasaport'] }] };
    expect(errorOf(() => parseDialogueCases(line(withAlt), 'd.jsonl'))).toMatch(
      /^d\.jsonl:1: turns\.0\.alt: /,
    );
    const twice = [line(goodCase), line(goodCase)].join('\n');
    expect(errorOf(() => parseDialogueCases(twice, 'd.jsonl'))).toBe(
      'd.jsonl:2: id: "c1" is already used on line 1',
    );
  });

  it('refuses an empty file', () => {
    expect(errorOf(() => parseDetailQuestions('\n\n', 'q.jsonl'))).toBe(
      'q.jsonl:1: the file has no lines to evaluate',
    );
  });

  it('names the line of a procedure the knowledge base does not have', () => {
    const text = [
      line(goodCase),
      line({ ...goodCase, id: 'c2', turns: [{ text: 'x', expect: 'pasaport', alt: ['pasaprot'] }] }),
    ].join('\n');
    const cases = parseDialogueCases(text, 'd.jsonl');
    const catalog = {
      procedure: (slug: string) =>
        ['carte-identitate', 'pasaport'].includes(slug) ? ({} as never) : undefined,
    };
    expect(errorOf(() => checkKnownProcedures(cases, slugsOfDialogueCase, catalog, 'd.jsonl'))).toBe(
      'd.jsonl:2: "pasaprot" is not a procedure of the knowledge base',
    );
  });
});
