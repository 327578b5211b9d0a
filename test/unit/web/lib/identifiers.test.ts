import { describe, expect, test } from 'vitest';
import { identifierParts, KEEP_WHOLE_MAX } from '../../../../web/src/lib/identifiers.js';

/** The identifiers marked in `text`, and a check that the parts still spell it. */
function identifiers(text: string): string[] {
  const parts = identifierParts(text);
  expect(parts.map((p) => p.text).join('')).toBe(text);
  return parts.filter((p) => p.identifier).map((p) => p.text);
}

describe('identifierParts', () => {
  test.each([
    [
      'The bot lacks View Channel in #moderators and Read Message History in #audit-log, so active members miss their posts.',
      ['#moderators', '#audit-log'],
    ],
    ['infragenius/core-plugins: 404, renamed or deleted.', ['infragenius/core-plugins']],
    ['Waiting since acme/rocket.js#12.', ['acme/rocket.js#12']],
    ['Channel #général-2 is hidden', ['#général-2']],
    ['GITHUB_TOKEN is not set; put a token in .env and restart.', []],
    ['', []],
  ])('%j → %j', (text, expected) => expect(identifiers(text)).toEqual(expected));

  test('a name longer than a phone line is left to break rather than run off the screen', () => {
    const long = `#${'a'.repeat(KEEP_WHOLE_MAX)}-log`;
    expect(identifiers(`missing ${long} and #ok-log`)).toEqual(['#ok-log']);
  });
});
