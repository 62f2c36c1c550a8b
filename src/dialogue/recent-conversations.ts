import type { Conversation } from '../conversations/conversation-store.js';

/** A conversation as this process last wrote it, with the row version that write produced. */
export interface RememberedConversation {
  conversation: Conversation;
  version: string;
}

/**
 * The conversations whose last turn this process recorded, as it recorded them, so that the next turn
 * can skip reading the row back (half of a turn's database round trips). It is only a guess about the
 * row: the turn is written with the remembered version as its condition (`recordTurn`'s `expectVersion`),
 * so a conversation changed meanwhile by a clerk, another instance or a retention job is never
 * overwritten — the turn is decided again on a fresh read. Bounded: the least recently used entry goes
 * first, and an entry is taken out while its turn runs, so a turn that fails leaves nothing behind.
 */
export class RecentConversations {
  private readonly entries = new Map<string, RememberedConversation>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The remembered conversation, removed until `remember` puts it back. */
  take(conversationId: string): RememberedConversation | undefined {
    const entry = this.entries.get(conversationId);
    if (entry) this.entries.delete(conversationId);
    return entry;
  }

  remember(conversationId: string, entry: RememberedConversation): void {
    this.entries.delete(conversationId);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(conversationId, entry);
  }

  get size(): number {
    return this.entries.size;
  }
}
