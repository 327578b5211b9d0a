/**
 * Releases on a metric's chart: on which metrics they belong, the axis position each falls on, and
 * the note under the chart that counts them.
 */
import type { SeriesResponse } from './api.js';
import { nextLabel } from '../../../shared/dates.js';
import type { Interval } from './periods.js';

export type Release = SeriesResponse['releases'][number];

/**
 * Whether releases are drawn on a metric's chart, by where the metric comes from. GitHub's own
 * figures and package downloads move with releases (stars and issues after one, downloads of the
 * new version); a Discord server's members and messages, and business figures recorded by hand,
 * are not read against a repository's tags, so lines there would only suggest a link that is not.
 */
export function showsReleases(metricId: string): boolean {
  return /^(github|npm|pypi|docker)\./.test(metricId);
}

/** A release on the chart: the axis position of the period it fell in, and the tags released then. */
export interface Marker {
  index: number;
  tags: string[];
}

/**
 * Where releases fall on the axis: each in the period (day, week or month) holding its day, several
 * in one period sharing one marker. Tags name their repository when several repositories release.
 */
export function releaseMarkers(
  releases: readonly Release[],
  labels: readonly string[],
  interval: Interval,
): Marker[] {
  const repos = new Set(releases.map((r) => r.repo));
  const byIndex = new Map<number, string[]>();
  for (const release of releases) {
    const index = periodIndex(labels, release.day, interval);
    if (index < 0) continue;
    const name = release.repo.split('/').at(-1) ?? release.repo;
    const tag = repos.size > 1 ? `${name} ${release.tag}` : release.tag;
    byIndex.set(index, [...(byIndex.get(index) ?? []), tag]);
  }
  return [...byIndex].sort((a, b) => a[0] - b[0]).map(([index, tags]) => ({ index, tags }));
}

/** The position of the period holding `day` (periods start at their label), or -1 outside them. */
function periodIndex(labels: readonly string[], day: string, interval: Interval): number {
  if (interval === 'day') return labels.indexOf(day);
  let found = -1;
  for (let i = 0; i < labels.length && labels[i]! <= day; i++) found = i;
  if (found < 0) return -1;
  return day < nextLabel(labels[found]!, interval) ? found : -1;
}

/** What the markers show, in words: "12 releases in this range, the latest core v0.12.1". */
export function releasesText(markers: readonly Marker[]): string {
  const tags = markers.flatMap((m) => m.tags);
  const count = tags.length === 1 ? '1 release' : `${tags.length} releases`;
  return `${count} in this range, the latest ${tags.at(-1) ?? ''}`;
}
