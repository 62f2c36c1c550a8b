import { describe, expect, it } from '@jest/globals';
import { localTime, OfficeHours } from '../../src/handoff/office-hours.js';

const urbanism = {
  chatHours: {
    mon: '08:00-16:00',
    tue: '08:00-16:00',
    wed: '08:00-16:00',
    thu: '08:00-17:30',
    fri: '08:00-14:30',
  },
};
const hours = new OfficeHours('departments', 'Europe/Bucharest');

describe('localTime', () => {
  it('converts to Bucharest wall-clock time on both sides of the DST change', () => {
    expect(localTime(new Date('2026-03-02T06:00:00Z'), 'Europe/Bucharest')).toEqual({
      date: '2026-03-02',
      weekday: 'mon',
      minutes: 8 * 60,
    });
    expect(localTime(new Date('2026-03-30T05:00:00Z'), 'Europe/Bucharest')).toEqual({
      date: '2026-03-30',
      weekday: 'mon',
      minutes: 8 * 60,
    });
    expect(localTime(new Date('2026-03-01T22:30:00Z'), 'Europe/Bucharest')).toEqual({
      date: '2026-03-02',
      weekday: 'mon',
      minutes: 30,
    });
  });
});

describe('OfficeHours.isOpen', () => {
  it.each([
    ['Monday 07:59 (winter time)', '2026-03-02T05:59:00Z', false],
    ['Monday 08:00', '2026-03-02T06:00:00Z', true],
    ['Monday 15:59', '2026-03-02T13:59:00Z', true],
    ['Monday 16:00', '2026-03-02T14:00:00Z', false],
    ['Thursday 17:29', '2026-03-05T15:29:00Z', true],
    ['Thursday 17:30', '2026-03-05T15:30:00Z', false],
    ['Friday 14:29', '2026-03-06T12:29:00Z', true],
    ['Saturday 10:00', '2026-03-07T08:00:00Z', false],
    ['Monday 08:00 in summer time', '2026-03-30T05:00:00Z', true],
    ['Monday 07:59 in summer time', '2026-03-30T04:59:00Z', false],
    ['1 December (a Tuesday)', '2026-12-01T08:00:00Z', false],
    ['Orthodox Good Friday 2026', '2026-04-10T08:00:00Z', false],
    ['Orthodox Easter Monday 2026', '2026-04-13T08:00:00Z', false],
    ['Pentecost Monday 2026', '2026-06-01T08:00:00Z', false],
    ['24 January (a Saturday in 2026) — and a working Friday before it', '2026-01-23T08:00:00Z', true],
    ['7 January (Sfântul Ioan)', '2026-01-07T08:00:00Z', false],
  ])('%s → %s', (_label, instant, open) => {
    expect(hours.isOpen(urbanism, new Date(instant))).toBe(open);
  });

  it('is always open with HANDOFF_OFFICE_HOURS=always, and never for an unknown department', () => {
    expect(
      new OfficeHours('always', 'Europe/Bucharest').isOpen(urbanism, new Date('2026-12-25T23:00:00Z')),
    ).toBe(true);
    expect(hours.isOpen(undefined, new Date('2026-03-02T08:00:00Z'))).toBe(false);
  });
});

describe('OfficeHours.nextOpening', () => {
  it('is the next working day after Friday closing time', () => {
    expect(hours.nextOpening(urbanism, new Date('2026-03-06T13:00:00Z'))).toEqual({
      date: '2026-03-09',
      weekday: 'mon',
      time: '08:00',
    });
  });

  it('is later the same day before opening time', () => {
    expect(hours.nextOpening(urbanism, new Date('2026-03-03T04:00:00Z'))).toEqual({
      date: '2026-03-03',
      weekday: 'tue',
      time: '08:00',
    });
  });

  it('skips Christmas and the weekend', () => {
    expect(hours.nextOpening(urbanism, new Date('2026-12-24T18:00:00Z'))).toEqual({
      date: '2026-12-28',
      weekday: 'mon',
      time: '08:00',
    });
  });

  it('is undefined while open', () => {
    expect(hours.nextOpening(urbanism, new Date('2026-03-02T10:00:00Z'))).toBeUndefined();
  });
});
