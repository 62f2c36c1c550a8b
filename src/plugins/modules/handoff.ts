import fp from 'fastify-plugin';
import type { KnowledgeCatalog } from '../../knowledge/retrieval-contract.js';
import { AuditLog } from '../../handoff/audit-log.js';
import { AutoAssignment } from '../../handoff/auto-assignment.js';
import { ClerkAccounts } from '../../handoff/clerks/clerk-accounts.js';
import { ClerkDesk } from '../../handoff/desk/clerk-desk.js';
import { DeskAccess } from '../../handoff/desk/desk-access.js';
import { DeskOverview } from '../../handoff/desk/desk-overview.js';
import { DeskTickets } from '../../handoff/desk/desk-tickets.js';
import { HandoffNotes } from '../../handoff/desk/handoff-notes.js';
import { ClerkLogin } from '../../handoff/clerks/clerk-login.js';
import { ClerkSessions } from '../../handoff/clerks/clerk-sessions.js';
import { HandoffEffects } from '../../handoff/handoff-effects.js';
import { HandoffService } from '../../handoff/handoff-service.js';
import { LoginThrottle } from '../../handoff/clerks/login-throttle.js';
import { OfficeHours } from '../../handoff/office-hours.js';
import { TicketStore } from '../../handoff/ticket-store.js';

/** The clerk side of handoff, for the console channel. */
export interface ClerkConsoleServices {
  accounts: ClerkAccounts;
  sessions: ClerkSessions;
  login: ClerkLogin;
  /** Who may see which conversation; every console push is filtered through it. */
  access: DeskAccess;
  overview: DeskOverview;
  desk: ClerkDesk;
  notes: HandoffNotes;
  deskTickets: DeskTickets;
  audit: AuditLog;
  tickets: TicketStore;
  catalog: KnowledgeCatalog;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** HandoffPort for the dialogue and the citizen channels (see src/handoff/handoff-port.ts). */
    handoff: HandoffService;
    clerkConsole: ClerkConsoleServices;
  }
}

/** How often each instance offers tickets to citizens waiting too long and retries assignment. */
const SWEEP_INTERVAL_MS = 5_000;
const SESSION_PURGE_INTERVAL_MS = 60 * 60 * 1000;

export default fp(
  async (app) => {
    const { config, db: database, conversations, conversationEvents: events } = app;
    // Departments (queues, hours) and procedures (routing, summaries) come from the knowledge plugin.
    const catalog = app.knowledge;
    const audit = new AuditLog(database);
    const accounts = new ClerkAccounts(database, audit, (id) => catalog.department(id) !== undefined);
    const sessions = new ClerkSessions(database, config.SESSION_TTL_HOURS);
    const login = new ClerkLogin(
      accounts,
      sessions,
      new LoginThrottle(database, config.LOGIN_LOCK_MINUTES),
      audit,
      config.LOGIN_MAX_ATTEMPTS,
    );
    const tickets = new TicketStore(database);
    const effects = new HandoffEffects(conversations, events);
    const assignment = new AutoAssignment(
      database,
      conversations,
      effects,
      audit,
      config.HANDOFF_MAX_CHATS_PER_CLERK,
    );
    const service = new HandoffService({
      database,
      conversations,
      catalog,
      officeHours: new OfficeHours(config.HANDOFF_OFFICE_HOURS, config.TIMEZONE),
      tickets,
      effects,
      assignment,
      timeZone: config.TIMEZONE,
      noClerkTimeoutSeconds: config.HANDOFF_NO_CLERK_TIMEOUT_S,
    });
    const access = new DeskAccess(database, catalog);
    const overview = new DeskOverview({ database, catalog, accounts, service, access });
    const notes = new HandoffNotes({ database, access, audit, effects });
    const deskTickets = new DeskTickets({ database, tickets, access, audit, effects });
    const desk = new ClerkDesk({
      database,
      conversations,
      events,
      catalog,
      accounts,
      audit,
      effects,
      assignment,
      access,
      notes,
    });
    app.decorate('handoff', service);
    app.decorate('clerkConsole', {
      accounts,
      sessions,
      login,
      access,
      overview,
      desk,
      notes,
      deskTickets,
      audit,
      tickets,
      catalog,
    });

    let sweeping: Promise<void> | undefined;
    const sweep = setInterval(() => {
      sweeping ??= service
        .sweep()
        .catch((error: unknown) => app.log.warn({ err: error }, 'handoff sweep failed'))
        .finally(() => (sweeping = undefined));
    }, SWEEP_INTERVAL_MS);
    sweep.unref();
    const purge = setInterval(() => {
      sessions.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'session purge failed'));
    }, SESSION_PURGE_INTERVAL_MS);
    purge.unref();
    // Runs before the conversations and database plugins close (hooks run in reverse registration order).
    app.addHook('onClose', async () => {
      clearInterval(sweep);
      clearInterval(purge);
      await sweeping;
    });
  },
  { name: 'handoff', dependencies: ['config', 'database', 'conversations', 'knowledge'] },
);
