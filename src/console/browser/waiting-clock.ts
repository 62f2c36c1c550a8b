import type { ConsoleStore } from './console-store.js';
import { h } from './element.js';
import { formatDuration } from './time-format.js';
import { t } from './ui-strings.js';

const TICK_MS = 10_000;

/** "așteaptă de 3 min", kept current by `startWaitingClock` (server time, so a wrong PC clock does not matter). */
export function waitingSince(store: ConsoleStore, since: string): HTMLElement {
  const element = h('span', { class: 'waiting-time', 'data-since': since });
  element.textContent = waitingText(store, since);
  return element;
}

export function startWaitingClock(store: ConsoleStore): () => void {
  const timer = window.setInterval(() => {
    for (const element of document.querySelectorAll<HTMLElement>('[data-since]')) {
      element.textContent = waitingText(store, element.dataset.since ?? '');
    }
  }, TICK_MS);
  return () => window.clearInterval(timer);
}

function waitingText(store: ConsoleStore, since: string): string {
  return t('waitingFor', { time: formatDuration(store.serverNow() - Date.parse(since)) });
}
