/**
 * The `alerts:` section of `pulseboard.yaml` (absent: alerts are off). Webhook URLs and the signing
 * secret are secrets, so they come from the environment, never from this file.
 */
import { z } from 'zod';
import { findMetric } from '../server/kpi/metrics/index.js';
import { missingSource, type SourcesConfigured } from './metric-sources.js';

export const ALERT_CHANNELS = ['slack', 'discord', 'webhook'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

const value = z
  .number({ error: 'must be a number, e.g. above: 168' })
  .refine(Number.isFinite, { message: 'must be a finite number, e.g. above: 168' });

const threshold = (metricId: z.ZodType<string>) =>
  z
    .strictObject({ metric: metricId, above: value.optional(), below: value.optional() })
    .refine((t) => (t.above === undefined) !== (t.below === undefined), {
      error:
        'needs exactly one of above: or below:, e.g. { metric: github.prs.merge_time.p50, above: 168 }',
    });

export const alertsSchema = (metricId: z.ZodType<string>) =>
  z
    .strictObject({
      keyResults: z
        .enum(['any', 'worse', 'off'], {
          error: 'must be any (every status change), worse (only changes for the worse) or off',
        })
        .default('worse'),
      thresholds: z
        .array(threshold(metricId), {
          error: 'must be a list, e.g. - { metric: github.prs.merge_time.p50, above: 168 }',
        })
        .default([]),
      milestones: z
        .array(metricId, { error: 'must be a list of metric ids, e.g. [github.stars]' })
        .default([]),
      collection: z
        .strictObject({
          failures: z
            .number({ error: 'must be a number of passes, e.g. failures: 3' })
            .int({ error: 'must be a whole number of passes, e.g. failures: 3' })
            .min(1, { error: 'must be at least 1' })
            .max(100, { error: 'must be at most 100' })
            .default(3),
          rateLimit: z.boolean({ error: 'must be true or false' }).default(true),
        })
        .prefault({}),
      slack: z.boolean({ error: 'must be true or false' }).default(false),
      discord: z.boolean({ error: 'must be true or false' }).default(false),
      webhook: z.boolean({ error: 'must be true or false' }).default(false),
      maxPerHour: z
        .number({ error: 'must be a number of alerts, e.g. maxPerHour: 10' })
        .int({ error: 'must be a whole number, e.g. maxPerHour: 10' })
        .min(1, { error: 'must be at least 1' })
        .max(1000, { error: 'must be at most 1000' })
        .default(10),
    })
    .refine((a) => a.slack || a.discord || a.webhook, {
      error:
        'turns alerts on but sends them nowhere; add slack: true, discord: true or webhook: true (or remove alerts:)',
    });

export type AlertsConfig = z.output<ReturnType<typeof alertsSchema>>;

interface WithAlerts extends SourcesConfigured {
  alerts?: AlertsConfig;
}

/** Milestones need a running level; every alert metric needs its source configured. */
export function checkAlertMetrics(config: WithAlerts, ctx: z.RefinementCtx): void {
  if (!config.alerts) return;
  const check = (id: string, path: (string | number)[]) => {
    const metric = findMetric(id);
    if (!metric) return; // reported by the field itself
    const missing = missingSource(config, metric.source);
    if (missing) {
      ctx.addIssue({
        code: 'custom',
        path,
        message:
          metric.source === 'github' || metric.source === 'discord'
            ? `"${id}" needs ${missing.needs}; configure ${metric.source}: or use another metric`
            : `"${id}" needs ${missing.needs}; add ${missing.add} or use another metric`,
      });
    }
    return metric;
  };
  config.alerts.thresholds.forEach((t, i) =>
    check(t.metric, ['alerts', 'thresholds', i, 'metric']),
  );
  config.alerts.milestones.forEach((id, i) => {
    const metric = check(id, ['alerts', 'milestones', i]);
    if (metric && (metric.kind !== 'level' || metric.better !== 'at_least')) {
      ctx.addIssue({
        code: 'custom',
        path: ['alerts', 'milestones', i],
        message: `"${id}" is not a running total, so it has no milestones; use one that grows, such as github.stars, github.forks, github.contributors or discord.members`,
      });
    }
  });
}
