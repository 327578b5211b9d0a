/**
 * The stand-in's GitHub traffic: a seeded truth for every day of a repository's life (views grow
 * with its stars, dip at weekends, jump when a release comes out; clones follow), of which the
 * traffic endpoints show only the last 14 days, as GitHub does: days aligned to UTC midnight, today
 * partial (as far as the present has come), days without traffic left out, `per=week` in weeks
 * from Monday. Without push access they answer 403 as GitHub does.
 */
import { seeded } from '../random.js';
import { releaseDays, starsBy } from './releases.js';
import type { RepoData } from './world.js';

const DAY = 86_400_000;
/** Days shown: today and the 14 before it. */
export const TRAFFIC_SHOWN_DAYS = 15;

export interface TrafficTruth {
  views: number;
  viewers: number;
  clones: number;
  cloners: number;
}

/** A number in [0, 1) fixed by the repository, the day and a salt: the same truth at every call. */
function noise(repo: RepoData, day: string, salt: number): number {
  return seeded(repo.id ^ ((Date.parse(`${day}T00:00:00Z`) / DAY) * 2654435761) ^ salt)();
}

const releaseTimes = new WeakMap<RepoData, number[]>();
/** The midnights (ms) of the days releases are published on. */
function releaseDayTimes(repo: RepoData): number[] {
  let times = releaseTimes.get(repo);
  if (!times) {
    times = releaseDays(repo).map((d) => Date.parse(`${d}T00:00:00Z`));
    releaseTimes.set(repo, times);
  }
  return times;
}

/** The whole day's traffic of a repository (what GitHub will show once the day is over). */
export function trafficOn(repo: RepoData, day: string): TrafficTruth {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.55 : 1;
  const dayMs = Date.parse(`${day}T00:00:00Z`);
  const sinceRelease = releaseDayTimes(repo)
    .map((t) => (dayMs - t) / DAY)
    .filter((n) => n >= 0)
    .reduce((a, b) => Math.min(a, b), Infinity);
  const launch = 1 + 1.6 * Math.exp(-sinceRelease / 2);
  const base =
    0.04 *
    starsBy(repo, `${day}T23:59:59Z`) *
    weekend *
    launch *
    (0.75 + 0.5 * noise(repo, day, 1));
  const views = Math.floor(base);
  const viewers = Math.floor(views * (0.28 + 0.12 * noise(repo, day, 2)));
  const clones = Math.floor(views * (0.05 + 0.06 * noise(repo, day, 3)));
  const cloners = Math.floor(clones * (0.45 + 0.25 * noise(repo, day, 4)));
  return { views, viewers, clones, cloners };
}

/** As far as `now` has come into its day: today is partial. */
export function trafficSoFar(repo: RepoData, day: string, now: string): TrafficTruth {
  const whole = trafficOn(repo, day);
  const elapsed = (Date.parse(now) - Date.parse(`${day}T00:00:00Z`)) / DAY;
  if (elapsed >= 1) return whole;
  const part = (n: number) => Math.floor(n * Math.max(0, elapsed));
  return {
    views: part(whole.views),
    viewers: part(whole.viewers),
    clones: part(whole.clones),
    cloners: part(whole.cloners),
  };
}

/** The UTC days the endpoints show at `now`, oldest first. */
export function shownDays(now: string): string[] {
  const today = Date.parse(`${now.slice(0, 10)}T00:00:00Z`);
  return Array.from({ length: TRAFFIC_SHOWN_DAYS }, (_, i) =>
    new Date(today - (TRAFFIC_SHOWN_DAYS - 1 - i) * DAY).toISOString().slice(0, 10),
  );
}

const stamp = (day: string) => `${day}T00:00:00Z`;

function mondayOf(day: string): string {
  const ms = Date.parse(stamp(day));
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * DAY).toISOString().slice(0, 10);
}

/** `GET /repos/{o}/{r}/traffic/views|clones?per=day|week` at `now`. */
export function answerTraffic(
  repo: RepoData,
  kind: 'views' | 'clones',
  now: string,
  per: string | null,
): { status: number; body: unknown } {
  if (per !== null && per !== 'day' && per !== 'week')
    return {
      status: 422,
      body: {
        message: 'Invalid request.\n\nper must be one of: day, week.',
        documentation_url: 'https://docs.github.com/rest/metrics/traffic',
        status: '422',
      },
    };
  const [countKey, uniqueKey] = kind === 'views' ? ['views', 'viewers'] : ['clones', 'cloners'];
  const buckets = new Map<string, { count: number; uniques: number }>();
  for (const day of shownDays(now)) {
    const truth = trafficSoFar(repo, day, now) as unknown as Record<string, number>;
    const key = per === 'week' ? mondayOf(day) : day;
    const bucket = buckets.get(key) ?? { count: 0, uniques: 0 };
    bucket.count += truth[countKey]!;
    // A visitor on several days of a week is one unique of the week: about 80% are new each day.
    bucket.uniques += per === 'week' ? Math.ceil(truth[uniqueKey]! * 0.8) : truth[uniqueKey]!;
    buckets.set(key, bucket);
  }
  const points = [...buckets]
    .filter(([, b]) => b.count > 0)
    .map(([day, b]) => ({ timestamp: stamp(day), count: b.count, uniques: b.uniques }));
  const count = points.reduce((n, p) => n + p.count, 0);
  const uniques = Math.ceil(points.reduce((n, p) => n + p.uniques, 0) * 0.7);
  return { status: 200, body: { count, uniques, [kind]: points } };
}

const REFERRERS: [string, number][] = [
  ['github.com', 0.34],
  ['Google', 0.22],
  ['news.ycombinator.com', 0.09],
  ['reddit.com', 0.06],
  ['dev.to', 0.04],
  ['stackoverflow.com', 0.04],
  ['t.co', 0.03],
  ['Bing', 0.02],
  ['DuckDuckGo', 0.02],
  ['linkedin.com', 0.015],
  ['medium.com', 0.01],
];

/** `GET /repos/{o}/{r}/traffic/popular/referrers`: the top 10 of the 14 days, most views first. */
export function answerReferrers(repo: RepoData, now: string): unknown[] {
  const days = shownDays(now);
  const views = days.reduce((n, d) => n + trafficSoFar(repo, d, now).views, 0);
  return REFERRERS.map(([referrer, share], i) => {
    const count = Math.floor(views * share * (0.8 + 0.4 * noise(repo, days.at(-1)!, 10 + i)));
    return { referrer, count, uniques: Math.floor(count * 0.35) };
  })
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.referrer.localeCompare(b.referrer))
    .slice(0, 10);
}

/** GitHub's refusal without push access. */
export const NO_PUSH_ACCESS = {
  message: 'Must have push access to repository',
  documentation_url: 'https://docs.github.com/rest/metrics/traffic#get-page-views',
  status: '403',
};
