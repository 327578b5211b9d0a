/** A key result's line in the digest, the same words on Slack and Discord (each marks up its own). */
import {
  formatChange,
  historyFromText,
  keyResultValue,
  shortDay,
  targetText,
} from '../../shared/format.js';
import { keyResultNotes } from '../../shared/okr-text.js';
import type { DigestKeyResult, DigestModel } from './model.js';

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

/** " · 3 of 4 months met · 72% likely", each note after a middle dot. */
export const notesText = (k: DigestKeyResult) =>
  keyResultNotes(k, (v) => keyResultValue(k, v))
    .map((n) => ` · ${n}`)
    .join('');
