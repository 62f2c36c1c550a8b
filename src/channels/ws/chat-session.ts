import type { RawData, WebSocket } from 'ws';
import type { ConversationEvent } from '../../conversations/conversation-events.js';
import type { Conversation } from '../../conversations/conversation-store.js';
import { tokenExpired } from '../../conversations/conversation-token.js';
import { InvalidTurnInputError, UnknownConversationError } from '../../dialogue/dialogue-errors.js';
import type { Lang } from '../../language.js';
import { isNewThumbsDown } from '../feedback-offer.js';
import { ChatHandoff, handoffFields, type ChatHandoffSocket } from './chat-handoff.js';
import type { ChatServices } from './chat-services.js';
import {
  PROTOCOL_VERSION,
  parseClientFrame,
  type ActionFrame,
  type ClientFrame,
  type FeedbackFrame,
  type HelloFrame,
  type MessageFrame,
  type ParsedFrame,
} from './client-frames.js';
import { CloseCode, HELLO_TIMEOUT_MS } from './close-codes.js';
import { MessageDelivery } from './message-delivery.js';
import { inOneWrite } from './one-write.js';
import { SerialQueue } from './serial-queue.js';
import type { ServerFrame, WsErrorCode } from '../../protocol/chat-frames.js';
import { declaredFields } from '../../protocol/declared-fields.js';
import { MessageSchema } from '../../protocol/message.js';

/** The REST shape exactly, whatever else a stored message object carries. */
const messageFields = declaredFields(MessageSchema);

/** The bot `typing` frame is repeated this often while the engine works (the widget hides it after 6 s). */
const BOT_TYPING_REPEAT_MS = 3_000;
/**
 * ... and first sent only when the answer is not there after this long: most answers take a few
 * milliseconds, and an indicator that flashes for one frame only costs a write and a screen-reader
 * announcement.
 */
const BOT_TYPING_DELAY_MS = 300;
/** Citizen typing is forwarded to the clerk console at most this often per socket. */
const CITIZEN_TYPING_THROTTLE_MS = 2_000;
/**
 * A client that stops reading while frames pile up (a frozen tab, a stalled network) is dropped once this
 * much waits in its send buffer; it reconnects and resumes from storage instead of costing server memory.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;

type State = 'awaiting_hello' | 'starting' | 'open' | 'closed';

type OpenedConversation =
  | { kind: 'opened'; conversation: Conversation; token: string }
  | { kind: 'not_found' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

/**
 * One citizen socket speaking the chat protocol (docs/protocol.md): the hello/welcome handshake, the
 * replay and live delivery of the conversation's messages, and the citizen's frames. Knows nothing of
 * Fastify: the route hands it a socket and the services.
 *
 * Two queues keep order: `turns` runs the citizen's own requests (messages, actions, feedback, handoff)
 * one at a time in the order sent; `outbox` runs storage-backed sends (messages, handoff views) so they
 * leave in order and never interleave.
 */
export class ChatSession {
  private state: State = 'awaiting_hello';
  private starting: Promise<boolean> = Promise.resolve(false);
  private conversation: { id: string; lang: Lang } | undefined;
  private uiLang: Lang | undefined;
  private delivery: MessageDelivery | undefined;
  private unsubscribe: (() => void) | undefined;
  private handoff: ChatHandoff | undefined;
  private lastCitizenTypingAt = 0;
  private readonly helloTimer: NodeJS.Timeout;
  private readonly turns = new SerialQueue();
  private readonly outbox = new SerialQueue();

  constructor(
    private readonly socket: WebSocket,
    private readonly connectionId: string,
    private readonly ip: string,
    private readonly services: ChatServices,
  ) {
    // Listeners are attached synchronously: frames that arrive right after the upgrade are not lost.
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.dispose());
    socket.on('error', (error) => this.services.log.debug({ err: error }, 'chat socket error'));
    this.helloTimer = setTimeout(() => {
      if (this.state === 'awaiting_hello') this.close(CloseCode.helloTimeout, 'hello expected');
    }, HELLO_TIMEOUT_MS);
    this.helloTimer.unref();
  }

  // --------------------------------------------------------------------------------------- inbound

  private receive(data: RawData, isBinary: boolean): void {
    if (this.state === 'closed') return;
    const parsed: ParsedFrame = isBinary
      ? { ok: false, problem: { code: 'invalid_json', message: 'Binary frames are not accepted.' } }
      : parseClientFrame(rawText(data));

    // Typing is frequent and harmless: throttled on its own, outside the rate limit.
    if (parsed.ok && parsed.frame.type === 'typing') return this.citizenTyping();

    const ref = parsed.ok ? refOf(parsed.frame) : parsed.problem.ref;
    const perConnection = this.services.perConnectionLimit.take(this.connectionId);
    const decision = perConnection.allowed ? this.services.perIpLimit.take(this.ip) : perConnection;
    if (!decision.allowed) {
      this.sendError('rate_limited', 'Too many messages; try again later.', ref, decision.retryAfterSeconds);
      return;
    }
    if (!parsed.ok) {
      this.sendError(parsed.problem.code, parsed.problem.message, parsed.problem.ref);
      return;
    }
    void this.dispatch(parsed.frame);
  }

  private async dispatch(frame: ClientFrame): Promise<void> {
    if (frame.type === 'hello') {
      if (this.state === 'awaiting_hello') this.starting = this.start(frame);
      else this.sendError('already_started', 'This socket already has a conversation.', 'hello');
      return;
    }
    if (this.state === 'awaiting_hello') {
      this.sendError('hello_required', 'Send hello first.', refOf(frame));
      return;
    }
    // Frames pipelined after hello wait for the welcome.
    if (this.state === 'starting' && !(await this.starting)) {
      this.sendError('hello_required', 'Send hello first.', refOf(frame));
      return;
    }
    if (this.state !== 'open') return;
    switch (frame.type) {
      case 'message':
      case 'action':
        return this.turns.run(() => this.citizenTurn(frame));
      case 'feedback':
        return this.turns.run(() => this.feedback(frame));
      case 'handoff.request':
        return this.turns.run(() => this.handoff!.request());
      case 'handoff.cancel':
        return this.turns.run(() => this.handoff!.cancel());
      case 'ticket':
        return this.turns.run(() => this.handoff!.leaveTicket(frame));
    }
  }

  // ------------------------------------------------------------------------------------- handshake

  private async start(hello: HelloFrame): Promise<boolean> {
    this.state = 'starting';
    if (hello.v !== PROTOCOL_VERSION) {
      this.close(CloseCode.unsupportedVersion, `protocol version ${PROTOCOL_VERSION} required`);
      return false;
    }
    const { conversations, events, log } = this.services;
    try {
      const opened = await this.openConversation(hello);
      if (this.isClosed()) return false;
      if (opened.kind === 'rate_limited') {
        // The socket stays open and waits for another hello, as after any failed hello.
        this.state = 'awaiting_hello';
        this.sendError(
          'rate_limited',
          'Too many new conversations; try again later.',
          'hello',
          opened.retryAfterSeconds,
        );
        return false;
      }
      if (opened.kind === 'not_found') {
        this.state = 'awaiting_hello';
        this.sendError('conversation_not_found', 'No conversation for this token.', 'hello');
        return false;
      }
      const { conversation, token } = opened;
      this.conversation = { id: conversation.id, lang: conversation.lang };
      this.uiLang = hello.lang;
      this.handoff = new ChatHandoff(this.handoffSocket(conversation.id), this.services);
      const view = await this.handoff.view();
      if (this.isClosed()) return false;

      clearTimeout(this.helloTimer);
      this.handoff.remember(view);
      this.send({
        type: 'welcome',
        conversationId: conversation.id,
        token,
        seq: conversation.lastSeq,
        lang: conversation.lang,
        handoff: handoffFields(view),
      });
      // A client ahead of the server (restored database) gets the whole conversation again.
      const afterSeq = hello.lastSeq > conversation.lastSeq ? 0 : hello.lastSeq;
      this.delivery = new MessageDelivery({
        afterSeq,
        fetchAfter: (seq, limit) => conversations.messagesAfter(conversation.id, seq, limit),
        send: (message) => this.send({ type: 'message', ...messageFields(message) }),
        queue: this.outbox,
        onError: (error) =>
          log.error({ err: error, conversationId: conversation.id }, 'chat delivery failed'),
      });
      // Subscribe before the first read: anything stored from here on is announced, anything before is read.
      const unsubscribe = events.subscribe(conversation.id, (event) => this.onEvent(event));
      // After a gap in the announcements, read from storage what this socket lacks (and the handoff view).
      const stopResync = events.onResync(() => this.resync());
      this.unsubscribe = () => {
        unsubscribe();
        stopResync();
      };
      this.state = 'open';
      void this.delivery.announce();
      log.info(
        { conversationId: conversation.id, resumed: hello.token !== undefined, afterSeq },
        'chat socket opened',
      );
      return true;
    } catch (error) {
      log.error({ err: error }, 'chat hello failed');
      if (this.isClosed()) return false;
      this.state = 'awaiting_hello';
      this.sendError('internal_error', 'Could not open the conversation; try again.', 'hello');
      return false;
    }
  }

  /**
   * Without a token: a new conversation, within the creation budget shared with REST. With one: its
   * conversation, unless the token is wrong, does not match `conversationId`, or has expired.
   */
  private async openConversation(hello: HelloFrame): Promise<OpenedConversation> {
    const { conversations, conversationCreation, tokenLifetimeDays, dialogue } = this.services;
    if (hello.token === undefined) {
      const decision = conversationCreation.take(this.ip);
      if (!decision.allowed) return { kind: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds };
      return {
        kind: 'opened',
        ...(await dialogue.startConversation({ lang: hello.lang ?? 'ro', channel: 'web' })),
      };
    }
    let conversation: Conversation | undefined;
    if (hello.conversationId !== undefined) {
      const auth = await conversations.authenticate(hello.conversationId, hello.token);
      conversation = auth.ok ? auth.conversation : undefined;
    } else {
      conversation = await conversations.findByToken(hello.token);
    }
    if (!conversation || tokenExpired(conversation.updatedAt, tokenLifetimeDays))
      return { kind: 'not_found' };
    return { kind: 'opened', conversation, token: hello.token };
  }

  // ---------------------------------------------------------------------------------------- events

  private onEvent(event: ConversationEvent): void {
    if (this.state !== 'open') return;
    switch (event.kind) {
      case 'message':
        void this.delivery?.announce(event.seq);
        return;
      case 'typing':
        if (event.from === 'clerk') {
          this.send({ type: 'typing', from: 'clerk', ...(event.name ? { name: event.name } : {}) });
        }
        return;
      case 'status':
        void this.handoff?.push(false);
        return;
    }
  }

  private resync(): void {
    if (this.state !== 'open') return;
    void this.delivery?.announce();
    void this.handoff?.push(false);
  }

  /** What the socket's handoff part may use of it. */
  private handoffSocket(conversationId: string): ChatHandoffSocket {
    return {
      conversationId,
      uiLang: () => this.uiLang,
      outbox: this.outbox,
      isClosed: () => this.isClosed(),
      send: (frame) => this.send(frame),
      sendError: (code, message, ref) => this.sendError(code, message, ref),
    };
  }

  // --------------------------------------------------------------------------------- citizen frames

  private async citizenTurn(frame: MessageFrame | ActionFrame): Promise<void> {
    const conversation = this.conversation!;
    const clientMsgId = frame.clientMsgId;
    const engine = this.services.dialogue;
    if (frame.lang) this.uiLang = frame.lang;
    const stopTyping = this.botTyping();
    const release = this.delivery!.hold();
    try {
      const result = await engine.handle(conversation.id, {
        ...(frame.type === 'message' ? { text: frame.text } : { action: frame.value }),
        clientMsgId,
        uiLang: this.uiLang,
      });
      stopTyping();
      await inOneWrite(this.socket, async () => {
        await this.delivery!.deliverKnown(result.messages);
        if (clientMsgId !== undefined) {
          const stored =
            result.messages.find((m) => m.from === 'citizen' && m.clientMsgId === clientMsgId) ??
            result.messages[0];
          if (stored) this.send({ type: 'ack', clientMsgId, seq: stored.seq });
        }
      });
      // Debug only: the dialogue engine logs each turn; this line would double the log volume.
      this.services.log.debug(
        {
          conversationId: conversation.id,
          type: frame.type,
          duplicate: result.duplicate,
          replies: result.messages.length - 1,
        },
        'chat turn handled',
      );
    } catch (error) {
      stopTyping();
      if (error instanceof InvalidTurnInputError) {
        this.sendError('invalid_frame', `${error.field} ${error.message}`, refOf(frame));
        return;
      }
      if (error instanceof UnknownConversationError) {
        this.sendError('conversation_not_found', 'The conversation no longer exists.', refOf(frame));
        return;
      }
      this.services.log.error({ err: error, conversationId: conversation.id }, 'chat turn failed');
      this.sendError('internal_error', 'The message could not be handled; send it again.', refOf(frame));
    } finally {
      release();
    }
  }

  private async feedback(frame: FeedbackFrame): Promise<void> {
    const conversationId = this.conversation!.id;
    const ref = String(frame.seq);
    try {
      const recorded = await this.services.conversations.recordFeedback(
        conversationId,
        frame.seq,
        frame.rating,
        frame.comment || undefined,
      );
      if (!recorded) return this.sendError('not_found', `No bot message ${frame.seq}.`, ref);
      // A thumbs-down gets the offer of a clerk, as over REST (a bot message with a quick reply); a
      // comment sent after it (a second `down` on the same answer) is stored without a second offer.
      if (isNewThumbsDown(frame.rating, recorded.previousRating)) {
        await this.delivery!.deliverKnown(
          await this.services.dialogue.offerClerkAfterNegativeFeedback(conversationId, frame.seq),
        );
      }
    } catch (error) {
      this.services.log.error({ err: error, conversationId }, 'chat feedback failed');
      this.sendError('internal_error', 'Feedback not saved.', ref);
    }
  }

  private citizenTyping(): void {
    if (this.state !== 'open') return;
    const now = Date.now();
    if (now - this.lastCitizenTypingAt < CITIZEN_TYPING_THROTTLE_MS) return;
    this.lastCitizenTypingAt = now;
    this.services.events
      .publish({ kind: 'typing', conversationId: this.conversation!.id, from: 'citizen' })
      .catch((error: unknown) => this.services.log.debug({ err: error }, 'typing not published'));
  }

  /**
   * While the engine works: a bot `typing` frame once the answer is slow, then every few seconds, unless
   * people have the chat.
   */
  private botTyping(): () => void {
    if (this.handoff?.withPeople) return () => undefined;
    let repeat: NodeJS.Timeout | undefined;
    const first = setTimeout(() => {
      this.send({ type: 'typing', from: 'bot' });
      repeat = setInterval(() => this.send({ type: 'typing', from: 'bot' }), BOT_TYPING_REPEAT_MS);
      repeat.unref();
    }, BOT_TYPING_DELAY_MS);
    first.unref();
    return () => {
      clearTimeout(first);
      clearInterval(repeat);
    };
  }

  // -------------------------------------------------------------------------------------- outbound

  private send(frame: ServerFrame): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.services.log.warn({ conversationId: this.conversation?.id }, 'chat socket dropped: not reading');
      this.socket.terminate();
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }

  private sendError(code: WsErrorCode, message: string, ref?: string, retryAfter?: number): void {
    this.send({
      type: 'error',
      code,
      message,
      ...(ref !== undefined ? { ref } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }

  private close(code: number, reason: string): void {
    this.dispose();
    this.socket.close(code, reason);
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private dispose(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.helloTimer);
    this.unsubscribe?.();
    this.handoff?.stop();
    this.delivery?.stop();
    this.services.perConnectionLimit.delete(this.connectionId);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function refOf(frame: ClientFrame): string {
  return 'clientMsgId' in frame && frame.clientMsgId !== undefined ? frame.clientMsgId : frame.type;
}
