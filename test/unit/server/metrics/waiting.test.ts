import { expect, test } from 'vitest';
import { githubWebUrl } from '../../../../server/metrics/waiting.js';

test.each([
  ['https://api.github.com', 'https://github.com'],
  ['https://api.github.com/', 'https://github.com'],
  ['https://ghe.example.com/api/v3', 'https://ghe.example.com'],
  ['https://ghe.example.com/api/v3/', 'https://ghe.example.com'],
  ['http://127.0.0.1:3801', 'http://127.0.0.1:3801'],
])('the web address for API %s is %s', (api, web) => {
  expect(githubWebUrl(api)).toBe(web);
});
