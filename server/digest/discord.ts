/**
 * The digest as a Discord webhook message: at most 10 embeds and 6,000 characters across them,
 * each part within its own limit. Sent with `allowed_mentions: {parse: []}`, so nothing in a title
 * or login (`@everyone`, `<@id>`) pings anyone, and text from GitHub has its markdown escaped, so a
 * pull request titled `[claim your prize](https://…)` shows as typed, not as a link.
 */
import { escapeMarkdown } from '@discordjs/formatters';
import { STATUS_ICON } from '../../shared/format.js';
import { joinCapped } from '../join-capped.js';
import type { DigestModel } from './model.js';
import {
  joinLinked,
  newContributorsHeading,
  notesText,
  statusText,
  unlinkedText,
  valueAndTarget,
  waitingHeading,
  waitingLines,
  weekChangeText,
  weekTitle,
  type Markup,
} from './text.js';

export const DISCORD_LIMITS = {
  embeds: 10,
  total: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
} as const;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

export interface DiscordMessage {
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: never[] };
}

/** Text from GitHub (titles, logins, repo names, its error messages) as literal Discord text. */
export const escapeDiscord = (text: string) =>
  escapeMarkdown(text, { maskedLink: true, heading: true, bulletedList: true, numberedList: true });
const md = escapeDiscord;

/**
 * `[text](url)`: `text` already escaped, its brackets too (a `]` would end it); in the URL
 * whatever ends it (`)`, spaces, `<>`) is percent-encoded.
 */
export function discordLink(url: string, text: string): string {
  const href = url.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${text.replace(/(?<!\\)[[\]]/g, '\\$&')}](${href})`;
}

const MARKUP: Markup = {
  escape: escapeDiscord,
  link: discordLink,
  italic: (text) => `*${text}*`,
  bullet: '',
};

/**
 * Character budgets per part: with the titles (the first up to 256) and field names, under the
 * 6,000 all embeds may hold together.
 */
const BUDGET = {
  keyResults: 2200,
  contributors: 600,
  merges: 650,
  waiting: 780,
  problems: 400,
} as const;

export function renderDiscord(model: DigestModel): DiscordMessage {
  const embeds: DiscordEmbed[] = [];
  const krLines = (withLinks: boolean) =>
    model.keyResults.map((k) => {
      const label = withLinks && k.url ? discordLink(k.url, k.label) : k.label;
      const name = `${STATUS_ICON[k.status]} **${label}** ${valueAndTarget(k)}`;
      if (k.noValue !== null) return `${name} — ${md(k.noValue)}`;
      return `${name}${weekChangeText(k, model.week.asOf)}${statusText(k)}${notesText(k)}`;
    });
  embeds.push({
    title: weekTitle(model).slice(0, DISCORD_LIMITS.title),
    ...(model.dashboardUrl ? { url: model.dashboardUrl } : {}),
    description: model.keyResults.length
      ? joinLinked(krLines, BUDGET.keyResults)
      : 'No key results configured.',
    color: 0x0a5cc2,
  });

  const community: { name: string; value: string }[] = [];
  const { logins, unlinked } = model.newContributors;
  if (logins.length + unlinked > 0) {
    const names = [...logins.map(md), ...(unlinked > 0 ? [unlinkedText(unlinked)] : [])];
    community.push({
      name: newContributorsHeading(logins.length + unlinked),
      value: joinCapped(names, BUDGET.contributors, ', '),
    });
  }
  if (model.firstMerges.length > 0) {
    const lines = (withLinks: boolean) =>
      model.firstMerges.map((m) => {
        const ref = md(`${m.repo}#${m.number}`);
        return `${withLinks ? discordLink(m.url, ref) : ref} ${md(m.title)}${m.author ? ` by ${md(m.author)}` : ''}`;
      });
    community.push({ name: 'First pull requests merged', value: joinLinked(lines, BUDGET.merges) });
  }
  if (community.length > 0) embeds.push({ title: 'Community', fields: community });

  const waiting: { name: string; value: string }[] = [];
  for (const [name, w] of [
    ['Issues waiting for a first response', model.waitingIssues],
    ['Pull requests waiting for a first response', model.waitingPullRequests],
  ] as const) {
    if (w.total === 0) continue;
    waiting.push({
      name: waitingHeading(name, w),
      value: joinLinked((withLinks) => waitingLines(w, MARKUP, withLinks), BUDGET.waiting),
    });
  }
  if (waiting.length > 0) embeds.push({ title: 'Waiting', fields: waiting });

  if (model.problems.length > 0) {
    embeds.push({
      title: 'Collection problems',
      description: joinCapped(
        model.problems.map((p) => `${p.source}: ${escapeDiscord(p.error ?? 'failed')}`),
        BUDGET.problems,
      ),
      color: 0xc2252d,
    });
  }
  return { embeds: embeds.slice(0, DISCORD_LIMITS.embeds), allowed_mentions: { parse: [] } };
}

/** Characters Discord counts toward its 6,000 limit. */
export function embedLength(embeds: readonly DiscordEmbed[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
    0,
  );
}
