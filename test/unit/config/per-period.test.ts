/** `per: week | month | quarter` on a key result, and its misuse. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../../config/errors.js';
import { loadConfig, parseConfigText } from '../../../config/load.js';

const config = (fields: string) =>
  'project: Demo\ngithub: { repos: [acme/core] }\n' +
  'okrs:\n  - objective: Grow\n    period: { start: 2026-01-01, end: 2026-12-31 }\n' +
  `    keyResults:\n      - { ${fields} }\n`;

function errorsOf(text: string): string[] {
  try {
    parseConfigText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).lines];
  }
  throw new Error('the config was accepted');
}

describe('per: on a key result', () => {
  test.each(['week', 'month', 'quarter'] as const)('per: %s loads onto the key result', (per) => {
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-per-'));
    writeFileSync(
      join(dir, 'pulseboard.yaml'),
      config(`id: merged, metric: github.prs.merged, target: 500, per: ${per}`),
    );
    const kr = loadConfig({ cwd: dir, env: {} }).okrs[0]!.keyResults[0]!;
    expect(kr).toMatchObject({ id: 'merged', per, target: 500, direction: 'at_least' });
  });

  test('without per:, a key result has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-per-'));
    writeFileSync(join(dir, 'pulseboard.yaml'), config('id: s, metric: github.stars, target: 10'));
    expect(loadConfig({ cwd: dir, env: {} }).okrs[0]!.keyResults[0]!.per).toBeUndefined();
  });

  test.each([
    [
      'a running level',
      'id: s, metric: github.stars, target: 10, per: month',
      'pulseboard.yaml:7:57: okrs[0].keyResults[0].per: is only for metrics counted per period (github.stars is a running level); remove per: or use a per-period metric such as github.prs.merged.',
    ],
    [
      'a trailing window',
      'id: m, metric: github.prs.merge_time.p50, target: 24, per: week',
      'okrs[0].keyResults[0].per: is only for metrics counted per period (github.prs.merge_time.p50 is a trailing window); remove per:',
    ],
    [
      'a manual value',
      'id: arr, metric: manual.arr, target: 10, per: quarter',
      'okrs[0].keyResults[0].per: is only for metrics counted per period (manual.arr is a running level)',
    ],
    [
      'an unknown length',
      'id: m, metric: github.prs.merged, target: 10, per: year',
      'okrs[0].keyResults[0].per: must be week, month or quarter, e.g. per: month.',
    ],
  ])('per: on %s is one line naming the field and the fix', (_name, fields, expected) => {
    const lines = errorsOf(config(fields));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
    expect(lines[0]!.split('\n')).toHaveLength(1);
  });
});

describe('examples/strategy.yaml', () => {
  test('loads, with its per-period key results', () => {
    const text = readFileSync(new URL('../../../examples/strategy.yaml', import.meta.url), 'utf8');
    const config = parseConfigText(text, 'examples/strategy.yaml');
    const pers = config.okrs.flatMap((o) => o.keyResults).filter((kr) => kr.per);
    expect(pers.map((kr) => [kr.id, kr.per])).toEqual([
      ['downloads-monthly', 'month'],
      ['contributions', 'month'],
      ['new-monthly', 'month'],
      ['issues-closed-weekly', 'week'],
      ['joins-quarterly', 'quarter'],
    ]);
  });
});
