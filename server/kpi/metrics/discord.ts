/** The Discord guild's members, joins and presence (scope `all`: one guild per project). */
import { carryForward, cumulativeCounts, dailyCounts, type Point } from '../series.js';
import { allScope } from './context.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { RollupContext } from './types.js';

interface DiscordView {
  range: [string, string];
  joins: string[];
  leaves: string[];
  /** The last snapshot of each day is that day's count. */
  counts: Map<string, number>;
  presence: Map<string, number>;
  firstSnapshot: string | null;
}

/** The rows part is shared by the metrics of one refresh; the range is each metric's own. */
function discordView(data: RawData, ctx: RollupContext): DiscordView | null {
  const rows = ctx.memo('discord', () => {
    const joins = data.discordMembers.map((m) => ctx.day(m.joined_at));
    const leaves = data.discordMembers
      .filter((m) => m.left_at !== null)
      .map((m) => ctx.day(m.left_at!));
    const snapshotDays = data.discordSnapshots.map((s) => ctx.day(s.taken_at));
    const counts = new Map<string, number>();
    const presence = new Map<string, number>();
    data.discordSnapshots.forEach((s, i) => {
      counts.set(snapshotDays[i]!, s.member_count);
      if (s.presence_count !== null) presence.set(snapshotDays[i]!, s.presence_count);
    });
    const firstSnapshot =
      snapshotDays.length > 0 ? snapshotDays.reduce((a, b) => (a < b ? a : b)) : null;
    return { days: [...joins, ...snapshotDays], joins, leaves, counts, presence, firstSnapshot };
  });
  const range = ctx.span(rows.days);
  return range && { range, ...rows };
}

/**
 * Members: from the first snapshot on, the snapshots' counts; before it, members still present
 * counted by join date (Discord lists no one who has left). An incremental refresh carries on from
 * the count stored for the day before (the rows loaded hold only the joins and leaves since).
 */
function members(view: DiscordView, carried: number | null | undefined): Point[] {
  const [from] = view.range;
  const before = (days: readonly string[]) => days.filter((d) => d < from).length;
  const offset =
    typeof carried === 'number' ? carried - (before(view.joins) - before(view.leaves)) : 0;
  const joined = cumulativeCounts(view.joins, ...view.range);
  const left = cumulativeCounts(view.leaves, ...view.range);
  const counted = carryForward(view.counts, ...view.range);
  return joined.map((p, i) =>
    view.firstSnapshot !== null && p.t >= view.firstSnapshot
      ? counted[i]!
      : { t: p.t, v: p.v! - left[i]!.v! + offset },
  );
}

const reads = ['discordSnapshots', 'discordMembers'] as const;

export const discordMetrics = [
  defineMetric({
    id: 'discord.members',
    label: 'Discord members',
    description: 'Members of the Discord server.',
    unit: 'people',
    kind: 'level',
    area: 'community',
    reads,
    incremental: true,
    compute(data, ctx) {
      const view = discordView(data, ctx);
      return allScope(view && members(view, ctx.carried('all')));
    },
  }),
  defineMetric({
    id: 'discord.online',
    label: 'Discord members online',
    description: 'Discord members online when the data was collected (Discord’s estimate).',
    unit: 'people',
    kind: 'level',
    area: 'community',
    reads,
    incremental: true,
    compute(data, ctx) {
      const view = discordView(data, ctx);
      const carried = ctx.carried('all');
      if (!view || (view.presence.size === 0 && typeof carried !== 'number')) return [];
      const online = carryForward(view.presence, ...view.range, carried ?? null);
      return allScope(online.filter((p) => p.v !== null));
    },
  }),
  defineMetric({
    id: 'discord.joins',
    label: 'Discord joins',
    description: 'People who joined the Discord server.',
    unit: 'people',
    kind: 'per_period',
    area: 'community',
    reads,
    incremental: true,
    compute(data, ctx) {
      const view = discordView(data, ctx);
      if (!view || (view.joins.length === 0 && ctx.carried('all') === undefined)) return [];
      return allScope(dailyCounts(view.joins, ...view.range));
    },
  }),
];
