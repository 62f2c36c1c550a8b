import type { Lang } from '../../language.js';
import { boundedMemo } from '../../text/bounded-memo.js';
import { tokenize } from '../../text/normalize.js';
import { stemKeys } from '../words/light-stemmer.js';
import type { PassageConfig } from './passage-config.js';

/** A detail cue found in a question: its name and the question words its phrase covered. */
export interface DetailCue {
  name: string;
  /** Stems of the words a sentence that answers it usually contains. */
  answer: string[][];
  /** The parts of a procedure file where this detail is usually written. */
  fields: string[];
  /** Indices of the question's normalised words that belong to the cue phrase. */
  words: number[];
  /**
   * A cue asked with common words ("cât", "when", "kinek"): it lets a sentence answer, but when none
   * does the reply stays the facet or overview answer instead of saying the file has no answer.
   */
  weak: boolean;
  /**
   * A case cue ("persoana singură", "living alone", "egyedül élő"; "handicap grav", "severe disability"):
   * the case a question asks about, not what it asks. It never asks a detail alone; with a detail cue,
   * a sentence that also answers it (in any language: its answer phrases are written in all three) is
   * the one about that case. It counts as a common cue (`weak`) for how the reply is composed.
   */
  case: boolean;
  /**
   * Read only in the sentences that ask (see `askedPart`), never in a story told before them: "nu vreau
   * s-o contest" tells what the citizen will not do.
   */
  askedOnly: boolean;
}

/**
 * An answer phrase written as this matches any word holding a digit: a figure, a date, an hour, a
 * phone number ("how many minutes?" is answered by "15 minute", "which number?" by "0264 596 030").
 */
export const ANY_FIGURE = '<figure>';

/**
 * The detail cues of a question ("câte exemplare", "by post", "érvényes"…): what it asks beyond the
 * procedure and its facet. A phrase word matches a question word that starts with it, words in order;
 * in a Hungarian question a short one also matches its suffixed forms (see `wordMatches`).
 */
export function findDetailCues(question: string, config: PassageConfig, lang?: Lang): DetailCue[] {
  const words = tokenize(question);
  const { cues, phrases } = preparedCues(config);
  const found: DetailCue[] = [];
  let cueIndex = -1;
  let covered: Set<number> | undefined;
  const flush = () => {
    if (!covered) return;
    const cue = cues[cueIndex]!;
    found.push({
      name: cue.name,
      answer: cue.answer.map((phrase) => [...phrase]),
      fields: cue.fields,
      words: [...covered],
      weak: cue.weak || cue.case,
      case: cue.case,
      askedOnly: cue.askedOnly,
    });
    covered = undefined;
  };
  // Cue by cue and phrase by phrase in the configuration's order, as if every phrase were tried: the
  // cues come out in that order and each one's words in the order its phrases found them.
  for (const order of candidatePhrases(words, config)) {
    const { cue, words: phrase } = phrases[order]!;
    if (cue !== cueIndex) {
      flush();
      cueIndex = cue;
    }
    if (phrase.includes(GAP)) {
      for (let start = 0; start < words.length; start++) {
        const span = gappedSpan(words, start, phrase, lang);
        if (!span) continue;
        covered ??= new Set<number>();
        for (const i of span) covered.add(i);
      }
      continue;
    }
    for (let start = 0; start + phrase.length <= words.length; start++) {
      if (!phraseAt(words, start, phrase, lang)) continue;
      covered ??= new Set<number>();
      for (let i = 0; i < phrase.length; i++) covered.add(start + i);
    }
  }
  flush();
  return withoutNarrowerCues(found);
}

interface PreparedCue {
  name: string;
  ask: string[][];
  answer: string[][];
  fields: string[];
  weak: boolean;
  case: boolean;
  askedOnly: boolean;
}

/** One ask phrase of a cue, numbered in configuration order (cue by cue, phrase by phrase). */
interface AskPhrase {
  cue: number;
  words: string[];
}

interface PreparedCues {
  cues: PreparedCue[];
  phrases: AskPhrase[];
  /**
   * The phrases by the first two letters of their first word (one letter when that word has one),
   * ascending: every way a question word matches a phrase word (`wordMatches`) starts with that word,
   * so a phrase can match only where a question word starts with its key.
   */
  byPrefix: Map<string, number[]>;
  /** The phrases that may match anywhere: those opening with a figure. */
  anywhere: number[];
}

/**
 * The cues with their phrases split into words once per configuration, and indexed by how their first
 * word begins: a question has a dozen words, the configuration hundreds of phrases, and checking each
 * phrase against each question was most of the cost of finding a question's cues.
 */
function preparedCues(config: PassageConfig): PreparedCues {
  let prepared = PREPARED.get(config);
  if (!prepared) {
    const cues = Object.entries(config.cues).map(([name, cue]) => ({
      name,
      ask: cue.ask.map(askPhrase),
      answer: cue.answer.map(phraseWords),
      fields: cue.fields,
      weak: cue.weak,
      case: cue.case,
      askedOnly: cue.askedOnly,
    }));
    const phrases: AskPhrase[] = [];
    const byPrefix = new Map<string, number[]>();
    const anywhere: number[] = [];
    cues.forEach((cue, index) => {
      for (const words of cue.ask) {
        // An empty phrase (punctuation only) matches nothing, nor does one opening with a gap (no word
        // to start at; it was never tried).
        if (words.length === 0 || words[0] === GAP) continue;
        const order = phrases.push({ cue: index, words }) - 1;
        const first = words[0];
        if (first === ANY_FIGURE) {
          anywhere.push(order);
          continue;
        }
        const prefix = phrasePrefix(first);
        const list = byPrefix.get(prefix) ?? [];
        list.push(order);
        byPrefix.set(prefix, list);
      }
    });
    prepared = { cues, phrases, byPrefix, anywhere };
    PREPARED.set(config, prepared);
  }
  return prepared;
}

const PREPARED = new WeakMap<PassageConfig, PreparedCues>();

/** The numbers of the phrases that may occur among `words`, ascending, each once. */
function candidatePhrases(words: string[], config: PassageConfig): number[] {
  const { byPrefix, anywhere } = preparedCues(config);
  const candidates = [...anywhere];
  for (const prefix of wordPrefixes(words)) {
    const list = byPrefix.get(prefix);
    if (list) for (const order of list) candidates.push(order);
  }
  // Each phrase is listed under one prefix, so none comes twice.
  return candidates.sort((a, b) => a - b);
}

/**
 * The key a phrase is indexed by: its first word's first two letters (the word itself when it has
 * one). A phrase word matches only words that start with it (`wordMatches`).
 */
export function phrasePrefix(word: string): string {
  return word.slice(0, 2);
}

/** Each word's first letter and first two letters: the phrase keys (`phrasePrefix`) the words can match. */
export function wordPrefixes(words: string[]): Set<string> {
  const prefixes = new Set<string>();
  for (const word of words) {
    prefixes.add(word.slice(0, 1));
    prefixes.add(word.slice(0, 2));
  }
  return prefixes;
}

/**
 * An ask phrase may hold a gap, written " * ": up to `MAX_GAP` words of the question between its parts.
 * A condition is often said around what it is about: "dacă nu plătesc impozitul pe casă la timp", "if I
 * don't pay my tax on time", "ha nem fizetem be időben". The words in the gap stay the question's
 * content words (they say which payment); only the phrase's own words are the cue's.
 */
export const GAP = '*';
const MAX_GAP = 4;

function askPhrase(phrase: string): string[] {
  return phrase
    .split(/\s\*\s/u)
    .flatMap((part, i) => (i === 0 ? phraseWords(part) : [GAP, ...phraseWords(part)]));
}

/**
 * A phrase's words, normalised; `<figure>` stays a word of its own wherever it is written, so a phrase
 * can say a figure and its unit ("<figure> de ani": "5 de ani", "17 ani" is "<figure> ani"). A quantity
 * the citizen states ("am o mașină de 5 ani, pierd ajutorul?") asks for the file's threshold in the same
 * unit, which a sentence states the same way ("mai noi de 10 ani").
 */
function phraseWords(phrase: string): string[] {
  return phrase
    .split(ANY_FIGURE)
    .flatMap((part, i) => (i === 0 ? tokenize(part) : [ANY_FIGURE, ...tokenize(part)]));
}

/** The question's word indices a gapped phrase covers from `start`, or undefined when it does not occur. */
export function gappedSpan(
  words: string[],
  start: number,
  phrase: string[],
  lang?: Lang,
): number[] | undefined {
  const covered: number[] = [];
  return spanFrom(words, start, phrase, 0, covered, lang) ? covered : undefined;
}

function spanFrom(
  words: string[],
  at: number,
  phrase: string[],
  part: number,
  covered: number[],
  lang?: Lang,
): boolean {
  if (part === phrase.length) return true;
  if (phrase[part] === GAP) {
    for (let skip = 0; skip <= MAX_GAP; skip++) {
      const mark = covered.length;
      if (spanFrom(words, at + skip, phrase, part + 1, covered, lang)) return true;
      covered.length = mark;
    }
    return false;
  }
  if (at >= words.length || !wordMatches(words[at], phrase[part], lang)) return false;
  covered.push(at);
  if (spanFrom(words, at + 1, phrase, part + 1, covered, lang)) return true;
  covered.pop();
  return false;
}

/**
 * The part of a message that asks: its sentences ending with a question mark, when the message also
 * tells something first ("Am certificatul de handicap valabil. Cardul vechi trebuie adus în original?").
 * The story's words say which procedure and case it is, not what is asked: its "valabil" describes a
 * paper the citizen has, and as a cue it would choose a sentence about validity. A message without a
 * question mark, or made of questions only, is asked whole.
 */
export function askedPart(message: string): string {
  const parts = message
    .split(/(?<=[.!?])\s+/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const questions = parts.filter((part) => part.endsWith('?'));
  if (questions.length === 0 || questions.length === parts.length) return message;
  return questions.join(' ');
}

/**
 * The cues whose question words another cue's phrase also covers, and more, are left out: the longer
 * phrase says what is asked ("how long does it last": a duration, not how soon a paper is issued).
 */
function withoutNarrowerCues(found: DetailCue[]): DetailCue[] {
  // (A case cue and a detail cue do not leave each other out: "jövedelemig" asks a figure, "egyedül élő
  // nyugdíjas" is whose.)
  const covers = (wide: DetailCue, narrow: DetailCue) =>
    wide.case === narrow.case &&
    wide.words.length > narrow.words.length &&
    narrow.words.every((word) => wide.words.includes(word));
  return found.filter((cue) => !found.some((other) => covers(other, cue)));
}

/**
 * Whether `phrase` occurs in `words` (written in `lang`, when known). A phrase word of four letters or
 * more matches the words it starts ("exemplar" → "exemplare"); a shorter one only itself ("ev" is not
 * "eveniment"), or in Hungarian its suffixed forms (see `wordMatches`).
 */
export function phraseOccurs(words: string[], phrase: string[], lang?: Lang): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phraseAt(words, start, phrase, lang)) return true;
  }
  return false;
}

// Plain loops, no callbacks: every question is checked against every phrase of every cue, and every
// sentence of a procedure against the asked cues' answer phrases, at every word position. A closure
// per position was most of what a turn allocated (~1 MB), and so much of its garbage-collection time.
function phraseAt(words: string[], start: number, phrase: string[], lang?: Lang): boolean {
  for (let i = 0; i < phrase.length; i++) {
    if (!wordMatches(words[start + i], phrase[i], lang)) return false;
  }
  return true;
}

/**
 * The words of a sentence as the cues' answer phrases see them: normalised, with a percent sign read as
 * the word "percent" ("o reducere de 50%" answers "what percentage?", and normalisation drops signs).
 */
export function answerWords(text: string): string[] {
  return tokenize(text.replace(/%/g, ' percent '));
}

/**
 * Whether a word matches a phrase word. Four letters or more: the word starts with it. Shorter: the word
 * is it, or — in Hungarian — the light stemmer reads the word as it with a case ending ("napig", "napra",
 * "évre", "órakor" → "nap", "év", "óra"): Hungarian writes the time units a detail is asked and answered
 * in with an ending more often than without. Only in Hungarian: the same stemming would read Romanian
 * "cere" as "ce" and "către" as "cât".
 */
export function wordMatches(word: string, part: string, lang?: Lang): boolean {
  if (part === ANY_FIGURE) return /\d/.test(word);
  if (part.length >= 4) return word.startsWith(part);
  if (word === part) return true;
  return lang === 'hu' && word.startsWith(part) && hungarianStems(word).has(part);
}

/**
 * The stems the light stemmer gives a Hungarian word (its `hu:` and `hs:` keys), cached per word,
 * bounded: questions bring words the knowledge base never saw.
 */
const hungarianStems = boundedMemo(
  (word: string): Set<string> =>
    new Set(
      stemKeys(word, ['hu'])
        .filter((key) => key.startsWith('hu:') || key.startsWith('hs:'))
        .map((key) => key.slice(3)),
    ),
  { maxEntries: 20_000 },
);

/**
 * The question without the words of its detail cues ("cât de recent", "postán", "valid"), or undefined
 * when it has none. Those words say what is asked about a procedure, not which one: in a long question
 * they lower its coverage of the right procedure like unknown topic words would.
 */
export function withoutDetailCues(question: string, config: PassageConfig): string | undefined {
  // A case cue ("living alone", "venit") says which case, and so often which procedure: its words stay.
  // So does a quantity the citizen states ("lesz 14 éves", "o casă de 10 mp"): the figure and its unit
  // are what the file's condition is written in ("első igazolvány 14 évesen").
  const words = tokenize(question);
  const statesQuantity = (cue: DetailCue) => cue.words.some((i) => /\d/u.test(words[i] ?? ''));
  const cues = findDetailCues(question, config).filter((cue) => !cue.case && !statesQuantity(cue));
  if (cues.length === 0) return undefined;
  const covered = new Set(cues.flatMap((cue) => cue.words));
  const rest = words.filter((_, i) => !covered.has(i));
  return rest.length > 0 ? rest.join(' ') : undefined;
}
