/**
 * "Did you mean …?" for a metric URL that names no metric: the catalog entry whose id or label is
 * closest to what was typed, if any is close enough to be the likely intent.
 */

export interface Named {
  id: string;
  label: string;
}

/** Lower case, letters and digits only: `github.stars`, `GitHub stars` and `github-stars` compare equal. */
const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Levenshtein distance: inserts, deletes and substitutions, one each. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The metric `typed` most likely meant: within a few edits of an id or label (about one per four
 * characters), else the shortest whose id or label starts with it (at least four characters typed);
 * null when nothing is close.
 */
export function closestMetric<T extends Named>(typed: string, catalog: readonly T[]): T | null {
  const wanted = squash(typed);
  if (!wanted) return null;
  const allowed = Math.max(1, Math.floor(wanted.length / 4));
  let best: { metric: T; distance: number } | null = null;
  for (const metric of catalog) {
    const distance = Math.min(
      editDistance(wanted, squash(metric.id)),
      editDistance(wanted, squash(metric.label)),
    );
    if (distance <= allowed && (!best || distance < best.distance)) best = { metric, distance };
  }
  if (best) return best.metric;
  if (wanted.length < 4) return null;
  const prefixed = catalog.filter((m) =>
    [m.id, m.label].some((name) => squash(name).startsWith(wanted)),
  );
  return prefixed.sort((a, b) => a.id.length - b.id.length)[0] ?? null;
}
