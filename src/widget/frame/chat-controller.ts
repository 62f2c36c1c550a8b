import type { ChatConnection, ConnectionState } from './chat-connection.js';
import {
  SESSION_KEY,
  type ChatSession,
  type ChatSessionStore,
  type OutboxEntry,
} from './chat-session-store.js';
import { ChatTimeline } from './chat-timeline.js';
import type { ChatView } from './chat-view.js';
import { newClientMsgId } from './client-msg-id.js';
import type { TicketDetails } from './handoff-panel.js';
import type { Rating } from './message-view.js';
import { PROTOCOL_VERSION, type ClientFrame, type ServerFrame } from '../../protocol/chat-frames.js';
import { NO_HANDOFF, type HandoffView } from '../../protocol/handoff-view.js';
import { LangSchema, type Lang } from '../../protocol/lang.js';
import type { Message as ChatMessage } from '../../protocol/message.js';

/** Citizen typing frames: at most one per this interval (docs/protocol.md). */
const TYPING_INTERVAL_MS = 2_000;
/** After internal_error, pending messages are resent after this long. */
const RETRY_AFTER_ERROR_MS = 5_000;

/**
 * The conversation logic of the chat frame (docs/protocol.md): says hello with the stored token and the
 * last seq shown, renders each stored message once in seq order, keeps what the citizen sends in the
 * persisted outbox until the server acknowledges it and resends it after every reconnect with the same
 * clientMsgId, and follows the conversation another tab switches to.
 */
export class ChatController {
  private readonly timeline = new ChatTimeline();
  private session: ChatSession | undefined;
  private welcomed = false;
  private everWelcomed = false;
  /** Sent hello without a token (a new conversation is being created on this socket). */
  private creating = false;
  /** Messages with a lower seq are history the citizen has seen: not announced, not counted unread. */
  private announceFrom = Number.POSITIVE_INFINITY;
  private lang: Lang;
  private visible = true;
  private unread = 0;
  private lastTypingSent = 0;
  private retryTimer: number | undefined;
  private readonly pendingFeedback = new Map<number, Extract<ClientFrame, { type: 'feedback' }>>();
  private lastCitizenText = '';

  constructor(
    private readonly connection: ChatConnection,
    private readonly store: ChatSessionStore,
    private readonly view: ChatView,
    lang: Lang,
    private readonly host: { unread(count: number): void; language(lang: Lang): void },
  ) {
    this.lang = lang;
    this.session = store.session();
    window.addEventListener('storage', (event) => {
      if (event.key === SESSION_KEY) this.followOtherTab();
    });
  }

  start(): void {
    this.host.language(this.lang);
    for (const entry of this.store.outbox()) this.view.showPending(entry, 'queued');
    this.connection.start();
  }

  // --- connection events

  socketOpened(): void {
    this.welcomed = false;
    this.sayHello();
  }

  connectionChanged(state: ConnectionState): void {
    if (state !== 'open') this.welcomed = false;
    this.view.setConnection(state, this.everWelcomed);
  }

  receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        return this.welcome(frame);
      case 'message':
        return this.deliver(frame);
      case 'ack':
        return this.settle(frame.clientMsgId);
      case 'typing':
        return this.view.showTyping(frame.from, frame.name);
      case 'handoff':
        return this.handoffChanged(frame);
      case 'error':
        return this.failed(frame);
    }
  }

  // --- what the citizen does

  send(text: string): void {
    this.lastCitizenText = text;
    this.enqueue({ clientMsgId: newClientMsgId(), kind: 'message', text, lang: this.lang });
  }

  pickSuggestion(label: string, value: string): void {
    this.enqueue({ clientMsgId: newClientMsgId(), kind: 'action', text: label, value, lang: this.lang });
  }

  feedback(seq: number, rating: Rating, comment?: string): void {
    const frame = { type: 'feedback' as const, seq, rating, ...(comment ? { comment } : {}) };
    if (!this.welcomed || !this.connection.send(frame)) this.pendingFeedback.set(seq, frame);
  }

  typing(): void {
    const now = Date.now();
    if (!this.welcomed || now - this.lastTypingSent < TYPING_INTERVAL_MS) return;
    this.lastTypingSent = now;
    this.connection.send({ type: 'typing' });
  }

  requestClerk(): void {
    if (this.welcomed) this.connection.send({ type: 'handoff.request' });
  }

  cancelClerk(): void {
    if (this.welcomed) this.connection.send({ type: 'handoff.cancel' });
  }

  submitTicket(details: TicketDetails): void {
    if (!this.welcomed || !this.connection.send({ type: 'ticket', ...details }))
      this.view.ticketFailed('error');
  }

  switchLanguage(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.store.saveLang(lang);
    this.view.setLanguage(lang);
    this.host.language(lang);
  }

  /** Starts over: this device forgets the conversation (it stays on the server for the clerks). */
  newConversation(): void {
    this.store.forgetSession();
    this.store.clearOutbox();
    this.session = undefined;
    this.resetHistory();
    this.view.setHandoff(NO_HANDOFF);
    this.connection.restart();
  }

  panelShown(visible: boolean): void {
    this.visible = visible;
    if (visible) this.setUnread(0);
  }

  // --- protocol

  private sayHello(): void {
    const session = this.session;
    this.creating = !session;
    this.connection.send({
      type: 'hello',
      v: PROTOCOL_VERSION,
      ...(session ? { token: session.token, conversationId: session.conversationId } : {}),
      lastSeq: this.timeline.lastSeq,
      lang: this.lang,
    });
  }

  private welcome(frame: Extract<ServerFrame, { type: 'welcome' }>): void {
    if (this.creating) {
      // Another tab may have created the site's conversation while this one waited: join it instead,
      // before anything is sent into the conversation just created here.
      const other = this.store.session();
      if (other && other.conversationId !== frame.conversationId) {
        this.session = other;
        this.connection.restart();
        return;
      }
      this.creating = false;
    }
    this.session = { conversationId: frame.conversationId, token: frame.token, lastSeq: frame.seq };
    const stored = this.store.session();
    if (stored?.conversationId !== frame.conversationId || stored.token !== frame.token) {
      this.store.saveSession(this.session);
    }
    if (frame.seq < this.timeline.lastSeq) {
      // The server's history is not the one shown (e.g. a restored database): it replays from seq 1.
      this.resetHistory();
    }
    this.announceFrom = this.timeline.size === 0 ? frame.seq + 1 : this.timeline.lastSeq + 1;
    this.welcomed = true;
    this.everWelcomed = true;
    this.view.setConnection('open', true);
    this.view.setHandoff(frame.handoff);
    this.flush();
  }

  private deliver(message: ChatMessage): void {
    const arrival = this.timeline.add(message);
    if (arrival.kind === 'duplicate') return;
    const isNews = message.seq >= this.announceFrom && message.from !== 'citizen';
    // ANTONIA answers in the language the citizen writes in: the panel's labels follow a new reply, so
    // an English or Hungarian conversation is not framed by Romanian labels (history does not switch).
    if (isNews && message.from === 'bot') this.followReplyLanguage(message.lang);
    this.view.showMessage(message, arrival.index, isNews);
    if (arrival.settledClientMsgId) this.settle(arrival.settledClientMsgId);
    if (message.from === 'citizen') this.lastCitizenText = message.text;
    if (this.session) this.store.advanceLastSeq(this.session.conversationId, this.timeline.lastSeq);
    if (message.seq === this.timeline.lastSeq)
      this.view.setSuggestions(this.timeline.lastReply()?.suggestions ?? []);
    if (isNews && !this.visible) this.setUnread(this.unread + 1);
  }

  private followReplyLanguage(replyLang: string): void {
    const lang = LangSchema.safeParse(replyLang);
    if (lang.success) this.switchLanguage(lang.data);
  }

  private settle(clientMsgId: string): void {
    this.store.settle(clientMsgId);
    this.view.removePending(clientMsgId);
  }

  private handoffChanged(view: HandoffView): void {
    if (view.ticketOffered && !view.ticketNumber) this.view.prefillTicket(this.lastCitizenText);
    this.view.setHandoff(view);
  }

  private failed(frame: Extract<ServerFrame, { type: 'error' }>): void {
    const ref = typeof frame.ref === 'string' ? frame.ref : undefined;
    switch (frame.code) {
      case 'conversation_not_found':
        // The stored token opens nothing (expired or wrong): start a new conversation on this socket.
        this.store.forgetSession();
        this.session = undefined;
        this.resetHistory();
        this.sayHello();
        return;
      case 'text_too_long':
        if (ref) {
          this.store.settle(ref);
          this.view.markPendingTooLong(ref);
        }
        return;
      case 'rate_limited':
        // A refused hello started nothing and the socket waits for another one: say hello again later.
        if (ref === 'hello') return this.helloLater((frame.retryAfter ?? 5) * 1000);
        return this.retryLater((frame.retryAfter ?? 5) * 1000);
      case 'internal_error':
        if (ref === 'ticket') return this.view.ticketFailed('error');
        return this.retryLater(RETRY_AFTER_ERROR_MS);
      case 'hello_required':
        return this.sayHello();
      case 'invalid_frame':
        if (ref === 'ticket') return this.view.ticketFailed('invalid');
        // Resending it unchanged cannot succeed; drop it from the outbox so it does not loop.
        if (ref) this.settle(ref);
        console.warn(`[antonia] the server refused a frame: ${frame.message}`);
        return;
      default:
        console.warn(`[antonia] ${frame.code}: ${frame.message}`);
    }
  }

  private enqueue(entry: OutboxEntry): void {
    this.store.enqueue(entry);
    this.view.setSuggestions([]);
    this.view.showPending(entry, this.welcomed ? 'sending' : 'queued');
    if (this.welcomed) this.transmit(entry);
  }

  private transmit(entry: OutboxEntry): void {
    if (entry.kind === 'action' && entry.value !== undefined) {
      this.connection.send({
        type: 'action',
        clientMsgId: entry.clientMsgId,
        value: entry.value,
        lang: entry.lang,
      });
    } else {
      this.connection.send({
        type: 'message',
        clientMsgId: entry.clientMsgId,
        text: entry.text,
        lang: entry.lang,
      });
    }
  }

  /** After a welcome (or a retry delay): everything still pending goes out again, same clientMsgIds. */
  private flush(): void {
    if (!this.welcomed) return;
    for (const entry of this.store.outbox()) {
      this.view.showPending(entry, 'sending');
      this.transmit(entry);
    }
    for (const [seq, frame] of this.pendingFeedback) {
      if (this.connection.send(frame)) this.pendingFeedback.delete(seq);
    }
  }

  private helloLater(delayMs: number): void {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.sayHello(), delayMs);
  }

  private retryLater(delayMs: number): void {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.flush(), delayMs);
  }

  private followOtherTab(): void {
    const other = this.store.session();
    if (!other || other.conversationId === this.session?.conversationId) return;
    this.session = other;
    this.resetHistory();
    this.connection.restart();
  }

  private resetHistory(): void {
    this.timeline.clear();
    this.view.clearMessages();
    for (const entry of this.store.outbox())
      this.view.showPending(entry, this.welcomed ? 'sending' : 'queued');
  }

  private setUnread(count: number): void {
    if (count === this.unread) return;
    this.unread = count;
    this.host.unread(count);
  }
}
