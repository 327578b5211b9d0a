/**
 * Team or external: who counts as the project's own people. Pure; the Discussions metrics use
 * `isTeamMember` too. A person is team when `team.logins` lists their login (any case) or their
 * latest author association on a tracked repository (from their newest pull request) is one of
 * `team.associations`. Everyone else, including commit authors known only by e-mail, is external.
 */
import type { Team } from '../../config/load.js';

/**
 * Metrics counting contributors or their contributions, which `contributors: team | external` can
 * split (`github.contributions` counts once it is in the catalog).
 */
export const CONTRIBUTOR_METRICS: readonly string[] = [
  'github.contributors',
  'github.contributors.new',
  'github.contributors.active',
  'github.bus_factor',
  'github.contributions',
];

export function isTeamMember(
  team: Team,
  login: string | null,
  association: string | null,
): boolean {
  if (login !== null && team.logins.includes(login.toLowerCase())) return true;
  return association !== null && team.associations.includes(association);
}

export interface AuthoredItem {
  author: string;
  author_association: string | null;
  created_at: string;
}

/** Each author's association on their newest item (pull request), by lower-cased login. */
export function latestAssociations(items: readonly AuthoredItem[]): Map<string, string | null> {
  const newest = new Map<string, { at: string; association: string | null }>();
  for (const item of items) {
    const login = item.author.toLowerCase();
    const known = newest.get(login);
    if (!known || item.created_at > known.at)
      newest.set(login, { at: item.created_at, association: item.author_association });
  }
  return new Map([...newest].map(([login, { association }]) => [login, association]));
}

/** Is this contribution key (a lower-cased login, or `email:<hash>`) a team member's? */
export function isTeamContributor(
  team: Team,
  key: string,
  associations: ReadonlyMap<string, string | null>,
): boolean {
  if (key.startsWith('email:')) return false;
  return isTeamMember(team, key, associations.get(key) ?? null);
}
