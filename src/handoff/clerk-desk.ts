import type { ConversationEvents } from '../conversations/conversation-events.js';
import type { ConversationStore } from '../conversations/conversation-store.js';
import type { Message } from '../conversations/message.js';
import type { Department } from '../knowledge/department-schema.js';
import type { Database, Queryable } from '../storage/database.js';
import type { AuditLog } from './audit-log.js';
import type { AutoAssignment } from './auto-assignment.js';
import { isUuid, PRESENCE_WINDOW_SECONDS, type ClerkAccounts } from './clerk-accounts.js';
import { hasRole, type Clerk, type ClerkActor } from './clerk.js';
import type { CloseOutcome, ConsoleConversation, Note } from './console-conversation.js';
import type { HandoffCatalog } from './handoff-catalog.js';
import type { HandoffEffect, HandoffEffects } from './handoff-effects.js';
import { HandoffError } from './handoff-error.js';
import { handoffRecords, toConsoleConversation, type HandoffRecord } from './handoff-records.js';
import { handoffTexts } from './handoff-texts.js';
import type { HandoffService } from './handoff-service.js';
import type { Ticket, TicketStore } from './ticket-store.js';

/** A clerk as colleagues see them (no e-mail address). */
export interface Colleague {
  id: string;
  name: string;
  role: Clerk['role'];
  departments: string[];
  availability: Clerk['availability'];
  /** Seen at the console in the last 2 minutes. */
  present: boolean;
  openChats: number;
}

export interface DepartmentOverview {
  id: string;
  name: Department['name'];
  general: boolean;
  chatHours: Department['chatHours'];
  openNow: boolean;
  waiting: number;
  availableClerks: number;
}

interface NoteRow {
  id: number;
  conversation_id: string;
  clerk_id: string | null;
  clerk_name: string | null;
  text: string;
  created_at: Date;
}

/** Clerks may signal typing at most this often per conversation (a typing storm would flood NOTIFY). */
const TYPING_INTERVAL_MS = 2_000;

/**
 * Everything a clerk does to handed-off conversations, each action authorized here (not only in the
 * routes): clerks act in their departments and on what is assigned to them; supervisors anywhere.
 */
export class ClerkDesk {
  private readonly lastTyping = new Map<string, number>();

  constructor(
    private readonly options: {
      database: Database;
      conversations: ConversationStore;
      events: ConversationEvents;
      catalog: HandoffCatalog;
      accounts: ClerkAccounts;
      audit: AuditLog;
      tickets: TicketStore;
      effects: HandoffEffects;
      assignment: AutoAssignment;
      service: HandoffService;
    },
  ) {}

  /** The departments whose queues the clerk sees; undefined = all (supervisors and admins). */
  visibleDepartments(actor: ClerkActor): string[] | undefined {
    return hasRole(actor.role, 'supervisor') ? undefined : actor.departments;
  }

  canSee(actor: ClerkActor, record: Pick<HandoffRecord, 'department' | 'clerkId'>): boolean {
    return (
      hasRole(actor.role, 'supervisor') ||
      actor.departments.includes(record.department) ||
      record.clerkId === actor.id
    );
  }

  canSeeDepartment(actor: ClerkActor, department: string): boolean {
    return hasRole(actor.role, 'supervisor') || actor.departments.includes(department);
  }

  present(record: HandoffRecord): ConsoleConversation {
    return toConsoleConversation(record, (slug) => this.options.catalog.procedure(slug)?.title.ro ?? null);
  }

  /**
   * The clerk's departments (supervisors: all), or with `scope: 'all'` every department (transfer targets;
   * queue lengths and clerk counts are not confidential).
   */
  async departments(actor: ClerkActor, scope: 'mine' | 'all' = 'mine'): Promise<DepartmentOverview[]> {
    const { database, catalog, service } = this.options;
    const visible = scope === 'all' ? undefined : this.visibleDepartments(actor);
    const departments = catalog
      .departments()
      .filter((department) => !visible || visible.includes(department.id));
    const { rows: waiting } = await database.query<{ department: string; count: number }>(
      `SELECT department, count(*)::int AS count FROM handoffs WHERE state = 'waiting' GROUP BY department`,
    );
    const { rows: clerks } = await database.query<{ department: string; count: number }>(
      `SELECT d.department, count(*)::int AS count FROM clerk_departments d JOIN clerks c ON c.id = d.clerk_id
       WHERE c.active AND c.availability = 'available' AND c.last_seen_at > now() - $1 * interval '1 second'
       GROUP BY d.department`,
      [PRESENCE_WINDOW_SECONDS],
    );
    const count = (rows: Array<{ department: string; count: number }>, id: string) =>
      Number(rows.find((row) => row.department === id)?.count ?? 0);
    return departments.map((department) => ({
      id: department.id,
      name: department.name,
      general: department.id === service.departmentFor(null),
      chatHours: department.chatHours,
      openNow: service.isOpen(department.id),
      waiting: count(waiting, department.id),
      availableClerks: count(clerks, department.id),
    }));
  }

  /** Present, available members of a department (for the queue header and live counts). */
  async availableClerks(department: string): Promise<number> {
    const { rows } = await this.options.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM clerk_departments d JOIN clerks c ON c.id = d.clerk_id
       WHERE d.department = $1 AND c.active AND c.availability = 'available'
         AND c.last_seen_at > now() - $2 * interval '1 second'`,
      [department, PRESENCE_WINDOW_SECONDS],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /**
   * Transfer targets: the active members of a department and every active supervisor and admin, without
   * e-mail addresses (any clerk may transfer to any department, so any clerk may list them).
   */
  async colleagues(_actor: ClerkActor, department: string): Promise<Colleague[]> {
    if (!this.options.catalog.department(department)) {
      throw new HandoffError('invalid', `Unknown department "${department}".`, 'department');
    }
    const { rows } = await this.options.database.query<{ id: string; present: boolean }>(
      `SELECT c.id, COALESCE(c.last_seen_at > now() - $2 * interval '1 second', false) AS present FROM clerks c
       WHERE c.active AND (c.role IN ('supervisor', 'admin')
         OR EXISTS (SELECT 1 FROM clerk_departments d WHERE d.clerk_id = c.id AND d.department = $1))`,
      [department, PRESENCE_WINDOW_SECONDS],
    );
    const present = new Map(rows.map((row) => [row.id, row.present]));
    const clerks = await this.options.accounts.list();
    return clerks
      .filter((clerk) => present.has(clerk.id))
      .map((clerk) => ({
        id: clerk.id,
        name: clerk.name,
        role: clerk.role,
        departments: clerk.departments,
        availability: clerk.availability,
        present: present.get(clerk.id) ?? false,
        openChats: clerk.openChats,
      }));
  }

  async queue(actor: ClerkActor, department?: string): Promise<ConsoleConversation[]> {
    if (department !== undefined && !this.canSeeDepartment(actor, department)) {
      throw new HandoffError('forbidden', 'This department is not yours.');
    }
    const departments = department ? [department] : this.visibleDepartments(actor);
    return (await handoffRecords.queue(this.options.database, departments)).map((record) =>
      this.present(record),
    );
  }

  async list(actor: ClerkActor, scope: 'mine' | 'open' | 'closed'): Promise<ConsoleConversation[]> {
    const { database } = this.options;
    const departments = this.visibleDepartments(actor);
    const records =
      scope === 'closed'
        ? await handoffRecords.closed(database, { departments, clerkId: actor.id })
        : await handoffRecords.open(database, {
            departments,
            clerkId: actor.id,
            onlyAssigned: scope === 'mine',
          });
    return records.map((record) => this.present(record));
  }

  /** The conversation as the clerk may see it; refuses unknown ids and other departments' conversations. */
  async find(actor: ClerkActor, conversationId: string): Promise<HandoffRecord> {
    const record = isUuid(conversationId)
      ? await handoffRecords.latest(this.options.database, conversationId)
      : undefined;
    if (!record) throw new HandoffError('not_found', 'Conversation not found.');
    if (!this.canSee(actor, record))
      throw new HandoffError('forbidden', 'This conversation is not in your departments.');
    return record;
  }

  async conversation(actor: ClerkActor, conversationId: string): Promise<ConsoleConversation> {
    return this.present(await this.find(actor, conversationId));
  }

  /** Full transcript and notes; audited as a view. */
  async open(
    actor: ClerkActor,
    conversationId: string,
    ip?: string,
  ): Promise<{ conversation: ConsoleConversation; messages: Message[]; notes: Note[] }> {
    const record = await this.find(actor, conversationId);
    const messages = await this.messagesAfter(actor, conversationId, 0, Number.MAX_SAFE_INTEGER);
    const notes = await this.notes(actor, conversationId);
    await this.options.audit.record({ actorId: actor.id, action: 'view', conversationId, ip });
    return { conversation: this.present(record), messages, notes };
  }

  async messagesAfter(
    actor: ClerkActor,
    conversationId: string,
    afterSeq: number,
    limit = 500,
  ): Promise<Message[]> {
    await this.find(actor, conversationId);
    const messages: Message[] = [];
    let after = afterSeq;
    while (messages.length < limit) {
      const page = await this.options.conversations.messagesAfter(
        conversationId,
        after,
        Math.min(500, limit - messages.length),
      );
      messages.push(...page);
      if (page.length < 500) break;
      after = page[page.length - 1].seq;
    }
    return messages;
  }

  async claim(actor: ClerkActor, conversationId: string, ip?: string): Promise<ConsoleConversation> {
    const record = await this.find(actor, conversationId);
    if (record.state !== 'waiting')
      throw new HandoffError('conflict', 'This conversation is no longer waiting.');
    const outcome = await this.options.assignment.assign(record.id, conversationId, actor.id, actor.id, ip);
    if (outcome !== 'assigned')
      throw new HandoffError('conflict', 'Another clerk has already taken this conversation.');
    return this.conversation(actor, conversationId);
  }

  /** Only the assigned clerk replies; the reply is a `clerk` message signed with their display name. */
  async reply(
    actor: ClerkActor,
    conversationId: string,
    input: { text: string; clientMsgId?: string },
    ip?: string,
  ): Promise<{ message: Message; duplicate: boolean }> {
    const record = await this.find(actor, conversationId);
    if (record.state !== 'with_clerk')
      throw new HandoffError('conflict', 'This conversation is not with a clerk.');
    if (record.clerkId !== actor.id)
      throw new HandoffError('forbidden', 'Only the assigned clerk can reply.');
    const { messages, duplicateOf } = await this.options.conversations.append(conversationId, [
      {
        from: 'clerk',
        text: input.text,
        lang: record.lang,
        authorName: actor.name,
        authorId: actor.id,
        // Namespaced so a clerk's id can never collide with the citizen's ids in the same conversation.
        clientMsgId: input.clientMsgId ? `clerk:${actor.id}:${input.clientMsgId}` : null,
      },
    ]);
    if (duplicateOf) return { message: duplicateOf, duplicate: true };
    await this.options.audit.record({
      actorId: actor.id,
      action: 'reply',
      conversationId,
      detail: { seq: messages[0].seq },
      ip,
    });
    return { message: messages[0], duplicate: false };
  }

  async typing(actor: ClerkActor, conversationId: string): Promise<void> {
    const record = await this.find(actor, conversationId);
    if (record.state !== 'with_clerk' || record.clerkId !== actor.id) {
      throw new HandoffError('forbidden', 'Only the assigned clerk can type here.');
    }
    const key = `${actor.id}:${conversationId}`;
    const last = this.lastTyping.get(key) ?? 0;
    if (Date.now() - last < TYPING_INTERVAL_MS) return;
    this.lastTyping.set(key, Date.now());
    if (this.lastTyping.size > 10_000) this.lastTyping.clear();
    await this.options.events.publish({ kind: 'typing', conversationId, from: 'clerk', name: actor.name });
  }

  async notes(actor: ClerkActor, conversationId: string): Promise<Note[]> {
    await this.find(actor, conversationId);
    const { rows } = await this.options.database.query<NoteRow>(
      `SELECT n.id, n.conversation_id, n.clerk_id, k.name AS clerk_name, n.text, n.created_at
       FROM handoff_notes n LEFT JOIN clerks k ON k.id = n.clerk_id WHERE n.conversation_id = $1 ORDER BY n.id`,
      [conversationId],
    );
    return rows.map(toNote);
  }

  async note(
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
    if (actorOrNull) await this.find(actorOrNull, conversationId);
    return toNote(rows[0]);
  }

  async addNote(actor: ClerkActor, conversationId: string, text: string, ip?: string): Promise<Note> {
    await this.find(actor, conversationId);
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
    return (await this.note(null, conversationId, id))!;
  }

  /**
   * Transfer to another department (back into its queue) and/or to a clerk (assigned directly). The
   * assigned clerk or a supervisor may transfer a chat in progress; any clerk who sees a waiting one may
   * forward it. `action` distinguishes a supervisor's reassignment in the audit log.
   */
  async transfer(
    actor: ClerkActor,
    conversationId: string,
    target: { toDepartment?: string; toClerkId?: string; note?: string },
    ip?: string,
    action: 'transfer' | 'reassign' = 'transfer',
  ): Promise<ConsoleConversation> {
    const { database, conversations, catalog, accounts } = this.options;
    if (!target.toDepartment && !target.toClerkId) {
      throw new HandoffError('invalid', 'Choose a department or a clerk to transfer to.', 'toDepartment');
    }
    const record = await this.find(actor, conversationId);
    if (record.state !== 'waiting' && record.state !== 'with_clerk') {
      throw new HandoffError('conflict', 'This conversation is not waiting or with a clerk.');
    }
    const supervisor = hasRole(actor.role, 'supervisor');
    if (action === 'reassign' && !supervisor)
      throw new HandoffError('forbidden', 'Only supervisors can reassign.');
    if (record.state === 'with_clerk' && record.clerkId !== actor.id && !supervisor) {
      throw new HandoffError(
        'forbidden',
        'Only the assigned clerk or a supervisor can transfer this conversation.',
      );
    }
    const department = target.toDepartment ?? record.department;
    const departmentInfo = catalog.department(department);
    if (!departmentInfo)
      throw new HandoffError('invalid', `Unknown department "${department}".`, 'toDepartment');
    const toClerk = target.toClerkId ? await accounts.get(target.toClerkId) : undefined;
    if (target.toClerkId) {
      if (!toClerk?.active) throw new HandoffError('invalid', 'Unknown or inactive clerk.', 'toClerkId');
      if (!toClerk.departments.includes(department) && !hasRole(toClerk.role, 'supervisor')) {
        throw new HandoffError('invalid', `${toClerk.name} is not a member of ${department}.`, 'toClerkId');
      }
    }

    const effects: HandoffEffect[] = [];
    await database.transaction(async (tx) => {
      if (toClerk) await tx.query('SELECT id FROM clerks WHERE id = $1 FOR UPDATE', [toClerk.id]);
      const status = await handoffRecords.lockConversation(tx, conversationId);
      const current = await handoffRecords.lockCurrent(tx, conversationId);
      if (
        !current ||
        current.id !== record.id ||
        current.state !== record.state ||
        current.clerkId !== record.clerkId
      ) {
        throw new HandoffError('conflict', 'The conversation changed meanwhile; reload it.');
      }
      if (toClerk) {
        if (status === 'waiting')
          await conversations.transition(conversationId, ['waiting'], 'with_clerk', tx);
        if (department !== current.department) await handoffRecords.setDepartment(tx, current.id, department);
        await handoffRecords.assign(tx, current.id, toClerk.id);
        effects.push({
          kind: 'system',
          conversationId,
          lang: current.lang,
          text: handoffTexts.clerkJoined(current.lang, toClerk.name),
        });
      } else {
        if (status === 'with_clerk')
          await conversations.transition(conversationId, ['with_clerk'], 'waiting', tx);
        await handoffRecords.requeue(tx, current.id, department);
        if (department !== current.department || current.state === 'with_clerk') {
          effects.push({
            kind: 'system',
            conversationId,
            lang: current.lang,
            text: handoffTexts.transferredToDepartment(current.lang, departmentInfo.name[current.lang]),
          });
        }
      }
      if (target.note?.trim()) {
        const noteId = await insertNote(tx, conversationId, actor.id, target.note.trim());
        effects.push({ kind: 'note', conversationId, noteId });
      }
      await this.options.audit.record(
        {
          actorId: actor.id,
          action,
          conversationId,
          targetClerkId: toClerk?.id ?? null,
          detail: {
            fromDepartment: current.department,
            toDepartment: department,
            fromClerkId: current.clerkId,
            toClerkId: toClerk?.id ?? null,
          },
          ip,
        },
        tx,
      );
      effects.unshift({ kind: 'status', conversationId });
      effects.push({ kind: 'queue', department: current.department }, { kind: 'queue', department });
      if (current.clerkId) effects.push({ kind: 'clerk', clerkId: current.clerkId });
      if (toClerk) effects.push({ kind: 'clerk', clerkId: toClerk.id });
    });
    await this.options.effects.announce(effects);
    if (!toClerk) await this.options.assignment.assignDepartment(department);
    if (record.clerkId && record.clerkId !== toClerk?.id) await this.freedCapacity(record.clerkId);
    return this.present((await handoffRecords.latest(database, conversationId))!);
  }

  async reassign(
    actor: ClerkActor,
    conversationId: string,
    toClerkId: string,
    ip?: string,
  ): Promise<ConsoleConversation> {
    if (!hasRole(actor.role, 'supervisor'))
      throw new HandoffError('forbidden', 'Only supervisors can reassign.');
    return this.transfer(actor, conversationId, { toClerkId }, ip, 'reassign');
  }

  async close(
    actor: ClerkActor,
    conversationId: string,
    input: { outcome: CloseOutcome; note?: string },
    ip?: string,
  ): Promise<ConsoleConversation> {
    return this.end(actor, conversationId, 'close', ip, input);
  }

  /** Gives the conversation back to the bot. */
  async release(actor: ClerkActor, conversationId: string, ip?: string): Promise<ConsoleConversation> {
    return this.end(actor, conversationId, 'release', ip);
  }

  private async end(
    actor: ClerkActor,
    conversationId: string,
    action: 'close' | 'release',
    ip?: string,
    input?: { outcome: CloseOutcome; note?: string },
  ): Promise<ConsoleConversation> {
    const { database, conversations } = this.options;
    const record = await this.find(actor, conversationId);
    if (record.state !== 'waiting' && record.state !== 'with_clerk') {
      throw new HandoffError('conflict', 'This conversation is not waiting or with a clerk.');
    }
    if (record.state === 'with_clerk' && record.clerkId !== actor.id && !hasRole(actor.role, 'supervisor')) {
      throw new HandoffError('forbidden', 'Only the assigned clerk or a supervisor can do this.');
    }
    const to = action === 'close' ? 'closed' : 'bot';
    const effects: HandoffEffect[] = [];
    await database.transaction(async (tx) => {
      if (
        !(await conversations.transition(conversationId, [record.state as 'waiting' | 'with_clerk'], to, tx))
      ) {
        throw new HandoffError('conflict', 'The conversation changed meanwhile; reload it.');
      }
      const current = await handoffRecords.lockCurrent(tx, conversationId);
      if (!current || current.id !== record.id)
        throw new HandoffError('conflict', 'The conversation changed meanwhile; reload it.');
      await handoffRecords.end(tx, current.id, action === 'close' ? 'closed' : 'released', {
        outcome: input?.outcome,
        clerkId: actor.id,
      });
      if (input?.note?.trim()) {
        const noteId = await insertNote(tx, conversationId, actor.id, input.note.trim());
        effects.push({ kind: 'note', conversationId, noteId });
      }
      await this.options.audit.record(
        { actorId: actor.id, action, conversationId, detail: input ? { outcome: input.outcome } : {}, ip },
        tx,
      );
      effects.unshift({ kind: 'status', conversationId });
      effects.push(
        { kind: 'queue', department: current.department },
        {
          kind: 'system',
          conversationId,
          lang: current.lang,
          text: action === 'close' ? handoffTexts.closed(current.lang) : handoffTexts.backToBot(current.lang),
        },
      );
      if (current.clerkId) effects.push({ kind: 'clerk', clerkId: current.clerkId });
    });
    await this.options.effects.announce(effects);
    if (record.clerkId) await this.freedCapacity(record.clerkId);
    return this.present((await handoffRecords.latest(database, conversationId))!);
  }

  /** A clerk freed a slot: give them (or a colleague) the next waiting conversation of their departments. */
  async freedCapacity(clerkId: string): Promise<void> {
    const clerk = await this.options.accounts.get(clerkId);
    for (const department of clerk?.departments ?? [])
      await this.options.assignment.assignDepartment(department);
  }

  async tickets(
    actor: ClerkActor,
    filter: { status?: 'open' | 'closed'; department?: string },
  ): Promise<Ticket[]> {
    if (filter.department && !this.canSeeDepartment(actor, filter.department)) {
      throw new HandoffError('forbidden', 'This department is not yours.');
    }
    const departments = filter.department ? [filter.department] : this.visibleDepartments(actor);
    return this.options.tickets.list({ departments, status: filter.status });
  }

  async closeTicket(actor: ClerkActor, number: string, ip?: string): Promise<Ticket> {
    const ticket = await this.options.tickets.get(number);
    if (!ticket) throw new HandoffError('not_found', 'Ticket not found.');
    if (!this.canSeeDepartment(actor, ticket.department))
      throw new HandoffError('forbidden', 'This department is not yours.');
    const effects: HandoffEffect[] = [];
    await this.options.database.transaction(async (tx) => {
      if (!(await this.options.tickets.close(tx, number, actor.id))) {
        throw new HandoffError('conflict', 'This ticket is already closed.');
      }
      await this.options.audit.record(
        {
          actorId: actor.id,
          action: 'ticket_close',
          conversationId: ticket.conversationId,
          detail: { number },
          ip,
        },
        tx,
      );
      effects.push({ kind: 'ticket', number, department: ticket.department });
    });
    await this.options.effects.announce(effects);
    return (await this.options.tickets.get(number))!;
  }

  /** Becoming available pulls waiting conversations of the clerk's departments. */
  async setAvailability(actor: ClerkActor, availability: 'available' | 'away') {
    const clerk = await this.options.accounts.setAvailability(actor, availability);
    // The queues' "available clerks" counts change with it.
    await this.options.effects.announce([
      { kind: 'clerk', clerkId: actor.id },
      ...clerk.departments.map((department) => ({ kind: 'queue' as const, department })),
    ]);
    if (availability === 'available') await this.freedCapacity(actor.id);
    return (await this.options.accounts.get(actor.id)) ?? clerk;
  }
}

async function insertNote(
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
