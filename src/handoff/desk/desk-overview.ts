import type { Department } from '../../knowledge/ingest/department-schema.js';
import type { Database } from '../../storage/database.js';
import { PRESENCE_WINDOW_SECONDS, type ClerkAccounts } from '../clerks/clerk-accounts.js';
import type { ClerkActor } from '../clerks/clerk.js';
import type { Clerk, ConsoleConversation } from '../../protocol/console-api.js';
import type { HandoffCatalog } from '../handoff-catalog.js';
import { HandoffError } from '../handoff-error.js';
import { handoffRecords } from '../handoff-records.js';
import type { HandoffService } from '../handoff-service.js';
import type { DeskAccess } from './desk-access.js';

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

/** What the console lists: departments with their queues and clerks, colleagues, and conversations. */
export class DeskOverview {
  constructor(
    private readonly options: {
      database: Database;
      catalog: HandoffCatalog;
      accounts: ClerkAccounts;
      service: HandoffService;
      access: DeskAccess;
    },
  ) {}

  /**
   * The clerk's departments (supervisors: all), or with `scope: 'all'` every department (transfer targets;
   * queue lengths and clerk counts are not confidential).
   */
  async departments(actor: ClerkActor, scope: 'mine' | 'all' = 'mine'): Promise<DepartmentOverview[]> {
    const { database, catalog, service, access } = this.options;
    const visible = scope === 'all' ? undefined : access.visibleDepartments(actor);
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
    const { access } = this.options;
    if (department !== undefined && !access.canSeeDepartment(actor, department)) {
      throw new HandoffError('forbidden', 'This department is not yours.');
    }
    const departments = department ? [department] : access.visibleDepartments(actor);
    return (await access.waiting(departments)).map((record) => access.present(record));
  }

  async list(actor: ClerkActor, scope: 'mine' | 'open' | 'closed'): Promise<ConsoleConversation[]> {
    const { database, access } = this.options;
    const departments = access.visibleDepartments(actor);
    const records =
      scope === 'closed'
        ? await handoffRecords.closed(database, { departments, clerkId: actor.id })
        : await handoffRecords.open(database, {
            departments,
            clerkId: actor.id,
            onlyAssigned: scope === 'mine',
          });
    return records.map((record) => access.present(record));
  }
}
