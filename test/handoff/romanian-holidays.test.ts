import { describe, expect, it } from '@jest/globals';
import {
  isRomanianPublicHoliday,
  orthodoxEaster,
  romanianPublicHolidays,
} from '../../src/handoff/romanian-holidays.js';

describe('orthodoxEaster', () => {
  it.each([
    [2021, '2021-05-02'],
    [2023, '2023-04-16'],
    [2024, '2024-05-05'],
    [2025, '2025-04-20'],
    [2026, '2026-04-12'],
    [2027, '2027-05-02'],
    [2030, '2030-04-28'],
  ])('is on the right Sunday in %i', (year, expected) => {
    expect(orthodoxEaster(year)).toBe(expected);
    expect(new Date(`${expected}T12:00:00Z`).getUTCDay()).toBe(0);
  });

  it('refuses years outside the 13-day Julian offset', () => {
    expect(() => orthodoxEaster(2100)).toThrow(RangeError);
  });
});

describe('romanianPublicHolidays', () => {
  it('lists the fixed holidays and the Easter cycle of 2026', () => {
    expect(romanianPublicHolidays(2026).map((holiday) => holiday.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-06',
      '2026-01-07',
      '2026-01-24',
      '2026-04-10', // Good Friday
      '2026-04-12', // Easter
      '2026-04-13',
      '2026-05-01',
      '2026-05-31', // Pentecost
      '2026-06-01', // Pentecost Monday and Children's Day
      '2026-06-01',
      '2026-08-15',
      '2026-11-30',
      '2026-12-01',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('answers for single dates', () => {
    expect(isRomanianPublicHoliday('2024-05-03')).toBe(true); // Good Friday 2024
    expect(isRomanianPublicHoliday('2024-06-24')).toBe(true); // Pentecost Monday 2024
    expect(isRomanianPublicHoliday('2024-06-25')).toBe(false);
    expect(isRomanianPublicHoliday('2026-03-02')).toBe(false);
  });
});
