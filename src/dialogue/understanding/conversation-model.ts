import { z } from 'zod';
import { knowledgeBaseFile, readYamlFile } from '../../knowledge/knowledge-base-file.js';
import { FacetSchema } from '../facets.js';

/**
 * The evidence the conversation step weighs for a message and a topic of the conversation (docs/adr/
 * 0005-conversation-understanding.md), each 0–1:
 *   newConfidence    retrieval's calibrated confidence in the best *other* procedure, message alone
 *   newEvidence      share of the message's information (idf) in that procedure's names and absent
 *                    from the topic's text
 *   newSpecificity   the most telling such word's idf, relative to a word found nowhere
 *   newLabelEvidence share of the message's information in that procedure's title or keywords (the
 *                    words that name it on purpose) and absent from the topic's text: an everyday word
 *                    of one of its example questions ("deschis", "ridică") is weaker evidence
 *   focusFit         share of the message's information found in the topic's text
 *   foreignShare     share of the message's information in words no procedure contains ("cozonac")
 *   facet            the message names a facet (cost, documents, where, deadline…)
 *   caseCue          it names a person or circumstance ("for my wife", "on Saturday", "from abroad")
 *   openerCue        it opens with "and/și/és" (often how a related new request is added)
 *   pointerCue       it points back ("it", "asta", "azt", "hozzá"): it is about what was said
 *   bare             no content word is left once facets, fillers and case words are taken out
 *   unanchored       it has content words but nothing that leans on the conversation (no facet, case,
 *                    "and…" or pointer): a sentence that stands on its own, like an unrelated question
 *   looseMisfit      for a message that leans on the conversation by no more than a facet word or an
 *                    opening "and…" (no person, no pointer), the share of its information the topic's
 *                    text lacks:
 *                    "how much is a coffee?" names a cost but is not about the passport
 *   looseUnplaced    looseMisfit where retrieval, too, finds no procedure for the message alone (times
 *                    1 − its confidence): the words point nowhere in the knowledge base
 *   topicRecency     1 for the topic just answered, less for older ones in the history
 */
export const CONVERSATION_FEATURES = [
  'newConfidence',
  'newEvidence',
  'newSpecificity',
  'newLabelEvidence',
  'focusFit',
  'foreignShare',
  'facet',
  'caseCue',
  'openerCue',
  'pointerCue',
  'bare',
  'unanchored',
  'looseMisfit',
  'looseUnplaced',
  'topicRecency',
] as const;
export type ConversationFeature = (typeof CONVERSATION_FEATURES)[number];
export type ConversationFeatures = Record<ConversationFeature, number>;

const fraction = z.number().min(0).max(1);
/** One list of words or phrases for each language the citizens write in. */
const perLanguage = <T extends z.ZodType>(list: T) => z.object({ ro: list, en: list, hu: list }).strict();
const LogisticSchema = z
  .object({
    intercept: z.number(),
    weights: z.object(
      Object.fromEntries(CONVERSATION_FEATURES.map((feature) => [feature, z.number()])) as {
        [K in ConversationFeature]: z.ZodNumber;
      },
    ),
    threshold: fraction,
  })
  .strict();
export type LogisticModel = z.infer<typeof LogisticSchema>;

export const ConversationModelSchema = z
  .object({
    switch: LogisticSchema,
    stay: LogisticSchema,
    history: z
      .object({
        size: z.number().int().min(1).max(10),
        recencyDecay: fraction,
      })
      .strict(),
    ambiguity: z
      .object({
        genericTitleFrequency: z.number().int().min(2).max(50),
        variantShare: fraction,
        variantLead: z.number().min(1).max(10),
        announcing: perLanguage(z.array(z.string().min(2))),
      })
      .strict(),
    correction: z
      .object({
        labelLead: z.number().min(1).max(10),
        minConfidence: fraction,
        neighbours: z.number().int().min(1).max(20),
        minNeighbourFit: fraction,
        neighbourLead: z.number().min(1).max(10),
        phrases: perLanguage(z.array(z.string().regex(/^[a-z0-9 ]+$/))),
      })
      .strict(),
    recovery: z.object({ minFitLead: z.number().min(0).max(1) }).strict(),
    recall: z.object({ messages: z.number().int().min(0).max(5) }).strict(),
    complaint: z
      .object({
        disputeWords: perLanguage(z.array(z.string().regex(/^[a-z0-9]+$/))),
        contestWords: perLanguage(z.array(z.string().min(2))),
      })
      .strict(),
    sibling: z.object({ minIdf: z.number().min(0).max(20), lead: z.number().min(1).max(10) }).strict(),
    aside: z
      .object({
        minForeignIdf: z.number().min(0).max(20),
        caseForeignInformation: z.number().min(0).max(100),
        maxTopicFit: fraction,
        minPrefix: z.number().int().min(3).max(10),
        maxStay: z.number().min(0).max(1),
        everydayFacets: z.array(FacetSchema),
      })
      .strict(),
    continuation: z
      .object({
        maxContentWords: z.number().int().min(1).max(10),
        confidentRetrieval: fraction,
        concessive: perLanguage(z.array(z.string().regex(/^[a-z0-9 ]+$/))),
      })
      .strict(),
    requirement: z
      .object({
        minFocusFit: fraction,
        phrases: perLanguage(z.array(z.string().regex(/^[a-z0-9 ]+$/))),
        otherStep: perLanguage(z.array(z.string().regex(/^[a-z0-9 ]+$/))),
      })
      .strict(),
    aim: z
      .object({
        lead: z.number().min(1).max(10),
        minWeight: z.number().min(0).max(20),
        minKinship: fraction,
        acts: perLanguage(z.array(z.string().min(2))),
        implied: z
          .array(
            z
              .object({
                act: z
                  .object({ ro: z.string().min(2), en: z.string().min(2), hu: z.string().min(2) })
                  .strict(),
                minKinship: fraction.optional(),
                all: z.array(perLanguage(z.array(z.string().min(2)).optional())).min(1),
              })
              .strict(),
          )
          .default([]),
      })
      .strict(),
  })
  .strict();
export type ConversationModel = z.infer<typeof ConversationModelSchema>;

/** Reads `conversation.yaml` from the knowledge-base directory, or the project's own file. */
export function loadConversationModel(knowledgeBaseDirectory?: string): ConversationModel {
  return readYamlFile(
    knowledgeBaseFile('conversation.yaml', knowledgeBaseDirectory),
    ConversationModelSchema,
  );
}

/** The model's probability for these features. */
export function probability(model: LogisticModel, features: ConversationFeatures): number {
  let z = model.intercept;
  for (const feature of CONVERSATION_FEATURES) z += model.weights[feature] * features[feature];
  return 1 / (1 + Math.exp(-z));
}
