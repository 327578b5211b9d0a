import type { ActorRef, BotList } from './actors.js';

/**
 * The earliest of `actions` by a person other than `author`: bots, deleted accounts and the author
 * (compared case-insensitively) do not count as a response or a review.
 */
export function firstBy(
  actions: readonly { author: ActorRef | null; at: string }[],
  author: ActorRef | null,
  bots: BotList,
): string | null {
  const own = author?.login.toLowerCase();
  let first: string | null = null;
  for (const action of actions) {
    const login = bots.person(action.author);
    if (login === null || login.toLowerCase() === own) continue;
    if (first === null || action.at < first) first = action.at;
  }
  return first;
}
