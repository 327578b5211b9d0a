/**
 * A stand-in for PyPI's download-statistics API: `/api/packages/{project}/overall?mirrors=…` (daily
 * downloads over the last 180 days, `without_mirrors` and `with_mirrors` categories; days without
 * downloads absent) and `/recent?period=day|week|month`. Project names are looked up normalized
 * ("." and "_" read as "-"). Unknown projects get a bare "404"; more than 30 requests a minute from
 * the caller get its 429 page, as the service's limiter answers.
 */
import {
  dailyCount,
  lastServedDay,
  shiftDay,
  type PackageSpec,
  type PackageWorld,
} from './world.js';
import { json, type StandInLog } from './respond.js';

/** Days the service keeps. */
export const PYPI_WINDOW_DAYS = 180;

export interface PypiStandIn extends StandInLog {
  handle(request: Request): Promise<Response>;
  /** Requests allowed per minute of wall-clock time (the service allows 30). */
  perMinute: number;
}

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

export function createPypiStandIn(world: PackageWorld): PypiStandIn {
  const recent: number[] = [];
  const standIn: PypiStandIn = {
    requests: [],
    outage: null,
    perMinute: 30,
    handle: async (request) => {
      const url = new URL(request.url);
      standIn.requests.push(`${decodeURIComponent(url.pathname)}${url.search}`);
      const at = Date.now();
      while (recent.length > 0 && recent[0]! <= at - 60_000) recent.shift();
      recent.push(at);
      if (standIn.outage?.status === 429 || recent.length > standIn.perMinute)
        return text('<a href="/api/#etiquette">429 RATE LIMIT EXCEEDED</a>', 429);
      if (standIn.outage) return text(String(standIn.outage.status), standIn.outage.status);
      const match = url.pathname.match(/\/api\/packages\/([^/]+)\/(overall|recent)$/);
      if (request.method !== 'GET' || !match) return text('404', 404);
      const project = normalize(decodeURIComponent(match[1]!));
      const spec = world.pypi.find((p) => normalize(p.name) === project);
      if (!spec) return text('404', 404);
      const days = servedDays(spec, world);
      if (days.length === 0) return text('404', 404);
      return match[2] === 'overall'
        ? overall(project, days, url.searchParams.get('mirrors'))
        : recentAnswer(project, days, url.searchParams.get('period'));
    },
  };
  return standIn;
}

/** The project's days with downloads in the kept window, oldest first. */
export function servedDays(spec: PackageSpec, world: PackageWorld) {
  const last = lastServedDay(world);
  const days: { date: string; downloads: number }[] = [];
  for (let day = shiftDay(last, 1 - PYPI_WINDOW_DAYS); day <= last; day = shiftDay(day, 1)) {
    const downloads = dailyCount(spec, day);
    if (downloads > 0) days.push({ date: day, downloads });
  }
  return days;
}

function overall(
  project: string,
  days: { date: string; downloads: number }[],
  mirrors: string | null,
) {
  const without = days.map((d) => ({ category: 'without_mirrors', ...d }));
  // Mirrors (bandersnatch and the like) add a steady few per day.
  const withMirrors = days.map((d) => ({
    category: 'with_mirrors',
    date: d.date,
    downloads: d.downloads + 3,
  }));
  const data =
    mirrors === 'false' ? without : mirrors === 'true' ? withMirrors : [...withMirrors, ...without];
  return json({ data, package: project, type: 'overall_downloads' });
}

function recentAnswer(
  project: string,
  days: { date: string; downloads: number }[],
  period: string | null,
) {
  const sum = (n: number) => days.slice(-n).reduce((total, d) => total + d.downloads, 0);
  const all = { last_day: sum(1), last_week: sum(7), last_month: sum(30) };
  if (period === null) return json({ data: all, package: project, type: 'recent_downloads' });
  const key = `last_${period}` as keyof typeof all;
  if (!(key in all)) return text('404', 404);
  return json({ data: { [key]: all[key] }, package: project, type: 'recent_downloads' });
}

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
