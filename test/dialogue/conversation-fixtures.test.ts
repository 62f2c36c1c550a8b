import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  parseLabelledConversations,
  type LabelledConversation,
} from '../../src/dialogue/labelled-conversations.js';
import { LANGS } from '../../src/language.js';
import { fromProjectRoot } from '../../src/project-root.js';

/** The fixture files, the id prefix their conversations carry, and the per-language minimum (issue #10). */
const FIXTURES = [
  { file: 'conversations-fit.jsonl', prefix: 'fit', minimumPerLang: 25, minimumTotal: 75 },
  { file: 'conversations-holdout.jsonl', prefix: 'holdout', minimumPerLang: 10, minimumTotal: 30 },
] as const;

const knownSlugs = new Set(
  readdirSync(fromProjectRoot('knowledge-base/procedures'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -'.md'.length)),
);

function readFixture(file: string) {
  return parseLabelledConversations(readFileSync(fromProjectRoot('test/fixtures', file), 'utf8'), file);
}

const slugsOf = (conversation: LabelledConversation): string[] =>
  conversation.turns.flatMap((turn) => [...(turn.expect === null ? [] : [turn.expect]), ...(turn.alt ?? [])]);

describe.each(FIXTURES)('$file', ({ file, prefix, minimumPerLang, minimumTotal }) => {
  const { conversations, problems } = readFixture(file);

  it('is one valid labelled conversation per line', () => {
    expect(problems).toEqual([]);
    expect(conversations.length).toBeGreaterThanOrEqual(minimumTotal);
  });

  it(`has ids that are unique and start with "${prefix}-"`, () => {
    const ids = conversations.map((conversation) => conversation.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(ids.filter((id) => !id.startsWith(`${prefix}-`))).toEqual([]);
  });

  it('names only procedures that exist in knowledge-base/procedures', () => {
    const unknown = conversations.flatMap((conversation) =>
      slugsOf(conversation)
        .filter((slug) => !knownSlugs.has(slug))
        .map((slug) => `${conversation.id}: ${slug}`),
    );
    expect(unknown).toEqual([]);
  });

  it.each(LANGS)(`has at least ${minimumPerLang} conversations in %s`, (lang) => {
    expect(conversations.filter((conversation) => conversation.lang === lang).length).toBeGreaterThanOrEqual(
      minimumPerLang,
    );
  });
});

describe('the fit and holdout sets', () => {
  it('share no longer turn text, so the holdout checks generalisation', () => {
    const fit = readFixture('conversations-fit.jsonl').conversations;
    const holdout = readFixture('conversations-holdout.jsonl').conversations;
    const fitTexts = new Set(
      fit.flatMap((conversation) => conversation.turns.map((turn) => normalised(turn.text))),
    );
    const repeated = holdout.flatMap((conversation) =>
      conversation.turns.filter((turn) => fitTexts.has(normalised(turn.text))).map((turn) => turn.text),
    );
    // Short follow-ups ("is there a deadline?") and thanks naturally recur; longer turns must not.
    expect(repeated.filter((text) => text.split(/\s+/).length > 5)).toEqual([]);
  });
});

const normalised = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

describe('parseLabelledConversations', () => {
  const turn = (text: string, expect: string | null, kind: string, extra: Record<string, unknown> = {}) => ({
    text,
    expect,
    kind,
    ...extra,
  });
  const line = (turns: unknown[], id = 'fit-ro-001', lang = 'ro') => JSON.stringify({ id, lang, turns });
  const good = [
    turn('cum fac viza de flotant?', 'viza-resedinta', 'first'),
    turn('si cat costa?', 'viza-resedinta', 'follow-up', { facet: 'fees' }),
    turn('mersi', null, 'social', { facet: 'thanks' }),
  ];

  it('accepts a well-labelled conversation', () => {
    const { conversations, problems } = parseLabelledConversations(line(good));
    expect(problems).toEqual([]);
    expect(conversations).toHaveLength(1);
  });

  it.each([
    ['a line that is not JSON', '{"id": "fit-ro-001",', 'not valid JSON'],
    ['too few turns', line(good.slice(0, 2)), 'turns'],
    ['an unknown field', line([{ ...good[0], note: 'x' }, ...good.slice(1)]), 'turns.0'],
    ['an id that names another language', line(good, 'fit-hu-001'), 'does not name lang'],
    [
      'a follow-up that changes procedure',
      line([good[0], turn('si cat costa?', 'carte-identitate', 'follow-up', { facet: 'fees' }), good[2]]),
      'follow-up must stay on viza-resedinta',
    ],
    [
      'a "which one?" turn that expects a procedure',
      line([turn('autorizatie', 'autorizatie-construire', 'first', { facet: 'ask' }), ...good.slice(1)]),
      'facet ask',
    ],
    [
      'a social turn that expects a procedure',
      line([...good.slice(0, 2), turn('mersi', 'viza-resedinta', 'social', { facet: 'thanks' })]),
      'social turn expects null',
    ],
    [
      'a correction that keeps the same procedure',
      line([...good.slice(0, 2), turn('nu, ma refeream la flotant', 'viza-resedinta', 'correction')]),
      'correction must leave viza-resedinta',
    ],
    [
      'a choice with no "which one?" before it',
      line([good[0], turn('cel de construire', 'autorizatie-construire', 'choice'), good[2]]),
      'choice must answer',
    ],
    [
      'alt repeating expect',
      line([{ ...good[0], alt: ['viza-resedinta'] }, ...good.slice(1)]),
      'alt repeats expect',
    ],
  ])('reports %s with its line number', (_what, text, message) => {
    const { conversations, problems } = parseLabelledConversations(`\n${text}\n`, 'sample.jsonl');
    expect(conversations).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.startsWith('sample.jsonl:2: '))).toBe(true);
    expect(problems.join('\n')).toContain(message);
  });
});
