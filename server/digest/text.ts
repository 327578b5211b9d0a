/**
 * The digest's words, the same on Slack and Discord: each platform passes its own markup (escaping,
 * links, emphasis) to the functions that need it.
 */
import {
  formatChange,
  formatDate,
  formatValue,
  historyFromText,
  keyResultValue,
  shortDay,
  STATUS_LABEL,
  targetText,
} from '../../shared/format.js';
import { keyResultNotes } from '../../shared/okr-text.js';
import { joinCapped } from '../join-capped.js';
import type { DigestKeyResult, DigestModel, Waiting, WaitingList } from './model.js';

/**
 * "Rocket — week 2026-W47 (Nov 16 – Nov 22)"; a week still running says the day its figures are
 * from ("…, as of Nov 25").
 */
export function weekTitle(model: DigestModel): string {
  const { key, from, to, asOf } = model.week;
  const until = asOf < to ? `, as of ${shortDay(asOf)}` : '';
  return `${model.project} — week ${key} (${shortDay(from)} – ${shortDay(to)}${until})`;
}

/** "1,234 last month (target ≥ 1,000 a month)", or "(target ≥ 1,000)" alone without a value. */
export function valueAndTarget(k: DigestKeyResult): string {
  const per = k.periods ? ` a ${k.periods.per}` : '';
  const target = `(target ${targetText(k)}${per})`;
  if (k.current === null) return target;
  return `${keyResultValue(k, k.current)}${k.periods ? ` last ${k.periods.per}` : ''} ${target}`;
}

/** ", +12 this week", ", history from Nov 20" (too short for a week's change), or nothing. */
export function weekChangeText(k: DigestKeyResult, today: string): string {
  if (k.change !== null)
    return `, ${formatChange(k.change, k.unit, k.current, k.target, k.forecast)} this week`;
  return k.historyFrom ? `, ${historyFromText(k.historyFrom, today)}` : '';
}

/**
 * " — On track · forecast 10,953 by Dec 31, 2026": the status in words, as the dashboard's badge
 * says it (the icon alone reads only in colour), and where the trend ends at the deadline.
 */
export function statusText(k: DigestKeyResult): string {
  const forecast =
    k.deadline && k.forecast !== null
      ? ` · forecast ${keyResultValue(k, k.forecast)} by ${formatDate(k.deadline)}`
      : '';
  return ` — ${STATUS_LABEL[k.status]}${forecast}`;
}

/** " · 3 of 4 months met · 72% likely", each note after a middle dot. */
export const notesText = (k: DigestKeyResult) =>
  keyResultNotes(k, (v) => keyResultValue(k, v))
    .map((n) => ` · ${n}`)
    .join('');

/**
 * The new contributors with no GitHub account to name: commit authors known only by the e-mail in
 * their commits ("5 by e-mail only" read like five contributions sent by e-mail).
 */
export const unlinkedText = (count: number) =>
  `${formatValue(count, 'count')} known only by a commit e-mail`;

/** "New contributors (1,206)": counted with separators, as every other figure in the digest. */
export const newContributorsHeading = (count: number) =>
  `New contributors (${formatValue(count, 'count')})`;

/** How a platform writes untrusted text, a link and emphasis. */
export interface Markup {
  escape: (text: string) => string;
  /** `text` is already escaped. */
  link: (url: string, text: string) => string;
  italic: (text: string) => string;
  bullet: string;
}

/**
 * Lines joined within `maxChars`: with their links when they all fit, else without (links cost
 * characters, and every item named matters more than a link to it), cut with "…and N more".
 */
export function joinLinked(
  render: (withLinks: boolean) => readonly string[],
  maxChars: number,
  separator = '\n',
): string {
  const linked = render(true).join(separator);
  return linked.length <= maxChars ? linked : joinCapped(render(false), maxChars, separator);
}

/** How long something has waited: "under a day", "6 days", "3 weeks", "11 months", "2 years". */
export function waitedText(days: number): string {
  if (days < 1) return 'under a day';
  if (days < 14) return days === 1 ? '1 day' : `${days} days`;
  // Each unit starts at 2 of it: never "1 months".
  if (days < 61) return `${Math.floor(days / 7)} weeks`;
  const months = Math.floor(days / 30.4375);
  return months < 24 ? `${months} months` : `${Math.floor(days / 365.25)} years`;
}

/** "Issues waiting for a first response (463; 14 opened this week)". */
export function waitingHeading(what: string, w: WaitingList): string {
  const opened = w.openedInWeek.total;
  const count = (n: number) => formatValue(n, 'count');
  return `${what} (${count(w.total)}; ${opened === 0 ? 'none' : count(opened)} opened this week)`;
}

/**
 * A kind's waiting items: those opened this week, then those waiting longest, each with how long it
 * has waited and (with links) its GitHub page; then how many more wait, and (with the dashboard's
 * address) where to see them all.
 */
export function waitingLines(w: WaitingList, m: Markup, withLinks: boolean): string[] {
  const item = (i: Waiting) => {
    const ref = m.escape(`${i.repo}#${i.number}`);
    return `${m.bullet}${withLinks ? m.link(i.url, ref) : ref} ${m.escape(i.title)} · ${waitedText(i.days)}`;
  };
  const lines: string[] = [];
  if (w.openedInWeek.items.length > 0)
    lines.push(m.italic('Opened this week'), ...w.openedInWeek.items.map(item));
  if (w.longest.length > 0) lines.push(m.italic('Waiting longest'), ...w.longest.map(item));
  const more = w.total - w.openedInWeek.items.length - w.longest.length;
  if (more > 0) {
    const page = withLinks && w.url ? ` on the ${m.link(w.url, 'Waiting page')}` : '';
    lines.push(`…and ${formatValue(more, 'count')} more${page}`);
  }
  return lines;
}
