import { describe, expect, test } from 'vitest';
import {
  changeIn,
  collectionSourceOf,
  documentTitle,
  formatChange,
  perPeriodText,
  historyFromText,
  noValueText,
  formatValue,
  keyResultValue,
  scaleFor,
  targetText,
} from '../../../shared/format.js';

describe('scaleFor', () => {
  test('long durations read in days everywhere, axis numbers included', () => {
    const scale = scaleFor('hours', [54.146, 168, null]);
    expect(scale.title).toBe('Days');
    expect(scale.format(54.146)).toBe('2.3 d');
    expect(scale.toAxis(168)).toBe(7);
    expect(scale.tick(7)).toBe('7 d');
    expect(scale.format(null)).toBe('—');
  });

  test('short durations read in hours, one decimal at most', () => {
    const scale = scaleFor('hours', [3.25, 20]);
    expect(scale.title).toBe('Hours');
    expect(scale.format(3.25)).toBe('3.3 h');
    expect(scale.toAxis(20)).toBe(20);
  });

  test.each([
    ['count', 1234, '1,234', 'Count'],
    ['people', 12.5, '12.5', 'People'],
    ['USD', 250000, '$250,000', 'USD'],
    ['NPS', 42, '42 NPS', 'NPS'],
    ['ratio', 0.425, '42.5%', 'Percent'],
  ])('%s %s reads %s on a "%s" axis', (unit, value, text, title) => {
    const scale = scaleFor(unit, [value]);
    expect(scale.format(value)).toBe(text);
    expect(scale.title).toBe(title);
  });

  test('an empty sample still gives a scale', () => {
    expect(scaleFor('hours', []).title).toBe('Hours');
  });
});

test.each([
  [12, '+12'],
  [-3, '−3'],
  [0, '±0'],
  [null, '—'],
])('a change of %s reads %s', (change, text) => {
  expect(changeIn(scaleFor('count', []), change)).toBe(text);
  expect(formatChange(change, 'count')).toBe(text);
});

describe('formatValue', () => {
  test.each([
    [36.25, 'hours', '36.3 h'],
    [96, 'hours', '4 d'],
    [60, 'hours', '2.5 d'],
    [0.5, 'hours', '0.5 h'],
    [1234, 'count', '1,234'],
    [2.5, 'people', '2.5'],
    [0.724, 'ratio', '72.4%'],
    [null, 'count', '—'],
  ] as const)('%s %s reads %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  test.each([
    [10_001, '10,001'],
    [12_400, '12,400'],
    [10_000, '10,000'],
    [9_999.6, '9,999.6'],
    [9_999.96, '9,999.96'],
  ])('%s next to a 10,000 target reads %s: never rounded into the target', (value, text) => {
    expect(keyResultValue({ unit: 'count', direction: 'at_least', target: 10_000 }, value)).toBe(
      text,
    );
  });

  test('a key result’s values share one scale: 36 h beside a 7-day target reads in days', () => {
    const kr = {
      unit: 'hours',
      direction: 'at_most',
      target: 168,
      current: 36,
      forecast: 30,
    } as const;
    expect(keyResultValue(kr, kr.current)).toBe('1.5 d');
    expect(targetText(kr)).toBe('≤ 7 d');
  });

  test('a change reads in the unit of the values beside it', () => {
    expect(formatChange(-31, 'hours', 140, 171)).toBe('−1.3 d');
    expect(formatChange(-31, 'hours', 20, 40)).toBe('−31 h');
  });

  test('a ratio’s change reads in percentage points, not percent', () => {
    // 52% → 54.1% is 2.1 points; "+2.1%" would read as a relative change.
    expect(formatChange(0.541 - 0.52, 'ratio', 0.541, 0.52)).toBe('+2.1 pp');
    expect(formatChange(-0.024, 'ratio')).toBe('−2.4 pp');
    expect(changeIn(scaleFor('ratio', [0.6]), 0.011)).toBe('+1.1 pp');
    // The values themselves still read as percent.
    expect(scaleFor('ratio', []).format(0.541)).toBe('54.1%');
  });

  test('a change that rounds to nothing reads ±0, never "−0 h" or "−0%"', () => {
    expect(formatChange(-0.03, 'hours', 16)).toBe('±0');
    expect(formatChange(-0.000135, 'ratio', 0.61)).toBe('±0');
    expect(formatChange(0.04, 'count')).toBe('±0');
    expect(formatChange(0.06, 'hours', 16)).toBe('+0.1 h');
  });

  test('a metric without a value says why: not collected, two readings needed, nothing recorded', () => {
    const pulls = { id: 'docker.pulls', fromReadings: true };
    expect(noValueText(pulls, false)).toBe('Waiting for the first collection');
    expect(noValueText(pulls, true)).toMatch(/^First daily figure after tomorrow’s collection/);
    // A count of events (here: discussions opened) has nothing to wait for once collected.
    for (const id of ['github.prs.merge_time.p50', 'github.discussions.opened'])
      expect(noValueText({ id, fromReadings: false }, true)).toBe(
        'No value yet: nothing to measure so far',
      );
    expect(noValueText({ id: 'manual.arr', fromReadings: false }, false)).toBe(
      'No value recorded yet: pulseboard record manual.arr VALUE',
    );
  });

  test('a history too short for a change says when it starts, with the year only when it differs', () => {
    expect(historyFromText('2026-11-20', '2026-11-24')).toBe('history from Nov 20');
    expect(historyFromText('2025-12-30', '2026-01-02')).toBe('history from Dec 30, 2025');
  });

  test('a metric is collected by its source’s pass: package registries share one', () => {
    expect(
      ['github.stars', 'discord.online', 'docker.pulls', 'pypi.downloads', 'manual.arr'].map(
        collectionSourceOf,
      ),
    ).toEqual(['github', 'discord', 'packages', 'packages', 'manual']);
  });

  test('targets read with their direction', () => {
    expect(targetText({ direction: 'at_most', target: 168, unit: 'hours' })).toBe('≤ 7 d');
    expect(targetText({ direction: 'at_least', target: 250_000, unit: 'USD' })).toBe('≥ $250,000');
  });
});

describe('what a per-period figure sums', () => {
  const day = (t: string, v: number | null) => ({ t, v });
  test('the last 7 days, today counted', () => {
    expect(perPeriodText([day('2026-11-23', 5), day('2026-11-24', 0)])).toBe('in the last 7 days');
  });
  test('the 7 days to the last figure, when today has none yet', () => {
    expect(perPeriodText([day('2026-11-23', 5), day('2026-11-24', null)])).toBe(
      'in the 7 days to Nov 23',
    );
  });
  test('no figure at all: the plain words', () => {
    expect(perPeriodText([day('2026-11-24', null)])).toBe('in the last 7 days');
  });
});

test('counts and people are whole on an axis; hours, shares and money are not', () => {
  expect(scaleFor('people', [11, 13]).whole).toBe(true);
  expect(scaleFor('count', [3]).whole).toBe(true);
  expect(scaleFor('hours', [3]).whole).toBe(false);
  expect(scaleFor('ratio', [0.4]).whole).toBe(false);
  expect(scaleFor('USD', [250_000]).whole).toBe(false);
});

test.each([
  ['Overview', 'InfraGenius', 'Overview · InfraGenius · Pulseboard'],
  ['GitHub stars', 'InfraGenius', 'GitHub stars · InfraGenius · Pulseboard'],
  ['Metrics', null, 'Metrics · Pulseboard'], // before the project's name has loaded
  [null, null, 'Pulseboard'],
])('the tab of %j in %j is titled %j', (page, project, title) => {
  expect(documentTitle(page, project)).toBe(title);
});
