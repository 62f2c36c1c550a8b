import type { Lang } from '../../language.js';
import { isStopword } from '../../knowledge/words/stopwords.js';
import { tokenize } from '../../text/normalize.js';
import { isFillerWord, readFacets, type Facet } from '../facets.js';
import { loadConversationModel, type ConversationModel } from './conversation-model.js';

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
  /**
   * A contrastive frame: an opening "și / dar / and / but / és…" or "what about / how about / mi a
   * helyzet / în schimb…": how a citizen asks about a neighbouring thing ("and what about a care home?").
   */
  contrastCue: boolean;
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
  /**
   * The content words of the part a correction takes back ("nem az épületet, hanem a telket", "not the
   * certificate but a refund", "nu certificatul, ci autorizația"): left out of `content`, since they
   * name the wrong topic, not the meant one.
   */
  rejected: string[];
}

// Normalised word prefixes (no diacritics): roles and circumstances of a case, ro/en/hu. Kin, household
// and the parties of a home are PERSON_STEMS below, matched with their inflections.
// prettier-ignore
const CASE_PREFIXES = [
  // ro
  'amandoi', 'amandou', 'minor', 'pensionar', 'strain', 'strainatate', 'sambata', 'duminica', 'weekend',
  'posta', 'imputernic', 'procura', 'martor', 'notar', 'avocat', 'cetatean',
  // en
  'both', 'someone', 'somebody', 'instead', 'behalf', 'abroad', 'foreign', 'saturday', 'sunday',
  'weekend', 'post', 'mail', 'proxy', 'witness', 'notary', 'lawyer', 'pensioner', 'citizen',
  // hu
  'mindket', 'helyett', 'kulfold', 'szombat', 'vasarnap', 'meghatalmaz', 'tanuk', 'tanunak', 'kozjegyzo',
  'ugyved', 'nyugdijas', 'allampolgar',
];
// Short words matched whole (as prefixes they would catch unrelated words: "tanú" in "tanúsítvány").
// prettier-ignore
const CASE_WORDS = new Set([
  'el', 'ea', 'ei', 'ele', 'lui', 'he', 'she', 'him', 'her', 'they', 'them', 'tanu', 'ot', 'neki',
  // going in person, like "by post", is how the case is done ("személyesen kell mennem?" was read as
  // the title word of three procedures and asked "which one?"). Not "personal": it is also an
  // adjective of titles ("asistent personal" after home care must switch to the personal assistant)
  'personally', 'szemelyesen',
]);

// People a case may be about or be done by: kin, in-laws, godparents, step-family, partners, the
// household and the parties of a home, as normalised stems (no diacritics), per language. A word is a
// person when it is a stem of its language followed by nothing but that language's inflections (at
// most three stacked): Romanian articles and case endings ("soacrei", "nepoatei", "cumnatului"), English
// plurals, Hungarian possessive, plural and case suffixes ("anyosomnak" = anyós+om+nak, "felesegemnek",
// "unokamnak", "szuleimnek"). The inflections are a closed grammar, so every form of every stem is a
// person without listing forms, while a word that merely starts like a stem is not ("nastere" is no
// "nas", "anyag" no "anya", "fiatal" no "fia", "szuletett" no parent). Stems whose possessive changes
// them are stems of their own (hu "fiam", "szuleim", "ocsem"); "family" only in its possessive forms
// (ro "familia", hu "családom"): "családi ház", "familie numeroasă", "family home" name a topic. A
// closed class of the form of a case, never a topic: which procedure a message is about is still read
// from its other words.
// prettier-ignore
const PERSON_STEMS: Record<'ro' | 'en' | 'hu', string[]> = {
  ro: [
    'sot', 'soti', 'sotie', 'copil', 'copii', 'fiu', 'fiul', 'fiic', 'fet', 'fetit', 'baiat', 'baiet',
    'mam', 'mamic', 'tat', 'tatal', 'tatic', 'parint', 'bunic', 'strabunic', 'nepot', 'nepoat', 'frat',
    'frati', 'sor', 'surori', 'socr', 'soacr', 'cumnat', 'giner', 'nor', 'nuror', 'nas', 'nasi', 'fiastr',
    'vitreg', 'concubin', 'partener', 'iubit', 'prieten', 'logodnic', 'unchi', 'matus', 'verisor',
    'verisoar', 'rud', 'chirias', 'proprietar', 'vecin', 'colocatar', 'familia', 'familiei', 'tutor',
    'tutore',
  ],
  en: [
    'wife', 'wive', 'husband', 'spouse', 'partner', 'child', 'son', 'daughter', 'kid', 'baby', 'babie',
    'mother', 'mom', 'mum', 'mummy', 'mommy', 'father', 'dad', 'daddy', 'parent', 'brother', 'sister',
    'sibling', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'granny', 'grannie', 'grandparent',
    'grandchild', 'grandson', 'granddaughter', 'grandkid', 'godfather', 'godmother', 'godparent',
    'godson', 'goddaughter', 'godchild', 'stepson', 'stepdaughter', 'stepchild', 'stepmother',
    'stepfather', 'stepparent', 'stepbrother', 'stepsister', 'girlfriend', 'boyfriend', 'fiance',
    'fiancee', 'uncle', 'aunt', 'auntie', 'nephew', 'niece', 'cousin', 'relative',
    'tenant', 'lodger', 'flatmate', 'roommate', 'housemate', 'owner', 'landlord', 'landlady', 'neighbour',
    'neighbor', 'guardian',
  ],
  hu: [
    'feleseg', 'ferj', 'hazastars', 'gyerek', 'gyermek', 'fia', 'fiam', 'fiad', 'fiu', 'fiunk', 'lany',
    'kislany', 'kisfiu', 'anya', 'anyu', 'anyuka', 'apa', 'apu', 'apuka', 'szulo', 'szulei', 'szuleim',
    'szuleink', 'testver', 'nagymama', 'nagyi', 'nagyapa', 'nagypapa', 'nagyszulo', 'nagyszulei',
    'nagyszuleim', 'unoka', 'dedunoka', 'anyos', 'apos', 'sogor', 'sogorno', 'meny', 'keresztapa',
    'keresztanya', 'keresztszulo', 'keresztszuleim', 'keresztfia', 'keresztfiam', 'keresztlany',
    'keresztgyerek', 'mostoha', 'mostohaapa', 'mostohaanya', 'mostohafia', 'mostohafiam', 'mostohalany',
    'mostohagyerek', 'elettars', 'partner', 'barat', 'baratno', 'volegeny', 'menyasszony', 'nagyneni',
    'nagybacsi', 'unokaoccs', 'unokahug', 'unokatestver', 'ocs', 'occs', 'hug', 'baty', 'nover', 'rokon',
    'hozzatartozo', 'csaladom', 'csaladunk', 'csaladod', 'csaladja', 'alberlo', 'berlo', 'lakotars', 'tulajdonos', 'szomszed', 'gyam',
  ],
};
// The inflections that may follow a person stem, per language (normalised).
// prettier-ignore
const PERSON_INFLECTIONS: Record<'ro' | 'en' | 'hu', string[]> = {
  ro: ['a', 'ai', 'e', 'ei', 'i', 'ii', 'ia', 'iei', 'ul', 'ului', 'le', 'lui', 'ele', 'elor', 'ilor', 'lor',
    'u', 'ua', 'ui', 'ic', 'ica', 'icii', 'ata', 'atei'],
  en: ['s', 'es', 'ren'],
  hu: ['m', 'om', 'am', 'em', 'd', 'od', 'ad', 'ed', 'a', 'e', 'ja', 'je', 'nk', 'unk', 'ank', 'enk', 'tok',
    'tek', 'atok', 'etek', 'juk', 'uk', 'ik', 'i', 'ai', 'ei', 'im', 'aim', 'eim', 'id', 'aid', 'eid',
    'ink', 'aink', 'eink', 'jai', 'jei', 'k', 'ok', 'ak', 'ek', 'nak', 'nek', 't', 'ot', 'at', 'et', 'val',
    'vel', 'mal', 'mel', 'ert', 'hoz', 'hez', 'nal', 'nel', 'tol', 'rol', 'ra', 're', 'ba', 'be', 'ban',
    'ben', 'bol', 'on', 'en', 'n', 'ig', 'ul', 'kent'],
};
const PERSONS = (Object.keys(PERSON_STEMS) as Array<'ro' | 'en' | 'hu'>).map((lang) => ({
  lang,
  stems: new Set(PERSON_STEMS[lang]),
  inflections: PERSON_INFLECTIONS[lang],
}));

/**
 * A person stem of some language followed by at most three of its inflections ("anyos+om+nak"). Given
 * the message's language, a bare stem counts only in that language: short stems are other words in
 * another one (Romanian "sor-" of "sora" is Hungarian "sör", beer; Hungarian "apa" is Romanian "apă",
 * water), while an inflected form ("sora", "apámnak") is rarely anything else.
 */
export function isPersonWord(word: string, lang?: Lang): boolean {
  return PERSONS.some(({ lang: stemLang, stems, inflections }) => {
    const bareAllowed = lang === undefined || lang === stemLang;
    for (let end = Math.min(word.length, 16); end >= 2; end -= 1) {
      const rest = word.slice(end);
      if (!bareAllowed && rest === '') continue;
      if (stems.has(word.slice(0, end)) && inflectedBy(rest, inflections, 3)) return true;
    }
    return false;
  });
}

function inflectedBy(rest: string, inflections: string[], depth: number): boolean {
  if (rest === '') return true;
  if (depth === 0) return false;
  return inflections.some(
    (inflection) =>
      rest.startsWith(inflection) && inflectedBy(rest.slice(inflection.length), inflections, depth - 1),
  );
}

// Units, periods and quantities a fee, an aid or a deadline is counted in ("per square meter", "pe
// lună", "havonta", "per person"): they qualify the topic's amount, so they are never a sign of another
// subject nor of something the knowledge base lacks. Not content words. Words that also title a
// procedure are left out ("day" of day centres, "zi", "nap"). Hungarian distributives ("-nként":
// "negyzetmeterenkent", "szemelyenkent", "havonkent") are matched by their ending.
// prettier-ignore
const MEASURE_WORDS = new Set([
  // ro
  'metru', 'metri', 'metrul', 'metrului', 'mp', 'm2', 'patrat', 'patrati', 'patrata', 'patrate', 'lunar',
  'lunara', 'lunare', 'luna', 'lunii', 'luni', 'anual', 'anuala', 'anuale', 'an', 'anul', 'ani', 'anului',
  'saptamanal', 'saptamana', 'saptamani', 'ora', 'ore', 'persoana', 'persoane', 'bucata', 'bucati',
  'fiecare', 'procent', 'procente', 'hectar', 'hectare', 'km', 'kilometru',
  // en
  'square', 'meter', 'meters', 'metre', 'metres', 'sqm', 'month', 'months', 'monthly', 'year', 'years',
  'yearly', 'annual', 'annually', 'week', 'weeks', 'weekly', 'hour', 'hourly', 'percent', 'percentage',
  'per', 'each', 'every', 'person', 'piece', 'hectare', 'hectares',
  // hu
  'negyzetmeter', 'negyzetmetert', 'nm', 'havonta', 'havi', 'honap', 'honapra', 'honaponta', 'evente',
  'evi', 'ev', 'evre', 'hetente', 'heti', 'oras', 'oraja', 'fo', 'fore', 'darab', 'szazalek', 'hektar',
]);
const isMeasureWord = (word: string) =>
  MEASURE_WORDS.has(word) || (word.length >= 7 && /[aoe]nkent$/.test(word));

// Words that open a message leaning on the previous one, and pronouns that point back to it.
// prettier-ignore
const OPENERS = new Set(['si', 'dar', 'iar', 'and', 'but', 'also', 'plus', 'es', 'de', 'meg', 'hat', 'pedig']);
// prettier-ignore
const POINTERS = new Set([
  'asta', 'aceasta', 'acesta', 'ala', 'aia', 'acolo', 'it', 'that', 'this', 'those', 'there', 'ezt', 'azt',
  'ez', 'az', 'ezzel', 'azzal', 'ehhez', 'ahhoz', 'oda', 'ott', 'erre', 'arra', 'hozza', 'hozzajuk', 'ra',
  'rola', 'vele',
]);

// Phrases (normalised) that open a contrast besides the opening conjunctions: "what about the land tax?".
// prettier-ignore
const CONTRAST_OPENINGS = [
  'what about', 'how about', 'what if', 'and what about', 'in schimb', 'cum ramane cu', 'ce zici de',
  'mi a helyzet', 'mi van', 'es mi van', 'hat a', 'na es',
];

// "One" standing for a thing already named: the words beside it qualify the topic's object.
const SUBSTITUTES = new Set(['one', 'unul', 'una', 'egyet', 'olyat', 'ilyet']);

// Phrases (normalised) that take back the previous answer's topic: data, knowledge-base/conversation.yaml
// `correction.phrases` (ro, en, hu), matched in any language (a short correction is often misdetected).
// The dialogue passes the phrases of the model it was configured with (its knowledge-base directory);
// a caller without one gets the project's own file.
export type CorrectionPhrases = ConversationModel['correction']['phrases'];
const PREPARED_CORRECTIONS = new WeakMap<CorrectionPhrases, { phrases: string[]; words: Set<string> }>();
let projectCorrections: CorrectionPhrases | undefined;
function corrections(given?: CorrectionPhrases): { phrases: string[]; words: Set<string> } {
  const source = given ?? (projectCorrections ??= loadConversationModel().correction.phrases);
  let prepared = PREPARED_CORRECTIONS.get(source);
  if (!prepared) {
    const phrases = Object.values(source).flat();
    prepared = { phrases, words: new Set(phrases.flatMap((phrase) => phrase.split(' '))) };
    PREPARED_CORRECTIONS.set(source, prepared);
  }
  return prepared;
}
const CORRECTION_OPENING = /^\s*(nu|no|nope|nem)\s*[,.!;:-]/i;
// The word that opens the meant part of a contrast ("nem A, hanem B", "nu A, ci B", "not A but B").
const CONTRASTS = new Set(['hanem', 'ci', 'but', 'instead', 'rather']);
// The speaker themself ("nu pentru mine", "not for me", "nem nekem"): like a person word, what a
// negation of them denies is whom the request is for, not its topic.
// prettier-ignore
const SELF_WORDS = new Set([
  'mine', 'mie', 'eu', 'noi', 'noua', 'me', 'myself', 'us', 'ourselves', 'nekem', 'nekunk', 'en',
  'magamnak', 'magam', 'magamert', 'engem', 'minket',
]);
// Apologies and "wait" said with a correction ("nem, bocs", "sry, wrong one", "nu, stați"): not topic words.
// prettier-ignore
const APOLOGIES = new Set([
  'scuze', 'scuzati', 'scuzi', 'pardon', 'stai', 'stati', 'asteapta', 'asteptati', 'sorry', 'sry', 'soz',
  'oops', 'wait', 'bocs', 'bocsi', 'bocsanat', 'elnezest', 'varj', 'varjon', 'hopp', 'jaj',
]);
// Where a message's parts end: punctuation, and the dash of a spoken aside ("sorry, not that — the …").
const CLAUSE_BREAK = /[,.;:!?()\u2013\u2014]|\s-\s/u;
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

/**
 * `lang`, the message's detected language, keeps other languages' bare person stems out (see isPersonWord);
 * `correctionPhrases`, the dialogue's configured ones (default: the project's conversation.yaml).
 */
export function readTurnCues(text: string, lang?: Lang, correctionPhrases?: CorrectionPhrases): TurnCues {
  const { facets, topic } = readFacets(text);
  const tokens = tokenize(text);
  const normalized = ` ${tokens.join(' ')} `;
  // "hanem" (but rather) marks a correction only by its form, like an opening "nu," / "no," / "nem,".
  const { phrases, words: correctionWords } = corrections(correctionPhrases);
  const phrased = phrases.some((phrase) => phrase !== 'hanem' && normalized.includes(` ${phrase} `));
  const marked = phrased || CORRECTION_OPENING.test(text) || tokens.includes('hanem');
  const parts = clauses(text);
  // "not the certificate but a refund", "not the terrace, the licence": a taken-back part is a correction.
  const taken = rejectedWords(parts, marked);
  // "mother-in-law", "sógornő": an in-law is a person word and its "in law".
  const inLaw = new Set(
    tokens.flatMap((token, at) =>
      token === 'law' || token === 'laws'
        ? at >= 2 && tokens[at - 1] === 'in' && isPersonWord(tokens[at - 2], lang)
          ? [at]
          : []
        : [],
    ),
  );
  const isCaseWord = (word: string) =>
    CASE_WORDS.has(word) ||
    CASE_PREFIXES.some((prefix) => word.startsWith(prefix)) ||
    isPersonWord(word, lang);
  // "nu, pentru mama", "no, for my mum", "nem nekem, hanem az anyukámnak": a negation whose first part
  // names only a person or the speaker corrects whom the request is for (a case), not its topic.
  const takesBack = marked || taken.size > 0;
  const personDenied = takesBack && !phrased && deniesOnlyAPerson(parts, isCaseWord);
  // An in-law's "law" follows a person word, so the set is non-empty exactly when a case word is said.
  const caseTokens = new Set(tokens.filter((token, at) => inLaw.has(at) || isCaseWord(token)));
  const caseCue = personDenied || caseTokens.size > 0;
  const correction = takesBack && !personDenied;
  const rejected = correction ? taken : new Set<string>();
  const openerCue = tokens.length > 0 && OPENERS.has(tokens[0]);
  const pointerCue = tokens.some((token) => POINTERS.has(token));
  const continuationCue = openerCue || pointerCue;
  const contrastCue = openerCue || CONTRAST_OPENINGS.some((phrase) => normalized.startsWith(` ${phrase} `));
  const substituteCue = tokens.some((token) => SUBSTITUTES.has(token));
  const content = topic.filter(
    (word) =>
      word.length >= 2 &&
      !isStopword(word) &&
      !isFillerWord(word) &&
      !caseTokens.has(word) &&
      !isMeasureWord(word) &&
      !(correction && (correctionWords.has(word) || APOLOGIES.has(word))) &&
      !(takesBack && CONTRASTS.has(word)) &&
      !rejected.has(word) &&
      !/^\d+$/.test(word),
  );
  return {
    facets,
    caseCue,
    continuationCue,
    openerCue,
    contrastCue,
    pointerCue,
    substituteCue,
    correction,
    content: [...new Set(content)],
    negated: negatedWords(tokens),
    rejected: [...rejected],
  };
}

/** The message's clauses as normalised words, split at punctuation and at a contrast word. */
function clauses(text: string): string[][] {
  return text.split(CLAUSE_BREAK).flatMap((piece) => {
    const parts: string[][] = [[]];
    for (const word of tokenize(piece)) {
      if (CONTRASTS.has(word)) parts.push([word]);
      else parts[parts.length - 1].push(word);
    }
    return parts.filter((part) => part.length > 0);
  });
}

/**
 * Whether a correction said only by its form, a bare "nu," / "no," / "nem," or a "hanem" (no phrase such
 * as "mă refeream"), denies nothing but a person: the first clause that holds more than the negation
 * names only people or the speaker, with no word that could name a topic.
 */
function deniesOnlyAPerson(parts: string[][], isCaseWord: (word: string) => boolean): boolean {
  const first = parts
    .map((part) => part.filter((word) => !NEGATIONS.has(word) && !CONTRASTS.has(word)))
    .find((part) => part.length > 0);
  if (!first) return false;
  const person = (word: string) => isCaseWord(word) || SELF_WORDS.has(word);
  return first.some(person) && first.every((word) => person(word) || isStopword(word));
}

/**
 * The content words a correction takes back: a clause opened by a negation and followed by a contrast
 * ("nem az épületet, hanem…", "not the certificate but…"), an opening "not the X" / "nu X" / "nem
 * az X" followed by another clause ("not the terrace, the operating licence"), or, in a message already
 * marked as a correction, a closing one ("…, not the tree").
 */
function rejectedWords(parts: string[][], marked: boolean): Set<string> {
  const rejected = new Set<string>();
  parts.forEach((part, at) => {
    // The negation opens the clause: "I have no car but a van" takes nothing back.
    if (!NEGATIONS.has(part[0]) || part.length < 2) return;
    const last = at + 1 >= parts.length;
    // …or closes a correction: "no wait, I meant paying for parking, not the fine".
    if (last ? !(marked && at > 0) : !(at === 0 || CONTRASTS.has(parts[at + 1][0]))) return;
    for (const word of part.slice(1)) if (!isStopword(word) && !APOLOGIES.has(word)) rejected.add(word);
  });
  return rejected;
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

/**
 * The first of `phrases` (as tokenized: lower case, no diacritics; any language) the message holds as
 * whole words, or undefined. The closed classes of a question's form are matched with it: the concessive
 * phrases ("mai pot depune totuși?", "így is kaphatok?", conversation.yaml `continuation.concessive`)
 * and the requirement phrases ("do I need…", `requirement`).
 */
export function phraseOf(
  text: string,
  phrases: Readonly<Record<Lang, readonly string[]>>,
): string | undefined {
  const normalized = ` ${tokenize(text).join(' ')} `;
  return everyLanguage(phrases).find((phrase) => normalized.includes(` ${phrase} `));
}

// The phrases of every language in one list, made once per configured record (asked on every turn).
const FLATTENED = new WeakMap<object, readonly string[]>();
function everyLanguage(phrases: Readonly<Record<Lang, readonly string[]>>): readonly string[] {
  let all = FLATTENED.get(phrases);
  if (!all) {
    all = Object.values(phrases).flat();
    FLATTENED.set(phrases, all);
  }
  return all;
}
