import type { Database } from '../../storage/database.js';
import { isUuid } from '../clerks/clerk-accounts.js';
import { hasRole, type ClerkActor } from '../clerks/clerk.js';
import type { ConsoleConversation } from '../../protocol/console-api.js';
import type { HandoffCatalog } from '../handoff-catalog.js';
import { HandoffError } from '../handoff-error.js';
import { handoffRecords, toConsoleConversation, type HandoffRecord } from '../handoff-records.js';

/**
 * Who may see which handed-off conversation, and the records as the console shows them: clerks see their
 * departments' queues and what is assigned to them; supervisors and admins see everything. Every desk
 * action and every console push asks here, so the rule lives in one place.
 */
export class DeskAccess {
  constructor(
    private readonly database: Database,
    private readonly catalog: HandoffCatalog,
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
    return toConsoleConversation(record, (slug) => this.catalog.procedure(slug)?.title.ro ?? null);
  }

  /** The conversation as the clerk may see it; refuses unknown ids and other departments' conversations. */
  async find(actor: ClerkActor, conversationId: string): Promise<HandoffRecord> {
    const record = isUuid(conversationId) ? await this.latest(conversationId) : undefined;
    if (!record) throw new HandoffError('not_found', 'Conversation not found.');
    if (!this.canSee(actor, record))
      throw new HandoffError('forbidden', 'This conversation is not in your departments.');
    return record;
  }

  /** The conversation's latest handoff, whoever asks (for pushes that are filtered with canSee). */
  latest(conversationId: string): Promise<HandoffRecord | undefined> {
    return handoffRecords.latest(this.database, conversationId);
  }

  /** Every handoff waiting or with a clerk, in every department. */
  allOpen(): Promise<HandoffRecord[]> {
    return handoffRecords.open(this.database, {});
  }

  /** The waiting handoffs of some departments (undefined = all), in queue order. */
  waiting(departments: string[] | undefined): Promise<HandoffRecord[]> {
    return handoffRecords.queue(this.database, departments);
  }
}
