/**
 * The dialogue's thresholds, as data with the reason for each value. Retrieval decides what is out of
 * scope and what is ambiguous (knowledge-base/retrieval.yaml); these decide what the dialogue does next.
 */
export interface DialogueSettings {
  /**
   * Below this calibrated confidence (0–1) of the best procedure, the dialogue declines instead of
   * answering: a wrong procedure stated confidently is worse than "I don't know" plus a clerk.
   */
  minAnswerConfidence: number;
  /** Misses in a row after which the clerk is offered first, before "try rephrasing". */
  missesBeforeClerkFirst: number;
  /** Procedures offered when retrieval finds the question ambiguous (the issue asks for 2–3). */
  maxClarificationOptions: number;
  /**
   * After "no, I meant…", the best other candidate is answered unless the next one is this close in
   * confidence (then the citizen is asked which one).
   */
  correctionMargin: number;
  /** Procedures asked of retrieval per question (enough for a clarification). */
  retrievalLimit: number;
  /** Lines per list (documents) in an overview answer; the full list comes when asked for. */
  overviewListLines: number;
}

export const DEFAULT_DIALOGUE_SETTINGS: DialogueSettings = {
  minAnswerConfidence: 0.3,
  missesBeforeClerkFirst: 2,
  maxClarificationOptions: 3,
  correctionMargin: 0.1,
  retrievalLimit: 3,
  overviewListLines: 5,
};
