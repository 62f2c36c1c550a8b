import type { Database, Queryable } from '../../storage/database.js';
import type { AuditLog } from '../audit-log.js';
import type { ClerkActor } from '../clerks/clerk.js';
import type { Note } from '../../protocol/console-api.js';
import type { HandoffEffect, HandoffEffects } from '../handoff-effects.js';
import type { DeskAccess } from './desk-access.js';

interface NoteRow {
  id: number;
  conversation_id: string;
  clerk_id: string | null;
  clerk_name: string | null;
  text: string;
  created_at: Date;
}

/** Clerks' internal notes on a conversation (never shown to the citizen), each one audited. */
export class HandoffNotes {
  constructor(
    private readonly options: {
      database: Database;
      access: DeskAccess;
      audit: AuditLog;
      effects: HandoffEffects;
    },
  ) {}

  async list(actor: ClerkActor, conversationId: string): Promise<Note[]> {
    await this.options.access.find(actor, conversationId);
    const { rows } = await this.options.database.query<NoteRow>(
      `SELECT n.id, n.conversation_id, n.clerk_id, k.name AS clerk_name, n.text, n.created_at
       FROM handoff_notes n LEFT JOIN clerks k ON k.id = n.clerk_id WHERE n.conversation_id = $1 ORDER BY n.id`,
      [conversationId],
    );
    return rows.map(toNote);
  }

  /** One note; `actorOrNull` null reads it for a push that is filtered by who follows the conversation. */
  async get(
    actorOrNull: ClerkActor | null,
    conversationId: string,
    noteId: number,
  ): Promise<Note | undefined> {
    const { rows } = await this.options.database.query<NoteRow>(
      `SELECT n.id, n.conversation_id, n.clerk_id, k.name AS clerk_name, n.text, n.created_at
       FROM handoff_notes n LEFT JOIN clerks k ON k.id = n.clerk_id WHERE n.id = $1 AND n.conversation_id = $2`,
      [noteId, conversationId],
    );
    if (!rows[0]) return undefined;
    if (actorOrNull) await this.options.access.find(actorOrNull, conversationId);
    return toNote(rows[0]);
  }

  async add(actor: ClerkActor, conversationId: string, text: string, ip?: string): Promise<Note> {
    await this.options.access.find(actor, conversationId);
    const effects: HandoffEffect[] = [];
    const id = await this.options.database.transaction(async (tx) => {
      const noteId = await insertNote(tx, conversationId, actor.id, text);
      await this.options.audit.record(
        { actorId: actor.id, action: 'note', conversationId, detail: { noteId }, ip },
        tx,
      );
      effects.push({ kind: 'note', conversationId, noteId });
      return noteId;
    });
    await this.options.effects.announce(effects);
    return (await this.get(null, conversationId, id))!;
  }
}

/** Inside another action's transaction (a transfer or a close with a note). */
export async function insertNote(
  tx: Queryable,
  conversationId: string,
  clerkId: string,
  text: string,
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    'INSERT INTO handoff_notes (conversation_id, clerk_id, text) VALUES ($1, $2, $3) RETURNING id',
    [conversationId, clerkId, text],
  );
  return rows[0].id;
}

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    author: row.clerk_id ? { id: row.clerk_id, name: row.clerk_name ?? '' } : null,
    text: row.text,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
