import { normalizeText } from '../../text/normalize.js';
import type { WrittenAnswer } from './answer-writer.js';

/**
 * The last check before an LLM-written answer reaches a citizen. An answer is replaced by the composed one
 * when it came too late or not at all, cites no source, or states a number (amount, deadline, hour,
 * count) or "free" that the knowledge it was given does not contain. Deliberately strict: a false
 * alarm costs a plainer answer; a missed invention costs a citizen a wasted trip.
 */
export type GuardVerdict =
  | 'passed'
  | 'replaced_timeout'
  | 'replaced_error'
  | 'replaced_empty'
  | 'replaced_no_source'
  | 'replaced_invented_number'
  | 'replaced_unsupported_claim';

export interface GuardResult {
  verdict: GuardVerdict;
  /** What failed the check (the unsupported numbers or words), for the message meta and the logs. */
  offending: string[];
}

const CITATION = /\[(\d{1,2})\]/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;

// Spelled-out numbers, normalised. Ambiguous words are left out on purpose: ro "un"/"o" (articles),
// "noua" (nine, and "new"), en "one", "opt"; hu "egy" (also "a"), "hat" (six, and an English word),
// "het" (seven, and "week").
// prettier-ignore
const NUMBER_WORDS: Record<string, string> = {
  doi: '2', doua: '2', trei: '3', patru: '4', cinci: '5', sase: '6', sapte: '7', zece: '10',
  cincisprezece: '15', douazeci: '20', treizeci: '30', saizeci: '60', suta: '100', sute: '100',
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  fifteen: '15', twenty: '20', thirty: '30', sixty: '60', hundred: '100',
  ket: '2', ketto: '2', harom: '3', negy: '4', ot: '5', nyolc: '8', kilenc: '9', tiz: '10', tizenot: '15',
  husz: '20', harminc: '30', hatvan: '60', szaz: '100',
};

// Ways of saying "it costs nothing" (normalised phrases).
// prettier-ignore
const FREE_CLAIMS = [
  'gratuit', 'gratuita', 'gratuite', 'gratis', 'fara taxa', 'fara plata', 'nu costa nimic', 'nu se plateste',
  'free of charge', 'for free', 'is free', 'are free', 'no fee', 'no charge', 'costs nothing',
  'ingyenes', 'ingyen', 'dijmentes', 'nincs dij', 'nem kerul semmibe',
];

export function guardWrittenAnswer(
  written: WrittenAnswer,
  knowledge: string,
  sourceCount: number,
): GuardResult {
  if (written.failure === 'timeout') return { verdict: 'replaced_timeout', offending: [] };
  if (written.failure === 'error' || written.text === undefined)
    return { verdict: 'replaced_error', offending: [] };
  const text = written.text;
  if (text.trim().length === 0) return { verdict: 'replaced_empty', offending: [] };

  const citations = [...text.matchAll(CITATION)].map((match) => Number(match[1]));
  const badCitations = citations.filter((number) => number < 1 || number > sourceCount);
  if (citations.length === 0 || badCitations.length > 0) {
    return { verdict: 'replaced_no_source', offending: badCitations.map((number) => `[${number}]`) };
  }

  const withoutCitations = text.replace(CITATION, ' ');
  const known = numberForms(knowledge);
  const knownWords = new Set(normalizeText(knowledge).split(' '));
  const invented = [...withoutCitations.matchAll(NUMBER)]
    .map((match) => match[0])
    .filter((number) => !wholeForms(number).some((form) => known.has(form)));
  for (const word of normalizeText(withoutCitations).split(' ')) {
    const value = NUMBER_WORDS[word];
    if (value && !knownWords.has(word) && !known.has(value)) invented.push(word);
  }
  if (invented.length > 0) return { verdict: 'replaced_invented_number', offending: [...new Set(invented)] };

  const answerPhrase = ` ${normalizeText(withoutCitations)} `;
  const knowledgePhrase = ` ${normalizeText(knowledge)} `;
  const claims = FREE_CLAIMS.filter((claim) => answerPhrase.includes(` ${claim} `));
  const knowledgeSaysFree = FREE_CLAIMS.some((claim) => knowledgePhrase.includes(` ${claim} `));
  if (claims.length > 0 && !knowledgeSaysFree)
    return { verdict: 'replaced_unsupported_claim', offending: claims };

  return { verdict: 'passed', offending: [] };
}

const stripZeros = (value: string) => value.replace(/^0+(?=\d)/, '');

/** "1.000", "1,000" and "1000" are one number; "7,5" and "7.5" too; "08" and "8" too. */
function wholeForms(raw: string): string[] {
  return [stripZeros(raw.replace(/,/g, '.')), stripZeros(raw.replace(/[.,]/g, ''))];
}

/**
 * The numbers the knowledge contains. Each part of a dotted number also counts on its own, because a
 * source writes "08.30" or "15.12.2026" where an answer may say "8" or "15" (never the other way round).
 */
function numberForms(text: string): Set<string> {
  const forms = new Set<string>();
  for (const match of text.matchAll(NUMBER)) {
    for (const form of wholeForms(match[0])) forms.add(form);
    for (const part of match[0].split(/[.,]/)) forms.add(stripZeros(part));
  }
  return forms;
}
