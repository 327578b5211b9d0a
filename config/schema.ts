/**
 * The shape of `pulseboard.yaml`. Every message says what is wrong and how to fix it;
 * the loader prefixes it with the file, line and path (`okrs[1].keyResults[0].metric`).
 */
import { validateDetailed as validateCron } from 'node-cron';
import { z } from 'zod';
import { closest, distance } from 'fastest-levenshtein';
import { findMetric, METRICS, type Direction } from '../server/kpi/metrics/index.js';
import { alertsSchema, checkAlertMetrics } from './alerts.js';
import { missingSource } from './metric-sources.js';
import { packagesSchema } from './packages.js';
import { REPO_PATTERN, SNOWFLAKE_PATTERN } from './patterns.js';
import { checkKeyResultScope, keyResultScopeFields, teamSchema } from './scope.js';

const KEY_RESULT_ID = /^[a-z0-9][a-z0-9_-]*$/;
/** `per:` on a key result of a per-period metric: the total each period must reach. */
export const PERIOD_LENGTHS = ['week', 'month', 'quarter'] as const;
export type PeriodLength = (typeof PERIOD_LENGTHS)[number];

const date = (example: string) =>
  z.iso.date({ error: `must be a real date written YYYY-MM-DD, e.g. ${example}` });

const cron = (example: string) =>
  z
    .string({ error: `must be a cron expression in quotes, e.g. "${example}"` })
    .superRefine((expression, ctx) => {
      const result = validateCron(expression);
      if (!result.valid) {
        const why = result.errors.map((e) => e.message).join('; ');
        ctx.addIssue({
          code: 'custom',
          message: `is not a valid cron expression (${why}); use five fields "minute hour day month weekday", e.g. "${example}"`,
        });
      }
    });

const finite = (what: string, example: string) =>
  z.number({ error: `must be ${what}, e.g. ${example}` }).refine(Number.isFinite, {
    message: `must be ${what}, e.g. ${example}`,
  });

const DASHBOARD_URL_ERROR =
  'must be the address people open the dashboard at, an http(s) URL without ?query or #fragment, e.g. dashboardUrl: https://pulse.example.org; fix it or remove the line';

/** An http(s) address the digest can append `/metrics/…` to. */
function isDashboardUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    !/[?#]/.test(text) &&
    url.username === '' &&
    url.password === ''
  );
}

const metricIds = METRICS.map((m) => m.id).join(', ');

const metricId = z
  .string({ error: `must be a metric id, one of ${metricIds}, or manual.<name>` })
  .refine((id) => findMetric(id) !== undefined, {
    error: (issue) =>
      `unknown metric "${String(issue.input)}"${suggest(
        String(issue.input),
        METRICS.map((m) => m.id),
      )}; use one of ${metricIds}, or manual.<name> for values you record yourself`,
  });

const keyResult = z.strictObject({
  id: z.string({ error: 'must be a short id in quotes, e.g. id: stars' }).regex(KEY_RESULT_ID, {
    error: 'must be lower-case letters, digits, "-" or "_" (it appears in URLs), e.g. merge-time',
  }),
  metric: metricId,
  target: finite('a number', 'target: 10000'),
  direction: z
    .enum(['at_least', 'at_most'], {
      error: 'must be at_least (higher is better) or at_most (lower is better)',
    })
    .optional(),
  baseline: finite('a number', 'baseline: 2500').optional(),
  deadline: date('deadline: 2026-12-31').optional(),
  label: z.string({ error: 'must be text, e.g. label: "Stars on core"' }).min(1).optional(),
  unit: z.string({ error: 'must be text, e.g. unit: USD' }).min(1).optional(),
  per: z
    .enum(PERIOD_LENGTHS, { error: 'must be week, month or quarter, e.g. per: month' })
    .optional(),
  ...keyResultScopeFields,
});

const objective = z.strictObject({
  objective: z
    .string({ error: 'must be text naming the objective, e.g. objective: Build community' })
    .min(1),
  period: z
    .strictObject({
      start: date('start: 2026-01-01'),
      end: date('end: 2026-12-31'),
    })
    .refine((p) => p.start < p.end, {
      error: 'must end after it starts; swap start and end or fix the dates',
      path: ['end'],
    })
    .optional(),
  keyResults: z
    .array(keyResult, {
      error:
        'must be a list of key results, e.g. - { id: stars, metric: github.stars, target: 10000 }',
    })
    .min(1, {
      error:
        'must list at least one key result, e.g. - { id: stars, metric: github.stars, target: 10000 }',
    }),
});

export const configFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    project: z.string({ error: 'must name your project, e.g. project: InfraGenius' }).min(1, {
      error: 'must name your project, e.g. project: InfraGenius',
    }),
    timezone: z
      .string({ error: 'must be an IANA time zone in quotes, e.g. timezone: Europe/Berlin' })
      .refine(isTimeZone, {
        error: (issue) =>
          `unknown time zone "${String(issue.input)}"; use an IANA name such as UTC or Europe/Berlin`,
      })
      .default('UTC'),
    dashboardUrl: z
      .string({ error: DASHBOARD_URL_ERROR })
      .refine(isDashboardUrl, { error: DASHBOARD_URL_ERROR })
      .transform((url) => new URL(url).href.replace(/\/+$/, ''))
      .optional(),
    github: z
      .strictObject({
        repos: z
          .array(
            z.string().regex(REPO_PATTERN, {
              error: 'must be owner/name of a GitHub repository, e.g. infragenius/core',
            }),
            { error: 'must be a list of owner/name, e.g. repos: [infragenius/core]' },
          )
          .default([]),
        orgs: z
          .array(
            z.string().regex(/^[A-Za-z0-9-]+$/, {
              error: 'must be a GitHub organisation login, e.g. infragenius',
            }),
            { error: 'must be a list of organisations, e.g. orgs: [infragenius]' },
          )
          .default([]),
        bots: z
          .array(z.string().min(1), {
            error: 'must be a list of logins, e.g. bots: ["renovate[bot]"]',
          })
          .default([]),
        includeForks: z.boolean({ error: 'must be true or false' }).default(false),
        includeArchived: z.boolean({ error: 'must be true or false' }).default(false),
      })
      .refine((g) => g.repos.length + g.orgs.length > 0, {
        error: 'lists no repository; add repos: [owner/name] or orgs: [your-org]',
      })
      .optional(),
    discord: z
      .strictObject({
        guildId: z
          .string({
            error:
              'must be the server id in quotes, e.g. guildId: "123456789012345678" (unquoted, a number this long loses digits)',
          })
          .regex(SNOWFLAKE_PATTERN, {
            error:
              'must be the 17–20 digit server id (Server Settings → Widget → Server ID), in quotes',
          }),
        inviteCode: z
          .string()
          .regex(/^[A-Za-z0-9-]+$/, {
            error: 'must be the code of a public invite, e.g. inviteCode: abcDEF12',
          })
          .optional(),
      })
      .optional(),
    packages: packagesSchema.optional(),
    schedule: z
      .strictObject({
        collect: cron('17 * * * *').default('17 * * * *'),
        digest: cron('0 9 * * MON').default('0 9 * * MON'),
        leaseSeconds: z
          .number({ error: 'must be a number of seconds, e.g. leaseSeconds: 60' })
          .int({ error: 'must be a whole number of seconds, e.g. leaseSeconds: 60' })
          .min(2, { error: 'must be at least 2 seconds' })
          .max(3600, { error: 'must be at most 3600 seconds' })
          .default(60),
      })
      .prefault({}),
    digest: z
      .strictObject({
        slack: z.boolean({ error: 'must be true or false' }).default(false),
        discord: z.boolean({ error: 'must be true or false' }).default(false),
      })
      .prefault({}),
    alerts: alertsSchema(metricId).optional(),
    team: teamSchema.prefault({}),
    okrs: z
      .array(objective, {
        error:
          'must be a list of objectives, each with objective: and keyResults: (see examples/pulseboard.yaml)',
      })
      .default([]),
  })
  .superRefine((config, ctx) => {
    if (!config.github && !config.discord && !config.packages) {
      ctx.addIssue({
        code: 'custom',
        path: ['github'],
        message:
          'is missing and so are discord and packages; add github: { repos: [owner/name] }, discord: { guildId: "…" } or packages: { npm: [name] } so there is something to collect',
      });
    }
    checkKeyResults(config, ctx);
    checkAlertMetrics(config, ctx);
  });

export type ConfigFile = z.output<typeof configFileSchema>;

function checkKeyResults(config: ConfigFile, ctx: z.RefinementCtx): void {
  const seen = new Map<string, string>();
  config.okrs.forEach((objective, o) => {
    objective.keyResults.forEach((kr, k) => {
      const first = seen.get(kr.id);
      const problems: Problem[] = first
        ? [[['id'], `"${kr.id}" is already used by ${first}; give each key result its own id`]]
        : [];
      if (!first) seen.set(kr.id, `okrs[${o}].keyResults[${k}]`);
      problems.push(...keyResultProblems(config, objective.period, kr));
      for (const [path, message] of problems)
        ctx.addIssue({ code: 'custom', path: ['okrs', o, 'keyResults', k, ...path], message });
    });
  });
}

type Problem = [path: (string | number)[], message: string];
type ObjectiveFile = ConfigFile['okrs'][number];
type KeyResultFile = ObjectiveFile['keyResults'][number];

/** What is wrong with one key result given its metric, the sources configured and its objective. */
function keyResultProblems(
  config: ConfigFile,
  period: ObjectiveFile['period'],
  kr: KeyResultFile,
): Problem[] {
  const metric = findMetric(kr.metric);
  if (!metric) return []; // reported by the field itself
  const problems: Problem[] = [];
  const missing = missingSource(config, metric.source);
  if (missing)
    problems.push([
      ['metric'],
      `"${kr.metric}" needs ${missing.needs}; add ${missing.add} or use another metric`,
    ]);
  if (kr.unit !== undefined && metric.source !== 'manual')
    problems.push([
      ['unit'],
      `is only for manual.* metrics (${kr.metric} is measured in ${metric.unit}); remove it`,
    ]);
  if (kr.per !== undefined && metric.kind !== 'per_period')
    problems.push([
      ['per'],
      `is only for metrics counted per period (${kr.metric} is a ${metric.kind === 'level' ? 'running level' : 'trailing window'}); remove per: or use a per-period metric such as github.prs.merged`,
    ]);
  problems.push(...checkKeyResultScope(kr, metric, config.github));
  problems.push(...targetProblems(kr, kr.direction ?? metric.better, metric.unit));
  if (kr.deadline && period && kr.deadline <= period.start)
    problems.push([
      ['deadline'],
      `${kr.deadline} is not after the objective's period start ${period.start}; move the deadline or the period`,
    ]);
  return problems;
}

/** A target on the wrong side of its baseline, or a negative number of hours. */
function targetProblems(kr: KeyResultFile, direction: Direction, unit: string): Problem[] {
  const problems: Problem[] = [];
  if (kr.baseline !== undefined) {
    const wrongSide =
      direction === 'at_least' ? kr.target <= kr.baseline : kr.target >= kr.baseline;
    if (wrongSide) {
      const want = direction === 'at_least' ? 'above' : 'below';
      problems.push([
        ['target'],
        `${kr.target} is not ${want} the baseline ${kr.baseline}, so there is nothing to reach (direction ${direction}); fix the target or the baseline, or set direction: ${direction === 'at_least' ? 'at_most' : 'at_least'}`,
      ]);
    }
  }
  if (unit === 'hours' && kr.target < 0) problems.push([['target'], 'must be zero or more hours']);
  return problems;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** ` (did you mean "x"?)` for the closest candidate within a small edit distance, else ''. */
export function suggest(input: string, candidates: readonly string[]): string {
  const best = closest(input, [...candidates]);
  return distance(input, best) <= Math.max(2, Math.floor(input.length / 4))
    ? ` (did you mean "${best}"?)`
    : '';
}
