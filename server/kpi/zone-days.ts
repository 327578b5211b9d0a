/**
 * The project day of a stored UTC instant, fast in any zone: the rollups ask it for every stored
 * row. Per UTC day the zone's offset is read twice (its first and last minute); when it is the same
 * (every day but a few DST changes), the local day changes at one minute of that UTC day, and an
 * instant's day is a comparison. Other days, and other inputs, go through `dayOf`. Pure.
 */
import { addDays, dayOf } from '../../shared/dates.js';

const DAY_MS = 86_400_000;
/** Per UTC day: the local day before and from the minute `cut` (minutes after 00:00 UTC). */
interface Cut {
  cut: number;
  before: string;
  after: string;
}

const zones = new Map<string, Map<string, Cut | null>>();

/** The zone's offset from UTC at `ms`, in minutes. */
function offsetMinutes(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return Math.round((local - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

function cutOf(format: Intl.DateTimeFormat, utcDay: string): Cut | null {
  const start = Date.parse(`${utcDay}T00:00:00Z`);
  const offset = offsetMinutes(format, start);
  if (offsetMinutes(format, start + DAY_MS - 60_000) !== offset) return null;
  return offset >= 0
    ? { cut: 1440 - offset, before: utcDay, after: addDays(utcDay, 1) }
    : { cut: -offset, before: addDays(utcDay, -1), after: utcDay };
}

/** One string per UTC day: the rollups keep a day per stored row, and a copy each is 32 bytes more. */
const utcDays = new Map<string, string>();
function internedUtcDay(day: string): string {
  const known = utcDays.get(day);
  if (known !== undefined) return known;
  utcDays.set(day, day);
  return day;
}

const isUtcInstant = (s: string) =>
  s.length >= 20 &&
  s.charCodeAt(10) === 84 && // T
  s.charCodeAt(13) === 58 && // :
  s.charCodeAt(16) === 58 &&
  s.charCodeAt(s.length - 1) === 90; // Z

/** `dayOf(instant, timeZone)`, with the fast path for `YYYY-MM-DDTHH:MM:SS(.sss)Z` instants. */
export function zonedDay(instant: string, timeZone: string): string {
  if (!isUtcInstant(instant)) return dayOf(instant, timeZone);
  const utcDay = instant.slice(0, 10);
  if (timeZone === 'UTC') return internedUtcDay(utcDay);
  let days = zones.get(timeZone);
  if (!days) {
    days = new Map();
    zones.set(timeZone, days);
  }
  let cut = days.get(utcDay);
  if (cut === undefined) {
    cut = cutOf(formatterFor(timeZone), utcDay);
    days.set(utcDay, cut);
  }
  if (cut === null) return dayOf(instant, timeZone);
  const minute =
    (instant.charCodeAt(11) - 48) * 600 +
    (instant.charCodeAt(12) - 48) * 60 +
    (instant.charCodeAt(14) - 48) * 10 +
    (instant.charCodeAt(15) - 48);
  return minute < cut.cut ? cut.before : cut.after;
}

/**
 * `Date.parse(instant)`, with a fast path for `YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS.sssZ`
 * (how instants are stored): the rollups take the hours between two stored times for every work
 * item, and parsing a date string costs many times the arithmetic. Anything else, or a field out of
 * range (which Date.UTC would roll over and Date.parse rejects), goes through Date.parse.
 */
export function instantMs(instant: string): number {
  const n = instant.length;
  if (
    !isUtcInstant(instant) ||
    !(n === 20 || (n === 24 && instant.charCodeAt(19) === 46)) || // .
    instant.charCodeAt(4) !== 45 || // -
    instant.charCodeAt(7) !== 45
  )
    return Date.parse(instant);
  let bad = false;
  const digits = (from: number, to: number) => {
    let v = 0;
    for (let i = from; i < to; i++) {
      const c = instant.charCodeAt(i) - 48;
      if (c < 0 || c > 9) bad = true;
      v = v * 10 + c;
    }
    return v;
  };
  const year = digits(0, 4);
  const month = digits(5, 7);
  const day = digits(8, 10);
  const hour = digits(11, 13);
  const minute = digits(14, 16);
  const second = digits(17, 19);
  const ms = n === 24 ? digits(20, 23) : 0;
  if (bad || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23)
    return Date.parse(instant);
  if (minute > 59 || second > 59) return Date.parse(instant);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const daysInMonth = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}
