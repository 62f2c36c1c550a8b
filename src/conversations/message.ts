import type { Lang } from '../protocol/lang.js';
import type { Author, Section, SourceLink, Suggestion } from '../protocol/message.js';

// The message shape is part of the wire contract (src/protocol/), shared with the widget and the console.
export {
  AuthorSchema,
  MessageSchema,
  SectionSchema,
  SourceLinkSchema,
  SuggestionSchema,
  type Author,
  type Message,
  type Section,
  type SourceLink,
  type Suggestion,
} from '../protocol/message.js';

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
