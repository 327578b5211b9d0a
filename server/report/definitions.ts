/**
 * What each metric counts, in a line a steering committee reads without the README: the report
 * ends with these for every metric it names ("Bus factor" alone tells a reader nothing). Keyed by
 * the registry's ids (server/kpi/metrics); a test holds every registered metric to having one, so a
 * new metric cannot reach a report unexplained. The wording follows README "Metric reference".
 */
import type { ReportModel } from './model.js';

const CONTRIBUTION = 'a merged pull request, or a commit pushed to the main branch outside one';
/** Medians over a window: only the items that have the end in question count. */
const median = (what: string, over: string) =>
  `Median time from ${what}, over the ${over} in the last 90 days that have one.`;

const DEFINITIONS: Readonly<Record<string, string>> = {
  'github.stars': 'Stars on the tracked repositories, added up.',
  'github.forks': 'Forks of the tracked repositories, added up.',
  'github.contributors': `People with at least one contribution ever (${CONTRIBUTION}).`,
  'github.contributors.new': 'People whose first contribution came in the period.',
  'github.contributors.active': 'People with a contribution in the last 90 days.',
  'github.bus_factor':
    'The fewest people who together made half of the contributions of the last 365 days: the higher, the less the project rests on a few.',
  'github.contributions': `Units of work landed: each ${CONTRIBUTION}.`,
  'github.prs.opened': 'Pull requests opened (not by bots).',
  'github.prs.merged': 'Pull requests merged (not opened by bots).',
  'github.prs.merge_time.p50':
    'Median time from opening to merging, over the pull requests merged in the last 90 days.',
  'github.prs.merge_time.p90':
    'The time from opening to merging that nine in ten of the pull requests merged in the last 90 days stayed within.',
  'github.prs.first_review.p50': median(
    'opening a pull request to its first review by someone else',
    'pull requests opened',
  ),
  'github.issues.opened': 'Issues opened (not pull requests; not by bots).',
  'github.issues.closed': 'Issues closed (not pull requests; not opened by bots).',
  'github.issues.first_response.p50': median(
    'opening an issue to its first comment, review or close by anyone but its author',
    'issues opened',
  ),
  'github.issues.close_time.p50':
    'Median time from opening to closing, over the issues closed in the last 90 days.',
  'github.prs.acceptance_rate':
    'Of the pull requests decided in the last 90 days, the share merged rather than closed unmerged.',
  'github.issues.closure_ratio':
    'Issues closed in the last 90 days per issue opened in them; above 100% the backlog shrank.',
  'github.forks.contributing_share':
    'Of the people who forked a tracked repository, the share who have contributed to one, before or after forking.',
  'discord.members': 'Members of the Discord server.',
  'discord.online': 'Discord members online when the data was collected (Discord’s estimate).',
  'discord.joins': 'People who joined the Discord server.',
  'discord.active.7d': 'Discord members who posted in the last 7 days.',
  'discord.active.30d': 'Discord members who posted in the last 30 days.',
  'discord.messages':
    'Messages members posted in the Discord server (bots, webhooks and notices left out).',
  'github.discussions.opened': 'GitHub Discussions opened (not by bots).',
  'github.discussions.answered_share':
    'Of the questions (Q&A discussions) opened in the last 90 days, the share with a marked answer.',
  'github.discussions.community_answer_share':
    'Of the marked answers to questions (Q&A discussions) opened in the last 90 days, the share by people outside the team.',
  'github.discussions.first_response.p50': median(
    'opening a discussion to its first comment by someone else',
    'discussions opened',
  ),
  'github.traffic.views': 'Views of the repositories’ pages on GitHub, as GitHub counts them.',
  'github.traffic.views.uniques':
    'GitHub’s count of each day’s distinct visitors, added up over the days (someone back another day counts again).',
  'github.traffic.clones': 'Clones of the repositories, as GitHub counts them.',
  'github.traffic.clones.uniques':
    'GitHub’s count of each day’s distinct cloners, added up over the days.',
  'github.releases.downloads': 'Downloads of the releases’ files.',
  'npm.downloads': 'Downloads of the configured npm packages.',
  'pypi.downloads': 'Downloads of the configured PyPI packages.',
  'docker.pulls': 'Pulls of the configured Docker Hub images.',
};

/** The line for a metric id; a manual metric is what the team records (`pulseboard record`). */
export function metricDefinition(id: string): string | null {
  if (id.startsWith('manual.'))
    return 'A figure the team records by hand; each holds until the next.';
  return DEFINITIONS[id] ?? null;
}

/** Every metric the report names, by the label it goes by there, in that label's order. */
export function reportDefinitions(model: ReportModel): { label: string; definition: string }[] {
  const named = [
    ...model.objectives.flatMap((o) => o.keyResults.map((kr) => [kr.metricLabel, kr.metric])),
    ...model.health.map((m) => [m.label, m.id]),
  ];
  const byLabel = new Map<string, string>();
  for (const [label, id] of named) {
    const definition = metricDefinition(id!);
    if (definition && !byLabel.has(label!)) byLabel.set(label!, definition);
  }
  return [...byLabel]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, definition]) => ({ label, definition }));
}
