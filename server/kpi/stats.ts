/** Small statistics over plain arrays: no I/O, no clock. */

/**
 * Nearest-rank percentile of an ascending sample: the smallest value with at least p% of the sample
 * at or below it. An empty sample has no percentile (null), never 0.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAscending.length));
  return sortedAscending[rank - 1]!;
}

export interface Line {
  intercept: number;
  slope: number;
}

/** Ordinary least squares through (x, y); null with fewer than two distinct x. */
export function leastSquares(points: readonly { x: number; y: number }[]): Line | null {
  const n = points.length;
  if (n < 2) return null;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/**
 * Contributor Absence Factor: the fewest contributors whose contributions make up at least half of
 * all of them. 0 when there are none.
 */
export function busFactor(contributionsPerPerson: Iterable<number>): number {
  const counts = [...contributionsPerPerson].filter((n) => n > 0).sort((a, b) => b - a);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let covered = 0;
  for (let i = 0; i < counts.length; i++) {
    covered += counts[i]!;
    if (covered * 2 >= total) return i + 1;
  }
  return counts.length;
}
