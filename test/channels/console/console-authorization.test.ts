import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '../../../src/protocol/console-api.js';
import { BACKENDS } from '../../support/test-databases.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { addAndLogin, addClerk, asClerk, handedOff, type ClerkLogin } from './console-helpers.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
interface RouteCase {
  method: Method;
  /** OpenAPI path, e.g. /api/v1/console/conversations/{id}/claim */
  path: string;
  /** The least role allowed. */
  role: Role;
  /** Scoped to the conversation's (or ticket's) department. */
  departmentScoped?: boolean;
  body?: Record<string, unknown>;
}

/**
 * Every console route. The last test checks this list against the OpenAPI description, so a new route
 * without authorization tests fails the suite.
 */
const ROUTES: RouteCase[] = [
  { method: 'GET', path: '/api/v1/console/session', role: 'clerk' },
  { method: 'POST', path: '/api/v1/console/logout', role: 'clerk' },
  { method: 'PUT', path: '/api/v1/console/me/availability', role: 'clerk', body: { availability: 'away' } },
  { method: 'GET', path: '/api/v1/console/departments', role: 'clerk' },
  { method: 'GET', path: '/api/v1/console/colleagues', role: 'clerk' },
  { method: 'GET', path: '/api/v1/console/queue', role: 'clerk' },
  { method: 'GET', path: '/api/v1/console/procedures', role: 'clerk' },
  { method: 'GET', path: '/api/v1/console/procedures/{slug}/summary', role: 'clerk' },
  { method: 'GET', path: '/api/v1/console/tickets', role: 'clerk' },
  { method: 'POST', path: '/api/v1/console/tickets/{number}/close', role: 'clerk', departmentScoped: true },
  { method: 'GET', path: '/api/v1/console/conversations', role: 'clerk' },
  { method: 'GET', path: '/api/v1/console/conversations/{id}', role: 'clerk', departmentScoped: true },
  {
    method: 'GET',
    path: '/api/v1/console/conversations/{id}/messages',
    role: 'clerk',
    departmentScoped: true,
  },
  { method: 'POST', path: '/api/v1/console/conversations/{id}/claim', role: 'clerk', departmentScoped: true },
  {
    method: 'POST',
    path: '/api/v1/console/conversations/{id}/messages',
    role: 'clerk',
    departmentScoped: true,
    body: { text: 'Bună ziua' },
  },
  {
    method: 'POST',
    path: '/api/v1/console/conversations/{id}/typing',
    role: 'clerk',
    departmentScoped: true,
  },
  {
    method: 'POST',
    path: '/api/v1/console/conversations/{id}/notes',
    role: 'clerk',
    departmentScoped: true,
    body: { text: 'notă' },
  },
  {
    method: 'POST',
    path: '/api/v1/console/conversations/{id}/transfer',
    role: 'clerk',
    departmentScoped: true,
    body: { toDepartment: 'taxe' },
  },
  {
    method: 'POST',
    path: '/api/v1/console/conversations/{id}/close',
    role: 'clerk',
    departmentScoped: true,
    body: { outcome: 'spam' },
  },
  {
    method: 'POST',
    path: '/api/v1/console/conversations/{id}/release',
    role: 'clerk',
    departmentScoped: true,
  },
  {
    method: 'POST',
    path: '/api/v1/console/conversations/{id}/reassign',
    role: 'supervisor',
    body: { toClerkId: '00000000-0000-4000-8000-000000000000' },
  },
  { method: 'GET', path: '/api/v1/console/clerks', role: 'supervisor' },
  { method: 'GET', path: '/api/v1/console/audit', role: 'supervisor' },
  {
    method: 'POST',
    path: '/api/v1/console/clerks',
    role: 'admin',
    body: {
      email: 'nou@primariaclujnapoca.ro',
      name: 'Nou',
      role: 'clerk',
      departments: ['taxe'],
      password: 'o-parola-destul-de-lunga',
    },
  },
  { method: 'PATCH', path: '/api/v1/console/clerks/{id}', role: 'admin', body: { name: 'Alt nume' } },
];

const LOGIN_PATH = '/api/v1/console/login';

describe.each(BACKENDS)('clerk console authorization (%s)', (backend) => {
  let testApp: TestApp;
  /** A clerk of urbanism, whose conversation and ticket the others try to reach. */
  let owner: ClerkLogin;
  let outsider: ClerkLogin;
  let conversationId: string;
  let ticketNumber: string;
  let citizenToken: string;
  let someClerkId: string;

  const url = (route: RouteCase) =>
    route.path
      .replace('{id}', route.path.includes('/clerks/') ? someClerkId : conversationId)
      .replace('{slug}', 'certificat-urbanism')
      .replace('{number}', ticketNumber);

  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
    const { app } = testApp;
    owner = await addAndLogin(app, { departments: ['urbanism'] });
    outsider = await addAndLogin(app, { departments: ['taxe'] });
    ({ conversationId, token: citizenToken } = await handedOff(app));
    const ticketConversation = await handedOff(app);
    ({ ticketNumber } = await app.handoff.leaveMessage(ticketConversation.conversationId, {
      name: 'Ion Popescu',
      contact: 'ion@example.org',
      question: 'Când primesc certificatul?',
    }));
    someClerkId = (await addClerk(app, { departments: ['taxe'] })).id;
  });
  afterAll(async () => testApp?.close());

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'refuses %s without a session, and with a citizen token instead (401)',
    async (_name, route) => {
      const { app } = testApp;
      const plain = await app.inject({
        method: route.method,
        url: url(route),
        payload: route.method === 'GET' ? undefined : (route.body ?? {}),
      });
      expect(plain.statusCode).toBe(401);
      const citizen = await app.inject({
        method: route.method,
        url: url(route),
        headers: { authorization: `Bearer ${citizenToken}`, cookie: `antonia_console=${citizenToken}` },
        payload: route.method === 'GET' ? undefined : (route.body ?? {}),
      });
      expect(citizen.statusCode).toBe(401);
    },
  );

  it.each(
    ROUTES.filter((route) => route.method !== 'GET').map(
      (route) => [`${route.method} ${route.path}`, route] as const,
    ),
  )('refuses %s without the CSRF token (403 csrf_failed)', async (_name, route) => {
    const { app } = testApp;
    const admin = await addAndLogin(app, { role: 'admin', departments: [] });
    const response = await asClerk(app, admin, route.method, url(route), route.body ?? {}, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
  });

  it.each(
    ROUTES.filter((route) => route.departmentScoped).map(
      (route) => [`${route.method} ${route.path}`, route] as const,
    ),
  )('refuses %s to a clerk of another department (403)', async (_name, route) => {
    const response = await asClerk(testApp.app, outsider, route.method as Method, url(route), route.body);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it.each(
    ROUTES.filter((route) => route.role !== 'clerk').map(
      (route) => [`${route.method} ${route.path}`, route] as const,
    ),
  )('refuses %s to a role below the one it needs (403)', async (_name, route) => {
    const { app } = testApp;
    const below: Role[] = route.role === 'admin' ? ['clerk', 'supervisor'] : ['clerk'];
    for (const role of below) {
      const session = await addAndLogin(app, { role, departments: ['urbanism'] });
      const response = await asClerk(app, session, route.method, url(route), route.body);
      expect(response.statusCode).toBe(403);
    }
  });

  it('lets the roles that may call a route in (admin manages accounts, supervisor reads the audit log)', async () => {
    const { app } = testApp;
    const admin = await addAndLogin(app, { role: 'admin', departments: [] });
    const created = await asClerk(app, admin, 'POST', '/api/v1/console/clerks', {
      email: 'maria@primariaclujnapoca.ro',
      name: 'Maria',
      role: 'clerk',
      departments: ['stare-civila'],
      password: 'o-parola-destul-de-lunga',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().clerk.id as string;
    const changed = await asClerk(app, admin, 'PATCH', `/api/v1/console/clerks/${id}`, {
      departments: ['stare-civila', 'evidenta-persoanelor'],
      role: 'supervisor',
    });
    expect(changed.json().clerk).toMatchObject({
      role: 'supervisor',
      departments: ['evidenta-persoanelor', 'stare-civila'],
    });
    expect(
      (
        await asClerk(app, admin, 'PATCH', `/api/v1/console/clerks/${id}`, {
          departments: ['no-such-department'],
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await asClerk(app, admin, 'PATCH', `/api/v1/console/clerks/${admin.clerkId}`, { active: false }))
        .statusCode,
    ).toBe(403);
    const duplicate = await asClerk(app, admin, 'POST', '/api/v1/console/clerks', {
      email: 'MARIA@primariaclujnapoca.ro',
      name: 'Maria 2',
      role: 'clerk',
      departments: [],
      password: 'o-parola-destul-de-lunga',
    });
    expect(duplicate.statusCode).toBe(409);

    const supervisor = await addAndLogin(app, { role: 'supervisor', departments: [] });
    const audit = await asClerk(app, supervisor, 'GET', `/api/v1/console/audit?clerkId=${id}`);
    expect(audit.json().items.map((entry: { action: string }) => entry.action)).toEqual([
      'clerk_update',
      'clerk_create',
    ]);
    expect(JSON.stringify(audit.json())).not.toContain('o-parola-destul-de-lunga');
  });

  it('keeps queues and tickets of other departments from a clerk; supervisors see all', async () => {
    const { app } = testApp;
    expect(
      (await asClerk(app, outsider, 'GET', '/api/v1/console/queue?department=urbanism')).statusCode,
    ).toBe(403);
    expect(
      (await asClerk(app, outsider, 'GET', '/api/v1/console/tickets?department=urbanism')).statusCode,
    ).toBe(403);
    const own = await asClerk(app, outsider, 'GET', '/api/v1/console/queue');
    expect(own.json().items.every((item: { department: string }) => item.department === 'taxe')).toBe(true);
    const departments = await asClerk(app, outsider, 'GET', '/api/v1/console/departments');
    expect(departments.json().departments.map((department: { id: string }) => department.id)).toEqual([
      'taxe',
    ]);
    const supervisor = await addAndLogin(app, { role: 'supervisor', departments: [] });
    const all = await asClerk(app, supervisor, 'GET', '/api/v1/console/queue');
    expect(all.json().items.map((item: { conversationId: string }) => item.conversationId)).toContain(
      conversationId,
    );
    const tickets = await asClerk(app, owner, 'GET', '/api/v1/console/tickets');
    expect(tickets.json().items.map((ticket: { number: string }) => ticket.number)).toContain(ticketNumber);
  });

  it('covers every console route of the OpenAPI description', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/docs/json' });
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/v1/console/') && path !== LOGIN_PATH)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(documented).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });
});
