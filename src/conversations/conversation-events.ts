import { z } from 'zod';
import type { Database } from '../storage/database.js';

/**
 * Live announcements between service instances, over PostgreSQL LISTEN/NOTIFY (PGlite serves the
 * single-process case the same way). Messages are always stored first and announced second; an event
 * only says "look": a reader fetches from storage what it has not seen yet (by seq), so a lost or
 * duplicated notification never loses or duplicates a message.
 */
export const CHANNEL = 'antonia_events';

export const ConversationEventSchema = z.discriminatedUnion('kind', [
  /** New messages up to `seq` are stored in the conversation. */
  z.object({ kind: z.literal('message'), conversationId: z.string(), seq: z.number().int() }),
  /** Someone is typing (citizen or clerk); ephemeral, never stored. */
  z.object({
    kind: z.literal('typing'),
    conversationId: z.string(),
    from: z.enum(['citizen', 'clerk']),
    name: z.string().nullable().optional(),
  }),
  /** The conversation's handoff status changed (waiting, clerk joined, back to bot, closed, queue moved). */
  z.object({ kind: z.literal('status'), conversationId: z.string() }),
  /** A department queue changed (for clerk consoles). */
  z.object({ kind: z.literal('queue'), department: z.string() }),
  /** Anything else a module announces for consoles (tickets, assignments); `topic` names it. */
  z.object({ kind: z.literal('notice'), topic: z.string(), data: z.record(z.string(), z.unknown()) }),
]);
export type ConversationEvent = z.infer<typeof ConversationEventSchema>;
export type ConversationEventListener = (event: ConversationEvent) => void;

export class ConversationEvents {
  private readonly byConversation = new Map<string, Set<ConversationEventListener>>();
  private readonly everything = new Set<ConversationEventListener>();
  private readonly resyncListeners = new Set<() => void>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly database: Database) {}

  /** Starts receiving this instance's and other instances' announcements. */
  async start(): Promise<void> {
    this.unlisten ??= await this.database.listen(CHANNEL, (payload) => this.dispatch(payload), {
      onResubscribed: () => this.resync(),
    });
  }

  /** Whether announcements arrive right now (false while the LISTEN connection is re-established). */
  get live(): boolean {
    return this.unlisten !== undefined && this.database.isListening();
  }

  /**
   * Called after a gap in the announcements (the LISTEN connection dropped and is back): whatever was
   * announced in the gap is lost, so each live subscriber re-reads from storage what it shows.
   * Returns the function that stops it.
   */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  async stop(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    if (unlisten) await unlisten();
  }

  async publish(event: ConversationEvent): Promise<void> {
    await this.database.notify(CHANNEL, JSON.stringify(event));
  }

  /** Events of one conversation; returns the function that unsubscribes. */
  subscribe(conversationId: string, listener: ConversationEventListener): () => void {
    let set = this.byConversation.get(conversationId);
    if (!set) {
      set = new Set();
      this.byConversation.set(conversationId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byConversation.delete(conversationId);
    };
  }

  /** Every event (clerk consoles filter by department and permission). */
  subscribeAll(listener: ConversationEventListener): () => void {
    this.everything.add(listener);
    return () => this.everything.delete(listener);
  }

  private resync(): void {
    for (const listener of this.resyncListeners) {
      try {
        listener();
      } catch {
        // One failing subscriber must not stop the others from catching up.
      }
    }
  }

  private dispatch(payload: string): void {
    let event: ConversationEvent;
    try {
      event = ConversationEventSchema.parse(JSON.parse(payload));
    } catch {
      return; // Not ours, or from a newer version: ignore rather than crash the listener.
    }
    if ('conversationId' in event) {
      for (const listener of this.byConversation.get(event.conversationId) ?? []) safely(listener, event);
    }
    for (const listener of this.everything) safely(listener, event);
  }
}

function safely(listener: ConversationEventListener, event: ConversationEvent): void {
  try {
    listener(event);
  } catch {
    // One failing subscriber must not stop delivery to the others.
  }
}
