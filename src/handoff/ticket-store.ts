import type { Lang } from '../language.js';
import type { Database, Queryable } from '../storage/database.js';
import type { Ticket } from '../protocol/console-api.js';

interface TicketRow {
  number: string;
  conversation_id: string | null;
  department: string;
  name: string;
  contact: string;
  question: string;
  lang: Lang;
  status: 'open' | 'closed';
  created_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  closed_by_name: string | null;
}

const TICKET_SELECT = `SELECT t.*, k.name AS closed_by_name FROM tickets t LEFT JOIN clerks k ON k.id = t.closed_by`;

/** `ANT-2026-000123`: the year the ticket was registered and its number within that year. */
export function formatTicketNumber(year: number, sequence: number): string {
  return `ANT-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Messages citizens leave when nobody can answer live, numbered per year without gaps. */
export class TicketStore {
  constructor(private readonly database: Database) {}

  async create(
    tx: Queryable,
    ticket: {
      conversationId: string | null;
      department: string;
      name: string;
      contact: string;
      question: string;
      lang: Lang;
    },
    year: number,
  ): Promise<Ticket> {
    // The counter row is locked by the upsert until the transaction ends: two tickets never share a number.
    const { rows: counter } = await tx.query<{ last_number: number }>(
      `INSERT INTO ticket_counters (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = ticket_counters.last_number + 1 RETURNING last_number`,
      [year],
    );
    const number = formatTicketNumber(year, counter[0].last_number);
    const { rows } = await tx.query<TicketRow>(
      `INSERT INTO tickets (number, conversation_id, department, name, contact, question, lang)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *, NULL::text AS closed_by_name`,
      [
        number,
        ticket.conversationId,
        ticket.department,
        ticket.name,
        ticket.contact,
        ticket.question,
        ticket.lang,
      ],
    );
    return toTicket(rows[0]);
  }

  async get(number: string): Promise<Ticket | undefined> {
    const { rows } = await this.database.query<TicketRow>(`${TICKET_SELECT} WHERE t.number = $1`, [number]);
    return rows[0] ? toTicket(rows[0]) : undefined;
  }

  /** Newest first; `departments` undefined = all. */
  async list(filter: {
    departments?: string[];
    status?: 'open' | 'closed';
    limit?: number;
  }): Promise<Ticket[]> {
    const { rows } = await this.database.query<TicketRow>(
      `${TICKET_SELECT}
       WHERE ($1::text[] IS NULL OR t.department = ANY($1::text[])) AND ($2::text IS NULL OR t.status = $2)
       ORDER BY t.id DESC LIMIT $3`,
      [filter.departments ?? null, filter.status ?? null, filter.limit ?? 200],
    );
    return rows.map(toTicket);
  }

  async close(tx: Queryable, number: string, clerkId: string): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE tickets SET status = 'closed', closed_at = now(), closed_by = $2 WHERE number = $1 AND status = 'open'`,
      [number, clerkId],
    );
    return rowCount > 0;
  }
}

function toTicket(row: TicketRow): Ticket {
  return {
    number: row.number,
    conversationId: row.conversation_id,
    department: row.department,
    name: row.name,
    contact: row.contact,
    question: row.question,
    lang: row.lang,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    closedBy: row.closed_by ? { id: row.closed_by, name: row.closed_by_name ?? '' } : null,
  };
}
