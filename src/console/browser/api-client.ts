import type * as z from 'zod/mini';
import {
  AuditListSchema,
  ClerkListSchema,
  ClerkResponseSchema,
  ColleagueListSchema,
  ConversationDetailSchema,
  ConversationListSchema,
  ConversationResponseSchema,
  DepartmentsResponseSchema,
  ErrorBodySchema,
  MessageResponseSchema,
  MessagesResponseSchema,
  NoteResponseSchema,
  ProcedureListSchema,
  ProcedureSummarySchema,
  SessionResponseSchema,
  TicketListSchema,
  TicketResponseSchema,
  type Availability,
  type CloseOutcome,
  type Role,
  type StructuredReply,
} from '../../protocol/console-api.js';
import type { Lang } from '../../protocol/lang.js';

const BASE = '/api/v1/console';

/** A refused request, in the service's one error shape (code, message, and Retry-After for 429). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    readonly fields: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The REST half of docs/console-api.md. The session cookie travels by itself (same origin); the CSRF
 * token from login/session goes in `X-CSRF-Token` on every state-changing request. A 401 anywhere
 * means the session ended, which `onUnauthorized` turns into the login screen.
 */
export class ConsoleApi {
  private csrfToken: string | null = null;

  constructor(private readonly onUnauthorized: () => void) {}

  async login(email: string, password: string) {
    const session = await this.call('POST', '/login', SessionResponseSchema, { email, password }, false);
    this.csrfToken = session.csrfToken;
    return session.clerk;
  }

  /** The current session, or null when not logged in (checked at page load). */
  async session() {
    try {
      const session = await this.call('GET', '/session', SessionResponseSchema, undefined, false);
      this.csrfToken = session.csrfToken;
      return session.clerk;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async logout(): Promise<void> {
    await this.call('POST', '/logout', null, {}, false).catch((error: unknown) => {
      // Already logged out elsewhere: the goal is reached.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    });
    this.csrfToken = null;
  }

  setAvailability(availability: Availability) {
    return this.call('PUT', '/me/availability', ClerkResponseSchema, { availability });
  }

  /** The clerk's departments (supervisors: all); `all`: every department, as transfer targets. */
  departments(scope: 'mine' | 'all' = 'mine') {
    return this.call(
      'GET',
      scope === 'all' ? '/departments?scope=all' : '/departments',
      DepartmentsResponseSchema,
    );
  }

  /** Transfer targets in a department: its active members and the supervisors. */
  colleagues(department: string) {
    return this.call('GET', `/colleagues?department=${enc(department)}`, ColleagueListSchema);
  }

  conversations(scope: 'mine' | 'open' | 'closed') {
    return this.call('GET', `/conversations?scope=${scope}`, ConversationListSchema);
  }

  conversation(id: string) {
    return this.call('GET', `/conversations/${enc(id)}`, ConversationDetailSchema);
  }

  messagesAfter(id: string, afterSeq: number) {
    return this.call(
      'GET',
      `/conversations/${enc(id)}/messages?afterSeq=${afterSeq}`,
      MessagesResponseSchema,
    );
  }

  claim(id: string) {
    return this.call('POST', `/conversations/${enc(id)}/claim`, ConversationResponseSchema, {});
  }

  /** A reply; with `answer`, an inserted procedure summary sent as sections (the citizen sees an answer). */
  reply(id: string, text: string, clientMsgId: string, answer?: StructuredReply) {
    return this.call('POST', `/conversations/${enc(id)}/messages`, MessageResponseSchema, {
      text,
      clientMsgId,
      ...(answer ? { answer } : {}),
    });
  }

  addNote(id: string, text: string) {
    return this.call('POST', `/conversations/${enc(id)}/notes`, NoteResponseSchema, { text });
  }

  transfer(id: string, target: { toDepartment?: string; toClerkId?: string; note?: string }) {
    return this.call('POST', `/conversations/${enc(id)}/transfer`, ConversationResponseSchema, target);
  }

  reassign(id: string, toClerkId: string) {
    return this.call('POST', `/conversations/${enc(id)}/reassign`, ConversationResponseSchema, { toClerkId });
  }

  close(id: string, outcome: CloseOutcome, note?: string) {
    return this.call('POST', `/conversations/${enc(id)}/close`, ConversationResponseSchema, {
      outcome,
      note,
    });
  }

  release(id: string) {
    return this.call('POST', `/conversations/${enc(id)}/release`, ConversationResponseSchema, {});
  }

  procedures(query: string) {
    return this.call('GET', `/procedures?q=${enc(query)}`, ProcedureListSchema);
  }

  /** With the citizen's `question`, the summary is trimmed to the facets it asks about. */
  procedureSummary(slug: string, lang: Lang, question?: string) {
    const asked = question ? `&question=${enc(question.slice(0, 2000))}` : '';
    return this.call('GET', `/procedures/${enc(slug)}/summary?lang=${lang}${asked}`, ProcedureSummarySchema);
  }

  tickets(status: 'open' | 'closed', department?: string) {
    const filter = department ? `&department=${enc(department)}` : '';
    return this.call('GET', `/tickets?status=${status}${filter}`, TicketListSchema);
  }

  closeTicket(number: string) {
    return this.call('POST', `/tickets/${enc(number)}/close`, TicketResponseSchema, {});
  }

  clerks() {
    return this.call('GET', '/clerks', ClerkListSchema);
  }

  createClerk(clerk: { email: string; name: string; role: Role; departments: string[]; password: string }) {
    return this.call('POST', '/clerks', ClerkResponseSchema, clerk);
  }

  updateClerk(
    id: string,
    changes: Partial<{ name: string; role: Role; departments: string[]; password: string; active: boolean }>,
  ) {
    return this.call('PATCH', `/clerks/${enc(id)}`, ClerkResponseSchema, changes);
  }

  audit(filter: { conversationId?: string; clerkId?: string; before?: number; limit?: number }) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    return this.call('GET', `/audit?${params.toString()}`, AuditListSchema);
  }

  private async call<T>(
    method: Method,
    path: string,
    schema: z.ZodMiniType<T> | null,
    body?: unknown,
    reportUnauthorized = true,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(`${BASE}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'network', 'The service cannot be reached.');
    }
    if (!response.ok) {
      const error = await toApiError(response);
      if (error.status === 401 && reportUnauthorized) this.onUnauthorized();
      throw error;
    }
    if (schema === null || response.status === 204) return undefined as T;
    return schema.parse(await response.json());
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const parsed = ErrorBodySchema.safeParse(await response.json().catch(() => null));
  const code = parsed.success ? parsed.data.error.code : `http_${response.status}`;
  const message = parsed.success ? parsed.data.error.message : response.statusText;
  return new ApiError(
    response.status,
    code,
    message,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    parsed.success ? (parsed.data.error.fields ?? []) : [],
  );
}

function enc(value: string): string {
  return encodeURIComponent(value);
}
