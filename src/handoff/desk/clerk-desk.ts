import type { ConversationEvents } from '../../conversations/conversation-events.js';
import type { ConversationStore } from '../../conversations/conversation-store.js';
import type { Message } from '../../protocol/message.js';
import type { Database } from '../../storage/database.js';
import type { AuditLog } from '../audit-log.js';
import type { AutoAssignment } from '../auto-assignment.js';
import type { ClerkAccounts } from '../clerks/clerk-accounts.js';
import { hasRole, type ClerkActor } from '../clerks/clerk.js';
import type { CloseOutcome, ConsoleConversation, Note } from '../../protocol/console-api.js';
import type { HandoffCatalog } from '../handoff-catalog.js';
import type { HandoffEffect, HandoffEffects } from '../handoff-effects.js';
import { HandoffError } from '../handoff-error.js';
import { handoffRecords } from '../handoff-records.js';
import { handoffTexts } from '../handoff-texts.js';
import type { DeskAccess } from './desk-access.js';
import { insertNote, type HandoffNotes } from './handoff-notes.js';
import { structuredReplyText } from '../procedure-summary.js';
import type { StructuredReply } from '../../protocol/console-api.js';

/** Clerks may signal typing at most this often per conversation (a typing storm would flood NOTIFY). */
const TYPING_INTERVAL_MS = 2_000;

/**
 * What a clerk does to a handed-off conversation — open, claim, reply, transfer, close, give back — each
 * action authorized here (not only in the routes) through DeskAccess: clerks act in their departments and
 * on what is assigned to them; supervisors anywhere. Lists are in DeskOverview, notes in HandoffNotes,
 * tickets in DeskTickets.
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
      effects: HandoffEffects;
      assignment: AutoAssignment;
      access: DeskAccess;
      notes: HandoffNotes;
    },
  ) {}

  async conversation(actor: ClerkActor, conversationId: string): Promise<ConsoleConversation> {
    return this.options.access.present(await this.options.access.find(actor, conversationId));
  }

  /** Full transcript and notes; audited as a view. */
  async open(
    actor: ClerkActor,
    conversationId: string,
    ip?: string,
  ): Promise<{ conversation: ConsoleConversation; messages: Message[]; notes: Note[] }> {
    const record = await this.options.access.find(actor, conversationId);
    const messages = await this.messagesAfter(actor, conversationId, 0, Number.MAX_SAFE_INTEGER);
    const notes = await this.options.notes.list(actor, conversationId);
    await this.options.audit.record({ actorId: actor.id, action: 'view', conversationId, ip });
    return { conversation: this.options.access.present(record), messages, notes };
  }

  async messagesAfter(
    actor: ClerkActor,
    conversationId: string,
    afterSeq: number,
    limit = 500,
  ): Promise<Message[]> {
    await this.options.access.find(actor, conversationId);
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
    const record = await this.options.access.find(actor, conversationId);
    if (record.state !== 'waiting')
      throw new HandoffError('conflict', 'This conversation is no longer waiting.');
    const outcome = await this.options.assignment.assign(record.id, conversationId, actor.id, actor.id, ip);
    if (outcome !== 'assigned')
      throw new HandoffError('conflict', 'Another clerk has already taken this conversation.');
    return this.conversation(actor, conversationId);
  }

  /**
   * Only the assigned clerk replies; the reply is a `clerk` message signed with their display name. With
   * `answer` (an inserted procedure summary) it has the shape of a bot answer: the sections as the clerk
   * left them, the procedure's sources from the knowledge base, and the plain text written from both.
   */
  async reply(
    actor: ClerkActor,
    conversationId: string,
    input: { text: string; clientMsgId?: string; answer?: StructuredReply },
    ip?: string,
  ): Promise<{ message: Message; duplicate: boolean }> {
    const record = await this.options.access.find(actor, conversationId);
    if (record.state !== 'with_clerk')
      throw new HandoffError('conflict', 'This conversation is not with a clerk.');
    if (record.clerkId !== actor.id)
      throw new HandoffError('forbidden', 'Only the assigned clerk can reply.');
    const procedure = input.answer ? this.options.catalog.procedure(input.answer.procedure) : undefined;
    if (input.answer && !procedure)
      throw new HandoffError('invalid', 'is not a known procedure', 'answer.procedure');
    const structured =
      input.answer && procedure
        ? {
            text: structuredReplyText(
              procedure,
              { text: input.text, sections: input.answer.sections },
              record.lang,
            ),
            procedure: procedure.slug,
            sections: input.answer.sections,
            sources: procedure.sources.map((source) => ({ title: source.title, url: source.url })),
          }
        : { text: input.text };
    const { messages, duplicateOf } = await this.options.conversations.append(conversationId, [
      {
        from: 'clerk',
        ...structured,
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
    const record = await this.options.access.find(actor, conversationId);
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
    const record = await this.options.access.find(actor, conversationId);
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
    return this.options.access.present((await this.options.access.latest(conversationId))!);
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
    const record = await this.options.access.find(actor, conversationId);
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
    return this.options.access.present((await this.options.access.latest(conversationId))!);
  }

  /** A clerk freed a slot: give them (or a colleague) the next waiting conversation of their departments. */
  async freedCapacity(clerkId: string): Promise<void> {
    const clerk = await this.options.accounts.get(clerkId);
    for (const department of clerk?.departments ?? [])
      await this.options.assignment.assignDepartment(department);
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
