import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../src/protocol/console-api.js';
import type { HandoffRequest } from '../../../src/handoff/handoff-port.js';

export const PASSWORD = 'corect-cal-baterie-capsa';

export interface ClerkLogin {
  clerkId: string;
  cookie: string;
  csrfToken: string;
}

let counter = 0;

/** Creates an account the way the CLI and admins do (through ClerkAccounts). */
export async function addClerk(
  app: FastifyInstance,
  options: { role?: Role; departments?: string[]; name?: string; email?: string } = {},
): Promise<{ id: string; email: string; name: string }> {
  counter += 1;
  const email = options.email ?? `clerk${counter}-${Date.now()}@primariaclujnapoca.ro`;
  const clerk = await app.clerkConsole.accounts.create(
    {
      email,
      name: options.name ?? `Funcționar ${counter}`,
      role: options.role ?? 'clerk',
      departments: options.departments ?? ['urbanism'],
      password: PASSWORD,
    },
    null,
  );
  return { id: clerk.id, email, name: clerk.name };
}

/** The `name=value` pair of the session cookie set by a response. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const found = all.find((value) => value.startsWith('antonia_console='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return found.split(';')[0];
}

export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<ClerkLogin> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/console/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const body = response.json() as { clerk: { id: string }; csrfToken: string };
  return { clerkId: body.clerk.id, cookie: sessionCookie(response), csrfToken: body.csrfToken };
}

export async function addAndLogin(
  app: FastifyInstance,
  options: Parameters<typeof addClerk>[1] = {},
): Promise<ClerkLogin & { name: string; email: string }> {
  const clerk = await addClerk(app, options);
  return { ...(await login(app, clerk.email)), name: clerk.name, email: clerk.email };
}

/** A request as the console makes it: session cookie, and the CSRF header on state-changing methods. */
export function asClerk(
  app: FastifyInstance,
  session: ClerkLogin,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: InjectOptions['payload'],
  options: { csrf?: boolean } = {},
) {
  const headers: Record<string, string> = { cookie: session.cookie };
  if (method !== 'GET' && options.csrf !== false) headers['x-csrf-token'] = session.csrfToken;
  return app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? (method === 'GET' ? {} : { payload: {} }) : { payload }),
  });
}

/** A citizen conversation handed off to people (as the dialogue does it). */
export async function handedOff(
  app: FastifyInstance,
  request: Partial<Omit<HandoffRequest, 'conversationId'>> = {},
): Promise<{ conversationId: string; token: string }> {
  const { conversation, token } = await app.conversations.create({ lang: request.lang ?? 'ro' });
  await app.conversations.append(conversation.id, [
    {
      from: 'citizen',
      text: request.question ?? 'Vreau să vorbesc cu cineva despre certificatul de urbanism',
      lang: request.lang ?? 'ro',
    },
  ]);
  await app.handoff.request({
    conversationId: conversation.id,
    reason: request.reason ?? 'citizen_request',
    question: request.question ?? 'Vreau să vorbesc cu cineva despre certificatul de urbanism',
    procedureSlug: request.procedureSlug === undefined ? 'certificat-urbanism' : request.procedureSlug,
    confidence: request.confidence ?? 0.42,
    lang: request.lang ?? 'ro',
  });
  return { conversationId: conversation.id, token };
}
