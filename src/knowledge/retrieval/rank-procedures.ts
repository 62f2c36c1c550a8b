import type { LexicalMatch, LexicalResult } from './lexical-matching.js';
import type { VectorMatch } from './vector-matching.js';
import { CONFIDENCE_FEATURES, type ConfidenceFeatures, type RetrievalConfig } from './retrieval-config.js';

/**
 * Fusion and confidence, as pure functions over what the three channels found (no database here, so
 * the evaluation and the tests can reason about them directly).
 */

export interface RankedCandidate {
  procedureId: number;
  /** Weighted reciprocal rank fusion of the channels' rankings. */
  score: number;
  /**
   * coverage: share of the question's information (idf-weighted words) the procedure matches, 0–1;
   * namedCoverage: the same, counting only its title, summary, keywords and examples (a procedure
   *   whose body merely mentions a word is rarely what the question is about);
   * similarity: cosine of its closest chunk to the question, 0–1;
   * coverageLead / similarityLead: how far ahead of (> 0) or behind (< 0) the best other candidate;
   * fusion: the RRF score relative to a first place in every channel, 0–1;
   * evidence: the idf mass the procedure matches, in rare words (a word found in one procedure),
   *   up to evidenceWords of them, 0–1 — not divided by the question's length, so the narrative words
   *   a citizen adds around a clear request do not weaken it;
   * titleCoverage: share of the procedure's name the question covers (title-coverage.ts), 0–1; 0
   *   until withTitleCoverage fills it in for the leading candidates.
   */
  features: ConfidenceFeatures;
  /** Calibrated 0–1: the probability that this is the procedure asked about. */
  confidence: number;
  /**
   * Candidates that are documents this one requires, as the question names them: its file contains
   * their naming words, and the question also names it with words they lack (subjectOf).
   */
  mentions: number[];
}

/**
 * How much a procedure is *about* a word, from how many of its chunks contain it (BM25's saturating
 * term frequency): a procedure that names "căsătorie" in ten places is about marriage, one that
 * mentions it once (a duplicate certificate "of birth, marriage or death") is not. Part of the match
 * is kept whatever the count (1 - aboutnessShare), so one precise mention still counts.
 */
export function aboutness(chunkCount: number, config: RetrievalConfig['lexical']): number {
  const k1 = config.aboutnessSaturation;
  const saturated = (chunkCount * (k1 + 1)) / (chunkCount + k1) / (k1 + 1);
  return 1 - config.aboutnessShare + config.aboutnessShare * saturated;
}

// Scores this close (relative) are a tie: floating-point sums of the same matches differ in the last bits.
const TIE_TOLERANCE = 1e-6;

/** Inverse document frequency (BM25's form): a word in every procedure tells nothing, a rare one a lot. */
export function idf(documentFrequency: number, total: number): number {
  return Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Ranks procedures by weighted reciprocal rank fusion (RRF) of three channels:
 *   fulltext — idf-weighted matches of the question's words and their inflected forms
 *   trigram  — the same, for the typo corrections of words the base does not contain
 *   vector   — the similarity of the closest chunk's embedding
 * RRF uses only ranks, so channels with incomparable scores combine without normalisation; each
 * channel's weight and the constant k are in retrieval.yaml.
 */
export interface QuestionShape {
  /** Question words (indices 0…wordCount-1 in the lexical result). */
  wordCount: number;
  /** Words only found through a typo correction: they feed the trigram channel. */
  typoWords: ReadonlySet<number>;
  /** Phrase queries (indices from wordCount on): a bonus on top of the words. */
  phraseCount: number;
  /**
   * Context words and the phrases they are part of (context-words.ts: a month, "last year", a
   * neighbourhood): no information the question carries, a match only for a procedure that names
   * them, so the story told around a request does not dilute it. Absent: none.
   */
  contextWords?: ReadonlySet<number>;
}

export function rankProcedures(
  shape: QuestionShape,
  lexical: LexicalResult,
  vector: VectorMatch[],
  config: RetrievalConfig,
): RankedCandidate[] {
  const total = Math.max(lexical.total, 1);
  // Every question word counts in the denominator: one that matches nothing anywhere weighs like a
  // word found in no procedure (times unknownWordWeight), so a question about something else keeps a
  // low coverage, while one unknown detail in a clear question does not sink it. A phrase found in
  // the base counts too (phraseWeight of its idf): a procedure that has the words but not together
  // covers less of the question than one that names it.
  // A context word ("în august", "in Mănăștur": context-words.ts) is no information the question
  // carries: unmatched, it costs nothing. A procedure that names it counts it in its own coverage,
  // numerator and denominator alike; it adds nothing to the lexical ranking channel nor to the
  // evidence, which stay about what the question asks.
  let information = 0;
  const weightOf = new Map<number, number>();
  const contextWeightOf = new Map<number, number>();
  for (let i = 0; i < shape.wordCount + shape.phraseCount; i++) {
    const frequency = lexical.documentFrequency.get(i) ?? 0;
    const isPhrase = i >= shape.wordCount;
    if (isPhrase && frequency === 0) continue;
    const weight =
      idf(frequency, total) *
      (isPhrase ? config.lexical.phraseWeight : frequency === 0 ? config.lexical.unknownWordWeight : 1);
    if (shape.contextWords?.has(i)) {
      contextWeightOf.set(i, weight);
      continue;
    }
    weightOf.set(i, weight);
    information += weight;
  }

  const fulltext = new Map<number, number>();
  const trigram = new Map<number, number>();
  const coverage = new Map<number, number>();
  const namedCoverage = new Map<number, number>();
  const matched = new Map<number, number>();
  for (const procedure of lexical.procedures) {
    let stemScore = 0;
    let typoScore = 0;
    let namedScore = 0;
    let contextScore = 0;
    let namedContextScore = 0;
    for (const [i, match] of procedure.matches) {
      const about = aboutness(procedure.chunks.get(i) ?? 1, config.lexical);
      const contextWeight = contextWeightOf.get(i);
      if (contextWeight !== undefined) {
        contextScore += match * about * contextWeight;
        namedContextScore += (procedure.named.get(i) ?? 0) * about * contextWeight;
        continue;
      }
      const weight = about * (weightOf.get(i) ?? 0);
      if (shape.typoWords.has(i)) typoScore += match * weight;
      else stemScore += match * weight;
      namedScore += (procedure.named.get(i) ?? 0) * weight;
    }
    if (stemScore > 0) fulltext.set(procedure.procedureId, stemScore);
    if (typoScore > 0) trigram.set(procedure.procedureId, typoScore);
    matched.set(procedure.procedureId, stemScore + typoScore);
    coverage.set(procedure.procedureId, shareOf(stemScore + typoScore, contextScore, information));
    namedCoverage.set(procedure.procedureId, shareOf(namedScore, namedContextScore, information));
  }
  const similarity = new Map(vector.map((match) => [match.procedureId, match.similarity]));

  const { rrfK, weights } = config.fusion;
  const fused = new Map<number, number>();
  const addRanks = (scores: Map<number, number>, weight: number) => {
    const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    let rank = 0;
    ranked.forEach(([procedureId, value], index) => {
      // Equal scores share a rank (1, 1, 3): an order the channel cannot tell must not decide.
      if (index === 0 || ranked[index - 1][1] - value > TIE_TOLERANCE * value) rank = index + 1;
      fused.set(procedureId, (fused.get(procedureId) ?? 0) + weight / (rrfK + rank));
    });
  };
  addRanks(fulltext, weights.fulltext);
  addRanks(trigram, weights.trigram);
  addRanks(similarity, weights.vector);

  // A word found in exactly one procedure: the unit of evidence.
  const rareWord = idf(1, total);
  const bestFusion = (weights.fulltext + weights.trigram + weights.vector) / (rrfK + 1);
  const entries = [...fused.entries()];
  const leads = (values: Map<number, number>) => {
    // The best and second-best values, so each candidate's lead over the best *other* is O(1).
    const sorted = entries.map(([id]) => values.get(id) ?? 0).sort((a, b) => b - a);
    return (id: number) => {
      const own = values.get(id) ?? 0;
      return own - (own === sorted[0] ? (sorted[1] ?? 0) : sorted[0]);
    };
  };
  const coverageLead = leads(coverage);
  const similarityLead = leads(similarity);
  const candidates = entries.map(([procedureId, score]) => {
    const features: ConfidenceFeatures = {
      coverage: coverage.get(procedureId) ?? 0,
      namedCoverage: namedCoverage.get(procedureId) ?? 0,
      similarity: Math.max(0, similarity.get(procedureId) ?? 0),
      coverageLead: coverageLead(procedureId),
      similarityLead: similarityLead(procedureId),
      fusion: score / bestFusion,
      evidence: Math.min(1, (matched.get(procedureId) ?? 0) / (config.lexical.evidenceWords * rareWord)),
      titleCoverage: 0,
    };
    return {
      procedureId,
      score,
      features,
      confidence: calibratedConfidence(features, config.confidence),
      mentions: [] as number[],
    };
  });
  const wordsOf = new Map(lexical.procedures.map((procedure) => [procedure.procedureId, procedure]));
  // Only a candidate the question names with enough rare words can be a mentioned document (isSubjectOf's
  // first condition): checking that once per candidate keeps the pairwise test to the few that can.
  const mentionable = candidates.filter((candidate) => {
    const words = wordsOf.get(candidate.procedureId);
    return (
      words !== undefined &&
      namingWeight(words, shape.wordCount, weightOf) >= config.subject.minMentionedWords * rareWord
    );
  });
  for (const candidate of candidates) {
    const subject = wordsOf.get(candidate.procedureId);
    if (!subject) continue;
    for (const other of mentionable) {
      if (other === candidate) continue;
      const mentioned = wordsOf.get(other.procedureId)!;
      if (isSubjectOf(subject, mentioned, shape.wordCount, weightOf, rareWord, config.subject))
        candidate.mentions.push(other.procedureId);
    }
  }
  return sortCandidates(candidates, config);
}

/** The question's information in words that name `procedure` (its naming fields, not its body). */
function namingWeight(
  procedure: LexicalMatch,
  wordCount: number,
  weightOf: ReadonlyMap<number, number>,
): number {
  let weight = 0;
  for (let i = 0; i < wordCount; i++) if ((procedure.named.get(i) ?? 0) > 0) weight += weightOf.get(i) ?? 0;
  return weight;
}

/**
 * Whether the question is about `subject`, and names `mentioned` only as a document the subject
 * requires: "pentru licența de taxi îmi trebuie cazierul judiciar" names the criminal record, whose
 * own name wins on the coverage signals, but the taxi licence's file lists that certificate among its
 * documents (LexicalMatch.listed) and the question also says "taxi", which the criminal record's file
 * never does. So the
 * subject's file explains all of the question's names, the other one's only a part. Single words
 * only (i < wordCount): a phrase is matched in the naming fields, never in a document list.
 */
export function isSubjectOf(
  subject: LexicalMatch,
  mentioned: LexicalMatch,
  wordCount: number,
  weightOf: ReadonlyMap<number, number>,
  rareWord: number,
  config: RetrievalConfig['subject'],
): boolean {
  const mentionedNames = namingWeight(mentioned, wordCount, weightOf);
  let contained = 0;
  let ownNames = 0;
  for (let i = 0; i < wordCount; i++) {
    const weight = weightOf.get(i) ?? 0;
    if ((mentioned.named.get(i) ?? 0) > 0 && contains(subject, i)) contained += weight;
    if ((subject.named.get(i) ?? 0) > 0 && !contains(mentioned, i)) ownNames += weight;
  }
  return (
    mentionedNames >= config.minMentionedWords * rareWord &&
    contained >= config.containedShare * mentionedNames &&
    ownNames >= config.minOwnWords * rareWord
  );
}

/**
 * Whether the procedure's file holds question word `i` anywhere: in a ranked field, or in its steps or
 * documents lists, which only this rule reads (the taxi licence lists "cazierul judiciar" there alone).
 */
function contains(procedure: LexicalMatch, i: number): boolean {
  return (procedure.matches.get(i) ?? 0) > 0 || (procedure.listed?.has(i) ?? false);
}

/**
 * Fills in the title coverage of the candidates (the leading ones: the titles cost a query) and
 * re-ranks them with it.
 */
export function withTitleCoverage(
  candidates: RankedCandidate[],
  coverageOf: ReadonlyMap<number, number>,
  config: RetrievalConfig,
): RankedCandidate[] {
  return sortCandidates(
    candidates.map((candidate) => {
      const features = { ...candidate.features, titleCoverage: coverageOf.get(candidate.procedureId) ?? 0 };
      return { ...candidate, features, confidence: calibratedConfidence(features, config.confidence) };
    }),
    config,
  );
}

function sortCandidates(candidates: RankedCandidate[], config: RetrievalConfig): RankedCandidate[] {
  const order =
    config.fusion.rankBy === 'confidence'
      ? (a: RankedCandidate, b: RankedCandidate) => b.confidence - a.confidence || b.score - a.score
      : (a: RankedCandidate, b: RankedCandidate) => b.score - a.score || b.confidence - a.confidence;
  return subjectFirst(
    candidates.sort((a, b) => order(a, b) || a.procedureId - b.procedureId),
    config,
  );
}

/**
 * Whether the question asks about `subject` and names `document` as one it requires: the subject's
 * file contains the document's names (isSubjectOf) and the question calls the subject by its own name
 * (its title coverage), not only by detail words ("exemplare", "birou") its examples happen to use.
 */
export function requires(
  subject: RankedCandidate,
  document: RankedCandidate,
  config: RetrievalConfig,
): boolean {
  return (
    subject.mentions.includes(document.procedureId) &&
    subject.features.titleCoverage >= config.subject.minTitleCoverage
  );
}

/**
 * When the leading candidate is a document that another candidate requires and the question names
 * that other one too (isSubjectOf), the question is about the other one: it comes first. Never answer
 * the facts of the document's own procedure to a question about the procedure that needs it. The
 * subject keeps its own confidence: if that is too low, the question is declined, not misanswered.
 */
export function subjectFirst(candidates: RankedCandidate[], config: RetrievalConfig): RankedCandidate[] {
  const [first] = candidates;
  if (!first) return candidates;
  const subject = candidates.find((candidate) => requires(candidate, first, config));
  if (!subject) return candidates;
  return [subject, ...candidates.filter((candidate) => candidate !== subject)];
}

/**
 * Logistic calibration: the probability that a procedure with these signals is what the citizen asks
 * about. The coefficients are fitted on labelled questions (`npm run eval -- --calibrate`) and kept
 * in retrieval.yaml.
 */
export function calibratedConfidence(
  features: ConfidenceFeatures,
  coefficients: RetrievalConfig['confidence'],
): number {
  let z = coefficients.intercept;
  for (const feature of CONFIDENCE_FEATURES) z += coefficients.weights[feature] * features[feature];
  return 1 / (1 + Math.exp(-z));
}

export interface Decision {
  declined: boolean;
  ambiguous: boolean;
}

/**
 * Declines when even the best candidate is unlikely, or matches little of the question and no rare word;
 * flags ambiguity when the runner-up is as likely, or when the question names only what both share.
 */
export function decide(candidates: RankedCandidate[], config: RetrievalConfig): Decision {
  const [first] = candidates;
  // A document the first one requires, named as such in the question, is not a rival to ask about.
  const second = candidates.slice(1).find((candidate) => !first || !requires(first, candidate, config));
  if (
    !first ||
    first.confidence < config.decline.minConfidence ||
    // Little of the question matched, and nothing rare: the question is about something else. A long
    // narrated question also matches little of itself, but it names its procedure with rare words.
    (first.features.coverage < config.decline.minCoverage &&
      first.features.evidence < config.decline.minEvidence)
  ) {
    return { declined: true, ambiguous: false };
  }
  const { maxMargin, minConfidence, maxSharedEvidence } = config.ambiguity;
  const ambiguous =
    second !== undefined &&
    ((second.confidence >= minConfidence && first.confidence - second.confidence <= maxMargin) ||
      // Nothing rare matched and the runner-up covers the question as well: the question names only
      // what several procedures share ("certificat"), so the order between them means little.
      (first.features.evidence < maxSharedEvidence &&
        second.features.coverage >= first.features.coverage - maxMargin));
  return { declined: false, ambiguous };
}

/** The share of the question's information a procedure matches, the context words it names counted on both sides. */
function shareOf(matched: number, matchedContext: number, information: number): number {
  const whole = information + matchedContext;
  return whole > 0 ? (matched + matchedContext) / whole : 0;
}
