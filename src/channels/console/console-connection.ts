import type { WebSocket } from 'ws';
import type { Clerk } from '../../protocol/console-api.js';
import type { DeskAccess } from '../../handoff/desk/desk-access.js';
import type { ConversationStore } from '../../conversations/conversation-store.js';

interface Subscription {
  /** The highest seq sent on this socket; the next catch-up starts after it. */
  delivered: number;
  /** Catch-ups of one conversation run one after another: frames leave in seq order, never twice. */
  chain: Promise<void>;
}

/**
 * One clerk's console socket: who it is, which conversations it follows and how far each was delivered.
 * Every delivery is "read from storage what is after `delivered`", so an event that arrives twice, late
 * or not at all (the next one, or a resubscribe, catches up) never duplicates or loses a message.
 */
export class ConsoleConnection {
  readonly subscriptions = new Map<string, Subscription>();
  /** Conversations this socket was told about (to say `gone` when they leave its sight). */
  readonly known = new Set<string>();
  alive = true;

  constructor(
    readonly socket: WebSocket,
    public clerk: Clerk,
    readonly sessionId: string,
    private readonly conversations: ConversationStore,
    private readonly access: DeskAccess,
  ) {}

  send(frame: Record<string, unknown>): void {
    this.sendRaw(JSON.stringify(frame));
  }

  /** A frame already serialized (one serialization for many receivers). */
  sendRaw(frame: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame);
  }

  /** Starts following a conversation from `lastSeq` (authorized like opening it). */
  async subscribe(conversationId: string, lastSeq: number): Promise<void> {
    await this.access.find(this.clerk, conversationId);
    let subscription = this.subscriptions.get(conversationId);
    if (!subscription) {
      subscription = { delivered: lastSeq, chain: Promise.resolve() };
      this.subscriptions.set(conversationId, subscription);
    } else {
      // A resubscribe from an earlier seq (the console reloaded) replays from there.
      subscription.chain = subscription.chain.then(() => {
        subscription!.delivered = Math.min(subscription!.delivered, lastSeq);
      });
    }
    this.known.add(conversationId);
    await this.catchUp(conversationId);
    this.send({
      type: 'subscribed',
      conversationId,
      lastSeq: this.subscriptions.get(conversationId)?.delivered ?? lastSeq,
    });
  }

  unsubscribe(conversationId: string): void {
    this.subscriptions.delete(conversationId);
  }

  /** Sends what is stored after the last delivered seq. */
  catchUp(conversationId: string): Promise<void> {
    const subscription = this.subscriptions.get(conversationId);
    if (!subscription) return Promise.resolve();
    subscription.chain = subscription.chain
      .then(async () => {
        for (;;) {
          if (this.subscriptions.get(conversationId) !== subscription) return;
          const messages = await this.conversations.messagesAfter(
            conversationId,
            subscription.delivered,
            200,
          );
          for (const message of messages) {
            if (message.seq <= subscription.delivered) continue;
            this.send({ type: 'message', conversationId, message });
            subscription.delivered = message.seq;
          }
          if (messages.length < 200) return;
        }
      })
      .catch(() => undefined);
    return subscription.chain;
  }
}
