/**
 * What the health banner says of a pass's blockers (a permission the bot lacks, a renamed
 * repository): short enough for a phone, with what is missing, what it costs and the fix. The
 * Collection page keeps the full notes. Pure.
 */
import type { RunBlocker } from '../db/schema.js';

type Of<K extends RunBlocker['kind']> = Extract<RunBlocker, { kind: K }>;

/** One sentence per kind of blocker, in a fixed order; null when there is none this build knows. */
export function describeBlockers(blockers: readonly RunBlocker[]): string | null {
  const of = <K extends RunBlocker['kind']>(kind: K) =>
    blockers.filter((b): b is Of<K> => b.kind === kind);
  const sentences = [
    channels(of('discord-channel')),
    of('discord-members').length > 0
      ? 'The bot lacks the Server Members intent, so joins are not counted; turn it on in the Developer Portal (Bot → Privileged Gateway Intents).'
      : null,
    traffic(of('github-traffic')),
    renamed(of('github-renamed')),
  ].filter((s) => s !== null);
  return sentences.length > 0 ? sentences.join(' ') : null;
}

const PERMISSIONS = ['View Channel', 'Read Message History'] as const;

function channels(refused: Of<'discord-channel'>[]): string | null {
  if (refused.length === 0) return null;
  const lacks = PERMISSIONS.map((permission) =>
    unique(refused.filter((b) => b.permission === permission).map((b) => `#${b.channel}`)),
  )
    .map((names, i) => (names.length > 0 ? `${PERMISSIONS[i]} in ${someOf(names)}` : null))
    .filter((part) => part !== null);
  const many = unique(refused.map((b) => b.channel)).length > 1;
  return `The bot lacks ${joinAnd(lacks)}, so active members and messages miss ${many ? 'their' : 'its'} posts; grant ${lacks.length > 1 ? 'these' : 'it'} to its role there.`;
}

function traffic(refused: Of<'github-traffic'>[]): string | null {
  const repos = unique(refused.map((b) => b.repo));
  if (repos.length === 0) return null;
  return `The token lacks push access to ${someOf(repos)}, so ${repos.length > 1 ? 'their' : 'its'} views and clones are not archived (GitHub keeps 14 days); use a token with push access.`;
}

function renamed(renames: Of<'github-renamed'>[]): string | null {
  const moves = unique(renames.map((b) => `${b.from} is now ${b.to}`));
  if (moves.length === 0) return null;
  return `${someOf(moves)}; update github.repos in the config.`;
}

const unique = (items: readonly string[]) => [...new Set(items)];

/** Up to three names in full; more: the first two and how many others. */
export function someOf(names: readonly string[]): string {
  return names.length <= 3
    ? joinAnd(names)
    : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
