import { isStopword } from '../../knowledge/words/stopwords.js';
import { tokenize } from '../../text/normalize.js';
import { isFillerWord, readFacets, type Facet } from '../facets.js';

/**
 * What a message's form says about its place in the conversation, apart from the procedure words in it:
 * the facets named, whether it is about a person or a circumstance of the same procedure ("for my wife",
 * "on Saturday", "from abroad"), whether it opens as a continuation ("și…", "and…", "és…"), whether it
 * corrects the previous answer ("nu, mă refeream la…"), and the content words left to weigh as evidence.
 * These are closed word classes (people, conjunctions, negations), not topics: which procedure the
 * content words point to is measured on the knowledge base (procedure-word-index.ts).
 */
export interface TurnCues {
  facets: Facet[];
  /** People, roles and circumstances inside a procedure. */
  caseCue: boolean;
  /** An opening conjunction or a pointing pronoun: the message leans on what was said before. */
  continuationCue: boolean;
  /** It opens with "și / and / és…": often how a new, related request is added ("and the passport?"). */
  openerCue: boolean;
  /** A pronoun or adverb pointing back ("asta", "it", "hozzá"): the message is about what was said. */
  pointerCue: boolean;
  /** "One" standing for the topic's object ("a temporary one", "unul provizoriu", "egy ideigleneset"). */
  substituteCue: boolean;
  /** The citizen says the previous answer was about the wrong thing. */
  correction: boolean;
  /** Words that may name a topic: not facet phrases, fillers, stop words, case or correction words. */
  content: string[];
  /** Words said right after a negation ("nu fiscal", "not demolish", "nem címigazolást"). */
  negated: string[];
}

// Normalised word prefixes (no diacritics): people, roles and circumstances of a case, ro/en/hu.
// prettier-ignore
const CASE_PREFIXES = [
  // ro
  'sotul', 'sotia', 'sotie', 'copil', 'copii', 'fiul', 'fiului', 'fiica', 'fetit', 'baiat', 'mama',
  'mamei', 'tata', 'tatal', 'tatic', 'parint', 'amandoi', 'amandou', 'bunic', 'frate', 'fratel', 'sora',
  'minor', 'pensionar', 'strain', 'strainatate', 'sambata', 'duminica', 'weekend', 'posta', 'imputernic',
  'procura', 'proprietar', 'martor', 'notar', 'avocat', 'vecin', 'logodnic', 'familia', 'cetatean',
  // en
  'wife', 'husband', 'spouse', 'partner', 'child', 'children', 'son', 'daughter', 'kid', 'baby', 'mother',
  'mom', 'mum', 'father', 'dad', 'parent', 'both', 'brother', 'sister', 'grand', 'someone', 'somebody',
  'instead', 'behalf', 'abroad', 'foreign', 'saturday', 'sunday', 'weekend', 'post', 'mail', 'proxy',
  'owner', 'landlord', 'landlady', 'witness', 'notary', 'lawyer', 'neighbo', 'fiance', 'pensioner',
  'citizen',
  // hu
  'feleseg', 'ferj', 'gyerek', 'gyermek', 'fiam', 'fiunk', 'lanyom', 'lanyunk', 'kislany', 'kisfiu',
  'anyam', 'anyuk', 'apam', 'apuk', 'szulo', 'mindket', 'testver', 'nagymam', 'nagyap', 'nagyszul',
  'helyett', 'kulfold', 'szombat', 'vasarnap', 'meghatalmaz', 'tulajdonos', 'tanuk', 'tanunak', 'kozjegyzo',
  'ugyved', 'szomszed', 'volegeny', 'menyasszony', 'nyugdijas', 'allampolgar',
];
// Short words matched whole (as prefixes they would catch unrelated words: "tanú" in "tanúsítvány").
// prettier-ignore
const CASE_WORDS = new Set([
  'sot', 'el', 'ea', 'ei', 'ele', 'lui', 'son', 'kid', 'mom', 'dad', 'he', 'she', 'him', 'her', 'they',
  'them', 'tanu', 'ot', 'neki', 'apa', 'anya', 'fia',
]);

// Words that open a message leaning on the previous one, and pronouns that point back to it.
// prettier-ignore
const OPENERS = new Set(['si', 'dar', 'iar', 'and', 'but', 'also', 'plus', 'es', 'de', 'meg', 'hat', 'pedig']);
// prettier-ignore
const POINTERS = new Set([
  'asta', 'aceasta', 'acesta', 'ala', 'aia', 'acolo', 'it', 'that', 'this', 'those', 'there', 'ezt', 'azt',
  'ez', 'az', 'ezzel', 'azzal', 'ehhez', 'ahhoz', 'oda', 'ott', 'erre', 'arra', 'hozza', 'hozzajuk', 'ra',
  'rola', 'vele',
]);

// "One" standing for a thing already named: the words beside it qualify the topic's object.
const SUBSTITUTES = new Set(['one', 'unul', 'una', 'egyet', 'olyat', 'ilyet']);

// Phrases (normalised) that take back the previous answer's topic.
// prettier-ignore
const CORRECTION_PHRASES = [
  'de fapt', 'ma refeream', 'ma gandeam la', 'nu asta', 'nu la asta', 'nu despre asta', 'altceva',
  'am vrut sa zic', 'voiam sa zic', 'am intrebat de', 'nu m ati inteles', 'nu ai inteles',
  'am zis gresit', 'am gresit', 'am scris gresit', 'am citit gresit', 'm am inselat', 'am incurcat',
  'intrebam de', 'intrebam despre', 'voiam sa intreb', 'nu aia', 'nu pe asta', 'nu ala',
  // "what I was interested in / wanted to know": said to redirect, their verbs name no procedure
  // ("interesa" would otherwise point to "informații de interes public")
  'ma interesa', 'voiam sa stiu', 'voiam sa aflu',
  'i was interested in', 'i wanted to know', 'i was asking',
  'arra voltam kivancsi', 'azt akartam tudni',
  'i meant', 'i mean', 'actually', 'not that', 'i was asking about', 'i asked about', 'something else',
  'misunderstood', 'wrong one', 'i should have said', 'my mistake', 'my bad', 'i confused', 'mixed up',
  'what i actually need', 'i was talking about', 'no wait',
  'arra gondoltam', 'gondoltam', 'hanem', 'nem ez', 'nem arra', 'nem azt', 'valojaban', 'felreertett',
  'masra gondoltam', 'rosszul mondtam', 'tevedtem', 'pontositok', 'osszekevertem', 'elirtam',
  'helyesbitek', 'nem errol', 'nem arrol',
];
const CORRECTION_OPENING = /^\s*(nu|no|nope|nem)\s*[,.!;:-]/i;
const NEGATIONS = new Set(['nu', 'not', 'no', 'nem']);
// Words a negation may have before the word it denies: "nu e X", "not the X", "nem a X".
const NEGATION_BRIDGE = new Set([
  'e',
  'este',
  'era',
  'is',
  'was',
  'the',
  'a',
  'an',
  'az',
  'de',
  'la',
  'about',
]);
const CORRECTION_WORDS = new Set(CORRECTION_PHRASES.flatMap((phrase) => phrase.split(' ')));

export function readTurnCues(text: string): TurnCues {
  const { facets, topic } = readFacets(text);
  const tokens = tokenize(text);
  const normalized = ` ${tokens.join(' ')} `;
  const correction =
    CORRECTION_OPENING.test(text) || CORRECTION_PHRASES.some((phrase) => normalized.includes(` ${phrase} `));
  const isCaseWord = (word: string) =>
    CASE_WORDS.has(word) || CASE_PREFIXES.some((prefix) => word.startsWith(prefix));
  const caseCue = tokens.some(isCaseWord);
  const openerCue = tokens.length > 0 && OPENERS.has(tokens[0]);
  const pointerCue = tokens.some((token) => POINTERS.has(token));
  const continuationCue = openerCue || pointerCue;
  const substituteCue = tokens.some((token) => SUBSTITUTES.has(token));
  const content = topic.filter(
    (word) =>
      word.length >= 2 &&
      !isStopword(word) &&
      !isFillerWord(word) &&
      !isCaseWord(word) &&
      !(correction && CORRECTION_WORDS.has(word)) &&
      !/^\d+$/.test(word),
  );
  return {
    facets,
    caseCue,
    continuationCue,
    openerCue,
    pointerCue,
    substituteCue,
    correction,
    content: [...new Set(content)],
    negated: negatedWords(tokens),
  };
}

/** The word each negation denies: the next token, skipping a copula or an article. */
function negatedWords(tokens: string[]): string[] {
  const negated: string[] = [];
  tokens.forEach((token, at) => {
    if (!NEGATIONS.has(token)) return;
    let next = at + 1;
    while (next < tokens.length && NEGATION_BRIDGE.has(tokens[next])) next += 1;
    if (next < tokens.length && tokens[next].length >= 3 && !isStopword(tokens[next]))
      negated.push(tokens[next]);
  });
  return negated;
}
