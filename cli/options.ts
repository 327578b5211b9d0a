/** Parsers for flag values: each rejects bad input with a sentence naming the fix. */
import { InvalidArgumentError } from 'commander';
import { isIsoDate, REPO_PATTERN, SNOWFLAKE_PATTERN } from '../config/patterns.js';
import { QUARTER_PATTERN } from '../server/report/period.js';

export function parsePortFlag(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError('use a whole number from 0 to 65535, e.g. --port 3000.');
  }
  return port;
}

export function parseDateFlag(value: string): string {
  if (!isIsoDate(value)) {
    throw new InvalidArgumentError('use a real date written YYYY-MM-DD, e.g. 2026-12-31.');
  }
  return value;
}

export function parseRepoFlag(value: string, previous: string[] = []): string[] {
  if (!REPO_PATTERN.test(value)) {
    throw new InvalidArgumentError(
      'use owner/name of a GitHub repository, e.g. --repo infragenius/core.',
    );
  }
  return [...previous, value];
}

export function parseGuildFlag(value: string): string {
  if (!SNOWFLAKE_PATTERN.test(value)) {
    throw new InvalidArgumentError(
      'use the 17–20 digit Discord server id, e.g. --guild 123456789012345678.',
    );
  }
  return value;
}

export function parseFaultRateFlag(value: string): number {
  const rate = Number(value);
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(value) || rate > 1) {
    throw new InvalidArgumentError(
      'use the share of requests to fail, from 0 to 1, e.g. --faults 0.05.',
    );
  }
  return rate;
}

export function parseSeedFlag(value: string): number {
  if (!/^\d{1,9}$/.test(value)) {
    throw new InvalidArgumentError('use a whole number, e.g. --fault-seed 42.');
  }
  return Number(value);
}

export function parseQuarterFlag(value: string): string {
  if (!QUARTER_PATTERN.test(value)) {
    throw new InvalidArgumentError('use a year and a quarter, e.g. --quarter 2026Q1.');
  }
  return value;
}
