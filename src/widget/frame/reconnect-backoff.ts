/**
 * When to try again after a socket closed (docs/protocol.md, "Close codes"): 0.5 s, 1 s, 2 s … up to
 * 30 s with ±30 % jitter, so that a restart does not bring every citizen back in the same second; the
 * sequence starts over once a connection stayed up for a minute.
 */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
export const STABLE_CONNECTION_MS = 60_000;
export const JITTER = 0.3;
/** Too many connections from this address (4008): come back no sooner than this. */
export const TOO_MANY_CONNECTIONS_MS = 30_000;

export type CloseVerdict =
  { retry: false; reason: 'version' | 'origin' } | { retry: true; minimumMs: number };

/** What a close code means for the widget. */
export function closeVerdict(code: number): CloseVerdict {
  if (code === 4000) return { retry: false, reason: 'version' };
  if (code === 4003) return { retry: false, reason: 'origin' };
  if (code === 4008) return { retry: true, minimumMs: TOO_MANY_CONNECTIONS_MS };
  return { retry: true, minimumMs: 0 };
}

export class ReconnectBackoff {
  private attempts = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** The delay before the next attempt, and counts the attempt. */
  next(minimumMs = 0): number {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempts);
    this.attempts += 1;
    const jittered = base * (1 - JITTER + 2 * JITTER * this.random());
    // A floor is spread upwards too, so the clients it applies to do not all return together.
    const floor = minimumMs * (1 + JITTER * this.random());
    return Math.round(Math.max(floor, jittered));
  }

  /** A connection that lasted `upForMs` resets the sequence if it was stable. */
  connectionEnded(upForMs: number): void {
    if (upForMs >= STABLE_CONNECTION_MS) this.attempts = 0;
  }

  reset(): void {
    this.attempts = 0;
  }
}
