import { describe, expect, test } from 'vitest';
import { dashboardLink } from '../../../shared/links.js';

const DASHBOARD = 'https://pulse.example.org';

describe('dashboardLink', () => {
  test.each([
    [DASHBOARD, '/metrics/github.stars?kr=stars', `${DASHBOARD}/metrics/github.stars?kr=stars`],
    [`${DASHBOARD}/pulse`, '/collection', `${DASHBOARD}/pulse/collection`],
    [null, '/collection', null],
    [DASHBOARD, null, null],
  ])('%s + %s → %s', (dashboard, path, url) => expect(dashboardLink(dashboard, path)).toBe(url));
});
