/** The Discord guild's members, joins and presence (scope `all`: one guild per project). */
import { carryForward, cumulativeCounts, dailyCounts, type Point } from '../series.js';
import { allScope } from './context.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { RollupContext } from './types.js';

interface DiscordView {
  range: [string, string];
  joins: string[];
  members: Point[];
  presence: Map<string, number>;
}

function discordView(data: RawData, ctx: RollupContext): DiscordView | null {
  return ctx.memo('discord', () => {
    const joins = data.discordMembers.map((m) => ctx.day(m.joined_at));
    const leaves = data.discordMembers
      .filter((m) => m.left_at !== null)
      .map((m) => ctx.day(m.left_at!));
    const snapshotDays = data.discordSnapshots.map((s) => ctx.day(s.taken_at));
    const range = ctx.span([...joins, ...snapshotDays]);
    if (!range) return null;
    // The last snapshot of each day is that day's count; before the first snapshot, members still
    // present counted by join date (Discord lists no one who has left).
    const counts = new Map<string, number>();
    const presence = new Map<string, number>();
    data.discordSnapshots.forEach((s, i) => {
      counts.set(snapshotDays[i]!, s.member_count);
      if (s.presence_count !== null) presence.set(snapshotDays[i]!, s.presence_count);
    });
    const firstSnapshot =
      snapshotDays.length > 0 ? snapshotDays.reduce((a, b) => (a < b ? a : b)) : null;
    const joined = cumulativeCounts(joins, ...range);
    const left = cumulativeCounts(leaves, ...range);
    const counted = carryForward(counts, ...range);
    const members = joined.map((p, i) =>
      firstSnapshot !== null && p.t >= firstSnapshot
        ? counted[i]!
        : { t: p.t, v: p.v! - left[i]!.v! },
    );
    return { range, joins, members, presence };
  });
}

const reads = ['discordSnapshots', 'discordMembers'] as const;

export const discordMetrics = [
  defineMetric({
    id: 'discord.members',
    label: 'Discord members',
    unit: 'people',
    kind: 'level',
    area: 'community',
    reads,
    compute: (data, ctx) => allScope(discordView(data, ctx)?.members ?? null),
  }),
  defineMetric({
    id: 'discord.online',
    label: 'Discord members online',
    unit: 'people',
    kind: 'level',
    area: 'community',
    reads,
    compute(data, ctx) {
      const view = discordView(data, ctx);
      if (!view || view.presence.size === 0) return [];
      return allScope(carryForward(view.presence, ...view.range).filter((p) => p.v !== null));
    },
  }),
  defineMetric({
    id: 'discord.joins',
    label: 'Discord joins',
    unit: 'people',
    kind: 'per_period',
    area: 'community',
    reads,
    compute(data, ctx) {
      const view = discordView(data, ctx);
      return view && view.joins.length > 0 ? allScope(dailyCounts(view.joins, ...view.range)) : [];
    },
  }),
];
