/**
 * Calendar days as YYYY-MM-DD strings. A timestamp's day is taken in the project's time zone
 * (`timezone` in the config), so "a day" means the team's day, DST included.
 */
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
/** `2026-11-22T10:00:00Z` or with fractions: already in UTC. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The calendar day of an instant in `timeZone`. */
export function dayOf(instant: string | Date, timeZone = 'UTC'): string {
  // The rollups call this for every stored row: a UTC timestamp in UTC needs no Date at all.
  if (typeof instant === 'string' && UTC_INSTANT.test(instant)) {
    if (timeZone === 'UTC') return instant.slice(0, 10);
    return zonedDayOfQuarterHour(instant, timeZone);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (timeZone === 'UTC') return date.toISOString().slice(0, 10);
  return formatterFor(timeZone).format(date); // en-CA formats as YYYY-MM-DD
}

/**
 * `() => dayOf(now(), timeZone)`, computed again only when `now()` enters another minute: every time
 * zone's offset is a whole number of minutes (since the 1970s), so the day cannot change within one.
 * The routes ask for today on every request; formatting a date each time was a measurable part of a
 * ready answer's cost.
 */
export function todayIn(now: () => Date, timeZone: string): () => string {
  let minute = Number.NaN;
  let day = '';
  return () => {
    const instant = now();
    const at = Math.floor(instant.getTime() / 60_000);
    if (at !== minute) {
      minute = at;
      day = dayOf(instant, timeZone);
    }
    return day;
  };
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * Nearly all instants of one UTC quarter hour share their day in any zone (offsets are whole quarter
 * hours), so the day is formatted once per quarter hour instead of once per row, which keeps a
 * non-UTC refresh as fast as a UTC one. Not every change of offset falls on a quarter hour
 * (Newfoundland changed at 00:01 local time until 2011): a quarter hour whose first and last
 * millisecond fall on different days is remembered as such (''), and its instants are formatted
 * one by one.
 */
const quarterHourDays = new Map<string, string>();
const QUARTER_HOUR_CACHE_LIMIT = 500_000;
const QUARTER_MS = 15 * 60_000;

function zonedDayOfQuarterHour(instant: string, timeZone: string): string {
  const quarter = Math.floor(Number(instant.slice(14, 16)) / 15);
  const key = `${timeZone}|${instant.slice(0, 13)}|${quarter}`;
  let day = quarterHourDays.get(key);
  if (day === undefined) {
    if (quarterHourDays.size >= QUARTER_HOUR_CACHE_LIMIT) quarterHourDays.clear();
    const start = Date.parse(`${instant.slice(0, 13)}:00:00Z`) + quarter * QUARTER_MS;
    const format = formatterFor(timeZone);
    const first = format.format(new Date(start));
    day = first === format.format(new Date(start + QUARTER_MS - 1)) ? first : '';
    quarterHourDays.set(key, day);
  }
  return day || formatterFor(timeZone).format(new Date(instant));
}

const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => fromMs(toMs(day) + n * DAY_MS);

/** Whole days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((toMs(b) - toMs(a)) / DAY_MS);

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = toMs(from), end = toMs(to); ms <= end; ms += DAY_MS) days.push(fromMs(ms));
  return days;
}

/** The Monday that starts the ISO week of `day`. */
export function weekStart(day: string): string {
  const weekday = (new Date(toMs(day)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

/** The ISO week of a day, e.g. `2026-W47` (weeks start Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: string): string {
  const thursday = addDays(weekStart(day), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday and Sunday of an ISO week `YYYY-Www`; null when the key is not a real week. */
export function isoWeekRange(key: string): { from: string; to: string } | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!match) return null;
  const [, year, week] = match;
  // Week 1 is the week with January 4th in it.
  const from = addDays(weekStart(`${year}-01-04`), (Number(week) - 1) * 7);
  if (isoWeek(from) !== key) return null;
  return { from, to: addDays(from, 6) };
}

/** The next label after `day` on an axis by day, week (Mondays) or month (the 1st). */
export function nextLabel(day: string, interval: string): string {
  if (interval === 'week') return addDays(day, 7);
  if (interval === 'month') {
    const [year, month] = day.split('-').map(Number) as [number, number];
    return fromMs(Date.UTC(year, month, 1));
  }
  return addDays(day, 1);
}
