/**
 * Who counts. Bots never do: GitHub `Bot` accounts (GraphQL `__typename`, REST `type`), logins
 * ending in `[bot]` (REST spells bots that way; GraphQL drops the suffix), and the config's `bots`.
 * Deleted accounts (GraphQL null, REST `ghost`) are nobody.
 */
import { createHash } from 'node:crypto';

export interface ActorRef {
  login: string;
  /** GraphQL `__typename` or REST `type`: 'User', 'Bot', 'Organization', 'Mannequin'. */
  type?: string;
  __typename?: string;
}

export class BotList {
  private readonly extra: Set<string>;

  constructor(extraLogins: readonly string[]) {
    this.extra = new Set(extraLogins.map(normalise));
  }

  isBot(actor: ActorRef): boolean {
    const type = actor.__typename ?? actor.type;
    return (
      type === 'Bot' ||
      actor.login.toLowerCase().endsWith('[bot]') ||
      this.extra.has(normalise(actor.login))
    );
  }

  /** A login that counts as a person, or null for bots and deleted accounts. */
  person(actor: ActorRef | null | undefined): string | null {
    if (!actor || actor.login.toLowerCase() === 'ghost' || this.isBot(actor)) return null;
    return actor.login;
  }
}

/** `renovate[bot]` and `renovate` name the same bot in the config. */
function normalise(login: string): string {
  return login.toLowerCase().replace(/\[bot\]$/, '');
}

/** The contribution key of an account: its login, lower-cased (GitHub logins are case-insensitive). */
export const contributorKey = (login: string) => login.toLowerCase();

/** The key of an author known only by e-mail: counted once per address, without storing it. */
export const emailKey = (email: string) =>
  `email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;

/** Stargazers are told apart by a hash of their login; the login itself is not kept. */
export const stargazerKey = (login: string) =>
  createHash('sha256').update(`stargazer:${login.toLowerCase()}`).digest('hex').slice(0, 32);
