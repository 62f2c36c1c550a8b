import { z } from 'zod';
import { LangSchema } from '../language.js';
import { HANDOFF_REASONS } from '../protocol/console-api.js';
import { FacetSchema } from './facets.js';

/**
 * What the dialogue remembers between turns, stored in `conversations.state` (jsonb) and read again by
 * whichever instance handles the next message. Each field falls back to its empty value when the stored
 * JSON is missing or from an older shape, so a state written by another version never breaks a turn.
 */
export const HandoffReasonSchema = z.enum(HANDOFF_REASONS);

export const DialogueStateSchema = z.object({
  /** The language the conversation is held in (the last detected one). */
  lang: LangSchema.optional().catch(undefined),
  /** The procedure follow-ups refer to ("și cât costă?"), and how sure retrieval was about it. */
  focus: z
    .object({ slug: z.string(), confidence: z.number().nullable() })
    .nullable()
    .default(null)
    .catch(null),
  /**
   * The procedures the conversation has been about, the latest first (the focus heads it): a follow-up
   * after a miss or a detour can return to an earlier one.
   */
  topics: z
    .array(z.object({ slug: z.string(), confidence: z.number().nullable() }))
    .max(10)
    .default([])
    .catch([]),
  /**
   * A clarification asked in the previous answer: the offered procedures and the facets asked for.
   * Like `offer`, it lives for one turn: whatever the citizen says next either picks or moves on.
   */
  pending: z
    .object({
      options: z
        .array(z.object({ slug: z.string(), confidence: z.number().nullable() }))
        .min(1)
        .max(3),
      facets: z.array(FacetSchema).default([]),
    })
    .nullable()
    .default(null)
    .catch(null),
  /** Questions in a row that ANTONIA could not answer (reset by an answer). */
  misses: z.number().int().nonnegative().default(0).catch(0),
  /** A clerk was offered in the previous answer: "da" / "yes" accepts it, for this reason. */
  offer: z.object({ reason: HandoffReasonSchema }).nullable().default(null).catch(null),
  /** The last substantive question, for the clerk's summary when the citizen asks for one later. */
  lastQuestion: z.string().nullable().default(null).catch(null),
  /**
   * The citizen's recent messages that got no procedure (declined, or answered with "which one?"),
   * oldest first, while the conversation has no topic: a clerk reads the next message together with
   * them ("fetița mea s-a născut…" then "unde merg?"). Emptied by an answer.
   */
  unanswered: z.array(z.string()).max(5).default([]).catch([]),
});
export type DialogueState = z.infer<typeof DialogueStateSchema>;

export function readDialogueState(stored: Record<string, unknown>): DialogueState {
  const result = DialogueStateSchema.safeParse(stored ?? {});
  return result.success ? result.data : DialogueStateSchema.parse({});
}
