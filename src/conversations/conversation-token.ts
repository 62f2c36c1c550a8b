import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: the citizen's only key to a conversation. */
export function newConversationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored hashed: a database leak does not hand out live conversations. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A token opens its conversation until CONVERSATION_RETENTION_DAYS have passed without activity (the last
 * stored message or change of the conversation), so a token found months later on a shared computer or in
 * an old backup of the browser's storage opens nothing. Channels answer an expired token as they answer an
 * unknown one (WebSocket: `conversation_not_found`; REST: 401).
 */
export function tokenExpired(lastActivity: string | Date, lifetimeDays: number, now = Date.now()): boolean {
  return now - new Date(lastActivity).getTime() > lifetimeDays * DAY_MS;
}
