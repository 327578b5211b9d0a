/**
 * Calendar days as YYYY-MM-DD strings. A timestamp's day is taken in the project's time zone
 * (`timezone` in the config), so "a day" means the team's day, DST included.
 */
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in `timeZone`. */
export function dayOf(instant: string | Date, timeZone = 'UTC'): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (timeZone === 'UTC') return date.toISOString().slice(0, 10);
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
  return format.format(date); // en-CA formats as YYYY-MM-DD
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
