/**
 * The forks of a generated repository, derived rather than stored: fork i is made when star
 * ⌊i / 0.12⌋ was given (the world makes 12 forks per 100 stars), and its owner is decided by a hash
 * of the repository and i, so the same fork keeps its owner and date as the world grows. About a
 * third belong to someone who had opened a pull request before forking (most of them contributors),
 * a few to organisations, the rest to people who never contribute.
 */
import { createHash } from 'node:crypto';
import type { AccountCore } from './rest-shapes.js';
import type { RepoData } from './world.js';

export interface ForkData {
  id: number;
  owner: AccountCore;
  createdAt: string;
}

const FORKS_PER_STAR = 0.12;

function fraction(key: string): number {
  return parseInt(createHash('sha1').update(key).digest('hex').slice(0, 8), 16) / 2 ** 32;
}

/** The i-th fork (oldest first). */
export function forkOf(repo: RepoData, i: number): ForkData | null {
  const star = repo.stars[Math.min(Math.floor(i / FORKS_PER_STAR), repo.stars.length - 1)];
  if (!star) return null;
  const createdAt = star.starredAt;
  const u = fraction(`${repo.id}:fork:${i}`);
  const id = 300_000_000 + Math.floor(fraction(`${repo.id}:fork-id:${i}`) * 1e9);
  const account = (login: string, type: string): AccountCore => ({
    login,
    id: 500_000_000 + Math.floor(fraction(`account:${login}`) * 1e9),
    type,
  });
  if (u < 0.35) {
    // Pull requests are sorted by creation: the ones before the fork are a stable prefix.
    let before = 0;
    let after = repo.pulls.length;
    while (before < after) {
      const mid = (before + after) >> 1;
      if (repo.pulls[mid]!.createdAt < createdAt) before = mid + 1;
      else after = mid;
    }
    const pull = repo.pulls[Math.floor((u / 0.35) * before)];
    if (pull?.author?.type === 'User')
      return { id, owner: account(pull.author.login, 'User'), createdAt };
  }
  if (u < 0.4)
    return { id, owner: account(`org${Math.floor(u * 1e4)}`, 'Organization'), createdAt };
  return { id, owner: account(`forker${Math.floor(u * 1e7)}`, 'User'), createdAt };
}

/** Every fork, newest first (GitHub's `sort=newest`); the same array until the world moves on. */
export function forksNewestFirst(repo: RepoData): readonly ForkData[] {
  // Kept per repository: a 10× backfill lists 400 pages of 40k forks, two hashes each. A fork
  // depends on the stars (appended, or replaced by a new array when some are taken back) and the
  // pull requests (appended) before it.
  const known = listed.get(repo);
  if (
    known &&
    known.forks === repo.forks &&
    known.stars === repo.stars &&
    known.starCount === repo.stars.length &&
    known.pullCount === repo.pulls.length
  )
    return known.list;
  const list: ForkData[] = [];
  for (let i = repo.forks - 1; i >= 0; i--) {
    const fork = forkOf(repo, i);
    if (fork) list.push(fork);
  }
  listed.set(repo, {
    forks: repo.forks,
    stars: repo.stars,
    starCount: repo.stars.length,
    pullCount: repo.pulls.length,
    list,
  });
  return list;
}

const listed = new WeakMap<
  RepoData,
  {
    forks: number;
    stars: RepoData['stars'];
    starCount: number;
    pullCount: number;
    list: readonly ForkData[];
  }
>();
