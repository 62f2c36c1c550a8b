import type { Lang } from '../../language.js';
import type { RetrievedProcedure } from '../../knowledge/retrieval-contract.js';
import type { ConversationFeatures } from './conversation-model.js';
import type { ProcedureWordIndex } from './procedure-word-index.js';
import type { TurnCues } from './turn-cues.js';

export interface TopicEvidence {
  /** The topic of the conversation weighed (a procedure answered earlier). */
  topic: string;
  /** The best procedure the message alone points to, other than the topic. */
  other: { slug: string; confidence: number } | null;
  features: ConversationFeatures;
}

/**
 * The evidence for one topic of the conversation against the message: how well the message's words fit
 * the topic's text, and how strongly they name another procedure instead (retrieval's confidence in it,
 * and the share and rarity of the words only that procedure's names contain). Common words ("plătesc",
 * "apply", "intézni") occur in many procedures, so their idf is low and they barely count either way.
 */
export function weighTopic(input: {
  cues: TurnCues;
  lang: Lang;
  topic: string;
  /** 0 for the topic just answered, 1 for the one before… */
  age: number;
  recencyDecay: number;
  /** Retrieval's candidates for the message alone (best first; empty when it declined). */
  candidates: RetrievedProcedure[];
  index: ProcedureWordIndex;
}): TopicEvidence {
  const { cues, lang, topic, index } = input;
  const other = input.candidates.find((candidate) => candidate.slug !== topic) ?? null;
  let information = 0;
  let fitting = 0;
  let pointingElsewhere = 0;
  let namingElsewhere = 0;
  let sharpest = 0;
  let foreign = 0;
  for (const word of cues.content) {
    const idf = index.idf(word, lang);
    information += idf;
    if (!index.inAnyText(word, lang)) foreign += idf;
    const inTopic = index.inText(topic, word, lang);
    if (inTopic) fitting += idf;
    if (other && !inTopic && index.inNames(other.slug, word, lang)) {
      pointingElsewhere += idf;
      sharpest = Math.max(sharpest, idf);
      if (index.inLabels(other.slug, word, lang)) namingElsewhere += idf;
    }
  }
  const share = (part: number) => (information > 0 ? part / information : 0);
  // A facet word or an opening "and…" is a weak lean: "how much is a coffee in the centre?" names a
  // cost, "și cine a câștigat meciul?" only adds a sentence, and their other words are not the topic's.
  // Without a person or a pointer, what the topic's text lacks counts against staying (one feature,
  // since a logistic sum cannot form the product itself).
  const looseMisfit =
    cues.content.length > 0 && !cues.caseCue && !cues.pointerCue && information > 0 ? 1 - share(fitting) : 0;
  return {
    topic,
    other: other ? { slug: other.slug, confidence: other.confidence } : null,
    features: {
      newConfidence: other?.confidence ?? 0,
      newEvidence: share(pointingElsewhere),
      newSpecificity: sharpest / index.maxIdf,
      newLabelEvidence: share(namingElsewhere),
      focusFit: share(fitting),
      foreignShare: share(foreign),
      facet: cues.facets.length > 0 ? 1 : 0,
      caseCue: cues.caseCue ? 1 : 0,
      openerCue: cues.openerCue ? 1 : 0,
      pointerCue: cues.pointerCue ? 1 : 0,
      bare: cues.content.length === 0 ? 1 : 0,
      // A logistic model adds its evidence up: "nothing leans on the conversation" has to be one feature
      // to weigh as a whole ("cine a câștigat meciul?" mid-conversation is not about the topic).
      unanchored:
        cues.content.length > 0 && cues.facets.length === 0 && !cues.caseCue && !cues.continuationCue ? 1 : 0,
      looseMisfit,
      // …and when retrieval places the message nowhere either, it is an aside, not a follow-up.
      looseUnplaced: looseMisfit * (1 - (input.candidates[0]?.confidence ?? 0)),
      topicRecency: input.recencyDecay ** input.age,
    },
  };
}
