import type { Lang } from '../../language.js';
import { tokenize } from '../../text/normalize.js';
import { stemKeys } from '../words/light-stemmer.js';
import type { Procedure } from '../ingest/procedure-schema.js';
import { questionWords } from '../retrieval/question-words.js';
import { addressAgreement, addressMentions, type AddressMention } from './address-agreement.js';
import { isStreetWord } from './address-words.js';
import {
  ANY_FIGURE,
  answerWords,
  askedPart,
  findDetailCues,
  phraseOccurs,
  phrasePrefix,
  wordPrefixes,
  type DetailCue,
} from './detail-cues.js';
import type { PassageConfig } from './passage-config.js';
import { excludedWords } from './exclusions.js';
import { namedOffices, sentenceOffice, type NamedOffice } from './named-offices.js';
import { procedureStreetNames } from './place-mentions.js';
import { procedurePassages, type Passage } from './procedure-passages.js';

export interface ScoredPassage {
  passage: Passage;
  /**
   * 0–1: the share of the question's information the sentence contains (see passages.yaml). A word the
   * question excludes ("fără programare") is outside that share: a sentence holding it falls below 0, one
   * that excludes it too may pass 1.
   */
  score: number;
  /** Whether it holds an answer word of one of the question's detail cues. */
  answersCue: boolean;
  /** How many of the question's content words it holds. */
  matched: number;
  /** How many of the question's words that are also the procedure's title words it holds (ties only). */
  titleMatched: number;
  /**
   * Whether it is about the office the question names (`same`), about another office (`other`: it
   * cannot answer), or names none (`none`). Only for a question that names an office and asks where
   * or when; `none` otherwise (see named-offices.ts).
   */
  office: 'same' | 'other' | 'none';
}

export interface PassageRanking {
  /** The detail cues the question carries (none: a plain facet or overview question). */
  cues: DetailCue[];
  /** Every passage, best first. */
  ranked: ScoredPassage[];
  /** The sentences to quote, when the best one answers with confidence; empty otherwise. */
  answer: ScoredPassage[];
  /**
   * The offices the question names by their name when it asks where or when ("la ce oră se închide
   * casieria?"): only sentences about them (or about no office) answer it. Empty otherwise.
   */
  offices: NamedOffice[];
}

const MAX_QUESTION_WORDS = 24;

/**
 * Hungarian postpositions (normalised), a closed class the retrieval's stop words do not hold: they say
 * how a question's words relate ("a kiállítás után": after issue), not what it is about. As content words
 * they made a sentence that merely says "után" ("az adóév megnyitása után") outrank the one that answers.
 */
const HUNGARIAN_POSTPOSITIONS = new Set([
  'utan',
  'elott',
  'alatt',
  'belul',
  'nelkul',
  'szerint',
  'kozott',
  'mellett',
  'helyett',
  'miatt',
  'ota',
  'soran',
]);

/**
 * Ranks the sentences of one procedure for a question. Each content word of the question weighs its
 * rarity within the procedure (idf over its sentences): a sentence that shares the question's rare words
 * beats one that only repeats the procedure's name. A detail cue ("how many copies") counts as one more
 * word, found in a sentence that holds one of the cue's answer words ("exemplare"). Words of the
 * procedure's title named the procedure, not the detail, and are left out.
 */
export function rankPassages(
  question: string,
  lang: Lang,
  procedure: Procedure,
  config: PassageConfig,
): PassageRanking {
  // The detail asked is read in the sentences that ask; a story before them still brings its words.
  // When the question itself carries no cue, the story's may say the case asked about ("Copilul s-a
  // născut în străinătate. Ce act în plus trebuie?").
  const questionPart = askedPart(question);
  const askedCues = findDetailCues(questionPart, config, lang);
  const asked = askedCues.length > 0 ? questionPart : question;
  const askedWords = tokenize(asked);
  const prepared = preparedPassages(procedure, lang, config);
  const { titleKeys, passages, passageKeys, passageWords } = prepared;
  // A street named with its number ("la registratura de pe Moților 7") says which building: its street
  // word is found in a sentence about that building, and not in one about another number of the street.
  const askedAddresses = addressMentions(question, prepared.streets, config.addressWords);
  // ("utca", "street" after the name are the address too: a sentence holding "utca 3." is not nearer.)
  const streetWords = new Set(askedAddresses.flatMap((mention) => mention.written));
  // A cue phrase made only of the procedure's title words names the procedure, not a detail of it, when
  // the question asks another detail too: "programul stomatologic" is the dental programme, not its
  // opening hours ("what pension may I have to join the dental programme?" quoted office hours), and
  // "ingyenes buszbérlet" the free pass, not whether it is free. Asked alone, it is still the detail
  // asked ("I live abroad; how do I get my foreign certificate transcribed?").
  // (A cue read only where the question asks, `askedOnly`, is not taken from the story. A message asked
  // whole was read for cues just above: the same words give the same none.)
  const cuesFound =
    askedCues.length > 0 || questionPart === question
      ? askedCues
      : findDetailCues(question, config, lang).filter((cue) => !cue.askedOnly);
  const ofDetail = cuesFound.filter(
    (cue) => !cue.words.every((i) => namesTitle(askedWords[i], lang, titleKeys)),
  );
  const named = ofDetail.length > 0 ? ofDetail : cuesFound;
  // Case cues only qualify a detail cue: alone they ask nothing. Their words stay content words (they
  // find the sentences written in the question's language); the cue finds the Romanian ones, so it is
  // used only on an English or Hungarian question (a Romanian one finds them by its own words).
  const details = named.filter((cue) => !cue.case);
  const cases = details.length > 0 && lang !== 'ro' ? named.filter((cue) => cue.case) : [];
  // A word a case cue also covers stays a content word: "ce pensie maximă" asks an amount, and the
  // pension is which limit ("pensionari cu venituri din pensii de cel mult 1.000 lei", not "0 RON").
  const caseWords = new Set(named.filter((cue) => cue.case).flatMap((cue) => cue.words));
  const cueWords = new Set(
    details.flatMap((cue) => cue.words.filter((i) => !caseWords.has(i)).map((i) => askedWords[i])),
  );
  // A specific cue says what is asked ("hány példányban": copies); the common question word that came
  // with it ("hány": some figure) would let any sentence with a figure answer.
  const specific = details.filter((cue) => !cue.weak);
  const cues = [...(specific.length > 0 ? specific : details), ...cases];
  // An office named by its name in a question that asks where or when ("Joia până la ce oră e deschisă
  // registratura de pe Moților?"): a sentence about another office (the directorate at Moților 3, the
  // neighbourhood town halls) states that office's hours, not the ones asked.
  // (Not a common cue's: "which number?" of a certificate is not an office's phone.)
  const asksWhere = cues.some((cue) => !cue.case && !cue.weak && cue.fields.includes('where'));
  const offices = asksWhere ? namedOffices(question, config, lang) : [];
  const officeNames = new Set(offices.map((office) => office.name));
  const wordsAsked = questionWords(question, lang, MAX_QUESTION_WORDS);
  const content = wordsAsked.filter(
    (word) =>
      !cueWords.has(word.word) &&
      !HUNGARIAN_POSTPOSITIONS.has(word.word) &&
      // Words that only say "street" (passages.yaml `addressWords.street`): every sentence giving an
      // address holds one; the street's name stays a content word.
      !isStreetWord(word.word, config.addressWords) &&
      !word.stems.some((key) => titleKeys.has(key)),
  );
  const total = passages.length;
  // The question's title words that few sentences repeat (passages.yaml `titleTie`): left out of the
  // score, they still tell apart sentences that score the same. "Ce amendă riscă vecinul care face
  // petrecere cu muzică tare?" asks the noise file (its title names parties and loud music) about the
  // one fine of its three that is for parties; "cazierul judiciar", which most sentences repeat, names
  // the procedure.
  const titleWords = wordsAsked.filter((word) => {
    if (cueWords.has(word.word) || HUNGARIAN_POSTPOSITIONS.has(word.word)) return false;
    if (!word.stems.some((key) => titleKeys.has(key))) return false;
    let frequency = 0;
    for (const keys of passageKeys) if (hasAnyKey(keys, word.stems)) frequency += 1;
    return frequency > 0 && frequency <= total * config.titleTie;
  });
  const idf = (frequency: number) => Math.log((total + 1) / (frequency + 0.5));
  // A word found in no sentence does not tell the sentences apart: with a detail cue it is left out
  // (often the procedure's name in other words); without one it weighs most, so that a sentence is
  // quoted for a plain question only when it holds nearly all of it.
  // A word only the story before the question holds ("certificatul meu prenupțial e valabil. Câți
  // martori?") says which case it is, not what is asked: it weighs storyWeight of a word of the question.
  const inQuestion = new Set(askedWords);
  const weights = content.map((word) => {
    let frequency = 0;
    for (const keys of passageKeys) if (hasAnyKey(keys, word.stems)) frequency += 1;
    const share = inQuestion.has(word.word) ? 1 : config.storyWeight;
    if (frequency > 0) return share * idf(frequency);
    return cues.length > 0 ? 0 : share * idf(0);
  });
  // A cue weighs as much as a word found in a single sentence: it is what the question is about. Each
  // cue asked counts: "how many days before expiry?" (a duration and how early) is answered by the
  // sentence that states both ("15 days before"), not by one with any number of days.
  const cueWeight = cues.length > 0 ? idf(1) : 0;
  const answering = answerPhrases(cues, askedWords, prepared.nameWords, lang);
  // A word the question excludes ("fără instanță", "bíróság nélkül") is not information it asks for: a
  // sentence that holds it loses its weight, unless the sentence excludes it too (exclusions.ts).
  const excluded = excludedWords(question);
  const excludes = content.map((word) => excluded.has(word.word));
  const information =
    weights.reduce((sum, weight, i) => (excludes[i] ? sum : sum + weight), 0) + cueWeight * cues.length;
  if (information === 0) return { cues, ranked: [], answer: [], offices };
  const cueFields = new Set(cues.flatMap((cue) => cue.fields));
  const inCueField = (passage: Passage) => 'field' in passage.from && cueFields.has(passage.from.field);
  const ranked = passages
    .map((passage, index): ScoredPassage => {
      const keys = passageKeys[index];
      const agreement =
        askedAddresses.length > 0
          ? addressAgreement(askedAddresses, prepared.stated[index], prepared.inherited[index])
          : 'none';
      let found = 0;
      let matched = 0;
      for (let i = 0; i < content.length; i++) {
        const street = streetWords.has(content[i].word);
        if (street && agreement === 'other') continue;
        if (!(street && agreement === 'same') && !hasAnyKey(keys, content[i].stems)) continue;
        if (excludes[i] && !hasAnyKey(prepared.excludedKeys[index], content[i].stems)) {
          found -= weights[i];
          continue;
        }
        found += weights[i];
        matched += 1;
      }
      let answered = 0;
      let cued = false;
      for (const [c, cue] of cues.entries()) {
        if (!answersCue(passageWords[index], prepared.passagePrefixes[index], answering[c], passage.lang))
          continue;
        answered += 1;
        // A case the sentence states is a word of the question it holds, in whatever language.
        if (cue.case) matched += 1;
        else cued = true;
      }
      found += cueWeight * answered;
      let titleMatched = 0;
      for (const word of titleWords) if (hasAnyKey(keys, word.stems)) titleMatched += 1;
      const about = prepared.offices[index];
      const office =
        officeNames.size === 0 || about === undefined ? 'none' : officeNames.has(about) ? 'same' : 'other';
      return { passage, score: found / information, answersCue: cued, matched, titleMatched, office };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.office === 'same') - Number(a.office === 'same') ||
        Number(inCueField(b.passage)) - Number(inCueField(a.passage)) ||
        b.titleMatched - a.titleMatched ||
        Number(/\d/.test(b.passage.text)) - Number(/\d/.test(a.passage.text)) ||
        Number(b.passage.lang === lang) - Number(a.passage.lang === lang) ||
        a.passage.text.length - b.passage.text.length,
    );
  return { cues, ranked, answer: chooseAnswer(ranked, cues, config), offices };
}

/**
 * The best sentence, and a second one nearly as good, when the best reaches the threshold. A question
 * with a detail cue is answered only by a sentence that answers the cue: one that merely repeats the
 * question's other words ("application", "form") is not an answer to "by post?". A question without
 * one only by a sentence holding most of its information in several of its words (passages.yaml
 * `plain`): one shared word ("hol kell beadni?") is not enough.
 */
function chooseAnswer(ranked: ScoredPassage[], cues: DetailCue[], config: PassageConfig): ScoredPassage[] {
  const cued = cues.length > 0;
  // A sentence answering only common question words ("cât?") must also hold a word of the question.
  const weakOnly = cues.every((cue) => cue.weak || cue.case);
  const eligible = cued
    ? ranked.filter(
        (scored) =>
          scored.answersCue &&
          scored.office !== 'other' &&
          scored.score >= config.minScore &&
          (!weakOnly || scored.matched > 0),
      )
    : ranked.filter(
        (scored) => scored.score >= config.plain.minScore && scored.matched >= config.plain.minWords,
      );
  const best = eligible[0];
  if (!best) return [];
  // A sentence that holds more of the question's words than the best answering one, and scores higher
  // without answering the cue, says what the question is about ("Csütörtökön meddig van nyitva a DASM
  // a Venus utcában?" → "Asistență socială (DASM): str. Venus f.n."): the answering sentence is about
  // something else (the registry's hours), and quoting it would state another office's figure.
  // A sentence that leads in to a list ("…pensionarii cu venituri:", "puncte de vedere … de la:") is not
  // about something else: its items are the answer, and it holds the question's words because it says
  // what they are.
  const top = ranked[0];
  if (
    cued &&
    !top.answersCue &&
    !leadsInToList(top.passage) &&
    top.score > best.score &&
    top.matched > best.matched
  )
    return [];
  const chosen = [best];
  for (const candidate of eligible.slice(1)) {
    if (chosen.length >= config.maxSentences) break;
    if (candidate.score < best.score * config.secondSentenceShare) break;
    // A sentence of the same list or field that lost the tie on the question's title words states
    // another case's figure ("amendă de la 200 la 1.000 de lei" beside the parties' fine).
    if (candidate.titleMatched < best.titleMatched && sameSource(candidate.passage, best.passage)) continue;
    if (chosen.some((quoted) => quoted.passage.text === candidate.passage.text)) continue;
    chosen.push(candidate);
  }
  return chosen;
}

interface PreparedPassages {
  /** The stem keys of the procedure's titles (in every language), which name it rather than a detail. */
  titleKeys: Set<string>;
  passages: Passage[];
  /** Each passage's stem keys (heading included), in the order of `passages`. */
  passageKeys: Array<Set<string>>;
  /** Each passage's words (see `answerWords`), for the detail cues' answer phrases. */
  passageWords: string[][];
  /** The first letter and first two letters of each passage's words (see `answersCue`). */
  passagePrefixes: Array<Set<string>>;
  /** The street names the file gives addresses on. */
  streets: string[][];
  /** The street-and-number mentions each passage states. */
  stated: AddressMention[][];
  /** The address each passage stands at without stating it: its office's, or its section's only one. */
  inherited: AddressMention[][];
  /** The stem keys of the words each passage excludes ("fără proces"), see exclusions.ts. */
  excludedKeys: Array<Set<string>>;
  /** The words the procedure is named by: its titles' and keywords', normalised. */
  nameWords: Set<string>;
  /** The office each passage is about, by the first one it (or its section's heading) names. */
  offices: Array<string | undefined>;
}

// The passages and their stem keys depend only on the procedure and the language, not on the question:
// computed once per indexed procedure object instead of on every turn (stemming them was 13 % of a
// turn's CPU, docs/performance.md). Keyed weakly by the catalog's object, so a re-index (which loads
// new objects, docs/adr/0006-knowledge-cache.md) drops the old entries with the old procedures. The
// configuration's body translations change the passages too: an entry remembers the one it was made with.
const prepared = new WeakMap<Procedure, Map<Lang, PreparedPassages & { config: PassageConfig }>>();

function preparedPassages(procedure: Procedure, lang: Lang, config: PassageConfig): PreparedPassages {
  let byLang = prepared.get(procedure);
  if (!byLang) {
    byLang = new Map();
    prepared.set(procedure, byLang);
  }
  let entry = byLang.get(lang);
  if (!entry || entry.config !== config) {
    const passages = procedurePassages(procedure, lang, config.translations[procedure.slug]);
    const streets = procedureStreetNames(procedure, config.addressWords);
    const stated = passages.map((passage) => addressMentions(passage.text, streets, config.addressWords));
    const passageWords = passages.map((passage) => answerWords(passage.text));
    entry = {
      streets,
      stated,
      inherited: inheritedAddresses(passages, stated, streets, config),
      excludedKeys: passages.map((passage) => sentenceKeys([...excludedWords(passage.text)].join(' '), lang)),
      config,
      titleKeys: new Set(
        Object.values(procedure.title).flatMap((title) =>
          tokenize(title).flatMap((word) => stemKeys(word, [lang])),
        ),
      ),
      passages,
      passageWords,
      passagePrefixes: passageWords.map(wordPrefixes),
      nameWords: new Set(
        [...Object.values(procedure.title), ...procedure.keywords].flatMap((text) => tokenize(text)),
      ),
      offices: passages.map((passage) =>
        sentenceOffice(
          'heading' in passage.from ? `${passage.from.heading}. ${passage.text}` : passage.text,
          config,
          passage.lang,
        ),
      ),
      // A body sentence is also about its heading ("Cum contestați" over "depuneți o plângere…").
      passageKeys: passages.map((passage) =>
        sentenceKeys(
          'heading' in passage.from ? `${passage.from.heading} ${passage.text}` : passage.text,
          lang,
        ),
      ),
    };
    byLang.set(lang, entry);
  }
  return entry;
}

/**
 * The address each passage stands at without stating it: the office's for its opening hours
 * (`Passage.at`); for a body sentence, each street its section names with one number only ("## Centrul
 * de Informare…: Adresa: str. Moților nr. 7. … Program: luni–miercuri…" is the program at Moților 7).
 */
function inheritedAddresses(
  passages: Passage[],
  stated: AddressMention[][],
  streets: string[][],
  config: PassageConfig,
): AddressMention[][] {
  const bySection = new Map<string, AddressMention[]>();
  passages.forEach((passage, index) => {
    if (!('heading' in passage.from)) return;
    const list = bySection.get(passage.from.heading) ?? [];
    list.push(...stated[index]);
    bySection.set(passage.from.heading, list);
  });
  const single = new Map<string, AddressMention[]>();
  for (const [heading, mentions] of bySection) {
    const numbers = new Map<string, Set<string>>();
    for (const mention of mentions) {
      const key = mention.street.join(' ');
      numbers.set(key, (numbers.get(key) ?? new Set()).add(mention.number));
    }
    single.set(
      heading,
      mentions.filter((mention, i) => {
        const key = mention.street.join(' ');
        const first = mentions.findIndex((other) => other.street.join(' ') === key);
        return numbers.get(key)?.size === 1 && first === i;
      }),
    );
  }
  return passages.map((passage) => {
    if (passage.at !== undefined) return addressMentions(passage.at, streets, config.addressWords);
    return 'heading' in passage.from ? (single.get(passage.from.heading) ?? []) : [];
  });
}

/** Whether a question word is a word of the procedure's title (one of its stem keys is a title key). */
function namesTitle(word: string | undefined, lang: Lang, titleKeys: Set<string>): boolean {
  if (word === undefined) return false;
  return stemKeys(word, [lang]).some((key) => titleKeys.has(key));
}

/** Whether a sentence introduces the list that follows it (it ends with a colon). */
export function leadsInToList(passage: Passage): boolean {
  return passage.text.trimEnd().endsWith(':');
}

function sameSource(a: Passage, b: Passage): boolean {
  if ('field' in a.from) return 'field' in b.from && a.from.field === b.from.field;
  return 'heading' in b.from && a.from.heading === b.from.heading;
}

function sentenceKeys(text: string, lang: Lang): Set<string> {
  const keys = new Set<string>();
  for (const word of tokenize(text)) for (const key of stemKeys(word, [lang, 'ro'])) keys.add(key);
  return keys;
}

// Loops rather than callbacks in what runs for every sentence of the procedure (see `phraseOccurs`).
function hasAnyKey(keys: Set<string>, stems: string[]): boolean {
  for (const key of stems) if (keys.has(key)) return true;
  return false;
}

/**
 * Whether the sentence holds one of the cue's answer phrases. A phrase word matches only words that
 * start with it (`wordMatches`; a figure apart), so a phrase whose first word begins as none of the
 * sentence's words do is skipped without a scan: most are, for most sentences.
 */
function answersCue(words: string[], prefixes: Set<string>, answer: string[][], lang: Lang): boolean {
  for (const phrase of answer) {
    const first = phrase[0];
    if (first === undefined || (first !== ANY_FIGURE && !prefixes.has(phrasePrefix(first)))) continue;
    if (phraseOccurs(words, phrase, lang)) return true;
  }
  return false;
}

/**
 * Each cue's answer phrases, without those the question says outside its cue phrases with a word that
 * names the procedure (its title's or keywords' words): "dacă nu plătesc amenda la timp?" asks what
 * follows a late payment, and "amendă", one of the answers to that ("late payment can be fined"), is in
 * any sentence of a file about fines; found there, it proves nothing. A cue's own words stay answers
 * ("exemplare" answers "câte exemplare"), and so do words of the question the file is not named by (the
 * month of "until when must I apply to get it from November?" is the date's). Common cues (`weak`: their
 * answers are figures and number words) and case cues keep theirs; a cue left with none keeps them all.
 */
function answerPhrases(
  cues: DetailCue[],
  askedWords: string[],
  nameWords: Set<string>,
  lang: Lang,
): string[][][] {
  const covered = new Set(cues.flatMap((cue) => cue.words));
  const naming = askedWords.filter((word, i) => !covered.has(i) && nameWords.has(word));
  return cues.map((cue) => {
    if (cue.weak || naming.length === 0) return cue.answer;
    const kept = cue.answer.filter(
      (phrase) => phrase[0] === ANY_FIGURE || !naming.some((word) => phraseOccurs([word], phrase, lang)),
    );
    return kept.length > 0 ? kept : cue.answer;
  });
}
