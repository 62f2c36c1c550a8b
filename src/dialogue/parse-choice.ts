import { normalizeText, tokenize } from '../text/normalize.js';
import { isFillerWord } from './facets.js';

/**
 * Reads a typed answer to "which one do you mean?": an ordinal ("primul", "1", "the second", "a harmadik"),
 * "the last one", or a word that names exactly one of the offered procedures ("urbanism"). Returns the
 * index of the chosen option, or undefined when the message is not a choice (then it is a new question).
 */
export interface ChoiceOption {
  /** Every name of the option, in every language (titles, keywords). */
  names: string[];
}

// prettier-ignore
const ORDINALS: Array<{ index: number | 'last'; phrases: string[] }> = [
  { index: 0, phrases: ['1', '1st', 'unu', 'primul', 'prima', 'primu', 'intai', 'first', 'one', 'elso', 'elsot', 'egyes', 'egyest', 'egy'] },
  { index: 1, phrases: ['2', '2nd', 'doi', 'doua', 'doilea', 'al doilea', 'a doua', 'second', 'two', 'masodik', 'masodikat', 'kettes', 'ketto', 'kettot'] },
  { index: 2, phrases: ['3', '3rd', 'trei', 'treilea', 'al treilea', 'a treia', 'third', 'three', 'harmadik', 'harmadikat', 'harmas', 'harom'] },
  { index: 'last', phrases: ['ultimul', 'ultima', 'last', 'utolso', 'utolsot'] },
];

// Words around an ordinal that do not change its meaning ("vreau primul", "the second one please").
const AROUND_ORDINAL = new Set(
  'vreau aleg alege pe cel cea al a varianta optiunea optiune numarul nr nu mai de la one the option number i want choose pick please va rog rog ok da yes igen a az valasztom kerem szam szamu lehetoseg opcio option one'.split(
    ' ',
  ),
);

// A name word must be this long to pick an option by itself ("cu" or "de" never should).
const MIN_NAME_WORD = 4;
const MAX_CHOICE_WORDS = 8;

export function parseChoice(text: string, options: ChoiceOption[]): number | undefined {
  const tokens = tokenize(text);
  if (tokens.length === 0 || tokens.length > MAX_CHOICE_WORDS || options.length === 0) return undefined;
  const ordinal = readOrdinal(tokens, options.length);
  if (ordinal !== undefined) return ordinal;
  return readName(tokens, options);
}

function readOrdinal(tokens: string[], optionCount: number): number | undefined {
  const rest = tokens.filter((token) => !AROUND_ORDINAL.has(token));
  const joined = rest.join(' ');
  for (const { index, phrases } of ORDINALS) {
    if (
      phrases.includes(joined) ||
      (rest.length === 0 && phrases.some((phrase) => tokens.includes(phrase)))
    ) {
      const resolved = index === 'last' ? optionCount - 1 : index;
      return resolved < optionCount ? resolved : undefined;
    }
  }
  return undefined;
}

/** The option whose names share the most distinctive words with the message, if exactly one does. */
function readName(tokens: string[], options: ChoiceOption[]): number | undefined {
  const words = options.map((option) => new Set(option.names.flatMap((name) => tokenize(name))));
  // Words every option shares ("certificat") cannot tell them apart.
  const shared = new Set([...words[0]].filter((word) => words.every((set) => set.has(word))));
  const scores = words.map((set) => {
    let score = 0;
    for (const token of tokens) {
      if (token.length < MIN_NAME_WORD || shared.has(token) || isFillerWord(token)) continue;
      if ([...set].some((word) => !shared.has(word) && sameWord(token, word))) score += 1;
    }
    return score;
  });
  const best = Math.max(...scores);
  if (best === 0) return undefined;
  const winners = scores.filter((score) => score === best).length;
  return winners === 1 ? scores.indexOf(best) : undefined;
}

/** Equal, or one is the other with an ending (Romanian and Hungarian inflect: "fiscal" ~ "fiscala"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return (
    shorter.length >= MIN_NAME_WORD + 1 && longer.startsWith(shorter) && longer.length - shorter.length <= 3
  );
}

/** For tests and callers that hold names as one string. */
export function optionFromNames(...names: string[]): ChoiceOption {
  return { names: names.map(normalizeText) };
}
