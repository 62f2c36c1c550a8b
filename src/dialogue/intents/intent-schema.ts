import { z } from 'zod';
import { MAX_EXPANSIONS } from './expand-alternatives.js';

/**
 * One intent file, `intents/<name>.yaml`: conversational moves (greeting, thanks, asking for a clerk…)
 * that ANTONIA recognises before it searches the procedures. The format is documented in
 * docs/intents.md.
 */
const phrase = z
  .string()
  .trim()
  .min(1)
  .refine((text) => !/\([^)]*\(|\)[^(]*\)/.test(text) && countOf(text, '(') === countOf(text, ')'), {
    message: 'alternatives are written "(a|b)", without nesting',
  })
  .refine((text) => alternativesCount(text) <= MAX_EXPANSIONS, {
    message: `expands to more than ${MAX_EXPANSIONS} examples: split it`,
  });
const phrases = z.array(phrase).min(1);

const ExamplesSchema = z.object({ ro: phrases, en: phrases, hu: phrases });

/**
 * Words or short phrases that signal the intent wherever they stand in a message, not only at a clause's
 * edge: the vocabulary of a feeling ("inutil", "dezastru", "haszontalan", "thanks for nothing"). Plain
 * words, no alternatives; inflections and one-letter slips match as for examples.
 */
const cueWords = z.array(
  z
    .string()
    .trim()
    .min(1)
    .regex(/^[^()|]+$/, { message: 'plain words, no (a|b)' }),
);
const CuesSchema = z
  .object({ ro: cueWords.default([]), en: cueWords.default([]), hu: cueWords.default([]) })
  .strict();

/** 1–3 reply variants per language, so a repeated greeting does not sound canned. */
const replies = z.array(z.string().trim().min(1)).min(1).max(3);

const ResponsesSchema = z.object({ ro: replies, en: replies, hu: replies });

export const IntentMatchingSchema = z
  .object({
    /** When one message holds several intents ("nu, mersi"), the highest priority is reported. */
    priority: z.number().int().min(0).max(1000),
    /**
     * The intent is recognised only when an example fills a whole clause (text between punctuation).
     * For words that also open ordinary sentences: "nu", "da", "ok" ("nu am primit răspuns…").
     */
    wholeClauseOnly: z.boolean().default(false),
    /**
     * Where a one-word example ("salut", "mersi", "idiotule", "ajutor", "operator") counts:
     * `whole-clause` (default) only when it fills its clause — most single words also open procedure
     * questions ("ajutor de încălzire", "operator economic"); `clause-start` / `clause-end` /
     * `clause-edge` also at the start, the end, or either end of a longer clause.
     */
    singleWord: z.enum(['whole-clause', 'clause-start', 'clause-end', 'clause-edge']).default('whole-clause'),
    /**
     * A clear request for this intent outweighs the rest of the message: "I want to talk to someone
     * about my building permit" is a request for a clerk (the rest is the topic), not a question.
     */
    overridesQuestion: z.boolean().default(false),
    /**
     * A message with this intent that asks nothing (no "?", no question word) stays the intent alone with
     * up to this many other words ("iar mi-ai dat același răspuns, nu mă ajuți"): a vent, not a question.
     * Default 0; more words may be a report of a problem, left to the conversation step and retrieval.
     */
    wordsBesideStatement: z.number().int().min(0).max(5).default(0),
    /**
     * Beside a question, this intent's words are politeness only ("bună ziua", "mersi", "bye"): the
     * question is read without them. False for words the conversation reads, such as the "nu" of a
     * correction ("nu, mă refeream la…") or a complaint.
     */
    peelFromQuestion: z.boolean().default(false),
    /**
     * For an out-of-scope frame: the message is answered as a question after all when retrieval, for
     * the message alone, is at least this confident in one procedure. A frame is a few everyday words
     * ("unde pot mânca …") and a city service can be asked in them ("unde pot mânca gratuit?" is the
     * social canteen): a calibrated confidence this high says the words inside the frame name it.
     */
    yieldsToRetrieval: z.number().min(0).max(1).optional(),
  })
  .strict();

export const IntentSchema = z
  .object({
    name: z.string().regex(/^[a-z]+(?:-[a-z]+)*$/, { message: 'must be a kebab-case name' }),
    description: z.string().trim().min(1),
    matching: IntentMatchingSchema,
    /**
     * The reply offers a clerk (quick reply, and a typed "da" / "yes" accepts): for complaints and
     * frustration, where a person is the better help.
     */
    offersClerk: z.boolean().default(false),
    /**
     * Said with other words that name no procedure ("köszönöm, nagyon kedves", "I'm fed up with
     * this"), the message is still this intent: the conversation step answers it as such.
     */
    social: z.boolean().default(false),
    /**
     * The intent's phrases frame a request the City Hall does not handle (a private provider to
     * recommend, the news, the weather): whatever the words inside the frame name ("știți un arhitect
     * bun?", "who won the election?"), the message is declined with this intent's reply and a clerk
     * offered, even when it asks a question. Its phrases must be frames, never a procedure's wording.
     */
    outOfScope: z.boolean().default(false),
    examples: ExamplesSchema,
    /**
     * See CuesSchema. A cue makes the message this intent when no phrase of a higher priority is found
     * ("mersi pentru nimic" is a complaint, not thanks); standalone only when nothing but cues, phrases
     * and fillers is left, otherwise the conversation step decides (the message may still be a question).
     */
    cues: CuesSchema.default({ ro: [], en: [], hu: [] }),
    responses: ResponsesSchema,
  })
  .strict();

export type Intent = z.infer<typeof IntentSchema>;
export type IntentMatching = z.infer<typeof IntentMatchingSchema>;

function countOf(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** How many examples "(a|b) x (c|d|e)" stands for (6), without building them. */
function alternativesCount(text: string): number {
  return [...text.matchAll(/\(([^()]*)\)/g)].reduce(
    (product, group) => product * group[1].split('|').length,
    1,
  );
}
