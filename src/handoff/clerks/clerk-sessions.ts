import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../storage/database.js';
import { CLERK_COLUMNS, toClerk, type ClerkRow } from './clerk-accounts.js';
import type { Clerk } from '../../protocol/console-api.js';

export interface ClerkSession {
  clerk: Clerk;
  csrfToken: string;
  expiresAt: Date;
  /** Identifies the session without revealing the cookie (for closing its sockets on logout). */
  id: string;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(`clerk-session:${token}`).digest('hex');
}

/**
 * Console sessions: a random token in the cookie, its hash in the database, an absolute expiry
 * (SESSION_TTL_HOURS from login) and a CSRF token per session. Any instance can resolve any session.
 */
export class ClerkSessions {
  constructor(
    private readonly database: Database,
    private readonly ttlHours: number,
  ) {}

  async create(
    clerkId: string,
    ip: string | null,
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const { rows } = await this.database.query<{ expires_at: Date }>(
      `INSERT INTO clerk_sessions (token_hash, clerk_id, csrf_token, expires_at, ip)
       VALUES ($1, $2, $3, now() + $4 * interval '1 hour', $5) RETURNING expires_at`,
      [hashSessionToken(token), clerkId, csrfToken, this.ttlHours, ip],
    );
    return { token, csrfToken, expiresAt: new Date(rows[0].expires_at) };
  }

  /** The live session of `token`, or undefined (unknown, expired, or the clerk was deactivated). */
  async resolve(token: string | undefined): Promise<ClerkSession | undefined> {
    if (!token || token.length > 200) return undefined;
    const id = hashSessionToken(token);
    // One query per request: the session and its clerk together.
    const { rows } = await this.database.query<ClerkRow & { csrf_token: string; expires_at: Date }>(
      `SELECT ${CLERK_COLUMNS}, s.csrf_token, s.expires_at
       FROM clerk_sessions s JOIN clerks c ON c.id = s.clerk_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND c.active`,
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { clerk: toClerk(row), csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at), id };
  }

  /** True when the session (by its id) still exists and has not expired: sockets re-check it. */
  async stillValid(id: string): Promise<boolean> {
    const { rows } = await this.database.query(
      `SELECT 1 FROM clerk_sessions s JOIN clerks c ON c.id = s.clerk_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND c.active`,
      [id],
    );
    return rows.length > 0;
  }

  async end(token: string): Promise<void> {
    await this.database.query('DELETE FROM clerk_sessions WHERE token_hash = $1', [hashSessionToken(token)]);
  }

  async purgeExpired(): Promise<void> {
    await this.database.query('DELETE FROM clerk_sessions WHERE expires_at <= now()');
  }
}
