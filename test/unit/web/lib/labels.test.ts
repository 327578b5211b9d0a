import { expect, test } from 'vitest';
import { metricLabel } from '../../../../web/src/lib/labels.js';

test.each([
  // The demo records manual.nps with no key result on it: the API labels it by its name.
  ['manual.nps', 'nps', 'Net Promoter Score'],
  ['manual.arr', 'arr', 'Annual recurring revenue'],
  ['manual.dau', 'dau', 'DAU'],
  ['manual.paying_customers', 'paying_customers', 'Paying customers'],
  ['manual.trial-signups', 'trial-signups', 'Trial signups'],
  ['manual.x', 'x', 'X'],
  // A key result's own label is kept, as is every catalog metric's.
  ['manual.nps', 'NPS (survey)', 'NPS (survey)'],
  ['manual.arr', 'ARR', 'ARR'],
  ['github.stars', 'GitHub stars', 'GitHub stars'],
])('%s labelled %j reads %j', (id, label, shown) => {
  expect(metricLabel(id, label)).toBe(shown);
});
