import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../storage/database.js';
import type { AuditLog } from '../audit-log.js';
import type { ClerkActor } from './clerk.js';
import type { Availability, Clerk, Role } from '../../protocol/console-api.js';
import { HandoffError } from '../handoff-error.js';
import { hashPassword } from './password-hash.js';

export interface NewClerk {
  email: string;
  name: string;
  role: Role;
  departments: string[];
  password: string;
}

export interface ClerkPatch {
  name?: string;
  role?: Role;
  departments?: string[];
  password?: string;
  active?: boolean;
}

export interface ClerkRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  availability: Availability;
  active: boolean;
  departments: string[] | null;
  open_chats: number;
}

/** The columns of a Clerk, for any query that has `clerks c` in its FROM clause. */
export const CLERK_COLUMNS = `c.id, c.email, c.name, c.role, c.availability, c.active,
    (SELECT array_agg(d.department ORDER BY d.department) FROM clerk_departments d WHERE d.clerk_id = c.id) AS departments,
    (SELECT count(*) FROM handoffs h WHERE h.clerk_id = c.id AND h.state = 'with_clerk')::int AS open_chats`;
const CLERK_SELECT = `SELECT ${CLERK_COLUMNS} FROM clerks c`;

/** A clerk counts as present (for automatic assignment) this long after their last socket ping or API call. */
export const PRESENCE_WINDOW_SECONDS = 120;
/** Presence is written at most this often per clerk and instance: a busy console must not write on every call. */
const PRESENCE_WRITE_INTERVAL_MS = 30_000;

/** Clerk accounts: creation and changes (audited), availability, presence. */
export class ClerkAccounts {
  private readonly presenceWritten = new Map<string, number>();

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly departmentExists: (id: string) => boolean,
  ) {}

  async get(id: string, tx: Queryable = this.database): Promise<Clerk | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await tx.query<ClerkRow>(`${CLERK_SELECT} WHERE c.id = $1`, [id]);
    return rows[0] ? toClerk(rows[0]) : undefined;
  }

  async list(): Promise<Clerk[]> {
    const { rows } = await this.database.query<ClerkRow>(`${CLERK_SELECT} ORDER BY c.name, c.email`);
    return rows.map(toClerk);
  }

  /** For login only: the stored hash never leaves this module otherwise. */
  async credentials(
    email: string,
  ): Promise<{ id: string; passwordHash: string; active: boolean } | undefined> {
    const { rows } = await this.database.query<{ id: string; password_hash: string; active: boolean }>(
      'SELECT id, password_hash, active FROM clerks WHERE email = $1',
      [email.trim().toLowerCase()],
    );
    return rows[0]
      ? { id: rows[0].id, passwordHash: rows[0].password_hash, active: rows[0].active }
      : undefined;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.database.query('UPDATE clerks SET password_hash = $2, updated_at = now() WHERE id = $1', [
      id,
      passwordHash,
    ]);
  }

  /** `actor` null: created by the CLI (recorded as such in the audit log). */
  async create(input: NewClerk, actor: ClerkActor | null, ip?: string): Promise<Clerk> {
    this.checkDepartments(input.departments);
    const passwordHash = await hashPassword(input.password);
    const id = randomUUID();
    const email = input.email.trim().toLowerCase();
    await this.database.transaction(async (tx) => {
      const existing = await tx.query('SELECT 1 FROM clerks WHERE email = $1', [email]);
      if (existing.rows.length > 0)
        throw new HandoffError('conflict', 'An account with this e-mail already exists.', 'email');
      await tx.query(
        'INSERT INTO clerks (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)',
        [id, email, input.name.trim(), input.role, passwordHash],
      );
      await replaceDepartments(tx, id, input.departments);
      await this.audit.record(
        {
          actorId: actor?.id ?? null,
          action: 'clerk_create',
          targetClerkId: id,
          detail: { email, role: input.role, departments: input.departments, via: actor ? 'console' : 'cli' },
          ip,
        },
        tx,
      );
    });
    return (await this.get(id))!;
  }

  /**
   * An admin changes an account. Deactivating it or changing its password ends its sessions; an admin may
   * not demote or deactivate themself (so there is always someone left to undo a mistake).
   */
  async update(id: string, patch: ClerkPatch, actor: ClerkActor | null, ip?: string): Promise<Clerk> {
    const before = await this.get(id);
    if (!before) throw new HandoffError('not_found', 'Clerk not found.');
    if (actor?.id === id && ((patch.role && patch.role !== before.role) || patch.active === false)) {
      throw new HandoffError('forbidden', 'You cannot change your own role or deactivate yourself.');
    }
    if (patch.departments) this.checkDepartments(patch.departments);
    const passwordHash = patch.password ? await hashPassword(patch.password) : null;
    await this.database.transaction(async (tx) => {
      await tx.query(
        `UPDATE clerks SET name = COALESCE($2, name), role = COALESCE($3, role), active = COALESCE($4, active),
           password_hash = COALESCE($5, password_hash),
           availability = CASE WHEN $4 = false THEN 'away' ELSE availability END, updated_at = now()
         WHERE id = $1`,
        [id, patch.name?.trim() ?? null, patch.role ?? null, patch.active ?? null, passwordHash],
      );
      if (patch.departments) await replaceDepartments(tx, id, patch.departments);
      if (patch.active === false || passwordHash) {
        await tx.query('DELETE FROM clerk_sessions WHERE clerk_id = $1', [id]);
      }
      const { password: _password, ...shown } = patch;
      await this.audit.record(
        {
          actorId: actor?.id ?? null,
          action: 'clerk_update',
          targetClerkId: id,
          detail: { ...shown, ...(passwordHash ? { passwordChanged: true } : {}) },
          ip,
        },
        tx,
      );
    });
    return (await this.get(id))!;
  }

  async setAvailability(actor: ClerkActor, availability: Availability): Promise<Clerk> {
    await this.database.transaction(async (tx) => {
      await tx.query(
        'UPDATE clerks SET availability = $2, last_seen_at = now(), updated_at = now() WHERE id = $1',
        [actor.id, availability],
      );
      await this.audit.record({ actorId: actor.id, action: 'availability', detail: { availability } }, tx);
    });
    this.presenceWritten.set(actor.id, Date.now());
    return (await this.get(actor.id))!;
  }

  /** The clerk is at the console (socket ping or API call); written at most every 30 s per instance. */
  async touch(clerkId: string, force = false): Promise<void> {
    const last = this.presenceWritten.get(clerkId) ?? 0;
    if (!force && Date.now() - last < PRESENCE_WRITE_INTERVAL_MS) return;
    this.presenceWritten.set(clerkId, Date.now());
    await this.database.query('UPDATE clerks SET last_seen_at = now() WHERE id = $1', [clerkId]);
  }

  private checkDepartments(departments: string[]): void {
    for (const department of departments) {
      if (!this.departmentExists(department)) {
        throw new HandoffError('invalid', `Unknown department "${department}".`, 'departments');
      }
    }
  }
}

async function replaceDepartments(tx: Queryable, clerkId: string, departments: string[]): Promise<void> {
  await tx.query('DELETE FROM clerk_departments WHERE clerk_id = $1', [clerkId]);
  await tx.query(
    'INSERT INTO clerk_departments (clerk_id, department) SELECT $1, d FROM unnest($2::text[]) AS d ON CONFLICT DO NOTHING',
    [clerkId, [...new Set(departments)]],
  );
}

export function toClerk(row: ClerkRow): Clerk {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    departments: row.departments ?? [],
    availability: row.availability,
    active: row.active,
    openChats: Number(row.open_chats),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
