import { z } from 'zod';
import { LangSchema } from '../language.js';

export const AuthorSchema = z.enum(['citizen', 'bot', 'clerk', 'system']);
export type Author = z.infer<typeof AuthorSchema>;

export const SourceLinkSchema = z.object({ title: z.string(), url: z.string() });
export const SuggestionSchema = z.object({
  label: z.string(),
  /** What is sent back when the citizen picks it: an action value (e.g. `procedure:carte-identitate`). */
  value: z.string(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

/** A titled part of an answer ("Documente necesare" + lines), rendered as a heading and a list, as text. */
export const SectionSchema = z.object({ title: z.string(), lines: z.array(z.string()) });
export type Section = z.infer<typeof SectionSchema>;

/**
 * A message as every channel and the API show it. `procedure`, `confidence`, `sources`, `suggestions`
 * and `sections` carry meaning on bot messages; `authorName` on clerk messages.
 */
export const MessageSchema = z.object({
  seq: z.number().int().positive(),
  from: AuthorSchema,
  text: z.string(),
  lang: LangSchema,
  procedure: z.string().nullable(),
  confidence: z.number().nullable(),
  sources: z.array(SourceLinkSchema),
  suggestions: z.array(SuggestionSchema),
  sections: z.array(SectionSchema),
  authorName: z.string().nullable(),
  clientMsgId: z.string().nullable(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

/** What a writer supplies; the store assigns seq and createdAt. */
export interface MessageDraft {
  from: Author;
  text: string;
  lang: z.infer<typeof LangSchema>;
  procedure?: string | null;
  confidence?: number | null;
  sources?: Array<z.infer<typeof SourceLinkSchema>>;
  suggestions?: Suggestion[];
  sections?: Section[];
  authorName?: string | null;
  authorId?: string | null;
  meta?: Record<string, unknown>;
  clientMsgId?: string | null;
  replyTo?: number | null;
}
