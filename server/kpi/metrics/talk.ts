/**
 * Where the community talks: active Discord members and messages (scope `all`), and GitHub
 * Discussions per repository (`server/kpi/activity.ts`, `server/kpi/discussions.ts` hold the math).
 */
import { discordActivitySeries, firstFullDay, type DiscordActivitySeries } from '../activity.js';
import { DISCUSSION_WINDOW_DAYS, discussionSeries, type DiscussionSeries } from '../discussions.js';
import { allScope, perRepoScope } from './context.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { RollupContext, ScopedPoints } from './types.js';

function activityView(data: RawData, ctx: RollupContext): DiscordActivitySeries | null {
  return ctx.memo('discord-activity', () => {
    const { posts, historyFrom } = data.discordActivity;
    const start = historyFrom === null ? null : firstFullDay(historyFrom, ctx.timeZone);
    const range = ctx.span([...(start ? [start] : []), ...posts.map((p) => ctx.day(p.posted_at))]);
    if (!range) return null;
    return discordActivitySeries(posts, ctx.timeZone, range[0], range[1], start);
  });
}

const activity =
  (pick: (s: DiscordActivitySeries) => ScopedPoints['points']) =>
  (data: RawData, ctx: RollupContext) => {
    const view = activityView(data, ctx);
    // Days before a window is whole are left out, not stored as empty.
    return allScope(view ? pick(view).filter((p) => p.v !== null) : null);
  };

const discordReads = ['discordActivity'] as const;

export const discordActivityMetrics = [
  defineMetric({
    id: 'discord.active.7d',
    label: 'Active Discord members (7 days)',
    description: 'Discord members who posted in the last 7 days.',
    unit: 'people',
    kind: 'window',
    windowDays: 7,
    area: 'community',
    reads: discordReads,
    incremental: true,
    compute: activity((s) => s.active7d),
  }),
  defineMetric({
    id: 'discord.active.30d',
    label: 'Active Discord members (30 days)',
    description: 'Discord members who posted in the last 30 days.',
    unit: 'people',
    kind: 'window',
    windowDays: 30,
    area: 'community',
    reads: discordReads,
    incremental: true,
    compute: activity((s) => s.active30d),
  }),
  defineMetric({
    id: 'discord.messages',
    label: 'Discord messages',
    description:
      'Messages members posted in the Discord server (bots, webhooks and notices left out).',
    unit: 'count',
    kind: 'per_period',
    area: 'community',
    reads: discordReads,
    incremental: true,
    compute: activity((s) => s.messages),
  }),
];

function discussionView(data: RawData, ctx: RollupContext, repo: string | null, scope: string) {
  return ctx.memo(`discussions:${scope}`, (): DiscussionSeries | null => {
    const rows = ctx.ofRepo('discussions', repo);
    const range = ctx.span(rows.map((r) => ctx.day(r.created_at)));
    return range ? discussionSeries(rows, ctx.timeZone, range[0], range[1]) : null;
  });
}

const discussions =
  (pick: (s: DiscussionSeries) => ScopedPoints['points']) => (data: RawData, ctx: RollupContext) =>
    perRepoScope(ctx, (repo, scope) => {
      const view = discussionView(data, ctx, repo, scope);
      return view ? pick(view) : null;
    });

const discussionReads = ['discussions'] as const;

export const discussionMetrics = [
  defineMetric({
    id: 'github.discussions.opened',
    label: 'Discussions opened',
    description: 'GitHub Discussions opened (not by bots).',
    unit: 'count',
    kind: 'per_period',
    area: 'community',
    reads: discussionReads,
    compute: discussions((s) => s.opened),
  }),
  defineMetric({
    id: 'github.discussions.answered_share',
    label: 'Questions answered',
    description:
      'Of the questions (Q&A discussions) opened in the last 90 days, the share with a marked answer.',
    unit: 'ratio',
    kind: 'window',
    windowDays: DISCUSSION_WINDOW_DAYS,
    area: 'community',
    reads: discussionReads,
    compute: discussions((s) => s.answeredShare),
  }),
  defineMetric({
    id: 'github.discussions.community_answer_share',
    label: 'Answers from the community',
    description:
      'Of the marked answers to questions (Q&A discussions) opened in the last 90 days, the share by people outside the team.',
    unit: 'ratio',
    kind: 'window',
    windowDays: DISCUSSION_WINDOW_DAYS,
    area: 'community',
    reads: discussionReads,
    compute: discussions((s) => s.communityAnswerShare),
  }),
  defineMetric({
    id: 'github.discussions.first_response.p50',
    label: 'Discussion first response (median)',
    description:
      'Median time from opening a discussion to its first comment by someone else, over the discussions opened in the last 90 days that have one.',
    unit: 'hours',
    kind: 'window',
    windowDays: DISCUSSION_WINDOW_DAYS,
    area: 'responsiveness',
    better: 'at_most',
    reads: discussionReads,
    compute: discussions((s) => s.firstResponseP50),
  }),
];
