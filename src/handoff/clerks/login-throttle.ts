import type { Database } from '../../storage/database.js';

export interface ThrottleKey {
  /** 'email:…' or 'ip:…'. */
  key: string;
  /** Failures within the window that lock the key. */
  maxFailures: number;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Login attempts counted per key in the database (so the limit holds however many instances run). Every
 * attempt takes one of a key's `maxFailures` places *before* its password is checked, in one atomic
 * upsert per key: parallel requests cannot all read "not locked yet" and then all be evaluated, so at
 * most `maxFailures` passwords are ever checked per window. A wrong password keeps its place; the right
 * one gives it back. A key that uses up its places within `lockMinutes` is locked for `lockMinutes`.
 * (The column `failures` therefore counts failed attempts plus those still being checked.)
 */
export class LoginThrottle {
  constructor(
    private readonly database: Database,
    private readonly lockMinutes: number,
  ) {}

  /**
   * Counts one attempt on each key in turn, in a fixed order (no two requests wait on each other's rows
   * in opposite orders). Refused when a key is locked or has no place left (a key found over its limit is
   * locked from here on); a refused attempt gives back the places it took on the keys before, so it
   * costs nothing but the lock.
   */
  async attempt(keys: ThrottleKey[]): Promise<AttemptDecision> {
    const counted: string[] = [];
    for (const { key, maxFailures } of keys) {
      const retryAfterSeconds = await this.count(key, maxFailures);
      if (retryAfterSeconds > 0) {
        for (const earlier of counted) await this.release(earlier);
        return { allowed: false, retryAfterSeconds };
      }
      counted.push(key);
    }
    return { allowed: true };
  }

  /** Takes one place on `key` in one statement; the seconds the key stays locked (0: the place is ours). */
  private async count(key: string, maxFailures: number): Promise<number> {
    // Locked: nothing changes. A window older than lockMinutes, or a lock that has ended, starts over.
    const locked = 't.locked_until > now()';
    const startsOver = `(t.window_started_at < now() - $3 * interval '1 minute' OR t.locked_until <= now())`;
    const { rows } = await this.database.query<{ seconds: number }>(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, now(), NULL)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN ${locked} THEN t.failures WHEN ${startsOver} THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE
           WHEN ${locked} THEN t.window_started_at WHEN ${startsOver} THEN now() ELSE t.window_started_at END,
         locked_until = CASE
           WHEN ${locked} THEN t.locked_until
           WHEN ${startsOver} THEN NULL
           WHEN t.failures + 1 > $2 THEN now() + $3 * interval '1 minute'
           ELSE NULL END
       RETURNING COALESCE(EXTRACT(EPOCH FROM (locked_until - now())), 0)::float8 AS seconds`,
      [key, maxFailures, this.lockMinutes],
    );
    return Math.max(0, Math.ceil(Number(rows[0]?.seconds ?? 0)));
  }

  /** The attempt failed: a key whose places are used up is locked now. */
  async recordFailure(keys: ThrottleKey[]): Promise<void> {
    for (const { key, maxFailures } of keys) {
      await this.database.query(
        `UPDATE login_throttle SET locked_until = now() + $3 * interval '1 minute'
         WHERE key = $1 AND failures >= $2 AND (locked_until IS NULL OR locked_until <= now())`,
        [key, maxFailures, this.lockMinutes],
      );
    }
  }

  /** The attempt succeeded: the key's failures are forgotten. */
  async reset(key: string): Promise<void> {
    await this.database.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }

  /** The attempt succeeded: its place is given back, the key's earlier failures still count. */
  async release(key: string): Promise<void> {
    await this.database.query(
      'UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1 AND (locked_until IS NULL OR locked_until <= now())',
      [key],
    );
  }
}
