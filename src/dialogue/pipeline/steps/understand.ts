import type { RetrievedProcedure } from '../../../knowledge/retrieval-contract.js';
import { REPLIES } from '../../canned-replies.js';
import { HANDOFF_REQUEST_ACTION } from '../../citizen-action.js';
import { probability } from '../../understanding/conversation-model.js';
import { correctionNeighbours } from '../../understanding/correction-neighbours.js';
import { namedSibling } from '../../understanding/named-sibling.js';
import { outsideRequest, type OutsideRequest } from '../../understanding/outside-remit.js';
import { ProcedureWordIndex } from '../../understanding/procedure-word-index.js';
import { phraseOf, type TurnCues } from '../../understanding/turn-cues.js';
import { statedAim, type StatedAim } from '../../understanding/stated-aim.js';
import { weighTopic, type TopicEvidence } from '../../understanding/weigh-topic.js';
import { tokenize } from '../../../text/normalize.js';
import { askWhichOne } from '../ask-which-one.js';
import { replyWithIntent } from './match-intent.js';
import { step } from '../run-pipeline.js';
import { cuesOf, type ProcedureChoice, type TurnContext } from '../turn-context.js';

/** What the conversation step decided for a turn (recorded in the bot message's meta). */
export type ConversationMove =
  'stay' | 'switch' | 'correct' | 'ask' | 'answer' | 'chosen' | 'not_a_procedure' | 'decline';

/**
 * The conversation-level decision (docs/adr/0005-conversation-understanding.md): for each message, stay
 * on a topic of the conversation, switch to a procedure it newly names, correct the previous answer, ask
 * which one, or decline. It weighs evidence rather than word lists: retrieval's confidence for the
 * message alone, how informative its words are in the knowledge base, how well they fit the topic's
 * text, and the facet, case and continuation cues of its form. The weights are a fitted logistic model
 * kept as data (knowledge-base/conversation.yaml). Declining is a normal outcome: "I don't know" plus a
 * clerk is better than a confident answer about the wrong procedure.
 */
export const understand = step('understand', (context) => {
  if (context.procedure) {
    record(context, { move: 'chosen', topic: context.procedure.slug });
    return remember(context);
  }
  const text = context.input.text ?? '';
  const cues = cuesOf(context, text);
  const candidates = (context.retrieval?.declined ? [] : (context.retrieval?.procedures ?? [])).filter(
    (found) => context.services.knowledge.procedure(found.slug),
  );
  const stored = context.previous.topics;
  // A state saved before the topic history existed has only the focus.
  const history = stored.length > 0 ? stored : context.previous.focus ? [context.previous.focus] : [];
  const topics = history.filter((topic) => context.services.knowledge.procedure(topic.slug));

  if (isSocialAside(context, cues, candidates, topics)) return;
  if (topics.length > 0 && (cues.correction || deniesTopic(context, cues, topics[0].slug))) {
    correct(context, cues, candidates, topics[0].slug);
    return;
  }
  // "Banca mi-a blocat cardul", "the seller hid a defect, can I sue him?": a request about a body or
  // actor outside the city hall's remit is declined with a clerk offered, however well its everyday
  // words fit the topic (or, asked first, some procedure); the topics stay for the next follow-up.
  const outside = outsideOfRemit(context, cues, candidates, topics);
  if (outside) {
    record(context, { move: 'decline', topic: null, reason: 'outside_remit', outside });
    decline(context, 'declined_out_of_scope');
    return;
  }
  // "certificat" alone, even mid-conversation, opens a new request: it names no facet or case of the topic.
  // So does "one more thing about taxes": the words announcing a request are set aside (announced).
  const announced = topics.length > 0 ? announcedRequest(context, cues) : undefined;
  const opener = cues.facets.length === 0 && !cues.caseCue && (!cues.continuationCue || !!announced);
  const generic = opener && genericChoice(context, announced ?? cues, candidates).length >= 2;
  // …but "a temporary one?" after the identity card qualifies the topic's object: the variant named
  // after it is meant, when one clearly is (kinOfTopic).
  const variant =
    generic && cues.substituteCue && topics.length > 0
      ? kinOfTopic(context, cues, topics[0].slug)
      : undefined;
  if (variant) {
    switchByRule(context, candidates, variant.slug, topics[0].slug, { reason: 'variant_of_topic', variant });
    remember(context);
    return;
  }
  if (topics.length > 0 && !generic) {
    if (weighConversation(context, cues, candidates, topics)) {
      // Asking "which one?" settles the turn without a procedure; anything else answers one.
      if (context.procedure) remember(context);
      return;
    }
  }
  answerFresh(context, generic && announced ? announced : cues, candidates);
});

/**
 * "One more thing about taxes", "mai am o întrebare despre taxe": a message that announces another
 * request with words of the closed class `ambiguity.announcing` (knowledge-base/conversation.yaml) and
 * names it by no more than a generic title word. Returns the cues without the announcing words, for the
 * "which one?" of a lone generic word; undefined when the message holds none or a facet or case.
 */
function announcedRequest(context: TurnContext, cues: TurnCues): TurnCues | undefined {
  if (cues.facets.length > 0 || cues.caseCue) return undefined;
  const announcing = new Set(context.services.conversation.ambiguity.announcing[context.lang]);
  const content = cues.content.filter((word) => !announcing.has(word));
  if (content.length === cues.content.length || content.length === 0) return undefined;
  return { ...cues, content };
}

/**
 * Thanks, a complaint or frustration said with words the intent files do not hold ("köszönöm, nagyon
 * kedves", "I'm fed up with this"): when the rest names no facet, no case, nothing the conversation's
 * topics are named with and nothing retrieval would answer, the message is the intent, not a question.
 *
 * A complaint that asks nothing ("am pierdut o zi degeaba la ghișeu", "I waited two hours at the counter
 * for nothing") is acknowledged with an apology and a clerk offered first, even though it names a place
 * (read as the "where" facet), a person, or a word of the topic: those words tell what went wrong, they
 * do not ask where to go. Only a procedure it names on purpose (a title or keyword word of a confident
 * candidate: "vreau să fac o reclamație oficială…" names the petition) makes it a request after all, and
 * that procedure is answered. Returns true when the turn is settled (the intent's reply or that choice).
 */
function isSocialAside(
  context: TurnContext,
  cues: TurnCues,
  candidates: RetrievedProcedure[],
  topics: Array<{ slug: string; confidence: number | null }>,
): boolean {
  const match = context.intent;
  const intent = match && context.services.intents.byName.get(match.intent);
  if (!intent?.social) return false;
  const index = ProcedureWordIndex.of(context.services.knowledge);
  const confident = candidates.filter(
    (candidate) => candidate.confidence >= context.services.settings.minAnswerConfidence,
  );
  const asksNothing = !match!.asksQuestion && !/\?\s*$/u.test(context.input.text ?? '');
  const namedCandidate = confident.find(
    (candidate) =>
      !topics.some((topic) => topic.slug === candidate.slug) &&
      // A word the conversation's topic is itself named with ("parcarea" of a parking fine) tells what
      // a grievance is about, not another procedure asked for on purpose; a correction said as a
      // complaint ("that's not what I meant, I need the urbanism certificate") names what it wants.
      cues.content.some(
        (word) =>
          index.inLabels(candidate.slug, word, context.lang) &&
          (cues.correction || !topics.some((topic) => index.inNames(topic.slug, word, context.lang))),
      ),
  );
  const named = namedCandidate !== undefined;
  if (intent.offersClerk && asksNothing) {
    if (namedCandidate) {
      // "e inadmisibil, vreau să depun o petiție": the complaint asks for the procedure it names.
      const { slug, confidence } = namedCandidate;
      context.procedure = { slug, confidence, via: 'retrieval' };
      record(context, {
        move: 'switch',
        topic: slug,
        from: topics[0]?.slug ?? null,
        reason: 'complaint_naming_a_procedure',
        evidence: scores(confident),
      });
      remember(context);
      return true;
    }
    // "E nedrept, eu plătisem!" after a parking fine: a grievance about the topic itself, when the
    // topic's text says how to contest or complain about it, is answered on that topic (how to contest
    // it) rather than with an apology for the chat.
    // Only a grievance that disputes the decision ("unfair", "I had paid", "parked legally") and takes
    // nothing back: "you are useless", "nu asta am întrebat" or "I waited two hours at the counter for
    // nothing" is about the service, not the fine.
    const tellsWhy = match!.score < 1 && !cues.correction && disputes(context);
    const contested = tellsWhy && topics[0] && contestableTopic(context, index, topics[0].slug);
    if (contested) {
      context.procedure = { slug: topics[0].slug, confidence: topics[0].confidence, via: 'follow_up' };
      record(context, { move: 'stay', topic: topics[0].slug, reason: 'complaint_about_topic', contested });
      remember(context);
      return true;
    }
    // The evidence: a complaint that asks nothing, whatever facet or topic words it holds.
    record(context, { move: 'not_a_procedure', reason: 'complaint_without_question', facets: cues.facets });
    replyWithIntent(context, intent);
    return true;
  }
  if (cues.facets.length > 0 || cues.caseCue) return false;
  // Thanks that asks nothing ("vă mulțumesc, sănătate") is held back only by a procedure it names on
  // purpose; a question beside it ("mersi, și pașaportul?") by any procedure retrieval would answer.
  if (asksNothing ? named : confident.length > 0) return false;
  // A word the topic is named with (title, keywords, examples, summary) keeps the message on it; a word
  // found only somewhere in its long body ("sănătate", "frumos") is too common to hold a thanks back.
  const aboutTopic = topics.some((topic) =>
    cues.content.some((word) => index.inNames(topic.slug, word, context.lang)),
  );
  if (aboutTopic) return false;
  replyWithIntent(context, intent);
  return true;
}

/**
 * The outside body a follow-up is about (src/dialogue/understanding/outside-remit.ts, the bodies of
 * knowledge-base/remit.yaml), or undefined. Its business words are the conversation's own when the text
 * of a recent topic, or of a procedure retrieval would confidently answer for the message, holds them:
 * "pot plăti cu cardul bancar?" while paying online, "vecinul face gălăgie noaptea" (the noise complaint).
 */
function outsideOfRemit(
  context: TurnContext,
  cues: TurnCues,
  candidates: RetrievedProcedure[],
  topics: Array<{ slug: string }>,
): OutsideRequest | undefined {
  const index = ProcedureWordIndex.of(context.services.knowledge);
  const owners = [
    ...topics.slice(0, context.services.conversation.history.size).map((topic) => topic.slug),
    ...candidates
      .filter((candidate) => candidate.confidence >= context.services.settings.minAnswerConfidence)
      .map((candidate) => candidate.slug),
  ];
  return outsideRequest({
    text: context.input.text ?? '',
    lang: context.lang,
    asksDocuments: cues.facets.includes('documents'),
    ownedBy: (word) => owners.some((slug) => index.inText(slug, word, context.lang)),
    model: context.services.remit,
  });
}

/** The message disputes a decision (knowledge-base/conversation.yaml `complaint.disputeWords`, prefixes). */
function disputes(context: TurnContext): boolean {
  const prefixes = context.services.conversation.complaint.disputeWords[context.lang];
  return tokenize(context.input.text ?? '').some((token) =>
    prefixes.some((prefix) => token.startsWith(prefix)),
  );
}

/**
 * The word by which the topic's own text says it can be contested or complained about
 * (knowledge-base/conversation.yaml `complaint.contestWords`: a closed class of the act, never a topic),
 * or undefined when it says no such thing: then a grievance is about the service and gets the apology.
 */
function contestableTopic(context: TurnContext, index: ProcedureWordIndex, slug: string): string | undefined {
  const words = context.services.conversation.complaint.contestWords[context.lang];
  return words.find((word) => index.inText(slug, word, context.lang));
}

/**
 * "…certificat de nomenclatură, nu fiscal", "not demolish", "nem címigazolást": a negation right before a
 * word that names the topic in focus (its title or keywords) takes that topic back, like "I meant".
 */
function deniesTopic(context: TurnContext, cues: TurnCues, topic: string): boolean {
  const index = ProcedureWordIndex.of(context.services.knowledge);
  return cues.negated.some((word) => index.inLabels(topic, word, context.lang));
}

/** Stay, switch — or nothing (returns false) when neither reading is likely: then as a new question. */
function weighConversation(
  context: TurnContext,
  cues: TurnCues,
  candidates: RetrievedProcedure[],
  topics: Array<{ slug: string; confidence: number | null }>,
): boolean {
  const model = context.services.conversation;
  const index = ProcedureWordIndex.of(context.services.knowledge);
  const weighed = topics.slice(0, model.history.size).map((topic, age) => {
    const evidence = weighTopic({
      cues,
      lang: context.lang,
      topic: topic.slug,
      age,
      recencyDecay: model.history.recencyDecay,
      candidates,
      index,
    });
    return {
      ...evidence,
      confidence: topic.confidence,
      pStay: probability(model.stay, evidence.features),
      pSwitch: probability(model.switch, evidence.features),
    };
  });
  const focus = weighed[0];
  const evidence = summarize(weighed);
  const switchTo = focus.other && candidates.find((candidate) => candidate.slug === focus.other!.slug);
  // "… vreau să depun o reclamație" after the waste fee: the message states an act the topic is not
  // (its names lack the act word) and another procedure is named by it — that procedure is meant,
  // however well the object words fit the topic.
  const aim = aimOf(context, cues, focus.topic);
  if (aim) {
    switchByRule(context, candidates, aim.slug, focus.topic, { reason: 'stated_aim', aim, evidence });
    return true;
  }
  // Only a word that may name a topic can move the conversation: a message of people, facets and fillers
  // ("și pentru fratele meu?") that happens to match another procedure's example question stays put.
  // A follow-up that leans on the conversation (a facet, a person, "and…", "it") and whose every content
  // word is one the topic is named with (its title, keywords, examples or summary: "dacă nu sunt de acord
  // cu ea?" after a fine) asks about the topic, however strongly retrieval ranks another procedure for
  // those words alone. A word found only in the topic's body ("alocația" in the birth registration's next
  // steps) does not hold the conversation back from the procedure it names.
  const leansOnTopic =
    (cues.facets.length > 0 || cues.caseCue || cues.continuationCue) &&
    cues.content.every((word) => index.inNames(focus.topic, word, context.lang));
  if (
    cues.content.length > 0 &&
    !leansOnTopic &&
    switchTo &&
    focus.pSwitch >= model.switch.threshold &&
    switchTo.confidence >= context.services.settings.minAnswerConfidence
  ) {
    if (context.retrieval?.ambiguous && candidates.length >= 2) {
      record(context, { move: 'ask', topic: focus.topic, evidence });
      askAmong(context, candidates);
      return true;
    }
    context.procedure = { slug: switchTo.slug, confidence: switchTo.confidence, via: 'retrieval' };
    record(context, { move: 'switch', topic: switchTo.slug, from: focus.topic, evidence });
    return true;
  }
  // "N-am adresă de Cluj în buletin, mai pot depune totuși?" after social housing: a concession asks
  // whether the circumstance it tells (an identity card, renting) stops the request talked about, so
  // its words are that circumstance, however confidently they alone name another procedure (the
  // identity card). The topic just answered is meant — unless the switch model is itself confident of
  // the other procedure ("and we still need to register the death", a temporal "still"), checked
  // above, or the message is an aside by the evidence of its words ("is the Lidl still open on
  // Sunday?"). It overrides only the reading of the message on its own, which follows below.
  const concession = phraseOf(context.input.text ?? '', model.continuation.concessive);
  if (concession && !foreignAside(context, cues, candidates, weighed)) {
    context.procedure = { slug: focus.topic, confidence: focus.confidence, via: 'follow_up' };
    record(context, { move: 'stay', topic: focus.topic, reason: 'concession', concession, evidence });
    return true;
  }
  // "Dar pentru un cămin?", "és ha idősotthonba menne?": a contrast naming a sibling of the topic by a
  // rare word the topic's text lacks asks about that sibling, though retrieval cannot place it alone.
  const sibling = namedSibling({
    cues,
    lang: context.lang,
    topic: focus.topic,
    index,
    areaOf: (slug) => context.services.knowledge.procedure(slug)?.area,
    minIdf: model.sibling.minIdf,
    lead: model.sibling.lead,
  });
  if (sibling) {
    switchByRule(context, candidates, sibling.slug, focus.topic, {
      reason: 'named_sibling',
      sibling,
      evidence,
    });
    return true;
  }
  // "How much is a coffee in the old town?": not a continuation, though "how much" is a facet of the
  // topic. Declined with a clerk offered; the topics stay for the next follow-up.
  const aside = foreignAside(context, cues, candidates, weighed);
  if (aside) {
    record(context, { move: 'decline', topic: null, reason: 'foreign_aside', aside, evidence });
    decline(context, 'declined_out_of_scope');
    return true;
  }
  const earlier = returnToEarlierTopic(weighed, model.recovery.minFitLead);
  if (earlier) {
    context.procedure = { slug: earlier.topic, confidence: earlier.confidence, via: 'follow_up' };
    record(context, { move: 'stay', topic: earlier.topic, reason: 'return_to_earlier_topic', evidence });
    return true;
  }
  const best = weighed.reduce((a, b) => (b.pStay > a.pStay ? b : a));
  // A message of people, facets and fillers only ("și pentru fratele meu?", "and for my wife?") names no
  // other procedure: it can only be about a topic of the conversation, the likeliest one.
  if (best.pStay >= model.stay.threshold || cues.content.length === 0) {
    context.procedure = { slug: best.topic, confidence: best.confidence, via: 'follow_up' };
    record(context, { move: 'stay', topic: best.topic, evidence });
    return true;
  }
  // "Do I need the car's registration certificate too?" after the car tax: a requirement of the topic,
  // named by another procedure's title words, that the topic's own text lists.
  const requirement = requirementOfTopic(context, focus);
  if (requirement) {
    context.procedure = { slug: focus.topic, confidence: focus.confidence, via: 'follow_up' };
    record(context, {
      move: 'stay',
      topic: focus.topic,
      reason: 'requirement_of_topic',
      requirement,
      evidence,
    });
    return true;
  }
  if (likelierThanSwitch(context, cues, focus, best)) {
    context.procedure = { slug: best.topic, confidence: best.confidence, via: 'follow_up' };
    record(context, { move: 'stay', topic: best.topic, reason: 'likelier_than_switch', evidence });
    return true;
  }
  const unplaced = unplacedContinuation(context, cues, candidates, topics, best.topic);
  if (unplaced) {
    context.procedure = { slug: best.topic, confidence: best.confidence, via: 'follow_up' };
    record(context, { move: 'stay', topic: best.topic, reason: 'continuation_unplaced', evidence, unplaced });
    return true;
  }
  record(context, { move: 'answer', topic: null, evidence });
  return false;
}

/**
 * Evidence that a follow-up is not a continuation but an aside about something the knowledge base does
 * not cover (knowledge-base/conversation.yaml `aside:`): it leans on the conversation by an everyday
 * facet ("how much", "where") or an opening "and…" and by no more (a pointing word makes it the topic's; a
 * person or circumstance does, unless its other words carry `caseForeignInformation`: "and for my
 * wife?", "on Saturday?" stay), retrieval would answer nothing for it, it names no recent topic by a
 * title or keyword word, the recent topics' texts hold at most `maxTopicFit` of its information, and
 * its heaviest word outside those texts (not a misspelling or an inflection of theirs) is rare or
 * unknown in the whole knowledge base (`minForeignIdf`) — unless the stay model is sure of the topic
 * (`maxStay`). Returns that evidence for the turn detail.
 */
function foreignAside(
  context: TurnContext,
  cues: TurnCues,
  candidates: RetrievedProcedure[],
  weighed: Array<TopicEvidence & { pStay: number }>,
):
  | { words: string[]; heaviestIdf: number; information: number; topicFit: number; bestConfidence: number }
  | undefined {
  const rule = context.services.conversation.aside;
  if (cues.content.length === 0 || cues.pointerCue) return undefined;
  // "What documents…", "until when…" are asked of procedures; "how much", "where" of anything.
  if (cues.facets.some((facet) => !rule.everydayFacets.includes(facet))) return undefined;
  // A sentence with no lean at all ("is the lease enough?", "does my salary matter?") is left to the
  // stay model, which weighs it as unanchored: declining those lost real follow-ups whose one everyday
  // word the knowledge base lacks (conversations-fit-switch, conversations-fit).
  if (cues.facets.length === 0 && !cues.openerCue && !cues.caseCue) return undefined;
  const bestConfidence = candidates[0]?.confidence ?? 0;
  if (bestConfidence >= context.services.settings.minAnswerConfidence) return undefined;
  // The stay model reads it as a continuation with confidence: a rare word of its own ("per square
  // meter", "nepotul") is a detail of the topic, not a sign of another subject.
  if (weighed.some((topic) => topic.pStay >= rule.maxStay)) return undefined;
  const topicFit = Math.max(...weighed.map((topic) => topic.features.focusFit));
  if (topicFit > rule.maxTopicFit) return undefined;
  const index = ProcedureWordIndex.of(context.services.knowledge);
  // A word that names a topic on purpose (its title or keywords: "the waste fee", "evidența persoanelor")
  // makes the message about it, however many other words a story around it holds.
  const namesTopic = cues.content.some((word) =>
    weighed.some((topic) => index.inLabels(topic.topic, word, context.lang)),
  );
  if (namesTopic) return undefined;
  // Words outside the topics' texts; one the knowledge base lacks counts only when it is no inflection
  // or misspelling of a word the knowledge base has ("gyorsan": "gyorsabban" is there).
  const words = cues.content.filter(
    (word) =>
      !weighed.some((topic) => index.nearText(topic.topic, word, context.lang, rule.minPrefix)) &&
      (index.inAnyText(word, context.lang) || !index.nearAnyText(word, context.lang, rule.minPrefix)),
  );
  const idfs = words.map((word) => index.idf(word, context.lang));
  const heaviestIdf = Math.max(0, ...idfs);
  if (heaviestIdf < rule.minForeignIdf) return undefined;
  // A person or circumstance ("on Sunday", "at the weekend") leans on the topic: then only a sentence
  // mostly made of such words is an aside ("unde găsesc un magazin de bricolaj deschis duminica?").
  const information = idfs.reduce((sum, idf) => sum + idf, 0);
  if (cues.caseCue && information < rule.caseForeignInformation) return undefined;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    words,
    heaviestIdf: round(heaviestIdf),
    information: round(information),
    topicFit: round(topicFit),
    bestConfidence: round(bestConfidence),
  };
}

/** The act the message states, when it points to a procedure other than `reference` (stated-aim.ts). */
function aimOf(context: TurnContext, cues: TurnCues, reference: string): StatedAim | undefined {
  const rule = context.services.conversation.aim;
  return statedAim({
    text: context.input.text ?? '',
    content: cues.content,
    lang: context.lang,
    acts: rule.acts,
    index: ProcedureWordIndex.of(context.services.knowledge),
    reference,
    lead: rule.lead,
    minWeight: rule.minWeight,
    minKinship: rule.minKinship,
    implied: rule.implied,
  });
}

/**
 * A short message that leans on what was said: a facet, a person or circumstance, or a pointing word
 * (not an opening "and…", which is how new requests are added), with at most
 * `continuation.maxContentWords` content words.
 */
function leansBriefly(context: TurnContext, cues: TurnCues): boolean {
  const leans = cues.facets.length > 0 || cues.caseCue || cues.pointerCue;
  return leans && cues.content.length <= context.services.conversation.continuation.maxContentWords;
}

/**
 * Neither model is sure, but retrieval would answer the other procedure as a new question — a switch
 * the switch model has just judged unlikely. For a short follow-up that leans on the conversation (a
 * facet, a person or circumstance, a pointing word; at most `continuation.maxContentWords` content
 * words), the two calibrated probabilities are compared and the topic is kept when it is the likelier
 * reading: "how long does the whole process take?" after a building permit, where "whole" happens to be
 * a keyword of paying taxes online. Longer or unanchored sentences are still answered on their own:
 * that is also how a conversation leaves a topic it reached by mistake (applied to every message, the
 * comparison lowered the dev and the independent held-out conversations; docs/adr/0005). A word of the
 * other procedure's title that the topic's title lacks names it on purpose, and is answered.
 */
function likelierThanSwitch(
  context: TurnContext,
  cues: TurnCues,
  focus: TopicEvidence & { pSwitch: number },
  best: { topic: string; pStay: number },
): boolean {
  const other = focus.other;
  if (!other || other.confidence < context.services.settings.minAnswerConfidence) return false;
  if (!leansBriefly(context, cues)) return false;
  const index = ProcedureWordIndex.of(context.services.knowledge);
  const titlesOther = cues.content.some((word) => {
    const titled = index.titledWith(word, context.lang);
    return titled.includes(other.slug) && !titled.includes(best.topic);
  });
  return !titlesOther && best.pStay > focus.pSwitch;
}

/**
 * A follow-up asking whether something is needed ("do I need …", "… is kell?", "e nevoie de …") whose
 * words the topic's own text holds (`requirement.minFocusFit` of their information): the thing asked
 * about is a requirement of the topic, not a new request, though its words may title another procedure
 * — unless it is placed before or after the topic as a step of its own ("… before that?", "after the
 * change do I need …?", `requirement.otherStep`).
 * Returns the phrase and fit for the turn detail, or undefined.
 */
function requirementOfTopic(
  context: TurnContext,
  focus: TopicEvidence,
): { phrase: string; focusFit: number } | undefined {
  const { requirement } = context.services.conversation;
  const text = context.input.text ?? '';
  const phrase = phraseOf(text, requirement.phrases);
  if (!phrase || focus.features.focusFit < requirement.minFocusFit) return undefined;
  // "… before that?", "after the change …?": another step is a procedure of its own, not a paper to bring.
  if (phraseOf(text, requirement.otherStep)) return undefined;
  return { phrase, focusFit: Math.round(focus.features.focusFit * 1000) / 1000 };
}

/**
 * Neither staying nor switching is likely: the message would be searched as a brand-new question, and
 * retrieval's best match for one everyday word ("ridic", "plătească", "regisztráció") would take the
 * conversation away. When the message still reads as a continuation — it leans on what was said (a
 * facet, a person or circumstance, a pointing word; an opening "and…" is how new requests are added),
 * it is short, none of its words is found only in other procedures' texts, and none is a title word of
 * a procedure outside the conversation that the topics are not named with — and retrieval is not
 * confident in its best match by its own calibrated probability, the conversation keeps its topic. A confident match is answered as a new question.
 * Returns the evidence for the turn detail, or undefined when the message is read on its own.
 */
function unplacedContinuation(
  context: TurnContext,
  cues: TurnCues,
  candidates: RetrievedProcedure[],
  topics: Array<{ slug: string }>,
  /** The topic it would stay on. */
  topic: string,
): { bestConfidence: number } | undefined {
  if (!leansBriefly(context, cues)) return undefined;
  const index = ProcedureWordIndex.of(context.services.knowledge);
  // A word other procedures' texts hold and the topic's does not ("cine ține echipa asta de fotbal?")
  // is about something else: an aside, however it leans. A word no procedure holds is no such evidence
  // (often an inflection the light stemmers miss: "primim", "fizetek").
  const elsewhere = cues.content.some(
    (word) => index.inAnyText(word, context.lang) && !index.inText(topic, word, context.lang),
  );
  if (elsewhere) return undefined;
  const inConversation = new Set(topics.map((discussed) => discussed.slug));
  const namesAnother = cues.content.some(
    (word) =>
      !topics.some((discussed) => index.inNames(discussed.slug, word, context.lang)) &&
      index.titledWith(word, context.lang).some((slug) => !inConversation.has(slug)),
  );
  if (namesAnother) return undefined;
  const bestConfidence = candidates[0]?.confidence ?? 0;
  if (bestConfidence >= context.services.conversation.continuation.confidentRetrieval) return undefined;
  return { bestConfidence: Math.round(bestConfidence * 1000) / 1000 };
}

/**
 * Recovery after a wrong turn: the stay model trusts the topic just answered above all (it is fitted on
 * conversations whose earlier turns were right), so once a turn lands on the wrong procedure, the next
 * follow-ups would inherit it. When the message's own words fit an earlier topic's text clearly better
 * than the topic in focus and every other recent one ("can the baby have both our surnames?" after a
 * detour to the passport, on a birth registration), the conversation returns to that topic. A message
 * without content words ("cât durează?") has no such evidence and stays where the model puts it.
 */
function returnToEarlierTopic<T extends TopicEvidence>(weighed: T[], minFitLead: number): T | undefined {
  const fits = weighed.map((topic) => topic.features.focusFit);
  return weighed.slice(1).find((topic, at) => {
    const rivals = fits.filter((_, other) => other !== at + 1);
    return topic.features.focusFit - Math.max(...rivals) >= minFitLead;
  });
}

/**
 * "Nu, mă refeream la…": the topic in focus was the wrong one. The citizen has said it is something
 * else, so the evidence needed is lower than for a question asked cold, and the wrong topic's
 * neighbours are where to look (knowledge-base/conversation.yaml `correction:`), in this order:
 * retrieval's best other candidate above `correction.minConfidence` (even where retrieval would not
 * answer the message alone; close ones are offered); the procedure whose titles or keywords the words
 * name (`labelLead`); the wrong topic's neighbour by name whose text holds clearly the most of what the
 * correction adds (`neighbours`, `minNeighbourFit`, `neighbourLead`); else "which one?" among the
 * candidates or the neighbours. Declined only when there is nothing to offer (the clerk is offered).
 */
function correct(
  context: TurnContext,
  cues: TurnCues,
  candidates: RetrievedProcedure[],
  wrong: string,
): void {
  const rule = context.services.conversation.correction;
  const settings = context.services.settings;
  // Retrieval's own ranking, kept even when it declined to answer: the bar here is the correction's.
  const ranked = context.retrieval?.procedures ?? candidates;
  const others = ranked.filter(
    (candidate) => candidate.slug !== wrong && context.services.knowledge.procedure(candidate.slug),
  );
  context.state.topics = context.previous.topics.filter((topic) => topic.slug !== wrong);
  // Whatever this turn settles on, the wrong topic is no longer the focus a bare follow-up falls back on
  // (a state whose topics are empty reads its focus as the topic).
  if (context.state.focus?.slug === wrong) context.state.focus = context.state.topics[0] ?? null;
  const [first, second] = others;
  const detail = { move: 'correct' as const, from: wrong };
  if (first && first.confidence >= rule.minConfidence) {
    const close = second && first.confidence - second.confidence <= settings.correctionMargin;
    if (!close || cues.content.length === 0) {
      context.procedure = { slug: first.slug, confidence: first.confidence, via: 'retrieval' };
      record(context, { ...detail, topic: first.slug, evidence: scores(others) });
      remember(context);
      return;
    }
  }
  // Retrieval cannot place it (a correction is often a long sentence of everyday words): the procedure
  // whose title or keywords the message names, when one clearly leads.
  const index = ProcedureWordIndex.of(context.services.knowledge);
  const [named, runnerUp] = index.labelledBy(cues.content, context.lang, wrong);
  if (named && (!runnerUp || named.information >= rule.labelLead * runnerUp.information)) {
    context.procedure = { slug: named.slug, confidence: null, via: 'retrieval' };
    record(context, { ...detail, topic: named.slug, evidence: { named: [named, runnerUp].filter(Boolean) } });
    remember(context);
    return;
  }
  // The wrong topic's neighbours by name, weighed by what the correction adds ("monthly", "a new one").
  const near = correctionNeighbours(
    index,
    context.services.knowledge,
    wrong,
    cues.content,
    context.lang,
    rule.neighbours,
  );
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const neighbours = near.slice(0, 3).map(({ slug, fit, kinship, weight }) => ({
    slug,
    fit: round(fit),
    kinship: round(kinship),
    weight: round(weight),
  }));
  const [closest, nextClosest] = near;
  if (
    closest &&
    closest.weight >= rule.minNeighbourFit &&
    (!nextClosest || closest.weight >= rule.neighbourLead * nextClosest.weight)
  ) {
    context.procedure = { slug: closest.slug, confidence: null, via: 'retrieval' };
    record(context, {
      ...detail,
      topic: closest.slug,
      reason: 'neighbour_of_wrong_topic',
      evidence: { neighbours },
    });
    remember(context);
    return;
  }
  if (others.length >= 2) {
    record(context, { ...detail, topic: null, evidence: scores(others) });
    askAmong(context, others);
    return;
  }
  // Nothing placed it: the wrong topic's neighbours that hold something of it (or its closest
  // neighbours by name) are offered, rather than a bare "I don't know".
  const offered = near.some((neighbour) => neighbour.weight > 0) ? near.filter((n) => n.weight > 0) : near;
  if (offered.length >= 2) {
    record(context, { ...detail, topic: null, reason: 'neighbours_offered', evidence: { neighbours } });
    askWhichOne(
      context,
      offered.slice(0, settings.maxClarificationOptions).map(({ slug }) => ({ slug, confidence: null })),
    );
    return;
  }
  record(context, { ...detail, topic: null, evidence: scores(others) });
  decline(context, 'declined_low_confidence');
}

/** A message read on its own: a first question, or one that neither stays nor clearly switches. */
function answerFresh(context: TurnContext, cues: TurnCues, candidates: RetrievedProcedure[]): void {
  const settings = context.services.settings;
  // Read with the citizen's earlier unanswered messages, a lone title word ("certificatul") is no longer
  // all the request says: the pooled search named the procedure.
  const generic = context.recalled ? [] : genericChoice(context, cues, candidates);
  if (generic.length >= 2) {
    record(context, { move: 'ask', topic: null, generic: cues.content[0] });
    askWhichOne(
      context,
      generic.map((slug) => ({
        slug,
        confidence: candidates.find((candidate) => candidate.slug === slug)?.confidence ?? null,
      })),
    );
    return;
  }
  const result = context.retrieval;
  if (!result || result.declined || candidates.length === 0) return decline(context, 'declined_out_of_scope');
  if (result.ambiguous && candidates.length >= 2) {
    record(context, { move: 'ask', topic: null, evidence: scores(candidates) });
    return askAmong(context, candidates);
  }
  const best = candidates[0];
  if (best.confidence < settings.minAnswerConfidence) return decline(context, 'declined_low_confidence');
  context.procedure = { slug: best.slug, confidence: best.confidence, via: 'retrieval' };
  const previous = context.understanding as { evidence?: unknown } | undefined;
  const from = context.previous.topics[0]?.slug;
  record(context, {
    move: from && from !== best.slug ? 'switch' : 'answer',
    topic: best.slug,
    ...(from && from !== best.slug ? { from } : {}),
    evidence: previous?.evidence ?? scores(candidates),
    ...(context.recalled ? { recalled: context.recalled } : {}),
  });
  remember(context);
}

/**
 * A message whose one content word names many procedures ("autorizație", "permit", "igazolás") is a
 * choice to offer, however retrieval ranks them: measured by how many titles contain the word. A
 * procedure already discussed in this conversation is offered first (the latest first): mid-conversation
 * the citizen most likely means it, but a lone title word still asks, since it names no facet or case.
 */
function genericChoice(context: TurnContext, cues: TurnCues, candidates: RetrievedProcedure[]): string[] {
  if (cues.content.length !== 1) return [];
  const word = cues.content[0];
  const index = ProcedureWordIndex.of(context.services.knowledge);
  if (
    index.titleFrequencyOf(word, context.lang) < context.services.conversation.ambiguity.genericTitleFrequency
  )
    return [];
  const titled = new Set(index.titledWith(word, context.lang));
  const ordered = [
    ...context.previous.topics.map((topic) => topic.slug).filter((slug) => titled.has(slug)),
    ...candidates.map((candidate) => candidate.slug).filter((slug) => titled.has(slug)),
    ...titled,
  ];
  return [...new Set(ordered)].slice(0, context.services.settings.maxClarificationOptions);
}

/**
 * The variant of the topic a lone generic word asks for ("a temporary one?" after the identity card): of
 * the procedures titled with the word, the one whose titles hold clearly the most of the topic's titles
 * (by information: at least `ambiguity.variantShare`, and `ambiguity.variantLead` times the runner-up).
 * "Temporary" titles the provisional identity card (0.16 of the card's title information), the residence
 * visa (0.06), shelters and the use of public land (0).
 */
function kinOfTopic(
  context: TurnContext,
  cues: TurnCues,
  topic: string,
): { slug: string; share: number; runnerUp: number } | undefined {
  const index = ProcedureWordIndex.of(context.services.knowledge);
  const rule = context.services.conversation.ambiguity;
  const [best, second] = index
    .titledWith(cues.content[0], context.lang)
    .filter((slug) => slug !== topic)
    .map((slug) => ({ slug, share: index.titleShareInTitles(topic, slug) }))
    .sort((a, b) => b.share - a.share || a.slug.localeCompare(b.slug));
  if (!best || best.share < rule.variantShare) return undefined;
  if (second && best.share < rule.variantLead * second.share) return undefined;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { slug: best.slug, share: round(best.share), runnerUp: round(second?.share ?? 0) };
}

/**
 * A procedure a rule chose from the message's words (a stated aim, the topic's variant): with retrieval's
 * confidence when retrieval found it too, none otherwise.
 */
function chosenByRule(slug: string, candidates: RetrievedProcedure[]): ProcedureChoice {
  const found = candidates.find((candidate) => candidate.slug === slug);
  return { slug, confidence: found?.confidence ?? null, via: 'retrieval' };
}

/** A switch decided by a rule (a variant, a stated aim, a named sibling), recorded with its reason. */
function switchByRule(
  context: TurnContext,
  candidates: RetrievedProcedure[],
  slug: string,
  from: string,
  detail: { reason: string } & Record<string, unknown>,
): void {
  context.procedure = chosenByRule(slug, candidates);
  record(context, { move: 'switch', topic: slug, from, ...detail });
}

function askAmong(context: TurnContext, candidates: RetrievedProcedure[]): void {
  const options = candidates.slice(0, context.services.settings.maxClarificationOptions);
  askWhichOne(
    context,
    options.map(({ slug, confidence }) => ({ slug, confidence })),
  );
}

/** The answered procedure becomes the focus and the head of the conversation's topic history. */
function remember(context: TurnContext): void {
  const { slug, confidence } = context.procedure!;
  const size = context.services.conversation.history.size;
  const base = context.state.topics;
  context.state.focus = { slug, confidence };
  context.state.topics = [{ slug, confidence }, ...base.filter((topic) => topic.slug !== slug)].slice(
    0,
    size,
  );
  context.state.misses = 0;
}

/** The decision and its evidence, for the bot message's meta (the turn detail a clerk can read). */
function record(context: TurnContext, detail: Record<string, unknown>): void {
  context.understanding = detail;
}

function summarize(
  weighed: Array<TopicEvidence & { pStay: number; pSwitch: number }>,
): Array<Record<string, unknown>> {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return weighed.map((topic) => ({
    topic: topic.topic,
    other: topic.other?.slug ?? null,
    pStay: round(topic.pStay),
    pSwitch: round(topic.pSwitch),
    features: Object.fromEntries(Object.entries(topic.features).map(([key, value]) => [key, round(value)])),
  }));
}

function scores(candidates: RetrievedProcedure[]): Array<{ slug: string; confidence: number }> {
  return candidates
    .slice(0, 3)
    .map(({ slug, confidence }) => ({ slug, confidence: Math.round(confidence * 1000) / 1000 }));
}

export function decline(
  context: TurnContext,
  status: 'declined_out_of_scope' | 'declined_low_confidence',
): void {
  const misses = context.previous.misses + 1;
  const clerkFirst = misses >= context.services.settings.missesBeforeClerkFirst;
  context.state.misses = misses;
  context.state.offer = { reason: clerkFirst ? 'repeated_misses' : 'low_confidence' };
  const text = clerkFirst
    ? REPLIES.declineRepeated[context.lang]
    : status === 'declined_out_of_scope'
      ? REPLIES.declineOutOfScope[context.lang]
      : REPLIES.declineLowConfidence[context.lang];
  const best = context.retrieval?.procedures[0];
  const understanding = context.understanding ?? {};
  context.finish({
    status,
    reply: {
      text,
      suggestions: [{ label: REPLIES.offerClerkLabel[context.lang], value: HANDOFF_REQUEST_ACTION }],
      confidence: best?.confidence ?? null,
    },
    detail: {
      misses,
      clerkOfferedFirst: clerkFirst,
      understanding: { ...understanding, move: understanding.move === 'correct' ? 'correct' : 'decline' },
    },
  });
}
