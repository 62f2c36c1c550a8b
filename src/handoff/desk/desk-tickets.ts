import type { Database } from '../../storage/database.js';
import type { AuditLog } from '../audit-log.js';
import type { ClerkActor } from '../clerks/clerk.js';
import type { HandoffEffect, HandoffEffects } from '../handoff-effects.js';
import { HandoffError } from '../handoff-error.js';
import type { TicketStore } from '../ticket-store.js';
import type { Ticket } from '../../protocol/console-api.js';
import type { DeskAccess } from './desk-access.js';

/** The messages citizens left when no clerk was available, as clerks list and close them. */
export class DeskTickets {
  constructor(
    private readonly options: {
      database: Database;
      tickets: TicketStore;
      access: DeskAccess;
      audit: AuditLog;
      effects: HandoffEffects;
    },
  ) {}

  async list(
    actor: ClerkActor,
    filter: { status?: 'open' | 'closed'; department?: string },
  ): Promise<Ticket[]> {
    const { access } = this.options;
    if (filter.department && !access.canSeeDepartment(actor, filter.department)) {
      throw new HandoffError('forbidden', 'This department is not yours.');
    }
    const departments = filter.department ? [filter.department] : access.visibleDepartments(actor);
    return this.options.tickets.list({ departments, status: filter.status });
  }

  async close(actor: ClerkActor, number: string, ip?: string): Promise<Ticket> {
    const { tickets, access } = this.options;
    const ticket = await tickets.get(number);
    if (!ticket) throw new HandoffError('not_found', 'Ticket not found.');
    if (!access.canSeeDepartment(actor, ticket.department))
      throw new HandoffError('forbidden', 'This department is not yours.');
    const effects: HandoffEffect[] = [];
    await this.options.database.transaction(async (tx) => {
      if (!(await tickets.close(tx, number, actor.id))) {
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
    return (await tickets.get(number))!;
  }
}
