import type { Message } from '../../protocol/message.js';
import type { SerialQueue } from './serial-queue.js';

/** How many messages one storage read returns; longer gaps are read page by page. */
const PAGE_SIZE = 200;

export interface MessageDeliveryOptions {
  /** Where delivery starts: messages with a higher seq are sent. */
  afterSeq: number;
  /** Stored messages after `seq`, in order (ConversationStore.messagesAfter). */
  fetchAfter: (seq: number, limit: number) => Promise<Message[]>;
  send: (message: Message) => void;
  /** The socket's outgoing queue (shared with its other storage-backed frames). */
  queue: SerialQueue;
  onError: (error: unknown) => void;
}

/**
 * Sends one socket every stored message of its conversation exactly once, in seq order. It remembers the
 * last seq it sent; whenever told that something new may be stored, it reads from storage what comes
 * after and sends it. Because the reading is driven by storage, not by the announcements, a lost
 * announcement is repaired by the next one (or the retry) and a repeated one sends nothing twice.
 */
export class MessageDelivery {
  private delivered: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private holds = 0;
  /** The highest seq announced while held (0: none). */
  private heldSeq = 0;

  constructor(private readonly options: MessageDeliveryOptions) {
    this.delivered = options.afterSeq;
  }

  /** The highest seq sent on this socket. */
  get lastDelivered(): number {
    return this.delivered;
  }

  /** Messages up to `seq` (or anything new, without a seq) are stored: send what this socket lacks. */
  announce(seq?: number): Promise<void> {
    if (seq !== undefined && seq <= this.delivered) return Promise.resolve();
    if (this.holds > 0 && seq !== undefined) {
      this.heldSeq = Math.max(this.heldSeq, seq);
      return Promise.resolve();
    }
    return this.options.queue.run(() => this.catchUp(seq));
  }

  /**
   * While this socket's own turn runs, the engine's result will carry the turn's messages: announcements
   * are noted instead of read from storage (saving two reads per question), and on release whatever was
   * announced and not delivered with the result is read as usual. Nothing is skipped, only deferred.
   */
  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0 && this.heldSeq > this.delivered) void this.announce(this.heldSeq);
      if (this.holds === 0) this.heldSeq = 0;
    };
  }

  /**
   * Messages a caller already holds (the dialogue engine's result): sent without a storage read when they
   * continue exactly where this socket is; otherwise read from storage like an announcement.
   */
  deliverKnown(messages: Message[]): Promise<void> {
    const last = messages.at(-1)?.seq;
    if (last === undefined || last <= this.delivered) return Promise.resolve();
    return this.options.queue.run(async () => {
      const fresh = messages.filter((message) => message.seq > this.delivered);
      if (fresh.every((message, index) => message.seq === this.delivered + 1 + index)) {
        for (const message of fresh) this.sendOne(message);
        return;
      }
      await this.catchUp(last);
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private async catchUp(target: number | undefined): Promise<void> {
    if (this.stopped || (target !== undefined && target <= this.delivered)) return;
    try {
      for (;;) {
        const page = await this.options.fetchAfter(this.delivered, PAGE_SIZE);
        if (this.stopped) return;
        for (const message of page) this.sendOne(message);
        if (page.length < PAGE_SIZE) break;
      }
    } catch (error) {
      this.options.onError(error);
      // Storage hiccup: try again shortly, so a quiet conversation does not wait for its next message.
      if (!this.stopped) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.announce(target), 1_000);
        this.retryTimer.unref();
      }
    }
  }

  private sendOne(message: Message): void {
    // Guards the exactly-once, in-order promise even if storage were to return an overlapping page.
    if (message.seq <= this.delivered) return;
    this.delivered = message.seq;
    this.options.send(message);
  }
}
