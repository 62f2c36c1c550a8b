import { z } from 'zod';
import type { Lang } from '../../language.js';
import { knowledgeBaseFile, readYamlFile } from '../../knowledge/knowledge-base-file.js';
import { tokenize } from '../../text/normalize.js';

/**
 * The city hall's remit, told by the bodies and private actors outside it (knowledge-base/remit.yaml):
 * banks, the national tax agency, the pension house and health insurance, utility suppliers, the national
 * police and courts, notaries, hospitals and schools, and private parties (a neighbour, a landlord, a
 * contractor, a seller). A message is about such a body when it names it and speaks of the body's own
 * business (an affair or a grievance), unless those words are all a procedure's own or the body's paper
 * is asked for as a document. The decision uses the knowledge base only through `ownedBy`, so it stays a
 * pure function of the message and the yaml.
 */

const phrases = z.array(z.string().regex(/^[a-z0-9]+(?: [a-z0-9]+)*$/, 'tokenized phrase'));
const perLanguage = z.object({ ro: phrases, en: phrases, hu: phrases }).strict();
const noPhrases = { ro: [], en: [], hu: [] };

const OutsideBodySchema = z
  .object({
    body: z.string().min(2),
    names: perLanguage,
    unless: perLanguage.default(noPhrases),
    affairs: perLanguage,
    signatures: perLanguage.default(noPhrases),
  })
  .strict();

export const RemitModelSchema = z
  .object({
    bodies: z.array(OutsideBodySchema).min(1),
    grievances: perLanguage,
    asDocument: perLanguage,
  })
  .strict();
export type RemitModel = z.infer<typeof RemitModelSchema>;

/** Reads `remit.yaml` from the knowledge-base directory, or the project's own file. */
export function loadRemitModel(knowledgeBaseDirectory?: string): RemitModel {
  return readYamlFile(knowledgeBaseFile('remit.yaml', knowledgeBaseDirectory), RemitModelSchema);
}

/** A word of a phrase matches a message word: a prefix from five letters on, else the whole word. */
function wordMatches(pattern: string, word: string): boolean {
  return pattern.length >= 5 ? word.startsWith(pattern) : word === pattern;
}

/** The message words a phrase matches (in order, consecutive), or [] when it is not said. */
export function phraseIn(tokens: readonly string[], phrase: string): string[] {
  const parts = phrase.split(' ');
  for (let start = 0; start + parts.length <= tokens.length; start += 1) {
    if (parts.every((part, offset) => wordMatches(part, tokens[start + offset]!))) {
      return tokens.slice(start, start + parts.length);
    }
  }
  return [];
}

/** The phrases of the list the message says, each as the message words it matched ("mi a luat"). */
function saidOf(tokens: readonly string[], list: readonly string[]): string[] {
  const said = list.map((phrase) => phraseIn(tokens, phrase).join(' ')).filter((words) => words !== '');
  return [...new Set(said)];
}

/** The words of a said phrase that can tell a subject: three letters or more ("mi a luat" → "luat"). */
export function tellingWords(said: string): string[] {
  return said.split(' ').filter((word) => word.length >= 3);
}

export interface OutsideRequest {
  /** The body the message is about (remit.yaml `body`). */
  body: string;
  /** The phrases that name it (or its signature), as said. */
  named: string[];
  /** The phrases of its business (signatures and affairs), as said. */
  affairs: string[];
  /** The grievances said. */
  grievances: string[];
}

export interface OutsideRemitInput {
  text: string;
  lang: Lang;
  /** The message asks for documents (the facet of src/dialogue/facets.ts). */
  asksDocuments: boolean;
  /** Whether a procedure the conversation may be about (the topic, a confident candidate) holds the word. */
  ownedBy: (word: string) => boolean;
  model: RemitModel;
}

/**
 * The outside body a message is about, or undefined. Every phrase is looked for in the message's language
 * only ("per" is a lawsuit in Hungarian, "ing" a bank nowhere); a proper name like "ANAF" is listed in
 * each language.
 */
export function outsideRequest(input: OutsideRemitInput): OutsideRequest | undefined {
  const { lang, model } = input;
  const tokens = tokenize(input.text);
  if (tokens.length === 0) return undefined;
  // The body's paper asked for as a document of the procedure: the procedure's question.
  if (input.asksDocuments || saidOf(tokens, model.asDocument[lang]).length > 0) return undefined;
  const grievances = saidOf(tokens, model.grievances[lang]);
  const owned = (said: string) => tellingWords(said).every((word) => input.ownedBy(word));
  for (const body of model.bodies) {
    if (saidOf(tokens, body.unless[lang]).length > 0) continue;
    const signatures = saidOf(tokens, body.signatures[lang]);
    const named = signatures.length > 0 ? signatures : saidOf(tokens, body.names[lang]);
    if (named.length === 0) continue;
    const affairs = [...new Set([...signatures, ...saidOf(tokens, body.affairs[lang])])].filter(
      (said) => signatures.includes(said) || !named.includes(said),
    );
    // Only the body's own business (a loan, a deposit, an income-tax return) makes the message about
    // it: a grievance alone ("my landlord refuses to sign", "a főbérlőm nem akar szerződést adni") is
    // as often a circumstance of the procedure the body takes part in (conversations-fit-evidence-check).
    if (affairs.length === 0) continue;
    // Every word of the body's business, and of the grievance said with it, is also a procedure's own
    // ("cardul" of paying online, "furat" of a stolen identity card): the body is part of that
    // procedure, not the subject of the message.
    // A signature ("declarația unică", "impozitul pe venit") is the body's business as a whole phrase,
    // whatever procedure holds its words one by one.
    if (signatures.length === 0 && [...affairs, ...grievances].every(owned)) continue;
    return { body: body.body, named, affairs, grievances };
  }
  return undefined;
}
