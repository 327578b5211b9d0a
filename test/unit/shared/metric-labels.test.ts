import { expect, test } from 'vitest';
import { findMetric } from '../../../server/kpi/metrics/index.js';

test.each([
  // The demo records manual.nps with no key result on it: the API, digests and reports name it so.
  ['manual.nps', 'Net Promoter Score'],
  ['manual.arr', 'Annual recurring revenue'],
  ['manual.dau', 'DAU'],
  ['manual.paying_customers', 'Paying customers'],
  ['manual.trial-signups', 'Trial signups'],
  ['manual.x', 'X'],
  ['github.stars', 'GitHub stars'],
])('%s is labelled %j', (id, label) => {
  expect(findMetric(id)?.label).toBe(label);
});
