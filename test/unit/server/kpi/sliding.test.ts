import { isDeepStrictEqual as isEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import { decodeState, encodeState } from '../../../../db/queries/rollup-windows.js';
import { seeded } from '../../../../demo/random.js';
import { addDays } from '../../../../shared/dates.js';
import {
  windowBusFactor,
  windowDistinct,
  windowPercentile,
} from '../../../../server/kpi/series.js';
import { acceptanceRate } from '../../../../server/kpi/ratios.js';
import type { WindowResume } from '../../../../server/kpi/sliding.js';

const START = '2026-01-01';
const WINDOW = 10;
const TO = addDays(START, 59);

/** A window resumed from its state at the end of `day`, given only the days entering and leaving. */
function resumedFrom(day: string, state: unknown): WindowResume {
  return { from: { day, state }, capture: null };
}

function capturing(day: string, keptDays = 0) {
  const kept: { state?: unknown } = {};
  const resume: WindowResume = {
    from: null,
    capture: { day, save: (s) => (kept.state = s), keptDays },
  };
  return { resume, kept };
}

/** The items an incremental refresh loads: days entering (after C) and leaving (C+1−W … to−W). */
const needed = <T extends { day: string }>(items: readonly T[], c: string) =>
  items.filter(
    (i) => i.day > c || (i.day >= addDays(c, 1 - WINDOW) && i.day <= addDays(TO, -WINDOW)),
  );

/**
 * The items a refresh loads when the state at the end of C kept the items of its next `keptDays`
 * days to leave: the days entering, and those leaving after the kept ones.
 */
const neededWithKept = <T extends { day: string }>(
  items: readonly T[],
  c: string,
  keptDays: number,
) =>
  items.filter(
    (i) =>
      i.day > c || (i.day >= addDays(c, 1 - WINDOW + keptDays) && i.day <= addDays(TO, -WINDOW)),
  );

describe('windows resumed from a kept state', () => {
  test.each([1, 2, 3, 4, 5])('seed %i: resumed slides equal whole ones', (seed) => {
    const random = seeded(seed);
    const day = () => addDays(START, Math.floor(random() * 60));
    const items = Array.from({ length: 150 }, () => ({
      day: day(),
      key: `k${Math.floor(random() * 12)}`,
      value: Math.floor(random() * 40),
    }));
    const c = addDays(START, 40 + Math.floor(random() * 15));
    const from = addDays(c, 1 + Math.floor(random() * 3));
    const cases: [string, (resume: WindowResume | null, rows: typeof items) => unknown][] = [
      ['p50', (r, rows) => windowPercentile(rows, from, TO, WINDOW, 50, r)],
      ['distinct', (r, rows) => windowDistinct(rows, from, TO, WINDOW, r)],
      ['bus factor', (r, rows) => windowBusFactor(rows, from, TO, WINDOW, r)],
    ];
    for (const [name, run] of cases) {
      const { resume, kept } = capturing(c);
      const whole = run(resume, items);
      expect(kept.state, name).toBeDefined();
      expect(run(resumedFrom(c, kept.state), needed(items, c)), name).toEqual(whole);
    }
    const prs = items.map((i) => ({
      mergedDay: i.value % 2 ? i.day : null,
      closedDay: i.value % 3 ? i.day : null,
      day: i.day,
    }));
    const { resume, kept } = capturing(c);
    const whole = acceptanceRate(prs, from, TO, WINDOW, resume);
    expect(acceptanceRate(needed(prs, c), from, TO, WINDOW, resumedFrom(c, kept.state))).toEqual(
      whole,
    );
  });

  test('the kept state reads the same whether the window was resumed or slid whole', () => {
    const items = ['a', 'b', 'a', 'c', 'b', 'a'].map((key, i) => ({
      day: addDays(START, i * 3),
      key,
    }));
    const first = capturing(addDays(START, 6));
    windowBusFactor(items, START, TO, WINDOW, first.resume);
    const later = addDays(START, 14);
    const resumed = capturing(later);
    windowBusFactor(needed(items, addDays(START, 6)), addDays(START, 7), TO, WINDOW, {
      from: { day: addDays(START, 6), state: first.kept.state },
      capture: resumed.resume.capture,
    });
    const whole = capturing(later);
    windowBusFactor(items, START, TO, WINDOW, whole.resume);
    expect(resumed.kept.state).toEqual(whole.kept.state);
  });

  test('a percentile window resumes from its state as the store gives it back', () => {
    const random = seeded(11);
    const items = Array.from({ length: 120 }, () => ({
      day: addDays(START, Math.floor(random() * 60)),
      value: Math.floor(random() * 30) / 4,
    }));
    const c = addDays(START, 45);
    const { resume, kept } = capturing(c);
    const whole = windowPercentile(items, addDays(c, 1), TO, WINDOW, 90, resume);
    const stored = decodeState(encodeState(kept.state));
    expect(
      windowPercentile(needed(items, c), addDays(c, 1), TO, WINDOW, 90, resumedFrom(c, stored)),
    ).toEqual(whole);
  });

  test.each([
    ['distinct', windowDistinct],
    ['bus factor', windowBusFactor],
  ] as const)('a %s window resumes from its state as the store gives it back', (_name, run) => {
    const random = seeded(12);
    const items = Array.from({ length: 150 }, () => ({
      day: addDays(START, Math.floor(random() * 60)),
      key: `k${Math.floor(random() * 9)}`,
    }));
    const c = addDays(START, 45);
    const { resume, kept } = capturing(c);
    const whole = run(items, addDays(c, 1), TO, WINDOW, resume);
    const stored = decodeState(encodeState(kept.state));
    expect(run(needed(items, c), addDays(c, 1), TO, WINDOW, resumedFrom(c, stored))).toEqual(whole);
  });

  test('a window cannot resume after the first day asked for', () => {
    expect(() => windowDistinct([], START, TO, WINDOW, resumedFrom(addDays(START, 3), []))).toThrow(
      /cannot give/,
    );
  });

  test.each([1, 2, 3])(
    'seed %i: a state that kept the items of the days next to leave resumes without their rows',
    (seed) => {
      const random = seeded(100 + seed);
      // Many people and values: a window missing a day's items reads differently.
      const items = Array.from({ length: 400 }, () => ({
        day: addDays(START, Math.floor(random() * 60)),
        key: `k${Math.floor(random() * 300)}`,
        value: Math.floor(random() * 4000) / 100,
      }));
      const c = addDays(START, 40 + Math.floor(random() * 10));
      const from = addDays(c, 1);
      const cases: [string, (resume: WindowResume | null, rows: typeof items) => unknown][] = [
        ['p50', (r, rows) => windowPercentile(rows, from, TO, WINDOW, 50, r)],
        ['distinct', (r, rows) => windowDistinct(rows, from, TO, WINDOW, r)],
        ['bus factor', (r, rows) => windowBusFactor(rows, from, TO, WINDOW, r)],
        [
          'acceptance rate',
          (r, rows) =>
            acceptanceRate(
              rows.map((i) => ({
                mergedDay: i.value % 2 ? i.day : null,
                closedDay: i.value % 3 ? i.day : null,
              })),
              from,
              TO,
              WINDOW,
              r,
            ),
        ],
      ];
      const missed: string[] = [];
      for (const keptDays of [1, 3]) {
        for (const [name, run] of cases) {
          const { resume, kept } = capturing(c, keptDays);
          const whole = run(resume, items);
          const stored = decodeState(encodeState(kept.state));
          // Without the rows of the kept days, and with them (another metric read them): the same.
          const label = `${name}, ${keptDays} kept`;
          expect(run(resumedFrom(c, stored), neededWithKept(items, c, keptDays)), label).toEqual(
            whole,
          );
          expect(run(resumedFrom(c, stored), needed(items, c)), label).toEqual(whole);
          // A state that kept none of them, given none of their rows, misses their leaving.
          const none = { ...(stored as object), keptDays: [], keptPer: [], keptItems: [] };
          if (!isEqual(run(resumedFrom(c, none), neededWithKept(items, c, keptDays)), whole))
            missed.push(label);
        }
      }
      // The kept items matter: without them most windows read wrong (a median or a share may not move).
      expect(missed.length).toBeGreaterThanOrEqual(5);
    },
  );

  test('a resumed window keeps, at a later day, the items a whole slide keeps there', () => {
    const random = seeded(21);
    const items = Array.from({ length: 200 }, () => ({
      day: addDays(START, Math.floor(random() * 60)),
      value: Math.floor(random() * 40),
    }));
    const c = addDays(START, 40);
    const later = addDays(c, 3);
    const first = capturing(c, 2);
    windowPercentile(items, addDays(c, 1), TO, WINDOW, 50, first.resume);
    // The days after C, and those leaving after the kept ones up to the later day's kept ones.
    const rows = items.filter(
      (i) => i.day > c || (i.day > addDays(c, 2 - WINDOW) && i.day <= addDays(later, 2 - WINDOW)),
    );
    const resumed = capturing(later, 2);
    windowPercentile(rows, addDays(c, 1), TO, WINDOW, 50, {
      from: { day: c, state: decodeState(encodeState(first.kept.state)) },
      capture: resumed.resume.capture,
    });
    const whole = capturing(later, 2);
    windowPercentile(items, addDays(c, 1), TO, WINDOW, 50, whole.resume);
    expect(decodeState(encodeState(resumed.kept.state))).toEqual(
      decodeState(encodeState(whole.kept.state)),
    );
  });
});
