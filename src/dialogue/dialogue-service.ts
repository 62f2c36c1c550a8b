import type {
  Conversation,
  ConversationStore,
  NewConversation,
  OpenedTurn,
} from '../conversations/conversation-store.js';
import type { MessageDraft } from '../conversations/message.js';
import type { Message } from '../protocol/message.js';
import type { HandoffPort } from '../handoff/handoff-port.js';
import type { HandoffView } from '../protocol/handoff-view.js';
import { pick, type Lang } from '../language.js';
import { HANDOFF_CANCEL_ACTION, HANDOFF_REQUEST_ACTION, readAction } from './citizen-action.js';
import { FACET_QUICK_REPLIES, handoffReply, REPLIES } from './canned-replies.js';
import type { CitizenInput, DialogueEngine, TurnResult } from './dialogue-contract.js';
import { InvalidTurnInputError, UnknownConversationError } from './dialogue-errors.js';
import { readDialogueState } from './dialogue-state.js';
import type { AnswerWriter } from './llm/answer-writer.js';
import { ANSWER_PIPELINE } from './pipeline/answer-pipeline.js';
import { quietWhileQueued } from './pipeline/quiet-while-queued.js';
import { runPipeline } from './pipeline/run-pipeline.js';
import { hasTopic, nextUnanswered } from './pipeline/steps/recall-unanswered.js';
import { RecentConversations } from './recent-conversations.js';
import {
  createTurnContext,
  type BotReply,
  type PipelineServices,
  type TurnContext,
} from './pipeline/turn-context.js';

export const MAX_TEXT_LENGTH = 2_000;

export interface DialogueServiceOptions {
  store: ConversationStore;
  services: PipelineServices;
  /** The handoff module beside the dialogue: a turn (or a channel's "talk to a person") queues for a clerk. */
  handoff: HandoffPort;
  log?: {
    info(details: Record<string, unknown>, message: string): void;
    warn(details: Record<string, unknown>, message: string): void;
  };
}

/**
 * The dialogue engine: one citizen message in, the stored messages out. The pipeline decides on the
 * answer without side effects; then the citizen message is stored (which also settles idempotency), the
 * side effect (a handoff) runs, the answer is stored as a reply to it, and the state is saved — so a
 * repeated clientMsgId can never answer twice or queue twice, and any instance can take the next turn.
 */
export class DialogueService implements DialogueEngine {
  private readonly recent = new RecentConversations();

  constructor(private readonly options: DialogueServiceOptions) {}

  async startConversation(options: NewConversation): Promise<{ conversation: Conversation; token: string }> {
    const { conversation, token, version } = await this.options.store.create(options);
    // Its first turn is then written conditionally on this version, like any later one (see handle).
    this.recent.remember(conversation.id, { conversation, version });
    return { conversation, token };
  }

  /** The same engine with another (or no) LLM writer: for evaluation and tests with a fake model. */
  withAnswerWriter(answerWriter: AnswerWriter | undefined): DialogueService {
    return new DialogueService({ ...this.options, services: { ...this.options.services, answerWriter } });
  }

  async handle(conversationId: string, input: CitizenInput): Promise<TurnResult> {
    const started = performance.now();
    const { store } = this.options;
    const text = input.text?.trim() ? input.text.trim() : null;
    const action = input.action?.trim() ? input.action.trim() : null;
    if (!text && !action) throw new InvalidTurnInputError('text', 'Write a message or pick a quick reply.');
    if (text && text.length > MAX_TEXT_LENGTH) {
      throw new InvalidTurnInputError('text', `A message has at most ${MAX_TEXT_LENGTH} characters.`);
    }

    // A resend of a question already answered gets the stored answer; one whose turn was begun and never
    // completed (the process stopped before its answer was stored) is completed now.
    // One statement reads the conversation and any question stored under this clientMsgId — unless this
    // process recorded the conversation's last turn: then the remembered row is used, the write below is
    // conditional on it being unchanged (a changed row sends the turn back here for a fresh read), and a
    // resend is caught by the write itself (the unique clientMsgId), as a race between two is.
    const remembered = this.recent.take(conversationId);
    const opened: OpenedTurn | undefined =
      remembered ?? (await store.openTurn(conversationId, input.clientMsgId));
    if (!opened) throw new UnknownConversationError(conversationId);
    const { conversation: stored, version, earlier } = opened;
    if (earlier && !earlier.pending)
      return { messages: [earlier.request, ...earlier.replies], duplicate: true };
    const pending = earlier?.pending ? { request: earlier.request, turn: earlier.pending } : undefined;
    // A completed turn is decided as it was when it began: its own side effect (the handoff it queued)
    // must not silence its answer.
    const conversation = pending ? { ...stored, status: pending.turn.status } : stored;

    const context = createTurnContext({
      services: this.options.services,
      conversation: {
        id: conversation.id,
        lang: conversation.lang,
        status: conversation.status,
        nextSeq: conversation.lastSeq + 1,
      },
      input: { text, action, uiLang: input.uiLang },
      state: readDialogueState(conversation.state),
    });
    await runPipeline(context, ANSWER_PIPELINE);
    context.state.unanswered = nextUnanswered(
      context.previous.unanswered,
      text,
      context.outcome!.status,
      hasTopic(context.state),
      this.options.services.conversation.recall.messages,
    );
    quietWhileQueued(context);
    const outcome = context.outcome!;

    const citizenDraft: MessageDraft = {
      from: 'citizen',
      text: text ?? this.describeAction(action!, context.lang),
      lang: context.lang,
      clientMsgId: input.clientMsgId ?? null,
      // The turn's status on the citizen message too: a silent turn has no bot message to carry it.
      meta: { status: outcome.status, ...(action ? { action } : {}) },
    };
    const alreadyStored = async () =>
      (await this.earlierResult(conversationId, input.clientMsgId!)) ?? { messages: [], duplicate: true };

    let reply = outcome.reply;
    let view: HandoffView | undefined;
    let request: MessageDraft | { pendingSeq: number } = pending
      ? { pendingSeq: pending.request.seq }
      : citizenDraft;
    const messages: Message[] = [];
    // A side effect is never decided on a remembered row: the handoff it starts is not conditional.
    if (remembered && outcome.effect) return this.handle(conversationId, input);
    if (outcome.effect) {
      // The side effect (a handoff) must follow the stored question, so that a repeated clientMsgId can
      // never queue twice: the question is stored first, marked pending until its answer is stored.
      let citizen = pending?.request;
      if (!citizen) {
        const begun = await store.beginTurn(conversationId, citizenDraft, { status: conversation.status });
        if (begun.duplicateOf) return alreadyStored();
        citizen = begun.messages[0];
      }
      request = { pendingSeq: citizen.seq };
      messages.push(citizen);
      if (conversation.status === 'closed') await store.transition(conversationId, ['closed'], 'bot');
      const effect = await this.applyEffect(context, outcome.reply);
      view = effect.view;
      reply = effect.reply;
      // The handoff module may have posted system messages ("outside office hours…"): return them too,
      // and do not repeat what they already say.
      const posted = await store.messagesAfter(conversationId, citizen.seq);
      messages.push(...posted);
      if (view?.status === 'offline' && posted.some((message) => message.from === 'system'))
        reply = undefined;
    }
    // The question (unless stored above), its answer and the new state in one transaction: all or nothing.
    const recorded = await store.recordTurn(
      conversationId,
      {
        request,
        replies: reply ? [this.botDraft(reply, context, { detail: outcome.detail })] : [],
        state: context.state,
        lang: context.lang,
      },
      remembered ? { expectVersion: version } : {},
    );
    // The remembered row changed meanwhile (a clerk, another instance): decide the turn again on it.
    if (!recorded.recorded && recorded.stale) return this.handle(conversationId, input);
    // Another request with the same clientMsgId won the race: return what it stored.
    if (!recorded.recorded) return alreadyStored();
    if (!outcome.effect) {
      messages.push(recorded.request);
      if (conversation.status === 'closed') await store.transition(conversationId, ['closed'], 'bot');
    }
    messages.push(...recorded.replies);
    if (!outcome.effect && conversation.status !== 'closed') {
      const last = recorded.replies.at(-1) ?? recorded.request;
      this.recent.remember(conversationId, {
        conversation: { ...conversation, state: context.state, lang: context.lang, lastSeq: last.seq },
        version: recorded.version,
      });
    }
    // No citizen text in the log (it may hold personal data): the stored message has it, access-controlled.
    this.options.log?.info(
      {
        conversationId,
        status: outcome.status,
        procedure: reply?.procedure ?? null,
        lang: context.lang,
        ms: Math.round(performance.now() - started),
        steps: context.timings,
      },
      'dialogue turn',
    );
    return { messages, duplicate: false, status: outcome.status, ...(view ? { handoff: view } : {}) };
  }

  async requestClerk(conversationId: string, options: { uiLang?: Lang } = {}): Promise<HandoffView> {
    const conversation = await this.options.store.get(conversationId);
    if (!conversation) throw new UnknownConversationError(conversationId);
    const state = readDialogueState(conversation.state);
    return this.options.handoff.request({
      conversationId,
      reason: 'citizen_request',
      question: state.lastQuestion ?? '',
      procedureSlug: state.focus?.slug ?? null,
      confidence: state.focus?.confidence ?? null,
      lang: options.uiLang ?? state.lang ?? conversation.lang,
    });
  }

  /**
   * After a thumbs-down on an answer: offer a clerk (accepted by the quick reply or a typed "yes").
   * Returns the stored offer, or nothing when the conversation is not with the bot.
   */
  async offerClerkAfterNegativeFeedback(conversationId: string, seq: number): Promise<Message[]> {
    const { store } = this.options;
    const conversation = await store.get(conversationId);
    if (!conversation) throw new UnknownConversationError(conversationId);
    if (conversation.status !== 'bot') return [];
    const state = readDialogueState(conversation.state);
    const lang = state.lang ?? conversation.lang;
    const { messages } = await store.append(conversationId, [
      {
        from: 'bot',
        text: REPLIES.negativeFeedbackOffer[lang],
        lang,
        suggestions: [{ label: REPLIES.offerClerkLabel[lang], value: HANDOFF_REQUEST_ACTION }],
        meta: { status: 'clerk_offered', reason: 'negative_feedback', feedbackOn: seq },
      },
    ]);
    await store.saveState(
      conversationId,
      { ...state, pending: null, offer: { reason: 'negative_feedback' } },
      lang,
    );
    return messages;
  }

  private async earlierResult(conversationId: string, clientMsgId: string): Promise<TurnResult | undefined> {
    const earlier = await this.options.store.findRequest(conversationId, clientMsgId);
    return earlier ? { messages: [earlier.request, ...earlier.replies], duplicate: true } : undefined;
  }

  /** Runs the turn's side effect and returns the reply that reports its result. */
  private async applyEffect(
    context: TurnContext,
    reply: BotReply | undefined,
  ): Promise<{ reply?: BotReply; view?: HandoffView }> {
    const effect = context.outcome!.effect;
    if (!effect) return { reply };
    const lang = context.lang;
    const { handoff } = this.options;
    try {
      if (effect.kind === 'cancel_handoff') {
        const cancelled = await handoff.cancel(context.conversation.id);
        return {
          reply: { text: cancelled ? REPLIES.handoffCancelled[lang] : REPLIES.nothingToCancel[lang] },
          view: await handoff.view(context.conversation.id),
        };
      }
      const view = await handoff.request({
        conversationId: context.conversation.id,
        reason: effect.reason,
        question: effect.question,
        procedureSlug: context.previous.focus?.slug ?? null,
        confidence: context.previous.focus?.confidence ?? null,
        lang,
      });
      const suggestions =
        view.status === 'waiting'
          ? [{ label: REPLIES.cancelWaitingLabel[lang], value: HANDOFF_CANCEL_ACTION }]
          : [];
      return { reply: { text: handoffReply(view, lang), suggestions }, view };
    } catch (error) {
      this.options.log?.warn({ err: error, conversationId: context.conversation.id }, 'handoff failed');
      return { reply: { text: REPLIES.handoffUnavailable[lang] } };
    }
  }

  private botDraft(
    reply: BotReply,
    context: TurnContext,
    extra: { detail?: Record<string, unknown> },
  ): MessageDraft {
    return {
      from: 'bot',
      text: reply.text,
      lang: context.lang,
      procedure: reply.procedure ?? null,
      confidence: reply.confidence ?? null,
      sources: reply.sources ?? [],
      suggestions: reply.suggestions ?? [],
      sections: reply.sections ?? [],
      meta: {
        status: context.outcome!.status,
        timings: context.timings,
        facets: context.facets,
        ...(context.retrieval
          ? {
              retrieval: {
                tookMs: context.retrieval.tookMs,
                declined: context.retrieval.declined,
                ambiguous: context.retrieval.ambiguous,
                top: context.retrieval.procedures.map((found) => ({
                  slug: found.slug,
                  confidence: found.confidence,
                })),
              },
            }
          : {}),
        ...extra.detail,
      },
    };
  }

  /** What a click stores as the citizen's words (the label they saw, in their language). */
  private describeAction(action: string, lang: Lang): string {
    const parsed = readAction(action);
    if (parsed.kind === 'handoff_request') return REPLIES.actionHandoffRequest[lang];
    if (parsed.kind === 'handoff_cancel') return REPLIES.actionHandoffCancel[lang];
    if (parsed.kind === 'procedure') {
      const procedure = this.options.services.knowledge.procedure(parsed.slug);
      if (procedure) return pick(procedure.title, lang).text;
    }
    if (parsed.kind === 'facet') return FACET_QUICK_REPLIES[parsed.facet]?.[lang] ?? action;
    return action;
  }
}
