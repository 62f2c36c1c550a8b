import { t, uiLang } from './ui-strings.js';

// Clerks work in Cluj; show the city hall's time whatever the PC's time zone is set to.
const TIME_ZONE = 'Europe/Bucharest';

function locale(): string {
  return uiLang() === 'ro' ? 'ro-RO' : 'en-GB';
}

/** "sub 1 min", "4 min", "1 h 05 min" — how long someone has been waiting. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t('lessThanMinute');
  if (minutes < 60) return t('minutes', { m: minutes });
  return t('hoursMinutes', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

/** "14:05" for today's messages; date and time otherwise. */
export function formatTime(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay =
    date.toLocaleDateString('en-CA', { timeZone: TIME_ZONE }) ===
    new Date(now).toLocaleDateString('en-CA', { timeZone: TIME_ZONE });
  return sameDay
    ? date.toLocaleTimeString(locale(), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' })
    : formatDateTime(iso);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale(), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatPercent(confidence: number | null): string | null {
  return confidence === null ? null : String(Math.round(confidence * 100));
}
