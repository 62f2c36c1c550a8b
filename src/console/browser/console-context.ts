import type { ConsoleApi } from './api-client.js';
import type { ConsoleLive } from './console-live.js';
import type { ConsoleStore } from './console-store.js';

/** What every view of the signed-in console works with. */
export interface ConsoleContext {
  api: ConsoleApi;
  store: ConsoleStore;
  live: ConsoleLive;
  /** Goes to a route (`#/conversations/…`, `#/tickets`, …). */
  navigate(route: string): void;
  /** Rebuilds the whole workspace (after a language switch), keeping the store. */
  rerender(): void;
  logout(): void;
}

export type Route =
  | { view: 'conversations'; conversationId: string | null }
  | { view: 'tickets' }
  | { view: 'audit'; conversationId: string | null }
  | { view: 'accounts' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'tickets':
      return { view: 'tickets' };
    case 'audit':
      return { view: 'audit', conversationId: parts[1] ?? null };
    case 'accounts':
      return { view: 'accounts' };
    default:
      return {
        view: 'conversations',
        conversationId: parts[0] === 'conversations' ? (parts[1] ?? null) : null,
      };
  }
}

export function conversationRoute(conversationId: string): string {
  return `#/conversations/${encodeURIComponent(conversationId)}`;
}
