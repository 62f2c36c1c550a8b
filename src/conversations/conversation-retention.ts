import type { Queryable } from '../storage/database.js';

/** Rows deleted per statement: a purge after a long pause never holds one huge transaction. */
const PURGE_BATCH = 500;

/**
 * Deletes conversations that have had no activity for the retention period, with everything that hangs
 * off them (messages, feedback, handoffs and clerks' internal notes, by ON DELETE CASCADE). A citizen's
 * words and personal data are kept only as long as the conversation can still be resumed: the same
 * period after which its token stops opening it.
 *
 * Kept: a conversation whose handoff is still open (a clerk or a queue still owns it, whatever its age).
 * Not touched: tickets (the citizen asked to be contacted; their conversation link becomes NULL) and the
 * audit log (who did what, without message text) — both are the city's records with their own rules.
 *
 * `FOR UPDATE SKIP LOCKED`: several instances can purge at the same time, and a conversation that is
 * being written right now is left for the next run instead of waiting for it.
 */
export class ConversationRetention {
  constructor(
    private readonly database: Queryable,
    private readonly retentionDays: number,
  ) {}

  /** Deletes every expired conversation; returns how many were deleted. */
  async purgeExpired(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.retentionDays * 24 * 60 * 60 * 1000);
    let deleted = 0;
    for (;;) {
      const result = await this.database.query(
        `DELETE FROM conversations WHERE id IN (
           SELECT c.id FROM conversations c
            WHERE c.updated_at < $1
              AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id AND h.ended_at IS NULL)
            LIMIT ${PURGE_BATCH}
            FOR UPDATE SKIP LOCKED)`,
        [cutoff],
      );
      const count = result.rowCount;
      deleted += count;
      if (count < PURGE_BATCH) return deleted;
    }
  }
}
