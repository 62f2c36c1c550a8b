import { describe, expect, it } from '@jest/globals';
import {
  ANY_FIGURE,
  GAP,
  findDetailCues,
  gappedSpan,
  wordMatches,
  type DetailCue,
} from '../../../src/knowledge/passages/detail-cues.js';
import { passageConfig } from '../../../src/knowledge/passages/passage-config.js';
import type { Lang } from '../../../src/language.js';
import { tokenize } from '../../../src/text/normalize.js';

const config = passageConfig();

/** A phrase's words as the configuration means them: `<figure>` is a word of its own wherever it stands. */
const phraseWords = (phrase: string) =>
  phrase.split(ANY_FIGURE).flatMap((part, i) => (i === 0 ? tokenize(part) : [ANY_FIGURE, ...tokenize(part)]));

/** The configured cues with their ask phrases split into words (a gap as `GAP`). */
const CUES = Object.entries(config.cues).map(([name, cue]) => ({
  name,
  cue,
  phrases: cue.ask.map((written) =>
    written
      .split(/\s\*\s/u)
      .flatMap((part, i) => (i === 0 ? phraseWords(part) : [GAP, ...phraseWords(part)])),
  ),
}));

/**
 * The cues as found before the phrases were indexed by their first letters: every phrase of every cue
 * tried at every position of the question. The index must only skip phrases that cannot match.
 */
function everyPhraseTried(question: string, lang?: Lang): DetailCue[] {
  const words = tokenize(question);
  const found: DetailCue[] = [];
  for (const { name, cue, phrases } of CUES) {
    const covered = new Set<number>();
    for (const phrase of phrases) {
      if (phrase.length === 0 || phrase[0] === GAP) continue;
      for (let start = 0; start < words.length; start++) {
        if (phrase.includes(GAP)) {
          for (const i of gappedSpan(words, start, phrase, lang) ?? []) covered.add(i);
        } else if (
          phrase.every((part, i) => start + i < words.length && wordMatches(words[start + i]!, part, lang))
        ) {
          for (let i = 0; i < phrase.length; i++) covered.add(start + i);
        }
      }
    }
    if (covered.size === 0) continue;
    found.push({
      name,
      answer: cue.answer.map(phraseWords),
      fields: cue.fields,
      words: [...covered],
      weak: cue.weak || cue.case,
      case: cue.case,
      askedOnly: cue.askedOnly,
    });
  }
  const covers = (wide: DetailCue, narrow: DetailCue) =>
    wide.case === narrow.case &&
    wide.words.length > narrow.words.length &&
    narrow.words.every((word) => wide.words.includes(word));
  return found.filter((cue) => !found.some((other) => covers(other, cue)));
}

/** Each ask phrase of the configuration said inside a question, in each language's frame. */
function questionsFromPhrases(): Array<[Lang, string]> {
  const frames: Record<Lang, (phrase: string) => string> = {
    ro: (phrase) => `Bună ziua, pentru buletin ${phrase} sau nu?`,
    en: (phrase) => `Hello, for my passport ${phrase} or not?`,
    hu: (phrase) => `Jó napot, az útlevélhez ${phrase} vagy nem?`,
  };
  const questions: Array<[Lang, string]> = [];
  const langs = ['ro', 'en', 'hu'] as const;
  for (const cue of Object.values(config.cues)) {
    for (const phrase of cue.ask) {
      // One language's frame per phrase, in turn: every phrase is said once, every frame used.
      const lang = langs[questions.length % langs.length]!;
      // A figure is said as one ("<figure> ani": "5 ani").
      const said = phrase.replace(/\s\*\s/gu, ' a kártya ').replaceAll(ANY_FIGURE, '5');
      questions.push([lang, frames[lang](said)]);
    }
  }
  return questions;
}

describe('detail cues found through the phrase index', () => {
  it('finds exactly what trying every phrase finds, for every configured phrase in a question', () => {
    const questions = questionsFromPhrases();
    expect(questions.length).toBeGreaterThan(500);
    for (const [lang, question] of questions) {
      expect([question, findDetailCues(question, config, lang)]).toEqual([
        question,
        everyPhraseTried(question, lang),
      ]);
      expect(findDetailCues(question, config)).toEqual(everyPhraseTried(question));
    }
  });

  it.each([
    ['ro', 'În câte exemplare se depune dosarul? Poate veni o rudă în locul meu, prin poștă?'],
    ['en', 'How long is the old disabled parking card valid, and can a relative or a lawyer bring it?'],
    ['hu', 'A fiam beadhatja e-mailben? Hány napig érvényes, és hány példányban kell?'],
    ['hu', 'Meddig érvényes az igazolás, napra pontosan, és mennyi a késedelmi pótlék?'],
    ['en', 'a b c d e f g'],
    ['ro', ''],
  ] as const)(
    'matches phrases opening with a one-letter word and several cues at once (%s: %s)',
    (lang, question) => {
      expect(findDetailCues(question, config, lang)).toEqual(everyPhraseTried(question, lang));
    },
  );

  it('keeps the configuration order of the cues and of each cue’s words', () => {
    const question = 'Hány példányban, meddig érvényes és postán is beküldhetem?';
    const found = findDetailCues(question, config, 'hu');
    expect(found.length).toBeGreaterThan(1);
    expect(found.map((cue) => cue.name)).toEqual(everyPhraseTried(question, 'hu').map((cue) => cue.name));
  });

  it('returns cues the caller may change without changing the next answer', () => {
    const first = findDetailCues('În câte exemplare se depune?', config, 'ro');
    first[0]!.answer[0]!.push('changed');
    first[0]!.words.push(99);
    const second = findDetailCues('În câte exemplare se depune?', config, 'ro');
    expect(second[0]!.answer[0]).not.toContain('changed');
    expect(second[0]!.words).not.toContain(99);
  });
});
