/**
 * The stand-in's side of stars beyond the stargazer list: GitHub's star-history endpoint (weeks
 * newest first, the stars that still exist by the day each was given, at most 30 weeks a page and
 * page 100), unstars, the three ways a stargazer list is refused, and the truth tests compare with.
 */
import { pageLinks } from './paging.js';
import { fullName, type RepoData, type World } from './world.js';

const DAY = 86_400_000;
export const HISTORY_MAX_PER_PAGE = 30;
export const HISTORY_MAX_PAGE = 100;

/** How the stand-in serves star history: `served: false` is an older GHES (404). */
export interface StarHistoryMode {
  served: boolean;
  /** Where GitHub's days begin, in hours after UTC midnight (GitHub does not promise midnight). */
  edgeOffsetHours: number;
}

export interface HistoryWeekJson {
  week: number;
  total: number;
  days: number[];
}

/** Weeks start on Sunday at the mode's edge, from the repository's creation to the present. */
export function starHistoryWeeks(
  repo: RepoData,
  now: string,
  edgeOffsetHours = 0,
): HistoryWeekJson[] {
  const offset = edgeOffsetHours * 3_600_000;
  const weekStart = (ms: number) => {
    const day = Math.floor((ms - offset) / DAY);
    // 1970-01-01 was a Thursday: day 3 of its Sunday week.
    return (day - ((day + 4) % 7)) * DAY + offset;
  };
  const created = Date.parse(repo.createdAt);
  const first = weekStart(
    Math.min(created, Date.parse(repo.stars[0]?.starredAt ?? repo.createdAt)),
  );
  const last = weekStart(Date.parse(now));
  const weeks: HistoryWeekJson[] = [];
  for (let w = first; w <= last; w += 7 * DAY)
    weeks.push({ week: w / 1000, total: 0, days: [0, 0, 0, 0, 0, 0, 0] });
  for (const star of repo.stars) {
    const at = Date.parse(star.starredAt);
    const index = Math.floor((at - first) / DAY);
    const week = weeks[Math.floor(index / 7)];
    if (!week) continue;
    week.days[index % 7]! += 1;
    week.total += 1;
  }
  return weeks.reverse();
}

/** Stars still present by the UTC day they were given: what a star chart should show. */
export function starsByDay(repo: RepoData): Map<string, number> {
  const days = new Map<string, number>();
  for (const s of repo.stars) {
    const day = s.starredAt.slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return days;
}

/**
 * `count` stargazers of the past (starred at or after `since`) take their star back. A new array,
 * so caches keyed on the old list see the change.
 */
export function unstar(world: World, repo: RepoData, count: number, since = ''): string[] {
  const first = repo.stars.findIndex((s) => s.starredAt >= since);
  const candidates = first < 0 ? 0 : repo.stars.length - first;
  const gone = new Set<number>();
  while (gone.size < Math.min(count, candidates))
    gone.add(first + Math.floor(world.random() * candidates));
  const removed = [...gone].map((i) => repo.stars[i]!.starredAt);
  repo.stars = repo.stars.filter((_, i) => !gone.has(i));
  return removed;
}

/** The stand-in's answer to `GET /repos/{o}/{r}/stargazers/history`, before ETags. */
export function answerStarHistory(
  repo: RepoData,
  now: string,
  mode: StarHistoryMode,
  url: URL,
): { status: number; body: unknown; link: string | null } {
  if (!mode.served) return { status: 404, body: { message: 'Not Found' }, link: null };
  // Like GitHub's other lists: a per_page over the maximum is clamped, a page past the limit is 422.
  const perPage = Math.min(
    Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1),
    HISTORY_MAX_PER_PAGE,
  );
  const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
  if (page > HISTORY_MAX_PAGE)
    return {
      status: 422,
      body: {
        message:
          'In order to keep the API fast for everyone, pagination is limited for this resource.',
        documentation_url: 'https://docs.github.com/rest',
      },
      link: null,
    };
  const weeks = starHistoryWeeks(repo, now, mode.edgeOffsetHours);
  const last = Math.min(Math.max(1, Math.ceil(weeks.length / perPage)), HISTORY_MAX_PAGE);
  return {
    status: 200,
    body: weeks.slice((page - 1) * perPage, page * perPage),
    link: pageLinks(url, page, last, perPage),
  };
}

/**
 * The whole GraphQL request refused with HTTP 403 when it asks for the stargazers of a repository
 * that refuses them that way (some GitHub servers do; the others answer FORBIDDEN on the field).
 */
export function refusesWholeRequest(
  world: World,
  body: { query?: unknown; variables?: unknown },
): boolean {
  if (!/\bstargazers\s*\(/.test(String(body.query ?? ''))) return false;
  // A single probe names `owner`/`name`; a batch `owner0`/`name0`, `owner1`/`name1`…
  const v = (body.variables ?? {}) as Record<string, unknown>;
  const names = Object.keys(v)
    .filter((key) => key.startsWith('owner'))
    .map((key) => `${String(v[key])}/${String(v[`name${key.slice(5)}`])}`.toLowerCase());
  return world.repos.some(
    (r) =>
      r.stargazersHidden &&
      r.stargazersRefusal === 'http403' &&
      names.includes(fullName(r).toLowerCase()),
  );
}
