import { LANGS, type Lang } from '../../language.js';
import { buildExampleIndex, compileExamples } from './compiled-examples.js';
import { compileCues } from './cue-phrases.js';
import { FILLER_WORDS, JOINING_WORDS, QUESTION_WORDS, REQUEST_WORDS } from './filler-words.js';
import type { Intent } from './intent-schema.js';
import { peelClause, type PhraseMatch } from './peel-clause.js';
import { splitClauses } from './split-clauses.js';

export interface IntentMatch {
  /** The intent's `name` (its file name). */
  intent: string;
  /**
   * 0–1: the share of the message's content words explained by intent phrases (words matched
   * through a typo or an inflection count a little less). 1 = the message is intent phrases only.
   */
  score: number;
  /**
   * True when the message is essentially just the intent ("Mulțumesc frumos!"); false when it also
   * holds a question or other content ("Mersi, și cât costă?"), which must then be answered as a
   * question. A request for a clerk stays standalone even with a topic ("I want to talk to someone
   * about my building permit").
   */
  standalone: boolean;
  /**
   * When the message asks a question beside an intent with `peelFromQuestion` (greeting, thanks…): the
   * question without the intent phrases ("bună ziua, cât costă buletinul?" → "cat costa buletinul?"),
   * for the steps that answer it. Absent otherwise: then the whole message is read as it is.
   */
  question?: string;
  /**
   * The words beside the intent read as a question: a "?" or a question word at the start of what is
   * left ("mersi, și cât costă"). Such a message is answered as a question, never as the intent alone.
   */
  asksQuestion: boolean;
  /**
   * The message's words that neither a phrase nor a cue of the intent nor a filler explains: what the
   * citizen said beside the intent ("a good plumber near Mărăști" inside "can you recommend …").
   */
  unexplained: string[];
}

export interface IntentMatcher {
  /**
   * The intent of the message, or undefined when it holds none. `lang` (the detected language)
   * limits typo tolerance to that language's examples; exact words match in any language.
   */
  match(text: string, lang?: Lang): IntentMatch | undefined;
}

/**
 * Recognises conversational intents with a conservative rule: an intent phrase (an example from the
 * intent files, tolerant to fillers, inflections and one-letter typos) must sit at the start or the
 * end of a clause. Phrases are peeled off both ends of each clause; what stays in the middle is the
 * content that makes a message a question ("bună ziua, | cum îmi fac buletinul"). One-word examples
 * that also start ordinary questions ("ajutor de încălzire", "nu am primit…") count only when they
 * fill their clause. See docs/intents.md.
 */
export function createIntentMatcher(intents: Intent[]): IntentMatcher {
  const examples = compileExamples(intents);
  const forward = buildExampleIndex(examples, 'forward');
  const backward = buildExampleIndex(examples, 'backward');
  const lookup = (word: string, fromEnd: boolean) => (fromEnd ? backward : forward).candidates(word);
  const cues = compileCues(intents);
  const peeledFromQuestion = new Set(
    intents.filter((intent) => intent.matching.peelFromQuestion).map((intent) => intent.name),
  );
  const besideStatement = new Map(
    intents.map((intent) => [intent.name, intent.matching.wordsBesideStatement]),
  );
  /**
   * Neither a question nor a request ("m-am săturat, vreau să depun o petiție"), and few enough other
   * words for the intent's `wordsBesideStatement`.
   */
  const statementOnly = (intent: string, unexplained: number, asksQuestion: boolean, rest: string[][]) =>
    !asksQuestion &&
    unexplained <= (besideStatement.get(intent) ?? 0) &&
    !rest.some((words) => words.some((word) => REQUEST_WORDS.has(word)));

  return {
    match(text: string, lang?: Lang): IntentMatch | undefined {
      const found: PhraseMatch[] = [];
      const rest: string[][] = [];
      let contentWords = 0;
      const clauses = splitClauses(text);
      for (const clause of clauses) {
        const peeled = peelClause(clause, lang, lookup);
        contentWords += peeled.leftover;
        found.push(...peeled.matches);
        if (peeled.rest.length > 0) rest.push(peeled.rest);
      }

      // A weak phrase that only survived next to a strong one ("köszi | a segítséget") is never the
      // message's intent: the strong phrase is.
      const strong = found.filter((phrase) => !phrase.weak);
      const top =
        found.length === 0
          ? undefined
          : (strong.length > 0 ? strong : found).reduce((best, phrase) =>
              phrase.example.intent.priority > best.example.intent.priority ||
              (phrase.example.intent.priority === best.example.intent.priority && phrase.weight > best.weight)
                ? phrase
                : best,
            );

      // A cue anywhere in the sentence outranks a lower phrase: "super, mersi pentru nimic" is sarcasm.
      const words = clauses.flat();
      const cueHits = cues.find(words, lang);
      // What neither a phrase, nor a cue of the intent, nor a filler explains.
      const unexplainedWords = (intent: string): string[] => {
        const hits = cueHits.find((found) => found.intent === intent);
        const cueWords = new Set([...(hits?.positions ?? [])].map((position) => words[position]));
        return rest.flat().filter((word) => !cueWords.has(word) && !FILLER_WORDS.has(word));
      };
      const unexplainedBeside = (intent: string): number => unexplainedWords(intent).length;
      const cued = cueHits[0];
      if (cued && (!top || cued.priority > top.example.intent.priority)) {
        // Standalone when what no phrase explains is only cues and fillers ("asta e inutil").
        const unexplained = unexplainedBeside(cued.intent);
        // "ce bătaie de joc" is an exclamation: the cue is not what a question word asks about.
        const cueWords = new Set([...cued.positions].map((position) => words[position]));
        const beside = rest.map((clause) => clause.filter((word) => !cueWords.has(word)));
        const asksQuestion = isQuestion(beside, text, lang);
        const standalone = unexplained === 0 || statementOnly(cued.intent, unexplained, asksQuestion, rest);
        const score = Math.round((100 * cued.positions.size) / (cued.positions.size + unexplained)) / 100;
        return {
          intent: cued.intent,
          score,
          standalone,
          asksQuestion,
          unexplained: unexplainedWords(cued.intent),
        };
      }
      if (!top) return undefined;

      const intent = top.example.intent;
      const matchedWeight = found.reduce((sum, phrase) => sum + phrase.weight, 0);
      const matchedWords = found.reduce((sum, phrase) => sum + phrase.example.words.length, 0);
      const score = Math.round(100 * Math.min(1, matchedWeight / (matchedWords + contentWords))) / 100;
      const asksQuestion = contentWords > 0 && isQuestion(rest, text, lang);
      const standalone =
        contentWords === 0 ||
        (intent.overridesQuestion &&
          found.some((phrase) => phrase.example.intent === intent && isClearRequest(phrase))) ||
        statementOnly(intent.name, unexplainedBeside(intent.name), asksQuestion, rest);
      const unexplained = unexplainedWords(intent.name);
      return standalone || !asksQuestion || !peeledFromQuestion.has(intent.name)
        ? { intent: intent.name, score, standalone, asksQuestion, unexplained }
        : {
            intent: intent.name,
            score,
            standalone,
            asksQuestion,
            unexplained,
            question: questionOf(rest, text),
          };
    },
  };
}

/** A request for the intent strong enough to outweigh the rest of the message. */
function isClearRequest(phrase: PhraseMatch): boolean {
  return phrase.example.contentWords >= 2 || phrase.asked;
}

/** The clauses no phrase explains, as one question; its question mark kept (some steps read it). */
function questionOf(rest: string[][], text: string): string {
  const question = rest.map((words) => words.join(' ')).join(', ');
  return /\?\s*$/u.test(text) ? `${question}?` : question;
}

/** The words left beside the intent ask something: a final "?" or a question word opening a clause. */
function isQuestion(rest: string[][], text: string, lang: Lang | undefined): boolean {
  if (rest.length === 0) return false;
  if (/\?\s*$/u.test(text)) return true;
  const languages = lang ? [lang] : LANGS;
  return rest.some((words) => {
    const start = words.findIndex((word) => !JOINING_WORDS.has(word));
    if (start < 0 || !languages.some((language) => QUESTION_WORDS[language].has(words[start]))) return false;
    // A question word asks about something: at least one more word that is not a filler.
    return words.slice(start + 1).some((word) => !FILLER_WORDS.has(word));
  });
}
