import type { Message, Section, Suggestion } from '../../protocol/message.js';
import type { ConversationStatus } from '../../conversations/conversation-status.js';
import type { HandoffReason } from '../../protocol/console-api.js';
import type { Intent, IntentMatch, IntentMatcher } from '../intents/index.js';
import type {
  KnowledgeCatalog,
  ProcedureRetrieval,
  RetrievalResult,
} from '../../knowledge/retrieval-contract.js';
import type { Lang } from '../../language.js';
import type { ComposedAnswer } from '../answers/compose-answer.js';
import type { DialogueState } from '../dialogue-state.js';
import type { Facet } from '../facets.js';
import type { AnswerWriter, WrittenAnswer } from '../llm/answer-writer.js';
import type { TurnStatus } from '../turn-status.js';
import type { DialogueSettings } from '../dialogue-settings.js';
import type { ConversationModel } from '../understanding/conversation-model.js';
import type { RemitModel } from '../understanding/outside-remit.js';
import { readTurnCues, type TurnCues } from '../understanding/turn-cues.js';

/** The intent matcher and the intents it knows, for their replies. */
export interface IntentCatalog {
  matcher: IntentMatcher;
  byName: ReadonlyMap<string, Intent>;
}

/** The collaborators a turn needs; the steps never reach for Fastify or the database themselves. */
export interface PipelineServices {
  detectLanguage(text: string, hint?: Lang): Lang;
  intents: IntentCatalog;
  retrieval: ProcedureRetrieval;
  knowledge: KnowledgeCatalog;
  answerWriter?: AnswerWriter;
  settings: DialogueSettings;
  /** The fitted conversation model: features, weights, thresholds (knowledge-base/conversation.yaml). */
  conversation: ConversationModel;
  /** The bodies outside the city hall's remit (knowledge-base/remit.yaml). */
  remit: RemitModel;
}

/** The reply a turn produces (stored as one bot message). */
export interface BotReply {
  text: string;
  sections?: Section[];
  sources?: Message['sources'];
  suggestions?: Suggestion[];
  procedure?: string | null;
  confidence?: number | null;
}

/** Something the engine does after storing the citizen message (side effects stay out of the steps). */
export type TurnEffect =
  { kind: 'request_handoff'; reason: HandoffReason; question: string } | { kind: 'cancel_handoff' };

export interface TurnOutcome {
  status: TurnStatus;
  /** Absent when the bot stays silent, or when the reply depends on the effect's result (handoff). */
  reply?: BotReply;
  effect?: TurnEffect;
  /** Extra facts for `meta` (intent name, guard verdict…). */
  detail?: Record<string, unknown>;
}

/** How the procedure to answer was chosen. */
export type ProcedureChoice = {
  slug: string;
  confidence: number | null;
  via: 'follow_up' | 'clarification' | 'action' | 'retrieval';
};

/**
 * One turn's working data, passed through the steps in order. A step reads what earlier steps found and
 * adds its own part; a step that settles the turn calls `finish`, and the runner stops there.
 */
export interface TurnContext {
  readonly services: PipelineServices;
  readonly conversation: { id: string; lang: Lang; status: ConversationStatus; nextSeq: number };
  readonly input: { text: string | null; action: string | null; uiLang?: Lang };
  /** The state as the previous turn left it (read this to know what was offered or asked). */
  readonly previous: Readonly<DialogueState>;
  /** What the engine saves after the turn. Starts as `previous` without the one-turn offer and pending. */
  state: DialogueState;
  lang: Lang;
  intent?: IntentMatch;
  facets: Facet[];
  /** The words to search with, when not the whole message (a topic after a facet word). */
  searchText?: string;
  retrieval?: RetrievalResult;
  /** The earlier unanswered messages the search was pooled with (pipeline/steps/recall-unanswered.ts). */
  recalled?: string[];
  procedure?: ProcedureChoice;
  /**
   * The conversation step's decision (stay/switch/correct/ask/…) and the evidence that decided it:
   * added to the outcome's detail, so the bot message's meta shows why.
   */
  understanding?: Record<string, unknown>;
  composed?: ComposedAnswer;
  /** The knowledge given to the LLM writer (and checked against by the guard). */
  grounding?: string;
  written?: WrittenAnswer;
  outcome?: TurnOutcome;
  /** Milliseconds per step, in order. */
  timings: Record<string, number>;
  /** The cues of the texts read this turn, by language and text (`cuesOf`). */
  readonly cues: Map<string, TurnCues>;
  finish(outcome: TurnOutcome): void;
}

export function createTurnContext(init: {
  services: PipelineServices;
  conversation: TurnContext['conversation'];
  input: TurnContext['input'];
  state: DialogueState;
}): TurnContext {
  const { state, ...rest } = init;
  const context: TurnContext = {
    ...rest,
    previous: state,
    state: { ...state, offer: null, pending: null },
    lang: init.input.uiLang ?? state.lang ?? init.conversation.lang,
    facets: [],
    timings: {},
    cues: new Map(),
    finish(outcome) {
      context.outcome = context.understanding
        ? { ...outcome, detail: { understanding: context.understanding, ...outcome.detail } }
        : outcome;
    },
  };
  return context;
}

/**
 * `readTurnCues` of a text in the turn's language with the conversation model's correction phrases,
 * read once per turn: four steps (resolve-follow-up, match-intent, recall-unanswered, understand) ask
 * for the same message's cues. The cues are shared between the steps, so they must not be changed.
 */
export function cuesOf(context: TurnContext, text: string): TurnCues {
  // On the context, not in a WeakMap keyed by it: a turn's context is short-lived garbage, and weak
  // keys cost every garbage collection extra work.
  const key = `${context.lang}\n${text}`;
  let cues = context.cues.get(key);
  if (!cues) {
    cues = readTurnCues(text, context.lang, context.services.conversation.correction.phrases);
    context.cues.set(key, cues);
  }
  return cues;
}
