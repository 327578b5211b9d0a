import { describe, expect, test } from 'vitest';
import { addDays, dayOf } from '../../../../shared/dates.js';
import { metricDays, utcDays } from '../../../../server/metrics/refresh-plan.js';
import { REGISTRY } from '../../../../server/kpi/metrics/index.js';

/** Every quarter hour of UTC days `first` to `last`, with its project day. */
function quarterHours(first: string, last: string, timeZone: string) {
  const out: { at: string; day: string }[] = [];
  for (
    let ms = Date.parse(`${first}T00:00:00Z`);
    ms < Date.parse(`${last}T00:00:00Z`) + 86_400_000;
    ms += 900_000
  ) {
    const at = new Date(ms).toISOString();
    out.push({ at, day: dayOf(at, timeZone) });
  }
  return out;
}

describe('utcDays', () => {
  test.each([
    ['UTC', '2026-08-24', '2026-08-26', ['2026-08-24', '2026-08-27']],
    ['UTC', '2026-11-22', null, ['2026-11-22', null]],
    ['Pacific/Kiritimati', '2026-08-24', '2026-08-26', ['2026-08-23', '2026-08-27']],
    ['America/Los_Angeles', '2026-08-24', '2026-08-26', ['2026-08-24', '2026-08-28']],
    ['Asia/Kolkata', '2026-11-22', null, ['2026-11-21', null]],
  ] as const)('%s, %s to %s: %j', (zone, from, to, expected) => {
    expect(utcDays(from, to, zone)).toEqual(expected);
  });

  // Around DST changes and in zones on either side of UTC (and on it part of the year).
  test.each([
    ['Europe/London', '2026-03-27', '2026-03-30'],
    ['Europe/London', '2026-10-24', '2026-10-26'],
    ['America/New_York', '2026-03-07', '2026-03-09'],
    ['Australia/Lord_Howe', '2026-04-04', '2026-04-06'],
    ['Pacific/Pago_Pago', '2026-01-01', '2026-01-02'],
    ['Asia/Kathmandu', '2026-06-01', '2026-06-01'],
    ['Atlantic/Azores', '2026-03-28', '2026-03-30'],
  ])(
    '%s, %s to %s: holds every instant of those days and no whole day besides',
    (zone, from, to) => {
      const [start, end] = utcDays(from, to, zone);
      const instants = quarterHours(addDays(from, -2), addDays(to, 2), zone);
      const mine = instants.filter((i) => i.day >= from && i.day <= to);
      for (const { at } of mine) expect(at >= start && at < end!, at).toBe(true);
      // The first and last UTC days of the range each hold one of its instants.
      expect(mine.some((i) => i.at.slice(0, 10) === start)).toBe(true);
      expect(mine.some((i) => i.at.slice(0, 10) === addDays(end!, -1))).toBe(true);
    },
  );
});

describe('metricDays', () => {
  const entry = (id: string) => REGISTRY.find((e) => e.id === id)!;
  const today = '2026-11-25';
  const resumeDay = '2026-11-23';

  test('a resumed window reads the days entering it and those leaving it', () => {
    expect(metricDays(entry('github.prs.merge_time.p50'), '2026-11-24', resumeDay, today)).toEqual([
      ['2026-08-26', '2026-08-27'],
      ['2026-11-24', null],
    ]);
  });

  test('the days whose items its state kept are not read again', () => {
    const p50 = entry('github.prs.merge_time.p50');
    // Kept through the last day leaving today: only the days entering.
    expect(metricDays(p50, '2026-11-24', resumeDay, today, '2026-08-27')).toEqual([
      ['2026-11-24', null],
    ]);
    // A day later (after midnight), the kept days end a day short: that one day is read.
    expect(metricDays(p50, '2026-11-24', resumeDay, '2026-11-26', '2026-08-27')).toEqual([
      ['2026-08-28', '2026-08-28'],
      ['2026-11-24', null],
    ]);
  });
});
