import type { Lang } from '../protocol/lang.js';
import type { Author, Section, SourceLink, Suggestion } from '../protocol/message.js';

// The message shape itself is part of the wire contract (src/protocol/message.ts), shared with the widget
// and the console; this is only what the store's writers supply.

/** What a writer supplies; the store assigns seq and createdAt. */
export interface MessageDraft {
  from: Author;
  text: string;
  lang: Lang;
  procedure?: string | null;
  confidence?: number | null;
  sources?: SourceLink[];
  suggestions?: Suggestion[];
  sections?: Section[];
  authorName?: string | null;
  authorId?: string | null;
  meta?: Record<string, unknown>;
  clientMsgId?: string | null;
  replyTo?: number | null;
}
