import type { AuditLog } from '../audit-log.js';
import type { ClerkAccounts } from './clerk-accounts.js';
import type { ClerkSessions } from './clerk-sessions.js';
import type { Clerk } from '../../protocol/console-api.js';
import type { LoginThrottle } from './login-throttle.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password-hash.js';

export type LoginOutcome =
  | { ok: true; clerk: Clerk; token: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/** One IP may fail this many times more often than one e-mail address (an office shares one IP). */
const IP_FACTOR = 4;

/**
 * Logging in: each attempt is counted per e-mail and per IP before the password is even checked; an
 * unknown address costs the same scrypt work and gets the same answer as a wrong password, and is locked
 * the same way, so neither timing nor lockouts reveal which addresses have accounts.
 */
export class ClerkLogin {
  constructor(
    private readonly accounts: ClerkAccounts,
    private readonly sessions: ClerkSessions,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
    private readonly maxAttempts: number,
  ) {}

  async login(input: { email: string; password: string; ip: string }): Promise<LoginOutcome> {
    const email = input.email.trim().toLowerCase();
    const keys = [
      { key: `email:${email}`, maxFailures: this.maxAttempts },
      { key: `ip:${input.ip}`, maxFailures: this.maxAttempts * IP_FACTOR },
    ];
    // Counted before the password is checked, atomically: parallel guesses cannot slip past the limit.
    const decision = await this.throttle.attempt(keys);
    if (!decision.allowed) {
      return { ok: false, reason: 'locked', retryAfterSeconds: decision.retryAfterSeconds };
    }

    const credentials = await this.accounts.credentials(email);
    const matches = await verifyPassword(input.password, credentials?.passwordHash ?? (await decoyHash()));
    if (!credentials || !credentials.active || !matches) {
      await this.throttle.recordFailure(keys);
      await this.audit.record({
        actorId: null,
        action: 'login_failed',
        targetClerkId: credentials?.id ?? null,
        detail: { email },
        ip: input.ip,
      });
      return { ok: false, reason: 'invalid' };
    }

    // The address's failures are forgotten; the IP gets this attempt's place back (an office shares one).
    await this.throttle.reset(keys[0].key);
    await this.throttle.release(keys[1].key);
    if (needsRehash(credentials.passwordHash)) {
      await this.accounts.setPasswordHash(credentials.id, await hashPassword(input.password));
    }
    const session = await this.sessions.create(credentials.id, input.ip);
    await this.accounts.touch(credentials.id, true);
    await this.audit.record({ actorId: credentials.id, action: 'login', ip: input.ip });
    const clerk = (await this.accounts.get(credentials.id))!;
    return { ok: true, clerk, ...session };
  }
}
