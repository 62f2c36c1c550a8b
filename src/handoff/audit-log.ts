import type { Database, Queryable } from '../storage/database.js';
import type { AuditEntry } from '../protocol/console-api.js';

/** What is recorded: every look at, or change to, a conversation by a clerk, and every account change. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'availability',
  'view',
  'claim',
  'auto_assign',
  'reply',
  'note',
  'transfer',
  'reassign',
  'close',
  'release',
  'ticket_close',
  'clerk_create',
  'clerk_update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditRecord {
  /** The clerk who acted; null for the system (automatic assignment) and the CLI. */
  actorId: string | null;
  action: AuditAction;
  conversationId?: string | null;
  targetClerkId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

interface AuditRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  conversation_id: string | null;
  target_clerk_id: string | null;
  detail: Record<string, unknown>;
}

/** Append-only; written in the same transaction as the action it records whenever there is one. */
export class AuditLog {
  constructor(private readonly database: Database) {}

  async record(entry: AuditRecord, tx: Queryable = this.database): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (actor_id, action, conversation_id, target_clerk_id, detail, ip)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.actorId,
        entry.action,
        entry.conversationId ?? null,
        entry.targetClerkId ?? null,
        JSON.stringify(entry.detail ?? {}),
        entry.ip ?? null,
      ],
    );
  }

  /** Newest first; `before` pages backwards by id. */
  async list(
    filter: { conversationId?: string; clerkId?: string; before?: number; limit?: number } = {},
  ): Promise<AuditEntry[]> {
    const { rows } = await this.database.query<AuditRow>(
      `SELECT a.id, a.at, a.actor_id, k.name AS actor_name, a.action, a.conversation_id, a.target_clerk_id, a.detail
       FROM audit_log a LEFT JOIN clerks k ON k.id = a.actor_id
       WHERE ($1::uuid IS NULL OR a.conversation_id = $1)
         AND ($2::uuid IS NULL OR a.actor_id = $2 OR a.target_clerk_id = $2)
         AND ($3::bigint IS NULL OR a.id < $3)
       ORDER BY a.id DESC LIMIT $4`,
      [filter.conversationId ?? null, filter.clerkId ?? null, filter.before ?? null, filter.limit ?? 100],
    );
    return rows.map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
      action: row.action,
      conversationId: row.conversation_id,
      targetClerkId: row.target_clerk_id,
      detail: row.detail ?? {},
    }));
  }
}
