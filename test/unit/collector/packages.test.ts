import { describe, expect, test } from 'vitest';
import { describePackageError } from '../../../collector/packages/collect.js';
import { toPullSnapshot } from '../../../collector/packages/docker.js';
import { PackageApiError, retryAfterMs } from '../../../collector/packages/http.js';
import {
  dropLeadingZeros,
  encodePackage,
  forwardRanges,
  NPM_RANGE_DAYS,
  toNpmRows,
} from '../../../collector/packages/npm.js';
import { normalizeProject, toPypiRows } from '../../../collector/packages/pypi.js';

describe('npm', () => {
  test('toNpmRows keeps every day of the answer', () => {
    const payload = {
      downloads: [
        { day: '2014-02-27', downloads: 1904088 },
        { day: '2014-02-28', downloads: 0 },
      ],
      start: '2014-02-27',
      end: '2014-02-28',
      package: 'somepackage',
    };
    expect(toNpmRows(payload, 'somepackage')).toEqual([
      { source: 'npm', package: 'somepackage', day: '2014-02-27', downloads: 1904088 },
      { source: 'npm', package: 'somepackage', day: '2014-02-28', downloads: 0 },
    ]);
  });

  test('zeros before the first download are dropped, later zeros kept', () => {
    const rows = [0, 0, 3, 0, 1].map((downloads, i) => ({
      source: 'npm' as const,
      package: 'p',
      day: `2026-01-0${i + 1}`,
      downloads,
    }));
    expect(dropLeadingZeros(rows).map((r) => r.downloads)).toEqual([3, 0, 1]);
    expect(dropLeadingZeros(rows.slice(0, 2))).toEqual([]);
  });

  test.each([
    ['2026-01-01', '2026-01-01', [['2026-01-01', '2026-01-01']]],
    ['2026-01-02', '2026-01-01', []],
    [
      '2024-01-01',
      '2026-01-01',
      [
        ['2024-01-01', '2025-06-23'],
        ['2025-06-24', '2026-01-01'],
      ],
    ],
  ])('forwardRanges(%s, %s)', (from, to, expected) => {
    expect(forwardRanges(from, to)).toEqual(expected);
  });

  test('a range is under 18 months whatever the months', () => {
    // The shortest 18 months: from 1 September to 1 March a year and a half later.
    expect(NPM_RANGE_DAYS).toBeLessThan(
      (Date.parse('2027-03-01') - Date.parse('2025-09-01')) / 86_400_000,
    );
  });

  test('scoped names keep their slash; other characters are escaped', () => {
    expect(encodePackage('@slack/client')).toBe('@slack/client');
    expect(encodePackage('a b')).toBe('a%20b');
  });
});

describe('PyPI', () => {
  test('only the without-mirrors series is kept', () => {
    const payload = {
      data: [
        { category: 'with_mirrors', date: '2018-02-08', downloads: 9 },
        { category: 'without_mirrors', date: '2018-02-08', downloads: 1 },
      ],
      package: 'package_name',
      type: 'overall_downloads' as const,
    };
    expect(toPypiRows(payload, 'Package_Name')).toEqual([
      { source: 'pypi', package: 'Package_Name', day: '2018-02-08', downloads: 1 },
    ]);
  });

  test.each([
    ['Flask_Login', 'flask-login'],
    ['zope.interface', 'zope-interface'],
    ['a-_.b', 'a-b'],
  ])('normalizeProject(%s) = %s', (name, normalized) => {
    expect(normalizeProject(name)).toBe(normalized);
  });
});

describe('Docker Hub', () => {
  test('a snapshot is the pull count at the UTC day of the pass', () => {
    const at = new Date('2026-03-01T23:59:59.000Z');
    expect(
      toPullSnapshot(
        { name: 'nginx', namespace: 'library', pull_count: 12_000_000_000 },
        'library/nginx',
        at,
      ),
    ).toEqual({
      repository: 'library/nginx',
      taken_at: '2026-03-01T23:59:59.000Z',
      day: '2026-03-01',
      pull_count: 12_000_000_000,
    });
  });

  test('an answer without a usable pull_count is refused', () => {
    expect(() => toPullSnapshot({ name: 'x', namespace: 'y' } as never, 'y/x', new Date())).toThrow(
      'Docker Hub gave no usable pull_count for y/x',
    );
  });
});

describe('errors', () => {
  test.each([
    [
      'npm',
      new PackageApiError(400, 'answered 400', { error: 'end date > start date' }),
      'npm’s download-counts API refused p (400: end date > start date); the next pass tries again.',
    ],
    [
      'docker',
      new PackageApiError(null, 'did not answer in time'),
      'Docker Hub’s API did not answer in time for p; the next pass tries again.',
    ],
    [
      'pypi',
      new PackageApiError(502, 'answered 502', '502'),
      'PyPI’s download-statistics API answered 502 for p; the next pass tries again.',
    ],
    [
      'npm',
      new TypeError('payload.downloads is not iterable'),
      'npm’s download-counts API sent an answer for p that Pulseboard cannot read (payload.downloads is not iterable); the next pass tries again.',
    ],
  ] as const)('%s: %s', (key, error, line) => {
    expect(describePackageError(key, 'p', error)).toBe(line);
  });

  test.each([
    [null, null],
    ['7', 7000],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['soon', null],
  ])('retry-after %j → %j ms', (value, ms) => {
    expect(retryAfterMs(value, Date.parse('2015-10-21T07:28:00Z'))).toBe(ms);
  });
});
