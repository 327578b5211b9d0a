import { describe, expect, test } from 'vitest';
import { dayOf, todayIn } from '../../../shared/dates.js';

describe('todayIn', () => {
  test.each([
    ['UTC', '2026-03-01T23:59:59.999Z', '2026-03-01'],
    ['UTC', '2026-03-02T00:00:00.000Z', '2026-03-02'],
    // Berlin's midnight is 23:00 UTC in winter and 22:00 UTC in summer (DST).
    ['Europe/Berlin', '2026-01-15T22:59:59.999Z', '2026-01-15'],
    ['Europe/Berlin', '2026-01-15T23:00:00.000Z', '2026-01-16'],
    ['Europe/Berlin', '2026-07-15T22:00:00.000Z', '2026-07-16'],
    // A zone off the hour by 45 minutes, and a leap day.
    ['Asia/Kathmandu', '2028-02-28T18:14:59.999Z', '2028-02-28'],
    ['Asia/Kathmandu', '2028-02-28T18:15:00.000Z', '2028-02-29'],
  ])('in %s at %s it is %s, as dayOf says', (zone, instant, day) => {
    const today = todayIn(() => new Date(instant), zone);
    expect(today()).toBe(day);
    expect(today()).toBe(dayOf(new Date(instant), zone));
  });

  test('follows the clock across midnight, computing once per minute', () => {
    let now = new Date('2026-05-10T23:59:00.000Z');
    const today = todayIn(() => now, 'UTC');
    expect(today()).toBe('2026-05-10');
    now = new Date('2026-05-10T23:59:59.999Z');
    expect(today()).toBe('2026-05-10');
    now = new Date('2026-05-11T00:00:00.000Z');
    expect(today()).toBe('2026-05-11');
    // A clock set back (tests, a corrected system clock) is followed too.
    now = new Date('2026-05-09T12:00:00.000Z');
    expect(today()).toBe('2026-05-09');
  });
});
