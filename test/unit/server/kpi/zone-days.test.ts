import { describe, expect, test } from 'vitest';
import { seeded } from '../../../../demo/random.js';
import { dayOf } from '../../../../shared/dates.js';
import { instantMs, zonedDay } from '../../../../server/kpi/zone-days.js';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/Los_Angeles',
  'Pacific/Auckland',
  'Asia/Kathmandu', // +05:45
  'Australia/Lord_Howe', // a 30-minute DST shift
  'America/St_Johns', // −03:30 / −02:30
  'Pacific/Kiritimati', // +14
];

describe('the project day of a stored instant', () => {
  test.each(ZONES)('%s: the same day as dayOf, DST changes included', (zone) => {
    const random = seeded(zone.length);
    const from = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 0; i < 4000; i++) {
      const ms = from + Math.floor(random() * 3 * 365 * 86_400_000);
      const instant = new Date(ms).toISOString();
      expect(zonedDay(instant, zone), instant).toBe(dayOf(instant, zone));
      const seconds = instant.slice(0, 19) + 'Z';
      expect(zonedDay(seconds, zone), seconds).toBe(dayOf(seconds, zone));
    }
  });

  test('every minute around a DST change and around midnight', () => {
    for (const start of ['2026-03-29T00:00:00Z', '2026-10-25T00:00:00Z', '2026-11-23T20:00:00Z'])
      for (let m = 0; m < 6 * 60; m++) {
        const instant = new Date(Date.parse(start) + m * 60_000).toISOString();
        expect(zonedDay(instant, 'Europe/Berlin'), instant).toBe(dayOf(instant, 'Europe/Berlin'));
      }
  });

  test('other inputs go through dayOf', () => {
    expect(zonedDay('2026-03-01T23:30:00+01:00', 'UTC')).toBe('2026-03-01');
  });
});

describe('the milliseconds of a stored instant', () => {
  test('random instants, with and without milliseconds, read as Date.parse reads them', () => {
    const random = seeded(7);
    for (let i = 0; i < 4000; i++) {
      const instant = new Date(Math.floor(random() * 4e12)).toISOString();
      expect(instantMs(instant), instant).toBe(Date.parse(instant));
      const seconds = instant.slice(0, 19) + 'Z';
      expect(instantMs(seconds), seconds).toBe(Date.parse(seconds));
    }
  });

  test.each([
    '2024-02-29T23:59:59.999Z', // leap day
    '2000-02-29T00:00:00Z', // leap century
    '2023-02-29T00:00:00Z', // no such day: NaN, not March 1st
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-24T24:00:00Z',
    '2026-11-24T08:60:00Z',
    '2026-11-24T08:00:0xZ',
    '2026-11-24T08:00:00+01:00', // other forms go through Date.parse
    '2026-11-24T08:00:00.5Z',
    '2026-11-24',
  ])('%s as Date.parse reads it', (instant) => {
    expect(instantMs(instant)).toBe(Date.parse(instant));
  });
});
