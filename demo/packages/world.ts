/**
 * Seeded download histories for the package stand-ins: each package has a first day, a level that
 * grows over the years, a weekday rhythm (fewer downloads at weekends), noise and release spikes.
 * A day's count is a pure function of the package and the day, so the stand-ins can answer any
 * range and tests can compute the truth they should have stored.
 */

const DAY_MS = 86_400_000;

export interface PackageSpec {
  name: string;
  /** The first day with downloads (YYYY-MM-DD, UTC). */
  firstDay: string;
  /** Downloads on an ordinary weekday at `firstDay`. */
  startLevel: number;
  /** Growth of the level per year (1 = doubles every year). */
  growthPerYear: number;
  seed: number;
}

export interface DockerSpec extends PackageSpec {
  /** Pulls counted before `firstDay` (an image moved here from elsewhere). */
  pullsBefore: number;
}

export interface PackageWorld {
  /** The stand-ins' clock; the demo moves it forward. */
  now: string;
  /** Days after a UTC day ends before npm and PyPI serve its count (1: yesterday is there). */
  lagDays: number;
  npm: PackageSpec[];
  pypi: PackageSpec[];
  docker: DockerSpec[];
}

export const dayOfInstant = (iso: string): string => iso.slice(0, 10);
export const toDayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const fromDayMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const shiftDay = (day: string, days: number): string =>
  fromDayMs(toDayMs(day) + days * DAY_MS);

/** The newest day npm's and PyPI's statistics serve now. */
export const lastServedDay = (world: PackageWorld): string =>
  shiftDay(dayOfInstant(world.now), -world.lagDays);

/** A value in [0, 1) from a package and a day: the same inputs give the same value. */
function hashUnit(seed: number, dayIndex: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(dayIndex + salt * 7919, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Downloads (or pulls) of `spec` on `day`; 0 before its first day. */
export function dailyCount(spec: PackageSpec, day: string): number {
  if (day < spec.firstDay) return 0;
  const index = Math.round((toDayMs(day) - toDayMs(spec.firstDay)) / DAY_MS);
  const level = spec.startLevel * (1 + spec.growthPerYear) ** (index / 365);
  const weekday = new Date(toDayMs(day)).getUTCDay();
  const rhythm = weekday === 0 || weekday === 6 ? 0.62 : 1;
  const noise = 0.85 + 0.3 * hashUnit(spec.seed, index, 1);
  // About one day in forty is a release: two to four times the usual.
  const spike = hashUnit(spec.seed, index, 2) < 0.025 ? 2 + 2 * hashUnit(spec.seed, index, 3) : 1;
  return Math.max(0, Math.round(level * rhythm * noise * spike));
}

/** Every day of `spec` from `from` to `to` with its count. */
export function dailyCounts(spec: PackageSpec, from: string, to: string) {
  const days: { day: string; downloads: number }[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1))
    days.push({ day, downloads: dailyCount(spec, day) });
  return days;
}

const cumulative = new WeakMap<DockerSpec, Map<string, number>>();

/** Docker Hub's `pull_count` at `instant`: every earlier day's pulls, and today's so far. */
export function pullCountAt(spec: DockerSpec, instant: string): number {
  const day = dayOfInstant(instant);
  let byDay = cumulative.get(spec);
  if (!byDay) cumulative.set(spec, (byDay = new Map()));
  let total = byDay.get(day);
  if (total === undefined) {
    // Totals up to the start of `day`, built from the nearest earlier one already known.
    let from = spec.firstDay;
    let sum = spec.pullsBefore;
    for (const [known, value] of byDay)
      if (known < day && known >= from) [from, sum] = [known, value];
    for (let d = from; d < day; d = shiftDay(d, 1)) sum += dailyCount(spec, d);
    byDay.set(day, (total = sum));
  }
  const share = (Date.parse(instant) - toDayMs(day)) / DAY_MS;
  return total + Math.floor(dailyCount(spec, day) * share);
}

export interface PackageWorldOptions {
  now?: string;
  npm?: readonly string[];
  pypi?: readonly string[];
  docker?: readonly string[];
  /** Days of history before `now` (the newest package is younger). */
  days?: number;
  seed?: number;
}

/** Packages of different ages and sizes, ending at `now`. */
export function createPackageWorld(options: PackageWorldOptions = {}): PackageWorld {
  const now = options.now ?? '2026-11-01T12:00:00Z';
  const today = dayOfInstant(now);
  const days = options.days ?? 1100;
  const seed = options.seed ?? 7;
  const spec = (name: string, i: number, kind: number): PackageSpec => ({
    name,
    // The first package is the oldest; each next one started later.
    firstDay: shiftDay(today, -Math.round(days / (1 + i * 0.8))),
    startLevel: [120, 40, 15][kind]! * (1 + (i % 3)),
    growthPerYear: [1.1, 0.8, 1.5][kind]!,
    seed: seed * 1000 + kind * 100 + i,
  });
  return {
    now,
    lagDays: 1,
    npm: (options.npm ?? []).map((n, i) => spec(n, i, 0)),
    pypi: (options.pypi ?? []).map((n, i) => spec(n, i, 1)),
    docker: (options.docker ?? []).map((n, i) => ({ ...spec(n, i, 2), pullsBefore: 1000 * i })),
  };
}
