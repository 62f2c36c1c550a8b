/**
 * Romanian public holidays (Codul muncii, art. 139): fixed dates plus the Orthodox Easter cycle.
 * Dates are calendar dates in Romania ("YYYY-MM-DD"), independent of any time zone.
 */

/**
 * Orthodox Easter Sunday of `year` in the Gregorian calendar: Meeus' Julian algorithm gives the date in
 * the Julian calendar, which is 13 days behind the Gregorian one from 1900 to 2099.
 */
export function orthodoxEaster(year: number): string {
  if (year < 1900 || year > 2099) throw new RangeError('orthodoxEaster supports the years 1900–2099');
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  return isoDate(new Date(Date.UTC(year, month - 1, day + 13)));
}

export interface Holiday {
  date: string;
  name: string;
}

const FIXED: Array<[month: number, day: number, name: string]> = [
  [1, 1, 'Anul Nou'],
  [1, 2, 'Anul Nou'],
  [1, 6, 'Boboteaza'],
  [1, 7, 'Sfântul Ioan Botezătorul'],
  [1, 24, 'Ziua Unirii Principatelor Române'],
  [5, 1, 'Ziua Muncii'],
  [6, 1, 'Ziua Copilului'],
  [8, 15, 'Adormirea Maicii Domnului'],
  [11, 30, 'Sfântul Andrei'],
  [12, 1, 'Ziua Națională a României'],
  [12, 25, 'Crăciunul'],
  [12, 26, 'Crăciunul'],
];

/** Every public holiday of `year`, in date order (a date that is two holidays appears twice). */
export function romanianPublicHolidays(year: number): Holiday[] {
  const easter = new Date(`${orthodoxEaster(year)}T00:00:00Z`);
  const fromEaster = (days: number, name: string): Holiday => ({
    date: isoDate(new Date(easter.getTime() + days * 86_400_000)),
    name,
  });
  const holidays: Holiday[] = [
    ...FIXED.map(([month, day, name]) => ({ date: isoDate(new Date(Date.UTC(year, month - 1, day))), name })),
    fromEaster(-2, 'Vinerea Mare'),
    fromEaster(0, 'Paștele'),
    fromEaster(1, 'Paștele'),
    fromEaster(49, 'Rusaliile'),
    fromEaster(50, 'Rusaliile'),
  ];
  return holidays.sort((left, right) => left.date.localeCompare(right.date));
}

const cache = new Map<number, Set<string>>();

/** True when `date` ("YYYY-MM-DD") is a Romanian public holiday. */
export function isRomanianPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let dates = cache.get(year);
  if (!dates) {
    dates = new Set(romanianPublicHolidays(year).map((holiday) => holiday.date));
    cache.set(year, dates);
  }
  return dates.has(date);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
