/**
 * What a key result can select: `contributors: team | external` (with the config's `team:`) and
 * `repos: [owner/name, …]`. Kept apart from schema.ts so the key-result checks stay readable.
 */
import { z } from 'zod';
import { findMetric, type MetricDefinition } from '../server/kpi/metrics/index.js';
import { REPO_PATTERN } from './patterns.js';
import { CONTRIBUTOR_METRICS } from '../server/kpi/team.js';

/** GitHub's author associations that mean membership or write access (the others are outsiders). */
export const TEAM_ASSOCIATIONS = ['OWNER', 'MEMBER', 'COLLABORATOR'] as const;
export type TeamAssociation = (typeof TEAM_ASSOCIATIONS)[number];

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export const teamSchema = z
  .strictObject({
    logins: z
      .array(
        z.string().regex(GITHUB_LOGIN, {
          error: 'must be a GitHub login (letters, digits and "-"), e.g. octocat',
        }),
        { error: 'must be a list of GitHub logins, e.g. logins: [alice, bob]' },
      )
      .default([]),
    associations: z
      .array(
        z.enum(TEAM_ASSOCIATIONS, {
          error: `must be one of ${TEAM_ASSOCIATIONS.join(', ')} (GitHub's author associations for members and collaborators)`,
        }),
        { error: `must be a list, e.g. associations: [${TEAM_ASSOCIATIONS.join(', ')}]` },
      )
      .default([...TEAM_ASSOCIATIONS]),
  })
  .superRefine((team, ctx) => {
    const seen = new Set<string>();
    team.logins.forEach((login, i) => {
      if (seen.has(login.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: ['logins', i],
          message: `"${login}" is listed twice (logins ignore case); keep one`,
        });
      seen.add(login.toLowerCase());
    });
  });

export const keyResultScopeFields = {
  contributors: z
    .enum(['external', 'team'], {
      error: 'must be external (everyone outside team:) or team (the people team: lists)',
    })
    .optional(),
  repos: z
    .array(
      z.string().regex(REPO_PATTERN, {
        error: 'must be owner/name of a tracked repository, e.g. infragenius/plugins',
      }),
      { error: 'must be a list of owner/name, e.g. repos: [infragenius/plugins]' },
    )
    .min(1, { error: 'must list at least one repository, or be left out for all of them' })
    .optional(),
};

interface ScopedKeyResult {
  metric: string;
  contributors?: 'external' | 'team' | undefined;
  repos?: string[] | undefined;
}

/** The problems with a key result's `contributors:` / `repos:`, as [field, message]. */
export function checkKeyResultScope(
  kr: ScopedKeyResult,
  metric: MetricDefinition,
  github: { repos: readonly string[]; orgs: readonly string[] } | undefined,
): [path: (string | number)[], message: string][] {
  const problems: [(string | number)[], string][] = [];
  if (kr.contributors !== undefined && !CONTRIBUTOR_METRICS.includes(metric.id)) {
    problems.push([
      ['contributors'],
      `is only for contributor metrics (${CONTRIBUTOR_METRICS.filter((id) => findMetric(id)).join(', ')}), not ${metric.id}; remove it or use one of those`,
    ]);
  }
  if (kr.repos === undefined) return problems;
  if (metric.source !== 'github') {
    problems.push([['repos'], `is only for GitHub metrics, not ${metric.id}; remove it`]);
    return problems;
  }
  const tracked = (github?.repos ?? []).map((r) => r.toLowerCase());
  const orgs = (github?.orgs ?? []).map((o) => o.toLowerCase());
  const seen = new Set<string>();
  kr.repos.forEach((repo, i) => {
    if (!REPO_PATTERN.test(repo)) return; // reported by the field itself
    const name = repo.toLowerCase();
    if (seen.has(name)) problems.push([['repos', i], `"${repo}" is listed twice; keep one`]);
    seen.add(name);
    if (!tracked.includes(name) && !orgs.includes(name.split('/')[0]!))
      problems.push([
        ['repos', i],
        `"${repo}" is not a tracked repository; add it to github.repos or use one of ${github?.repos.join(', ') || 'the repositories of github.orgs'}`,
      ]);
  });
  const combinable =
    (metric.kind !== 'window' && metric.unit !== 'ratio') ||
    CONTRIBUTOR_METRICS.includes(metric.id) ||
    kr.repos.length === 1;
  if (!combinable)
    problems.push([
      ['repos'],
      `cannot combine several repositories for ${metric.id} (its per-repository values are percentiles or ratios, which do not add up); list one repository or leave repos: out for all of them`,
    ]);
  return problems;
}

/** The default label of a scoped key result, e.g. "Active contributors (90 days), external, in a/b". */
export function scopedLabel(label: string, kr: ScopedKeyResult): string {
  const parts = [label];
  if (kr.contributors) parts.push(kr.contributors === 'team' ? 'team' : 'external');
  if (kr.repos) parts.push(`in ${kr.repos.join(', ')}`);
  return parts.join(', ');
}
