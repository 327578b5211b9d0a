import { describe, expect, test } from 'vitest';
import { starsFromHistory, starsFromList } from '../../../../server/kpi/star-series.js';

const day = (starts_at: string, stars: number) => ({ starts_at, stars });
/** One star on each of `days`. */
const stars = (...days: string[]) => days.map((d) => ({ day: d, count: 1 }));

describe('stars from the star-history endpoint', () => {
  test.each([
    ['nothing at all', [], [], 'UTC', []],
    [
      'days at UTC midnight, in UTC: cumulative by day',
      [day('2026-10-30T00:00:00Z', 2), day('2026-11-01T00:00:00Z', 1)],
      [],
      'UTC',
      [
        ['2026-10-30', 2],
        ['2026-10-31', 2],
        ['2026-11-01', 3],
      ],
    ],
    [
      'a day starting 07:00 UTC counts on the day of its middle (the same UTC day)',
      [day('2026-10-31T07:00:00Z', 4)],
      [],
      'UTC',
      [
        ['2026-10-31', 4],
        ['2026-11-01', 4],
      ],
    ],
    [
      'a day starting 17:00 UTC has its middle on the next UTC day',
      [day('2026-10-30T17:00:00Z', 4)],
      [],
      'UTC',
      [
        ['2026-10-31', 4],
        ['2026-11-01', 4],
      ],
    ],
    [
      'UTC days in New York: the middle (12:00 UTC) is the same calendar day there',
      [day('2026-10-31T00:00:00Z', 5)],
      [],
      'America/New_York',
      [
        ['2026-10-31', 5],
        ['2026-11-01', 5],
      ],
    ],
    [
      'UTC days in Tokyo: still the day of the middle (21:00 there)',
      [day('2026-10-31T00:00:00Z', 5)],
      [],
      'Asia/Tokyo',
      [
        ['2026-10-31', 5],
        ['2026-11-01', 5],
      ],
    ],
    [
      "today is today's snapshot (stargazers_count), past days are the history",
      [day('2026-10-31T00:00:00Z', 5)],
      [
        { day: '2026-10-31', stars: 9 },
        { day: '2026-11-01', stars: 7 },
      ],
      'UTC',
      [
        ['2026-10-31', 5],
        ['2026-11-01', 7],
      ],
    ],
    [
      'days with no stars add nothing and start nothing',
      [day('2026-10-20T00:00:00Z', 0), day('2026-10-31T00:00:00Z', 1)],
      [],
      'UTC',
      [
        ['2026-10-31', 1],
        ['2026-11-01', 1],
      ],
    ],
    ['stars only after today: nothing yet', [day('2026-11-03T00:00:00Z', 1)], [], 'UTC', []],
    [
      'no history yet but a snapshot today: one point',
      [],
      [{ day: '2026-11-01', stars: 12 }],
      'UTC',
      [['2026-11-01', 12]],
    ],
  ])('%s', (_what, days, snapshots, timeZone, expected) => {
    const points = starsFromHistory(days, snapshots, timeZone, '2026-11-01');
    expect(points.map((p) => [p.t, p.v])).toEqual(expected);
  });
});

describe('stars from the stargazer list', () => {
  test('starred_at until the first snapshot, then the snapshots carried forward', () => {
    const points = starsFromList(
      stars('2026-10-29', '2026-10-29', '2026-10-30'),
      [{ day: '2026-10-31', stars: 2 }],
      '2026-11-01',
    );
    expect(points.map((p) => [p.t, p.v])).toEqual([
      ['2026-10-29', 2],
      ['2026-10-30', 3],
      ['2026-10-31', 2],
      ['2026-11-01', 2],
    ]);
  });

  test('a refused list: the snapshots alone', () => {
    const points = starsFromList([], [{ day: '2026-11-01', stars: 40 }], '2026-11-01');
    expect(points).toEqual([{ t: '2026-11-01', v: 40 }]);
  });
});

/**
 * An incremental refresh asks for the days from its first on, with the older stars loaded as one
 * row at the earliest: the days it gets equal the whole series' from that day on.
 */
describe('from a day on (an incremental refresh)', () => {
  const snapshots = [
    { day: '2026-10-25', stars: 30 },
    { day: '2026-10-31', stars: 33 },
  ];
  const fromDay = (points: { t: string; v: number | null }[], from: string) =>
    points.filter((p) => p.t >= from);

  test.each(['2026-09-01', '2026-10-02', '2026-10-20', '2026-10-25', '2026-10-28', '2026-11-01'])(
    'history: from %s equals the whole series from that day',
    (from) => {
      const days = [
        day('2026-10-01T00:00:00Z', 3),
        day('2026-10-10T00:00:00Z', 2),
        day('2026-10-27T00:00:00Z', 1),
      ];
      const whole = starsFromHistory(days, snapshots, 'UTC', '2026-11-01');
      expect(starsFromHistory(days, snapshots, 'UTC', '2026-11-01', from)).toEqual(
        fromDay(whole, from),
      );
    },
  );

  test.each(['2026-09-01', '2026-10-02', '2026-10-20', '2026-10-25', '2026-10-28', '2026-11-01'])(
    'stargazer list: from %s, the older stars as one row, equals the whole series from that day',
    (from) => {
      const list = stars('2026-10-01', '2026-10-01', '2026-10-10', '2026-10-22', '2026-10-28');
      const whole = starsFromList(list, snapshots, '2026-11-01');
      const older = list.filter((s) => s.day < from);
      const loaded = [
        ...(older.length > 0 ? [{ day: older[0]!.day, count: older.length }] : []),
        ...list.filter((s) => s.day >= from),
      ];
      const part = starsFromList(loaded, snapshots, '2026-11-01', from);
      expect(part).toEqual(fromDay(whole, from));
      // Where there is no snapshot yet, the days count the stars, older ones included.
      const noSnapshots = starsFromList(list, [], '2026-11-01');
      expect(starsFromList(loaded, [], '2026-11-01', from)).toEqual(fromDay(noSnapshots, from));
    },
  );

  test('the days before `from` are not listed one by one: two days wanted, two days given', () => {
    const days = [day('2023-01-01T00:00:00Z', 500), day('2026-10-31T00:00:00Z', 1)];
    expect(starsFromHistory(days, [], 'UTC', '2026-11-01', '2026-10-31')).toEqual([
      { t: '2026-10-31', v: 501 },
      { t: '2026-11-01', v: 501 },
    ]);
  });
});
