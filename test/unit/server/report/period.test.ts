import { expect, test } from 'vitest';
import { ReportPeriodError, resolveReportRange } from '../../../../server/report/period.js';

const TODAY = '2026-11-25';

test('the running quarter is evaluated today and compared with as many days of the one before', () => {
  expect(resolveReportRange(TODAY, { quarter: '2026Q4' })).toMatchObject({
    from: '2026-10-01',
    to: '2026-12-31',
    asOf: TODAY,
    previous: { from: '2026-07-01', to: '2026-09-30' },
  });
});

test.each([
  // Evaluated "as of" today, 2027Q1 compared Nov 25's values with Aug 25's under the heading
  // "compared with 2026-10-01 – 2026-12-31", and listed its totals as "nothing to measure".
  [
    { quarter: '2027Q1' },
    'quarter',
    'quarter "2027Q1" has not started yet (today is 2026-11-25); ask for 2026Q4 or earlier.',
  ],
  [
    { from: '2026-11-26' },
    'from',
    'the period starts on 2026-11-26, after today (2026-11-25); ask for days up to today.',
  ],
  [
    { from: '2026-12-01', to: '2026-12-31' },
    'from',
    'the period starts on 2026-12-01, after today (2026-11-25); ask for days up to today.',
  ],
])(
  'a period that has not begun is refused, naming what to ask instead: %o',
  (asked, field, message) => {
    let error: unknown;
    try {
      resolveReportRange(TODAY, asked);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReportPeriodError);
    expect(error).toMatchObject({ field, message });
  },
);

test('a period that starts today is a report of one day so far', () => {
  expect(resolveReportRange(TODAY, { from: TODAY, to: '2026-12-31' })).toMatchObject({
    from: TODAY,
    asOf: TODAY,
  });
});
