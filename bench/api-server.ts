/**
 * The API on the bench database, in its own process, as `pulseboard start` serves it: its logging,
 * and the rate limit's hook (with a limit the load never reaches). Prints its URL.
 */
import { fileURLToPath } from 'node:url';
import type { Objective } from '../config/load.js';
import { openDatabase } from '../db/connect.js';
import { buildApp } from '../server/app.js';

const kr = (
  id: string,
  metric: string,
  target: number,
  direction: 'at_least' | 'at_most' = 'at_least',
  deadline: string | null = `${new Date().getUTCFullYear()}-12-31`,
) => ({
  id,
  objective: 'o',
  metric,
  label: metric,
  unit: 'count',
  direction,
  target,
  baseline: null,
  start: deadline ? `${new Date().getUTCFullYear()}-01-01` : null,
  deadline,
});
const okrs: Objective[] = [
  {
    objective: 'Build community',
    keyResults: [
      kr('stars', 'github.stars', 150000),
      kr('discord', 'discord.members', 60000),
      kr('contributors', 'github.contributors', 5000),
      kr('active', 'github.contributors.active', 800),
    ],
  },
  {
    objective: 'Healthy engagement',
    keyResults: [
      kr('merge', 'github.prs.merge_time.p50', 168, 'at_most', null),
      kr('response', 'github.issues.first_response.p50', 24, 'at_most', null),
    ],
  },
];

const database = await openDatabase({ kind: 'sqlite', path: process.argv[2]! });
const app = await buildApp({
  database,
  webRoot: fileURLToPath(new URL('../web/', import.meta.url)),
  rateLimitPerMinute: 1_000_000_000,
  log: 'problems',
  settings: { project: 'Bench', timezone: 'UTC', okrs, adminToken: null },
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${address}\n`);
