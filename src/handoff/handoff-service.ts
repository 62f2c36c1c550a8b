import { z } from 'zod';
import type { ConversationStore } from '../conversations/conversation-store.js';
import { GENERAL_DEPARTMENT_ID } from '../knowledge/ingest/department-schema.js';
import type { Database } from '../storage/database.js';
import type { AutoAssignment } from './auto-assignment.js';
import type { HandoffCatalog } from './handoff-catalog.js';
import type { HandoffEffect, HandoffEffects } from './handoff-effects.js';
import {
  LeaveMessageError,
  type HandoffPort,
  type HandoffRequest,
  type LeaveMessageInput,
  type LeaveMessageResult,
} from './handoff-port.js';
import { NO_HANDOFF, type HandoffView } from '../protocol/handoff-view.js';
import { handoffRecords } from './handoff-records.js';
import { handoffTexts } from './handoff-texts.js';
import { localTime, type OfficeHours } from './office-hours.js';
import type { TicketStore } from './ticket-store.js';
import { estimateWaitMinutes } from './wait-estimate.js';

const PHONE = /^\+?[\d\s().-]{6,25}$/;
const LeaveMessageSchema = z.object({
  name: z.string().trim().min(1, { message: 'is required' }).max(120, { message: 'is too long' }),
  contact: z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(254, { message: 'is too long' })
    .refine(
      (value) =>
        z.email().safeParse(value).success ||
        (PHONE.test(value) &&
          (value.match(/\d/g)?.length ?? 0) >= 6 &&
          (value.match(/\d/g)?.length ?? 0) <= 20),
      { message: 'must be an e-mail address or a phone number' },
    ),
  question: z.string().trim().min(1, { message: 'is required' }).max(2000, { message: 'is too long' }),
});

export interface HandoffServiceOptions {
  database: Database;
  conversations: ConversationStore;
  catalog: HandoffCatalog;
  officeHours: OfficeHours;
  tickets: TicketStore;
  effects: HandoffEffects;
  assignment: AutoAssignment;
  timeZone: string;
  noClerkTimeoutSeconds: number;
  /** The time used for office hours and ticket years (tests fix it). */
  now?: () => Date;
}

/**
 * The citizen's side of the handoff (HandoffPort): queue, cancel, view, leave a message; plus the
 * periodic sweep every instance runs (ticket offers after the timeout or at closing time, assignment).
 */
export class HandoffService implements HandoffPort {
  private readonly now: () => Date;

  constructor(private readonly options: HandoffServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The department of the procedure in focus, or the general queue. */
  departmentFor(procedureSlug: string | null): string {
    const { catalog } = this.options;
    const department = procedureSlug ? catalog.procedure(procedureSlug)?.department : undefined;
    return department && catalog.department(department) ? department : GENERAL_DEPARTMENT_ID;
  }

  isOpen(department: string): boolean {
    return this.options.officeHours.isOpen(this.options.catalog.department(department), this.now());
  }

  async request(request: HandoffRequest): Promise<HandoffView> {
    const { database, conversations, effects: announcer } = this.options;
    const conversation = await conversations.get(request.conversationId);
    if (!conversation) throw new Error(`Unknown conversation ${request.conversationId}`);
    const department = this.departmentFor(request.procedureSlug);
    const open = this.isOpen(department);
    const effects: HandoffEffect[] = [];
    const fields = {
      conversationId: conversation.id,
      department,
      reason: request.reason,
      question: request.question.slice(0, 2000),
      procedureSlug: request.procedureSlug,
      confidence: request.confidence,
      lang: request.lang,
    };
    const outcome = await database.transaction(async (tx) => {
      const status = await handoffRecords.lockConversation(tx, conversation.id);
      const current = await handoffRecords.lockCurrent(tx, conversation.id);
      if (current && (current.state === 'waiting' || current.state === 'with_clerk')) return 'already';
      if (current) await handoffRecords.end(tx, current.id, 'superseded');
      if (!open) {
        await handoffRecords.insert(tx, { ...fields, state: 'offline', ticketOffered: true });
        const next = this.options.officeHours.nextOpening(
          this.options.catalog.department(department),
          this.now(),
        );
        effects.push(
          { kind: 'status', conversationId: conversation.id },
          {
            kind: 'system',
            conversationId: conversation.id,
            lang: request.lang,
            text: handoffTexts.outsideHours(request.lang, next),
          },
        );
        return 'offline';
      }
      if (status === 'closed') await conversations.transition(conversation.id, ['closed'], 'bot', tx);
      if (
        status !== 'waiting' &&
        !(await conversations.transition(conversation.id, ['bot', 'with_clerk'], 'waiting', tx))
      ) {
        throw new Error(`Conversation ${conversation.id} cannot be queued from status ${status}`);
      }
      await handoffRecords.insert(tx, { ...fields, state: 'waiting' });
      effects.push({ kind: 'status', conversationId: conversation.id }, { kind: 'queue', department });
      return 'queued';
    });
    await announcer.announce(effects);
    if (outcome === 'queued') await this.options.assignment.assignDepartment(department);
    return this.view(conversation.id);
  }

  async cancel(conversationId: string): Promise<boolean> {
    const { database, conversations } = this.options;
    const effects: HandoffEffect[] = [];
    const cancelled = await database.transaction(async (tx) => {
      await handoffRecords.lockConversation(tx, conversationId);
      const current = await handoffRecords.lockCurrent(tx, conversationId);
      if (!current) return false;
      if (current.state === 'waiting' || current.state === 'with_clerk') {
        if (!(await conversations.transition(conversationId, [current.state], 'bot', tx))) return false;
        effects.push(
          { kind: 'queue', department: current.department },
          { kind: 'system', conversationId, lang: current.lang, text: handoffTexts.backToBot(current.lang) },
        );
        if (current.clerkId) effects.push({ kind: 'clerk', clerkId: current.clerkId });
      }
      await handoffRecords.end(tx, current.id, 'cancelled');
      effects.unshift({ kind: 'status', conversationId });
      return true;
    });
    await this.options.effects.announce(effects);
    if (cancelled) {
      const clerkEffect = effects.find((effect) => effect.kind === 'clerk');
      if (clerkEffect) {
        const latest = await handoffRecords.latest(database, conversationId);
        if (latest) await this.options.assignment.assignDepartment(latest.department);
      }
    }
    return cancelled;
  }

  async view(conversationId: string): Promise<HandoffView> {
    const { database } = this.options;
    const record = await handoffRecords.latest(database, conversationId).catch(() => undefined);
    if (!record) return NO_HANDOFF;
    const base = { ...NO_HANDOFF, department: record.department };
    switch (record.state) {
      case 'waiting': {
        const position = record.position ?? 1;
        const waits = await handoffRecords.recentWaits(database, record.department);
        return {
          ...base,
          status: 'waiting',
          position,
          estimatedWaitMinutes: estimateWaitMinutes(position, waits),
          ticketOffered: record.ticketOfferedAt !== null,
        };
      }
      case 'with_clerk':
        return { ...base, status: 'with_clerk', clerkName: record.clerkName };
      case 'offline':
        return { ...base, status: 'offline', ticketOffered: true };
      case 'ended':
        if (record.endReason === 'closed' && record.conversationStatus === 'closed') {
          return { ...base, status: 'closed', clerkName: record.clerkName };
        }
        return { ...base, ticketNumber: record.ticketNumber };
    }
  }

  async leaveMessage(conversationId: string, input: LeaveMessageInput): Promise<LeaveMessageResult> {
    const parsed = LeaveMessageSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue.path[0]) as keyof LeaveMessageInput;
      throw new LeaveMessageError(field, `${field} ${issue.message}`);
    }
    const { database, conversations, tickets } = this.options;
    const conversation = await conversations.get(conversationId);
    if (!conversation) throw new LeaveMessageError('conversationId', 'Unknown conversation.');
    const year = Number(localTime(this.now(), this.options.timeZone).date.slice(0, 4));
    const effects: HandoffEffect[] = [];
    const ticket = await database.transaction(async (tx) => {
      await handoffRecords.lockConversation(tx, conversationId);
      const current = await handoffRecords.lockCurrent(tx, conversationId);
      if (current?.state === 'with_clerk') {
        throw new LeaveMessageError('conversationId', 'A clerk is answering this conversation.');
      }
      const department = current?.department ?? GENERAL_DEPARTMENT_ID;
      const lang = current?.lang ?? conversation.lang;
      const created = await tickets.create(tx, { conversationId, department, lang, ...parsed.data }, year);
      if (current) {
        if (current.state === 'waiting') {
          await conversations.transition(conversationId, ['waiting'], 'bot', tx);
          effects.push({ kind: 'queue', department });
        }
        await handoffRecords.end(tx, current.id, 'ticket', { ticketNumber: created.number });
      } else {
        await handoffRecords.insert(tx, {
          conversationId,
          state: 'ended',
          department,
          reason: 'citizen_request',
          question: parsed.data.question,
          procedureSlug: null,
          confidence: null,
          lang,
          ticketNumber: created.number,
          endReason: 'ticket',
        });
      }
      effects.unshift({ kind: 'status', conversationId });
      effects.push(
        { kind: 'system', conversationId, lang, text: handoffTexts.ticketRegistered(lang, created.number) },
        { kind: 'ticket', number: created.number, department },
      );
      return created;
    });
    await this.options.effects.announce(effects);
    return { ticketNumber: ticket.number, view: await this.view(conversationId) };
  }

  /**
   * Run every few seconds by every instance: offers a ticket to citizens who waited longer than the
   * timeout or whose department has just closed (each row is claimed by one UPDATE, so one instance
   * announces it), then assigns what the present clerks can take.
   */
  async sweep(): Promise<void> {
    const { database, catalog, assignment } = this.options;
    const { rows: departments } = await database.query<{ department: string }>(
      `SELECT DISTINCT department FROM handoffs WHERE state = 'waiting'`,
    );
    const closed = departments.map((row) => row.department).filter((department) => !this.isOpen(department));
    const offered = await database.query<{
      conversation_id: string;
      lang: 'ro' | 'en' | 'hu';
      department: string;
      timed_out: boolean;
    }>(
      `UPDATE handoffs SET ticket_offered_at = now()
       WHERE state = 'waiting' AND ticket_offered_at IS NULL
         AND (queued_at < now() - $1 * interval '1 second' OR department = ANY($2::text[]))
       RETURNING conversation_id, lang, department, NOT (department = ANY($2::text[])) AS timed_out`,
      [this.options.noClerkTimeoutSeconds, closed],
    );
    const effects: HandoffEffect[] = [];
    for (const row of offered.rows) {
      const text = row.timed_out
        ? handoffTexts.noClerkInTime(row.lang)
        : handoffTexts.outsideHours(
            row.lang,
            this.options.officeHours.nextOpening(catalog.department(row.department), this.now()),
          );
      effects.push(
        { kind: 'status', conversationId: row.conversation_id },
        { kind: 'system', conversationId: row.conversation_id, lang: row.lang, text },
        { kind: 'queue', department: row.department },
      );
    }
    await this.options.effects.announce(effects);
    for (const { department } of departments) {
      if (!closed.includes(department)) await assignment.assignDepartment(department);
    }
  }
}
