/**
 * A stand-in for npm's download-counts API over a package world, as its published description and
 * observed answers have it: `/downloads/range|point/{period}/{package}` with period `start:end` or
 * last-day|last-week|last-month|last-year; every day of a range listed (0 before a package's first
 * download); a range narrowed to the newest 18 months and to 2015-01-10 onward, and an end past
 * the newest counted day moved back to it; `{"error":"end date > start date"}` when nothing is
 * left; `{"error":"package X not found"}` with 404 for an unknown package; scoped names as
 * `@scope/name`.
 */
import {
  dailyCounts,
  lastServedDay,
  shiftDay,
  type PackageSpec,
  type PackageWorld,
} from './world.js';
import { json, type Outage, type StandInLog } from './respond.js';

export const NPM_FIRST_DAY = '2015-01-10';
const LAST: Record<string, number> = {
  'last-day': 1,
  'last-week': 7,
  'last-month': 30,
  'last-year': 365,
};

export interface NpmStandIn extends StandInLog {
  handle(request: Request): Promise<Response>;
  /** Serve the newest day half counted, as when npm's daily job has not finished it. */
  partialLatestDay: boolean;
}

export function createNpmStandIn(world: PackageWorld): NpmStandIn {
  const standIn: NpmStandIn = {
    requests: [],
    outage: null,
    partialLatestDay: false,
    handle: async (request) => {
      const url = new URL(request.url);
      standIn.requests.push(decodeURIComponent(url.pathname));
      if (standIn.outage) return outageResponse(standIn.outage);
      const match = url.pathname.match(/^(?:.*)?\/downloads\/(range|point)\/([^/]+)\/(.+)$/);
      if (request.method !== 'GET' || !match)
        return json({ error: 'not found, try /downloads/point/last-day' }, 404);
      const [, kind, period, rawName] = match as unknown as [string, string, string, string];
      const name = decodeURIComponent(rawName);
      const spec = world.npm.find((p) => p.name === name);
      if (!spec) return json({ error: `package ${name} not found` }, 404);
      const range = resolvePeriod(decodeURIComponent(period), lastServedDay(world));
      if ('error' in range) return json(range, 400);
      const days = dailyCounts(spec, range.start, range.end);
      const last = days.at(-1)!;
      if (standIn.partialLatestDay && last.day === lastServedDay(world))
        last.downloads = Math.floor(last.downloads / 2);
      return json(answer(kind as 'range' | 'point', spec, days));
    },
  };
  return standIn;
}

function outageResponse(outage: Outage): Response {
  const headers: Record<string, string> = outage.retryAfter
    ? { 'retry-after': outage.retryAfter }
    : {};
  return outage.status === 429
    ? json({ error: 'Too Many Requests' }, 429, headers)
    : new Response('<html><body><h1>503 Service Unavailable</h1></body></html>', {
        status: outage.status,
        headers: { 'content-type': 'text/html', ...headers },
      });
}

function answer(
  kind: 'range' | 'point',
  spec: PackageSpec,
  days: { day: string; downloads: number }[],
) {
  const [start, end] = [days[0]!.day, days.at(-1)!.day];
  return kind === 'range'
    ? { downloads: days, start, end, package: spec.name }
    : { downloads: days.reduce((n, d) => n + d.downloads, 0), start, end, package: spec.name };
}

/** The days npm serves for `period`, narrowed as npm narrows them. */
export function resolvePeriod(
  period: string,
  lastDay: string,
): { start: string; end: string } | { error: string } {
  if (LAST[period]) return { start: shiftDay(lastDay, 1 - LAST[period]), end: lastDay };
  const [start, end = start] = period.split(':');
  if (!isDay(start) || !isDay(end)) return { error: 'invalid date' };
  const to = end > lastDay ? lastDay : end;
  const earliest = [NPM_FIRST_DAY, monthsBefore(to, 18)].sort().at(-1)!;
  const from = start < earliest ? earliest : start;
  if (from > to) return { error: 'end date > start date' };
  return { start: from, end: to };
}

function isDay(value: string | undefined): value is string {
  return (
    value !== undefined &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

function monthsBefore(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
}
