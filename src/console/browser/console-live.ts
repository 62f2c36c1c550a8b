import type { ApiError, ConsoleApi } from './api-client.js';
import type { ConsoleConversation, ConsoleServerFrame } from '../../protocol/console-api.js';
import type { Message } from '../../protocol/message.js';
import type { ConsoleStore } from './console-store.js';
import { ConsoleSocket } from './console-socket.js';

const TYPING_SHOWN_MS = 4_000;

export interface LiveNotices {
  /** A short sentence for the screen reader's live region (and nothing else). */
  announce(text: string): void;
  newCitizenMessage(conversation: ConsoleConversation | undefined, message: Message, isOpen: boolean): void;
  newInQueue(conversation: ConsoleConversation): void;
  assignedToMe(conversation: ConsoleConversation): void;
  ticketLeft(number: string): void;
  frameRefused(code: string): void;
  sessionEnded(): void;
}

/**
 * Keeps the store in step with the service over /ws/console. The guarantees rest on three rules:
 * every conversation the clerk watches is (re)subscribed with the highest seq held without a gap after
 * each (re)connect, every message is keyed by seq (so replays and REST echoes collapse), and a gap seen
 * in a loaded transcript is filled from REST before anything else is trusted.
 */
export class ConsoleLive {
  private readonly socket: ConsoleSocket;
  /** Conversations to keep subscribed, with the seq to resume from when the transcript is not loaded. */
  private readonly watched = new Map<string, number>();
  private readonly filling = new Set<string>();
  private queuesSeen = new Set<string>();
  private typingTimer: number | undefined;
  private lastTypingSent = 0;

  constructor(
    private readonly store: ConsoleStore,
    private readonly api: ConsoleApi,
    private readonly notices: LiveNotices,
  ) {
    this.socket = new ConsoleSocket({
      frame: (frame) => this.handle(frame),
      open: () => this.resubscribeAll(),
      reconnecting: () => {
        this.store.connection = 'reconnecting';
        this.store.emit('connection');
      },
      sessionEnded: () => this.notices.sessionEnded(),
      refused: () => {
        // Reconnecting keeps going (the service may just be restarting) unless the session is gone.
        this.api
          .session()
          .then((clerk) => {
            if (!clerk) this.notices.sessionEnded();
          })
          .catch(() => undefined);
      },
    });
  }

  start(): void {
    this.socket.connect();
  }

  stop(): void {
    this.socket.close();
    window.clearInterval(this.typingTimer);
  }

  /** Watches a conversation: its messages arrive live from `lastSeq` on (and after every reconnect). */
  watch(conversationId: string, fromSeq: number): void {
    if (this.watched.has(conversationId)) return;
    this.watched.set(conversationId, fromSeq);
    this.socket.send({ type: 'subscribe', conversationId, lastSeq: this.resumeSeq(conversationId) });
  }

  unwatch(conversationId: string): void {
    if (!this.watched.delete(conversationId)) return;
    this.socket.send({ type: 'unsubscribe', conversationId });
  }

  isWatched(conversationId: string): boolean {
    return this.watched.has(conversationId);
  }

  /** The clerk types in the reply box: tell the citizen, at most once every 2 s. */
  typing(conversationId: string): void {
    const now = Date.now();
    if (now - this.lastTypingSent < 2_000) return;
    this.lastTypingSent = now;
    this.socket.send({ type: 'typing', conversationId });
  }

  /** Adds messages fetched or returned by REST, then checks for a gap. */
  addMessages(conversationId: string, messages: Message[]): void {
    const transcript = this.store.transcript(conversationId);
    transcript.addMessages(messages);
    this.bumpLastSeq(conversationId, transcript.maxSeq());
    this.store.emit('transcript');
    if (transcript.hasGap()) void this.fillGap(conversationId);
  }

  /** Fetches every message after the highest one held without a gap, until the transcript is whole. */
  async fillGap(conversationId: string): Promise<void> {
    if (this.filling.has(conversationId)) return;
    this.filling.add(conversationId);
    const transcript = this.store.transcript(conversationId);
    try {
      for (let round = 0; round < 20 && transcript.hasGap(); round += 1) {
        const { messages } = await this.api.messagesAfter(conversationId, transcript.contiguousSeq());
        if (messages.length === 0) break;
        transcript.addMessages(messages);
      }
      this.bumpLastSeq(conversationId, transcript.maxSeq());
      this.store.emit('transcript');
    } catch (error) {
      this.notices.frameRefused((error as ApiError).code ?? 'network');
    } finally {
      this.filling.delete(conversationId);
    }
  }

  private resumeSeq(conversationId: string): number {
    const transcript = this.store.transcripts.get(conversationId);
    if (transcript?.loaded) return transcript.contiguousSeq();
    return Math.max(this.watched.get(conversationId) ?? 0, transcript?.maxSeq() ?? 0);
  }

  private resubscribeAll(): void {
    for (const conversationId of this.watched.keys()) {
      this.socket.send({ type: 'subscribe', conversationId, lastSeq: this.resumeSeq(conversationId) });
    }
  }

  private handle(frame: ConsoleServerFrame): void {
    const store = this.store;
    switch (frame.type) {
      case 'hello': {
        store.me = frame.clerk;
        const serverTime = Date.parse(frame.serverTime);
        if (Number.isFinite(serverTime)) store.clockSkewMs = serverTime - Date.now();
        store.connection = 'online';
        // Snapshots follow; changes missed while disconnected must not be announced as new.
        this.queuesSeen = new Set();
        store.emit('me');
        store.emit('connection');
        void this.resyncLists();
        return;
      }
      case 'queue':
        this.applyDepartmentCounts(frame.department, frame.availableClerks, frame.openNow);
        return this.applyQueue(frame.department, frame.items);
      case 'conversation':
        return this.applyConversation(frame.conversation);
      case 'gone': {
        store.conversations.delete(frame.conversationId);
        for (const [department, items] of store.queues) {
          store.queues.set(
            department,
            items.filter((item) => item.conversationId !== frame.conversationId),
          );
        }
        this.watched.delete(frame.conversationId);
        store.gone.add(frame.conversationId);
        store.emit('queues');
        store.emit('conversations');
        store.emit('gone');
        return;
      }
      case 'message':
        return this.applyMessage(frame.conversationId, frame.message);
      case 'note':
        if (store.transcript(frame.note.conversationId).addNote(frame.note)) store.emit('transcript');
        return;
      case 'typing': {
        store.typing.set(frame.conversationId, {
          from: frame.from,
          name: frame.name ?? null,
          until: Date.now() + TYPING_SHOWN_MS,
        });
        store.emit('typing');
        window.clearTimeout(this.typingTimer);
        this.typingTimer = window.setTimeout(() => this.expireTyping(), TYPING_SHOWN_MS + 50);
        return;
      }
      case 'ticket':
        if (frame.ticket.status === 'open') {
          store.newTickets.push(frame.ticket);
          this.notices.ticketLeft(frame.ticket.number);
        }
        store.emit('tickets');
        return;
      case 'me':
        store.me = frame.clerk;
        store.emit('me');
        return;
      case 'subscribed':
        return;
      case 'error':
        if (frame.conversationId && (frame.code === 'forbidden' || frame.code === 'not_found')) {
          this.watched.delete(frame.conversationId);
        }
        this.notices.frameRefused(frame.code);
        return;
      case 'pong':
        return;
    }
  }

  private applyQueue(department: string, items: ConsoleConversation[]): void {
    const store = this.store;
    const before = new Set((store.queues.get(department) ?? []).map((item) => item.conversationId));
    const firstSnapshot = !this.queuesSeen.has(department);
    this.queuesSeen.add(department);
    store.queues.set(department, items);
    for (const item of items) store.upsertConversation(item, true);
    if (!firstSnapshot) {
      for (const item of items) if (!before.has(item.conversationId)) this.notices.newInQueue(item);
    }
    store.emit('queues');
    store.emit('conversations');
  }

  private applyDepartmentCounts(department: string, availableClerks?: number, openNow?: boolean): void {
    if (availableClerks === undefined && openNow === undefined) return;
    const store = this.store;
    store.departments = store.departments.map((d) =>
      d.id === department
        ? { ...d, availableClerks: availableClerks ?? d.availableClerks, openNow: openNow ?? d.openNow }
        : d,
    );
    store.emit('departments');
  }

  private applyConversation(conversation: ConsoleConversation): void {
    const store = this.store;
    const previous = store.conversations.get(conversation.conversationId);
    const wasMine = previous ? store.isMine(previous) : false;
    store.upsertConversation(conversation, true);
    const isMine = store.isMine(conversation);
    if (isMine && !wasMine) {
      this.watch(conversation.conversationId, previous?.lastSeq ?? 0);
      this.notices.assignedToMe(conversation);
    }
    if (!isMine && wasMine && store.openConversationId !== conversation.conversationId) {
      this.unwatch(conversation.conversationId);
    }
    if (conversation.status !== 'waiting') {
      // A claim can reach us before the queue snapshot that drops it; do not offer it meanwhile.
      const queue = store.queues.get(conversation.department);
      if (queue?.some((item) => item.conversationId === conversation.conversationId)) {
        store.queues.set(
          conversation.department,
          queue.filter((item) => item.conversationId !== conversation.conversationId),
        );
        store.emit('queues');
      }
    }
    store.emit('conversations');
  }

  private applyMessage(conversationId: string, message: Message): void {
    const store = this.store;
    const transcript = store.transcript(conversationId);
    const added = transcript.addMessages([message]);
    if (added.length === 0) return;
    this.bumpLastSeq(conversationId, message.seq);
    if (message.from === 'citizen' || message.from === 'clerk') {
      // The message ends that side's typing.
      if (store.typing.get(conversationId)?.from === message.from) store.typing.delete(conversationId);
    }
    if (message.from === 'citizen') {
      const isOpen = store.openConversationId === conversationId;
      this.notices.newCitizenMessage(store.conversations.get(conversationId), message, isOpen);
    }
    store.emit('transcript');
    store.emit('typing');
    if (transcript.hasGap()) void this.fillGap(conversationId);
  }

  private bumpLastSeq(conversationId: string, seq: number): void {
    const conversation = this.store.conversations.get(conversationId);
    if (conversation && seq > conversation.lastSeq) {
      this.store.conversations.set(conversationId, { ...conversation, lastSeq: seq });
      this.store.emit('conversations');
    }
  }

  private expireTyping(): void {
    const now = Date.now();
    for (const [conversationId, typing] of this.store.typing) {
      if (typing.until <= now) this.store.typing.delete(conversationId);
    }
    this.store.emit('typing');
  }

  /** After a (re)connect: the lists of my and colleagues' chats, which may have changed meanwhile. */
  private async resyncLists(): Promise<void> {
    const store = this.store;
    try {
      const scopes: Array<'mine' | 'open'> = store.isSupervisor() ? ['mine', 'open'] : ['mine'];
      const lists = await Promise.all(scopes.map((scope) => this.api.conversations(scope)));
      const listed = new Set<string>();
      for (const { items } of lists) {
        for (const item of items) {
          listed.add(item.conversationId);
          const previous = store.conversations.get(item.conversationId);
          store.upsertConversation(
            previous && previous.lastSeq > item.lastSeq ? { ...item, lastSeq: previous.lastSeq } : item,
            true,
          );
          if (store.isMine(item)) this.watch(item.conversationId, previous?.lastSeq ?? item.lastSeq);
        }
      }
      // Chats that were mine or a colleague's but are not any more (closed or released while offline).
      for (const conversation of [...store.conversations.values()]) {
        if (conversation.status === 'with_clerk' && !listed.has(conversation.conversationId)) {
          const waiting = [...store.queues.values()].some((items) =>
            items.some((item) => item.conversationId === conversation.conversationId),
          );
          if (!waiting && store.openConversationId !== conversation.conversationId) {
            store.conversations.delete(conversation.conversationId);
            this.unwatch(conversation.conversationId);
          }
        }
      }
      store.emit('conversations');
    } catch (error) {
      this.notices.frameRefused((error as ApiError).code ?? 'network');
    }
  }
}
