import { describe, expect, test } from 'vitest';
import { chooseEncoding, readyAnswer } from '../../../../server/metrics/ready.js';

describe('chooseEncoding', () => {
  test.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['br;q=0, *;q=0.5', 'gzip'],
    ['GZIP;Q=0.8', 'gzip'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header, 5000)).toBe(expected);
  });

  test('a body under 1 KB is never compressed', () => {
    expect(chooseEncoding('br, gzip', 1023)).toBe('identity');
  });
});

describe('ReadyAnswer', () => {
  const answer = readyAnswer('v1', 'okrs:2026-11-01', Buffer.from('{}'));

  test('one strong tag per encoding, derived from version, key and bytes', () => {
    expect(answer.etag('identity')).toMatch(/^"[\w-]{27}"$/);
    expect(answer.etag('br')).toBe(answer.etag('identity').replace(/"$/, '-br"'));
    expect(readyAnswer('v2', 'okrs:2026-11-01', Buffer.from('{}')).tag).not.toBe(answer.tag);
    expect(readyAnswer('v1', 'okrs:2026-11-02', Buffer.from('{}')).tag).not.toBe(answer.tag);
    expect(readyAnswer('v1', 'okrs:2026-11-01', Buffer.from('[]')).tag).not.toBe(answer.tag);
  });

  test.each([
    [answer.etag('identity'), true],
    [answer.etag('gzip'), true],
    [`W/${answer.etag('br')}`, true],
    [`"a", ${answer.etag('gzip')} , "b"`, true],
    ['*', true],
    ['"a", "b"', false],
    [answer.tag, false], // unquoted is not a tag
    [undefined, false],
  ])('If-None-Match %s matches: %s', (header, expected) => {
    expect(answer.matches(header)).toBe(expected);
  });
});
