import * as z from 'zod/mini';
import { ContactLinkSchema } from './contact-link.js';
import { LangSchema } from './lang.js';

export const AuthorSchema = z.enum(['citizen', 'bot', 'clerk', 'system']);
export type Author = z.infer<typeof AuthorSchema>;

export const SourceLinkSchema = z.object({ title: z.string(), url: z.string() });
export type SourceLink = z.infer<typeof SourceLinkSchema>;

export const SuggestionSchema = z.object({
  label: z.string(),
  /** What is sent back when the citizen picks it: an action value (e.g. `procedure:carte-identitate`). */
  value: z.string(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export { ContactLinkSchema, contactHref, type ContactLink } from './contact-link.js';

/**
 * A titled part of an answer ("Documente necesare" + lines), rendered as a heading and a list, as text.
 * `links` (optional; absent on older messages) are the section's contacts — phone, e-mail, web address —
 * listed after its lines and shown as tappable links by clients that know them. `collapsed` (optional)
 * folds the section in clients that fold sections.
 */
export const SectionSchema = z.object({
  title: z.string(),
  lines: z.array(z.string()),
  links: z.optional(z.array(ContactLinkSchema)),
  /**
   * Optional: shown folded (one tap away) whatever the answer's layout — the secondary details of a
   * section just above it, so the answer to what was asked fits a phone screen.
   */
  collapsed: z.optional(z.boolean()),
});
export type Section = z.infer<typeof SectionSchema>;

/** A section's items as plain text, one a line: its lines, then each link's label. */
export function sectionTextLines(section: Pick<Section, 'lines' | 'links'>): string[] {
  return [...section.lines, ...(section.links ?? []).map((link) => link.label)];
}

/**
 * A message as every channel and the API show it. `procedure`, `confidence`, `sources`, `suggestions`
 * and `sections` carry meaning on bot messages; `authorName` on clerk messages.
 */
export const MessageSchema = z.object({
  seq: z.number().check(z.int(), z.positive()),
  from: AuthorSchema,
  text: z.string(),
  lang: LangSchema,
  procedure: z.nullable(z.string()),
  confidence: z.nullable(z.number()),
  sources: z.array(SourceLinkSchema),
  suggestions: z.array(SuggestionSchema),
  sections: z.array(SectionSchema),
  authorName: z.nullable(z.string()),
  clientMsgId: z.nullable(z.string()),
  createdAt: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;
