import type { ConversationStatus } from '../conversations/conversation-status.js';
import type { Channel } from '../conversations/conversation-store.js';
import type { Lang } from '../language.js';
import type { Queryable } from '../storage/database.js';
import type { ConsoleConversation, HandoffReason } from '../protocol/console-api.js';

export type HandoffState = 'waiting' | 'with_clerk' | 'offline' | 'ended';

/** A handoffs row joined with its conversation and clerk. */
export interface HandoffRecord {
  id: number;
  conversationId: string;
  state: HandoffState;
  department: string;
  reason: HandoffReason;
  question: string;
  procedureSlug: string | null;
  confidence: number | null;
  lang: Lang;
  clerkId: string | null;
  clerkName: string | null;
  queuedAt: Date;
  assignedAt: Date | null;
  ticketOfferedAt: Date | null;
  ticketNumber: string | null;
  outcome: string | null;
  endReason: string | null;
  endedAt: Date | null;
  conversationStatus: ConversationStatus;
  channel: Channel;
  lastSeq: number;
  updatedAt: Date;
  /** 1-based place in the department's queue while waiting. */
  position: number | null;
}

interface Row {
  id: number;
  conversation_id: string;
  state: HandoffState;
  department: string;
  /** Written only from HandoffReason values (handoff-service.ts). */
  reason: HandoffReason;
  question: string;
  procedure_slug: string | null;
  confidence: number | null;
  lang: Lang;
  clerk_id: string | null;
  clerk_name: string | null;
  queued_at: Date;
  assigned_at: Date | null;
  ticket_offered_at: Date | null;
  ticket_number: string | null;
  outcome: string | null;
  end_reason: string | null;
  ended_at: Date | null;
  status: ConversationStatus;
  channel: Channel;
  last_seq: number;
  conversation_updated_at: Date;
  position: number | null;
}

const SELECT = `
  SELECT h.id, h.conversation_id, h.state, h.department, h.reason, h.question, h.procedure_slug, h.confidence,
    h.lang, h.clerk_id, k.name AS clerk_name, h.queued_at, h.assigned_at, h.ticket_offered_at, h.ticket_number,
    h.outcome, h.end_reason, h.ended_at, c.status, c.channel, c.last_seq, c.updated_at AS conversation_updated_at,
    CASE WHEN h.state = 'waiting' THEN (
      SELECT count(*) FROM handoffs q
      WHERE q.state = 'waiting' AND q.department = h.department AND (q.queued_at, q.id) <= (h.queued_at, h.id)
    )::int END AS position
  FROM handoffs h JOIN conversations c ON c.id = h.conversation_id LEFT JOIN clerks k ON k.id = h.clerk_id`;

/** The SQL over `handoffs`; every function takes the connection or transaction to run on. */
export const handoffRecords = {
  /** The conversation's most recent handoff (current or ended). */
  async latest(db: Queryable, conversationId: string): Promise<HandoffRecord | undefined> {
    const { rows } = await db.query<Row>(
      `${SELECT} WHERE h.conversation_id = $1 ORDER BY h.id DESC LIMIT 1`,
      [conversationId],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  },

  /**
   * The current (not ended) handoff, its row locked until the transaction ends. Callers lock the
   * conversation first (through a status transition or `lockConversation`) so every path takes the locks
   * in one order: clerk → conversation → handoff.
   */
  async lockCurrent(tx: Queryable, conversationId: string): Promise<HandoffRecord | undefined> {
    const { rows: locked } = await tx.query<{ id: number }>(
      'SELECT id FROM handoffs WHERE conversation_id = $1 AND ended_at IS NULL FOR UPDATE',
      [conversationId],
    );
    if (!locked[0]) return undefined;
    const { rows } = await tx.query<Row>(`${SELECT} WHERE h.id = $1`, [locked[0].id]);
    return toRecord(rows[0]);
  },

  async lockConversation(tx: Queryable, conversationId: string): Promise<ConversationStatus | undefined> {
    const { rows } = await tx.query<{ status: ConversationStatus }>(
      'SELECT status FROM conversations WHERE id = $1 FOR UPDATE',
      [conversationId],
    );
    return rows[0]?.status;
  },

  async insert(
    tx: Queryable,
    handoff: Pick<
      HandoffRecord,
      | 'conversationId'
      | 'state'
      | 'department'
      | 'reason'
      | 'question'
      | 'procedureSlug'
      | 'confidence'
      | 'lang'
    > & {
      ticketOffered?: boolean;
      ticketNumber?: string | null;
      endReason?: string | null;
    },
  ): Promise<number> {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO handoffs (conversation_id, state, department, reason, question, procedure_slug, confidence, lang,
         ticket_offered_at, ticket_number, end_reason, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN now() END, $10, $11,
         CASE WHEN $2 = 'ended' THEN now() END)
       RETURNING id`,
      [
        handoff.conversationId,
        handoff.state,
        handoff.department,
        handoff.reason,
        handoff.question,
        handoff.procedureSlug,
        handoff.confidence,
        handoff.lang,
        handoff.ticketOffered ?? false,
        handoff.ticketNumber ?? null,
        handoff.endReason ?? null,
      ],
    );
    return rows[0].id;
  },

  async end(
    tx: Queryable,
    id: number,
    endReason: string,
    extra: { outcome?: string; ticketNumber?: string; clerkId?: string } = {},
  ): Promise<void> {
    await tx.query(
      `UPDATE handoffs SET state = 'ended', end_reason = $2, ended_at = now(), outcome = COALESCE($3, outcome),
         ticket_number = COALESCE($4, ticket_number), clerk_id = COALESCE(clerk_id, $5)
       WHERE id = $1`,
      [id, endReason, extra.outcome ?? null, extra.ticketNumber ?? null, extra.clerkId ?? null],
    );
  },

  async assign(tx: Queryable, id: number, clerkId: string): Promise<void> {
    await tx.query(
      `UPDATE handoffs SET state = 'with_clerk', clerk_id = $2, assigned_at = now() WHERE id = $1`,
      [id, clerkId],
    );
    await tx.query('UPDATE clerks SET last_assigned_at = now() WHERE id = $1', [clerkId]);
  },

  /** Back into a queue (possibly another department's), unassigned, with a fresh waiting time. */
  async requeue(tx: Queryable, id: number, department: string): Promise<void> {
    await tx.query(
      `UPDATE handoffs SET state = 'waiting', department = $2, clerk_id = NULL, assigned_at = NULL,
         queued_at = now(), ticket_offered_at = NULL WHERE id = $1`,
      [id, department],
    );
  },

  async setDepartment(tx: Queryable, id: number, department: string): Promise<void> {
    await tx.query('UPDATE handoffs SET department = $2 WHERE id = $1', [id, department]);
  },

  /** Waiting handoffs, oldest first; `departments` undefined = every department. */
  async queue(db: Queryable, departments?: string[]): Promise<HandoffRecord[]> {
    const { rows } = await db.query<Row>(
      `${SELECT} WHERE h.state = 'waiting' AND ($1::text[] IS NULL OR h.department = ANY($1::text[]))
       ORDER BY h.department, h.queued_at, h.id`,
      [departments ?? null],
    );
    return rows.map(toRecord);
  },

  /** Current handoffs (waiting or with a clerk) visible through `departments` or assigned to `clerkId`. */
  async open(db: Queryable, filter: { departments?: string[]; clerkId?: string; onlyAssigned?: boolean }) {
    const { rows } = await db.query<Row>(
      `${SELECT} WHERE h.state IN ('waiting', 'with_clerk')
         AND (CASE WHEN $3 THEN h.clerk_id = $2
                   ELSE ($1::text[] IS NULL OR h.department = ANY($1::text[]) OR h.clerk_id = $2) END)
       ORDER BY h.queued_at, h.id`,
      [filter.departments ?? null, filter.clerkId ?? null, filter.onlyAssigned ?? false],
    );
    return rows.map(toRecord);
  },

  async closed(db: Queryable, filter: { departments?: string[]; clerkId?: string }, limit = 100) {
    const { rows } = await db.query<Row>(
      `${SELECT} WHERE h.end_reason = 'closed'
         AND ($1::text[] IS NULL OR h.department = ANY($1::text[]) OR h.clerk_id = $2)
       ORDER BY h.ended_at DESC LIMIT $3`,
      [filter.departments ?? null, filter.clerkId ?? null, limit],
    );
    return rows.map(toRecord);
  },

  /** Seconds waited before a claim, for the most recent claims of the department (last 7 days). */
  async recentWaits(db: Queryable, department: string, limit = 20): Promise<number[]> {
    const { rows } = await db.query<{ seconds: number }>(
      `SELECT EXTRACT(EPOCH FROM (assigned_at - queued_at))::float8 AS seconds FROM handoffs
       WHERE department = $1 AND assigned_at IS NOT NULL AND assigned_at > now() - interval '7 days'
       ORDER BY assigned_at DESC LIMIT $2`,
      [department, limit],
    );
    return rows.map((row) => Number(row.seconds));
  },

  async openChats(db: Queryable, clerkId: string): Promise<number> {
    const { rows } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM handoffs WHERE clerk_id = $1 AND state = 'with_clerk'`,
      [clerkId],
    );
    return Number(rows[0].count);
  },
};

function toRecord(row: Row): HandoffRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    state: row.state,
    department: row.department,
    reason: row.reason,
    question: row.question,
    procedureSlug: row.procedure_slug,
    confidence: row.confidence === null ? null : Number(row.confidence),
    lang: row.lang,
    clerkId: row.clerk_id,
    clerkName: row.clerk_name,
    queuedAt: new Date(row.queued_at),
    assignedAt: row.assigned_at ? new Date(row.assigned_at) : null,
    ticketOfferedAt: row.ticket_offered_at ? new Date(row.ticket_offered_at) : null,
    ticketNumber: row.ticket_number,
    outcome: row.outcome,
    endReason: row.end_reason,
    endedAt: row.ended_at ? new Date(row.ended_at) : null,
    conversationStatus: row.status,
    channel: row.channel,
    lastSeq: row.last_seq,
    updatedAt: new Date(row.conversation_updated_at),
    position: row.position === null ? null : Number(row.position),
  };
}

/** The console's view of a record; `procedureTitle` comes from the knowledge base. */
export function toConsoleConversation(
  record: HandoffRecord,
  procedureTitle: (slug: string) => string | null,
): ConsoleConversation {
  return {
    conversationId: record.conversationId,
    status: record.conversationStatus,
    department: record.department,
    clerk: record.clerkId ? { id: record.clerkId, name: record.clerkName ?? '' } : null,
    lang: record.lang,
    channel: record.channel,
    summary: {
      question: record.question,
      reason: record.reason,
      procedureSlug: record.procedureSlug,
      procedureTitle: record.procedureSlug ? procedureTitle(record.procedureSlug) : null,
      confidence: record.confidence,
      lang: record.lang,
    },
    queuedAt:
      record.state === 'waiting' || record.state === 'with_clerk' ? record.queuedAt.toISOString() : null,
    position: record.position,
    assignedAt: record.assignedAt?.toISOString() ?? null,
    ticketOffered: record.ticketOfferedAt !== null,
    outcome: record.outcome,
    lastSeq: record.lastSeq,
    updatedAt: record.updatedAt.toISOString(),
  };
}
