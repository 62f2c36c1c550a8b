import type { Department } from '../knowledge/ingest/department-schema.js';
import { isRomanianPublicHoliday } from './romanian-holidays.js';

/**
 * When clerks answer chats: each department's `chatHours` (local time in the configured time zone),
 * never on Romanian public holidays. `always` (HANDOFF_OFFICE_HOURS) ignores both, for a 24/7 desk.
 */
export type OfficeHoursMode = 'departments' | 'always';

type Weekday = keyof Department['chatHours'];
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface LocalTime {
  /** "YYYY-MM-DD" in the time zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

/** The wall-clock date, weekday and time of `instant` in `timeZone` (DST included, via Intl). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday').slice(0, 3).toLowerCase() as Weekday;
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** "08:00-16:00" → [480, 960]. */
function parseRange(range: string): [number, number] {
  const [start, end] = range.split('-').map((time) => {
    const [hours, minutes] = time.split(':').map(Number);
    return hours * 60 + minutes;
  });
  return [start, end];
}

export class OfficeHours {
  constructor(
    private readonly mode: OfficeHoursMode,
    private readonly timeZone: string,
  ) {}

  /** True when clerks of `department` answer chats at `instant`. */
  isOpen(department: Pick<Department, 'chatHours'> | undefined, instant: Date): boolean {
    if (this.mode === 'always') return true;
    if (!department) return false;
    const local = localTime(instant, this.timeZone);
    if (isRomanianPublicHoliday(local.date)) return false;
    const range = department.chatHours[local.weekday];
    if (!range) return false;
    const [start, end] = parseRange(range);
    return local.minutes >= start && local.minutes < end;
  }

  /**
   * The next local date and time the department opens after `instant` (within two weeks), for telling
   * the citizen when to come back; undefined when open now, always open, or no hours are configured.
   */
  nextOpening(
    department: Pick<Department, 'chatHours'> | undefined,
    instant: Date,
  ): { date: string; weekday: Weekday; time: string } | undefined {
    if (this.mode === 'always' || !department || this.isOpen(department, instant)) return undefined;
    const today = localTime(instant, this.timeZone);
    for (let offset = 0; offset <= 14; offset += 1) {
      // Noon avoids landing on the wrong date around DST changes.
      const day = localTime(
        new Date(Date.parse(`${today.date}T12:00:00Z`) + offset * 86_400_000),
        this.timeZone,
      );
      const weekday = WEEKDAYS[new Date(`${day.date}T12:00:00Z`).getUTCDay()];
      const range = department.chatHours[weekday];
      if (!range || isRomanianPublicHoliday(day.date)) continue;
      const [start] = parseRange(range);
      if (offset === 0 && today.minutes >= start) continue;
      return { date: day.date, weekday, time: range.split('-')[0] };
    }
    return undefined;
  }
}
