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

/**
 * How much a release says, by the version in its tag: 0 a major (v2.0.0), 1 a minor (v0.12.0), 2 a
 * patch or a tag without a version, 3 a pre-release (v1.0.0-rc.1).
 */
export function releaseRank(tag: string): number {
  const version = /(\d+)\.(\d+)(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(?:\+\S*)?$/.exec(tag);
  if (!version) return 2;
  const [, major, minor, patch, pre] = version;
  if (pre) return 3;
  if (Number(patch ?? 0) > 0) return 2;
  return Number(minor) > 0 || Number(major) === 0 ? 1 : 0;
}

/**
 * The markers to draw when lines closer than `gap` pixels would blur into one grey band (forty
 * releases a year on a phone): major and minor releases first, the newest first among equals, each
 * kept only if no kept line is nearer than `gap`. The others still name their tags in the tooltip of
 * their period. `xOf` is an axis position's pixel.
 */
export function thinMarkers(
  markers: readonly Marker[],
  xOf: (index: number) => number,
  gap: number,
): Marker[] {
  const candidates = markers
    .map((marker) => ({
      marker,
      x: xOf(marker.index),
      rank: Math.min(...marker.tags.map(releaseRank)),
    }))
    .sort((a, b) => a.rank - b.rank || b.marker.index - a.marker.index);
  const kept: typeof candidates = [];
  for (const candidate of candidates)
    if (kept.every((k) => Math.abs(k.x - candidate.x) >= gap)) kept.push(candidate);
  return kept.map((k) => k.marker).sort((a, b) => a.index - b.index);
}

/**
 * The note under the chart, after "Dashed vertical lines: ": how many releases the range holds and
 * the latest, and when the chart is too narrow to draw them all, how many it draws and which.
 */
export function releasesText(
  markers: readonly Marker[],
  drawn: readonly Marker[] = markers,
  interval: Interval = 'day',
): string {
  const tags = markers.flatMap((m) => m.tags);
  const latest = `the latest ${tags.at(-1) ?? ''}`;
  const count = tags.length === 1 ? '1 release' : `${tags.length} releases`;
  const shown = drawn.flatMap((m) => m.tags).length;
  if (shown >= tags.length) return `${count} in this range, ${latest}. Point at one for its tag.`;
  return (
    `${shown} of the ${count} in this range (major and minor ones first, as many as fit), ` +
    `${latest}. Point at the chart for each ${interval}'s tags.`
  );
}
