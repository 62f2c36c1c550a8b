import type { ConversationStore } from '../conversations/conversation-store.js';
import type { Database } from '../storage/database.js';
import type { AuditLog } from './audit-log.js';
import { PRESENCE_WINDOW_SECONDS } from './clerks/clerk-accounts.js';
import type { HandoffEffect, HandoffEffects } from './handoff-effects.js';
import { handoffRecords } from './handoff-records.js';
import { handoffTexts } from './handoff-texts.js';

export type AssignOutcome = 'assigned' | 'taken' | 'full' | 'unavailable';

/**
 * Gives waiting conversations to the present, available clerk of their department with the fewest open
 * chats (ties: the one assigned longest ago), never above the per-clerk maximum. Safe to run on every
 * instance at once: each assignment locks the clerk row (so two instances cannot both give a clerk their
 * last free slot) and moves the conversation only if it is still waiting (so no conversation is given twice).
 */
export class AutoAssignment {
  private readonly running = new Map<string, Promise<number>>();
  private readonly rerun = new Set<string>();

  constructor(
    private readonly database: Database,
    private readonly conversations: ConversationStore,
    private readonly effects: HandoffEffects,
    private readonly audit: AuditLog,
    private readonly maxChatsPerClerk: number,
  ) {}

  /**
   * Assigns what it can in `department`; concurrent calls on this instance coalesce into one more run
   * (a burst of 200 handoffs causes two runs, not 200). Resolves with the number assigned by the run.
   */
  assignDepartment(department: string): Promise<number> {
    const current = this.running.get(department);
    if (current) {
      this.rerun.add(department);
      return current;
    }
    const run = (async () => {
      let assigned = 0;
      do {
        this.rerun.delete(department);
        assigned += await this.drain(department);
      } while (this.rerun.has(department));
      return assigned;
    })().finally(() => this.running.delete(department));
    this.running.set(department, run);
    return run;
  }

  private async drain(department: string): Promise<number> {
    let assigned = 0;
    // Bounded: each round either assigns one conversation or stops; misses (raced by another instance) retry.
    for (let round = 0, misses = 0; round < 500 && misses < 5; round += 1) {
      const { rows: waiting } = await this.database.query<{ id: number; conversation_id: string }>(
        `SELECT id, conversation_id FROM handoffs WHERE state = 'waiting' AND department = $1
         ORDER BY queued_at, id LIMIT 1`,
        [department],
      );
      if (!waiting[0]) break;
      const { rows: candidates } = await this.database.query<{ id: string }>(
        `SELECT c.id FROM clerks c JOIN clerk_departments d ON d.clerk_id = c.id AND d.department = $1
         LEFT JOIN LATERAL (SELECT count(*) AS open FROM handoffs h WHERE h.clerk_id = c.id AND h.state = 'with_clerk') o ON true
         WHERE c.active AND c.availability = 'available' AND c.last_seen_at > now() - $2 * interval '1 second'
           AND o.open < $3
         ORDER BY o.open, c.last_assigned_at NULLS FIRST, c.id LIMIT 1`,
        [department, PRESENCE_WINDOW_SECONDS, this.maxChatsPerClerk],
      );
      if (!candidates[0]) break;
      const outcome = await this.assign(waiting[0].id, waiting[0].conversation_id, candidates[0].id, null);
      if (outcome === 'assigned') assigned += 1;
      else misses += 1;
    }
    return assigned;
  }

  /**
   * Assigns one waiting handoff to a clerk: automatically (`byClerkId` null: capacity and presence are
   * re-checked under the clerk's row lock) or because a clerk claimed it (`byClerkId` = the clerk).
   */
  async assign(
    handoffId: number,
    conversationId: string,
    clerkId: string,
    byClerkId: string | null,
    ip?: string,
  ): Promise<AssignOutcome> {
    const effects: HandoffEffect[] = [];
    const outcome = await this.database.transaction(async (tx): Promise<AssignOutcome> => {
      const { rows: clerks } = await tx.query<{
        name: string;
        active: boolean;
        present: boolean;
        available: boolean;
      }>(
        `SELECT name, active, availability = 'available' AS available,
           COALESCE(last_seen_at > now() - $2 * interval '1 second', false) AS present
         FROM clerks WHERE id = $1 FOR UPDATE`,
        [clerkId, PRESENCE_WINDOW_SECONDS],
      );
      const clerk = clerks[0];
      if (!clerk?.active) return 'unavailable';
      if (byClerkId === null) {
        if (!clerk.available || !clerk.present) return 'unavailable';
        if ((await handoffRecords.openChats(tx, clerkId)) >= this.maxChatsPerClerk) return 'full';
      }
      if (!(await this.conversations.transition(conversationId, ['waiting'], 'with_clerk', tx)))
        return 'taken';
      const current = await handoffRecords.lockCurrent(tx, conversationId);
      if (!current || current.id !== handoffId || current.state !== 'waiting') {
        throw new Error(`Handoff ${handoffId} of conversation ${conversationId} is not waiting`);
      }
      await handoffRecords.assign(tx, handoffId, clerkId);
      await this.audit.record(
        {
          actorId: byClerkId,
          action: byClerkId ? 'claim' : 'auto_assign',
          conversationId,
          targetClerkId: clerkId,
          detail: { department: current.department },
          ip,
        },
        tx,
      );
      effects.push(
        { kind: 'status', conversationId },
        { kind: 'queue', department: current.department },
        { kind: 'clerk', clerkId },
        {
          kind: 'system',
          conversationId,
          lang: current.lang,
          text: handoffTexts.clerkJoined(current.lang, clerk.name),
        },
      );
      return 'assigned';
    });
    await this.effects.announce(effects);
    return outcome;
  }
}
