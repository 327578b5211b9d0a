/**
 * The stand-in's GitHub releases: a seeded schedule per repository (a release every 2 to 6 weeks,
 * now and then a release candidate), assets per kind of repository, and download counts that grow
 * with time (a burst after each release, then a trickle; more for a repository with more stars), so
 * `download_count` read at any `now` is the truth at that moment. The next release shows as a draft
 * for a few days before it is published, to tokens with push access only. `GET /releases` lists
 * newest first, in GitHub's full shape (release, release-asset).
 */
import { createHash } from 'node:crypto';
import { seeded } from '../random.js';
import { simpleUser } from './rest-shapes.js';
import { fullName, type RepoData } from './world.js';

const DAY = 86_400_000;
/** Days a burst of downloads takes to fade after a release. */
const FADE_DAYS = 6;
const DRAFT_DAYS = 5;

interface AssetPlan {
  name: string;
  contentType: string;
  /** Share of a release's downloads. */
  share: number;
}

const BINARIES: AssetPlan[] = [
  { name: 'linux-amd64.tar.gz', contentType: 'application/gzip', share: 0.45 },
  { name: 'darwin-arm64.tar.gz', contentType: 'application/gzip', share: 0.25 },
  { name: 'windows-amd64.zip', contentType: 'application/zip', share: 0.15 },
  { name: 'linux-arm64.tar.gz', contentType: 'application/gzip', share: 0.1 },
  { name: 'checksums.txt', contentType: 'text/plain', share: 0.05 },
];
const BUNDLE: AssetPlan[] = [{ name: 'bundle.tar.gz', contentType: 'application/gzip', share: 1 }];

export interface PlannedRelease {
  id: number;
  tag: string;
  /** When it is published; it is a draft from DRAFT_DAYS before. */
  at: number;
  prerelease: boolean;
  assets: (AssetPlan & { id: number; size: number })[];
}

const plans = new WeakMap<RepoData, PlannedRelease[]>();

/** Every release the repository will ever have (a fixed schedule from its creation), oldest first. */
export function plannedReleases(repo: RepoData): PlannedRelease[] {
  const cached = plans.get(repo);
  if (cached) return cached;
  const random = seeded(repo.id);
  const kinds = repo.name === 'docs' ? [] : repo.name === 'core' ? BINARIES : BUNDLE;
  const out: PlannedRelease[] = [];
  let at = Date.parse(repo.createdAt) + 20 * DAY;
  let [minor, patch] = [1, 0];
  for (let i = 0; i < 400; i++) {
    const rc = random() < 0.12;
    const tag = rc ? `v0.${minor + 1}.0-rc.1` : `v0.${minor}.${patch}`;
    const id = repo.id * 1000 + i;
    const assets = kinds.map((k, j) => ({
      ...k,
      id: id * 10 + j,
      size: k.contentType === 'text/plain' ? 512 : Math.floor(8e6 + random() * 4e6),
    }));
    out.push({ id, tag, at: at + Math.floor(random() * 8) * 3_600_000, prerelease: rc, assets });
    if (!rc) [minor, patch] = random() < 0.4 ? [minor + 1, 0] : [minor, patch + 1];
    at += Math.floor(14 + random() * 28) * DAY;
  }
  plans.set(repo, out);
  return out;
}

/** The UTC days releases were published on (traffic jumps then). */
export function releaseDays(repo: RepoData): string[] {
  return plannedReleases(repo).map((r) => new Date(r.at).toISOString().slice(0, 10));
}

/** Stars given at or before `at` (an ISO instant; stars are sorted by time). */
export function starsBy(repo: RepoData, at: string): number {
  let lo = 0;
  let hi = repo.stars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (repo.stars[mid]!.starredAt <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Stars at a release's publication, remembered while the star list keeps its length. */
const starsAtReleases = new WeakMap<PlannedRelease, { length: number; stars: number }>();
function starsAtRelease(repo: RepoData, release: PlannedRelease): number {
  const known = starsAtReleases.get(release);
  if (known?.length === repo.stars.length) return known.stars;
  const stars = starsBy(repo, new Date(release.at).toISOString());
  starsAtReleases.set(release, { length: repo.stars.length, stars });
  return stars;
}

/** An asset's cumulative downloads at `now`: a fading burst after its release plus a trickle. */
export function downloadsAt(repo: RepoData, release: PlannedRelease, share: number, now: number) {
  const age = Math.max(0, (now - release.at) / DAY);
  const peak = share * (2 + 0.03 * starsAtRelease(repo, release)) * (release.prerelease ? 0.2 : 1);
  return Math.floor(peak * FADE_DAYS * (1 - Math.exp(-age / FADE_DAYS)) + peak * 0.04 * age);
}

export interface ReleasesMode {
  /** Asset ids deleted by their maintainers: no longer listed. */
  deletedAssets: Set<number>;
}

/** The releases `GET /repos/{o}/{r}/releases` lists at `now`, newest first, in GitHub's shape. */
export function listReleases(
  repo: RepoData,
  now: string,
  origin: string,
  mode: ReleasesMode,
  pushAccess: boolean,
): unknown[] {
  const nowMs = Date.parse(now);
  const visible = plannedReleases(repo).filter(
    (r) => r.at <= nowMs || (pushAccess && r.at - DRAFT_DAYS * DAY <= nowMs),
  );
  return visible.reverse().map((r) => releaseJson(repo, r, nowMs, origin, mode));
}

const iso = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const nodeId = (kind: string, id: number) => Buffer.from(`${kind}${id}`).toString('base64');
const MAINTAINER = { login: 'maintainer0', id: 7001, type: 'User' };
const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

function releaseJson(
  repo: RepoData,
  r: PlannedRelease,
  now: number,
  origin: string,
  mode: ReleasesMode,
) {
  const draft = r.at > now;
  const created = r.at - DRAFT_DAYS * DAY;
  const full = fullName(repo);
  const url = `${origin}/repos/${full}/releases/${r.id}`;
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `${origin}/repos/${full}/releases/${r.id}/assets{?name,label}`,
    html_url: `${origin}/${full}/releases/tag/${draft ? `untagged-${r.id.toString(16)}` : r.tag}`,
    id: r.id,
    author: simpleUser(origin, MAINTAINER),
    node_id: nodeId('RE_', r.id),
    tag_name: r.tag,
    target_commitish: repo.defaultBranch,
    name: r.tag,
    draft,
    immutable: false,
    prerelease: r.prerelease,
    created_at: iso(created),
    updated_at: iso(draft ? created : r.at),
    published_at: draft ? null : iso(r.at),
    assets: r.assets
      .filter((a) => !mode.deletedAssets.has(a.id))
      .map((a) => ({
        url: `${origin}/repos/${full}/releases/assets/${a.id}`,
        id: a.id,
        node_id: nodeId('RA_', a.id),
        name: `${repo.name}-${r.tag}-${a.name}`,
        label: null,
        uploader: simpleUser(origin, ACTIONS_BOT),
        content_type: a.contentType,
        state: 'uploaded',
        size: a.size,
        digest: `sha256:${createHash('sha256').update(String(a.id)).digest('hex')}`,
        download_count: draft ? 0 : downloadsAt(repo, r, a.share, now),
        created_at: iso(created + 600_000),
        updated_at: iso(created + 660_000),
        browser_download_url: `${origin}/${full}/releases/download/${r.tag}/${repo.name}-${r.tag}-${a.name}`,
      })),
    tarball_url: `${origin}/repos/${full}/tarball/${r.tag}`,
    zipball_url: `${origin}/repos/${full}/zipball/${r.tag}`,
    body: `Changes in ${r.tag}.`,
  };
}
