import * as z from 'zod/mini';

/** What the citizen sees of the handoff (the WebSocket `handoff` frame, and the welcome's `handoff`). */
export const HandoffViewSchema = z.object({
  status: z.enum(['none', 'waiting', 'with_clerk', 'offline', 'closed']),
  department: z.nullable(z.string()),
  /** 1-based position in the department's queue while waiting. */
  position: z.nullable(z.number()),
  estimatedWaitMinutes: z.nullable(z.number()),
  /** The clerk's display name once one has joined. */
  clerkName: z.nullable(z.string()),
  /** Outside office hours or no clerk in time: the citizen may leave a message (a ticket). */
  ticketOffered: z.boolean(),
  /** Registration number of the ticket the citizen left, if any. */
  ticketNumber: z.nullable(z.string()),
});
export type HandoffView = z.infer<typeof HandoffViewSchema>;

export const NO_HANDOFF: HandoffView = {
  status: 'none',
  department: null,
  position: null,
  estimatedWaitMinutes: null,
  clerkName: null,
  ticketOffered: false,
  ticketNumber: null,
};
