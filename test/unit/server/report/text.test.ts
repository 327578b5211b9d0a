/** The report's small pieces of wording (server/report/text.ts). */
import { expect, test } from 'vitest';
import { renderHtml } from '../../../../server/report/html.js';
import type { ReportMetric } from '../../../../server/report/model.js';
import { renderMarkdown } from '../../../../server/report/render.js';
import { shownChange } from '../../../../server/report/text.js';
import { reportModel } from '../../../helpers/report-model.js';

test.each([
  // 52.56% → 45.54% reads "52.6% → 45.5%": −7.1 pp, where the raw difference rounds to −7 pp.
  [0.45544, 0.52556, 'ratio', '−7.1 pp'],
  [0.5, 0.45, 'ratio', '+5 pp'],
  // Days: 2.66 d → 2.74 d reads "2.7 d → 2.7 d": no change, not "+0.1 d".
  [65.8, 63.9, 'hours', '±0'],
  // 4.26 h → 4.34 h reads "4.3 h → 4.3 h".
  [4.34, 4.26, 'hours', '±0'],
  [4.36, 4.24, 'hours', '+0.2 h'],
  // 10.54 → 12.46 reads "10.5 → 12.5".
  [12.46, 10.54, 'count', '+2'],
  [1_500.4, 1_499.6, 'count', '±0'],
  [115_400, 90_000, 'USD', '+$25,400'],
  [5, null, 'count', '—'],
  [null, 5, 'count', '—'],
])('shownChange(%s, %s, %s) is %s', (value, previous, unit, text) => {
  expect(shownChange(value, previous, unit)).toBe(text);
});

const answers: ReportMetric = {
  id: 'github.discussions.community_answer_share',
  label: 'Answers from the community',
  unit: 'ratio',
  kind: 'window',
  better: 'at_least',
  value: 0.45544,
  previous: 0.52556,
  historyFrom: '2024-01-01',
  noValue: null,
};

test('a health metric’s change and a mover’s agree with the values beside them, in Markdown and HTML', () => {
  const model = reportModel([], [answers]);
  const md = renderMarkdown(model).split('\n');
  expect(md).toContain('| Answers from the community | 45.5% | 52.6% | −7.1 pp |');
  expect(md).toContain('- Answers from the community: 52.6% → 45.5% (−7.1 pp, −13%)');
  const html = renderHtml(model);
  expect(html).toContain('<td data-label="Change" class="num">−7.1 pp</td>');
  expect(html).toMatch(/<td data-label="Change" class="num" style="[^"]*">−7.1 pp \(−13%\)<\/td>/);
});
