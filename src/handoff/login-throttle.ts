import type { Database } from '../storage/database.js';

export interface ThrottleKey {
  /** 'email:…' or 'ip:…'. */
  key: string;
  /** Failures within the window that lock the key. */
  maxFailures: number;
}

/**
 * Failed logins counted per key in the database (so the limit holds however many instances run). A key
 * that fails `maxFailures` times within `lockMinutes` is locked for `lockMinutes`.
 */
export class LoginThrottle {
  constructor(
    private readonly database: Database,
    private readonly lockMinutes: number,
  ) {}

  /** Seconds until every given key is unlocked; 0 when none is locked. */
  async retryAfter(keys: ThrottleKey[]): Promise<number> {
    const { rows } = await this.database.query<{ seconds: number }>(
      `SELECT COALESCE(max(EXTRACT(EPOCH FROM (locked_until - now()))), 0)::float8 AS seconds
       FROM login_throttle WHERE key = ANY($1::text[]) AND locked_until > now()`,
      [keys.map((key) => key.key)],
    );
    return Math.ceil(Number(rows[0]?.seconds ?? 0));
  }

  async recordFailure(keys: ThrottleKey[]): Promise<void> {
    for (const { key, maxFailures } of keys) {
      // A window older than lockMinutes starts over; reaching maxFailures inside it locks the key.
      await this.database.query(
        `INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
         VALUES ($1, 1, now(), CASE WHEN $2 <= 1 THEN now() + $3 * interval '1 minute' END)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.window_started_at < now() - $3 * interval '1 minute' THEN 1 ELSE t.failures + 1 END,
           window_started_at = CASE WHEN t.window_started_at < now() - $3 * interval '1 minute' THEN now() ELSE t.window_started_at END,
           locked_until = CASE
             WHEN (CASE WHEN t.window_started_at < now() - $3 * interval '1 minute' THEN 1 ELSE t.failures + 1 END) >= $2
             THEN now() + $3 * interval '1 minute'
             ELSE t.locked_until END`,
        [key, maxFailures, this.lockMinutes],
      );
    }
  }

  async reset(key: string): Promise<void> {
    await this.database.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }
}
