/**
 * A repository's activity over a span of time: stars, pull requests (reviews, comments, merges),
 * issues (comments, closes) and the commits that land them (`history.ts`), all drawn from the
 * world's random stream in a fixed order, so the same seed gives the same world.
 */
import { addHistory } from './history.js';
import type {
  Actor,
  IssueData,
  PullData,
  RepoData,
  StarData,
  TimedAction,
  World,
} from './world.js';
import { BOTS, iso } from './world.js';

const HOUR = 3_600_000;
/** r^k of a uniform r: the larger k, the more work the first few contributors author. */
const AUTHOR_SKEW = 8;

export interface ActivityAmounts {
  stars: number;
  pulls: number;
  issues: number;
  commits: number;
  from: number;
  to: number;
}

/** The random draws activity is made of, all from the world's stream. */
interface Draws {
  r: () => number;
  when: () => number;
  pick: <T>(items: readonly T[]) => T;
  user: () => Actor;
  person: () => Actor;
  maintainer: () => Actor;
  later: (at: number, meanHours: number) => number;
  cap: (at: number) => number;
}

function drawsOf(world: World, amounts: ActivityAmounts): Draws {
  const r = world.random;
  const span = amounts.to - amounts.from;
  const pick = <T>(items: readonly T[]) => items[Math.floor(r() * items.length)]!;
  // Authorship is heavy-tailed, as in real projects: a few regulars author most of the work and a
  // long tail comes once (user0 about a third of it, the first dozen about half).
  const user = (): Actor => ({
    login: `user${Math.floor(r() ** AUTHOR_SKEW * 3000)}`,
    type: 'User',
  });
  const person = (): Actor => {
    const x = r();
    if (x < 0.03) return null; // deleted account
    if (x < 0.1) return { login: pick(BOTS), type: 'Bot' };
    return user();
  };
  return {
    r,
    when: () => amounts.from + Math.sqrt(r()) * span,
    pick,
    user,
    person,
    maintainer: (): Actor => ({ login: `maintainer${Math.floor(r() * 8)}`, type: 'User' }),
    later: (at: number, meanHours: number) =>
      at + Math.max(60_000, -Math.log(1 - r()) * meanHours * HOUR),
    cap: (at: number) => Math.min(at, world.now ? Date.parse(world.now) : at),
  };
}

/** Adds items created in [from, to), growing towards `to` (communities grow). Keeps lists sorted. */
export function addActivity(world: World, repo: RepoData, amounts: ActivityAmounts): void {
  const d = drawsOf(world, amounts);
  addStars(repo, d, amounts.stars);
  repo.forks += Math.round(amounts.stars * 0.12);

  const items: { at: number; kind: 'pull' | 'issue' }[] = [];
  for (let i = 0; i < amounts.pulls; i++) items.push({ at: d.when(), kind: 'pull' });
  for (let i = 0; i < amounts.issues; i++) items.push({ at: d.when(), kind: 'issue' });
  items.sort((a, b) => a.at - b.at);

  const newPulls = repo.pulls.length;
  for (const item of items) addItem(repo, d, item.at, item.kind);

  const merged = repo.pulls.slice(newPulls).filter((p) => p.mergedAt !== null);
  const { r, user, maintainer, pick } = d;
  const bot = (): Actor => ({ login: pick(BOTS), type: 'Bot' });
  addHistory(repo, { r, user, maintainer, bot }, merged, amounts.commits, amounts.from, amounts.to);
}

function addStars(repo: RepoData, d: Draws, count: number): void {
  const newStars: StarData[] = [];
  const starred = new Set(repo.stars.map((s) => s.login));
  for (let i = 0; i < count; i++) {
    let login = `stargazer${repo.stars.length + newStars.length}-${Math.floor(d.r() * 1e6)}`;
    while (starred.has(login)) login += 'x';
    starred.add(login);
    newStars.push({ login, starredAt: iso(d.when()) });
  }
  // A loop, not push(...): a 10× backfill adds ~330k stars at once, past the spread's stack limit.
  for (const star of newStars.sort((a, b) => a.starredAt.localeCompare(b.starredAt)))
    repo.stars.push(star);
  // Starred-at timestamps are unique per repo in the generated data, so "newest first" is a total order.
  dedupeTimes(repo.stars);
}

/** What a pull request and an issue start with alike. */
interface Opened {
  number: number;
  author: Actor;
  created: number;
  comments: TimedAction[];
  /** When the noise ended. */
  t: number;
  responds: boolean;
}

function addItem(repo: RepoData, d: Draws, created: number, kind: 'pull' | 'issue'): void {
  const { r, cap, later, pick } = d;
  const author = d.person();
  const number = repo.nextNumber++;
  const comments: TimedAction[] = [];
  let t = created;
  // Noise that must not count as a response: the author's own comment, a bot's.
  if (r() < 0.3) comments.push({ author, at: iso(cap((t = later(t, 1)))) });
  if (r() < 0.25)
    comments.push({
      author: { login: pick(BOTS), type: 'Bot' },
      at: iso(cap((t = later(t, 0.2)))),
    });
  if (r() < 0.05) comments.push({ author: null, at: iso(cap((t = later(t, 2)))) });
  const opened: Opened = { number, author, created, comments, t, responds: r() < 0.75 };
  if (kind === 'pull') repo.pulls.push(drawPull(d, opened));
  else repo.issues.push(drawIssue(d, opened));
}

/** A maintainer's first response (a review or a comment), and maybe a review after it. */
function drawReviews(d: Draws, { comments, t, responds }: Opened) {
  const { r, cap, later, maintainer } = d;
  const reviews: TimedAction[] = [];
  let firstReview: number | null = null;
  let firstResponse: number | null = null;
  if (responds) {
    firstResponse = cap(later(t, 18));
    if (r() < 0.6) {
      reviews.push({ author: maintainer(), at: iso(firstResponse) });
      firstReview = firstResponse;
    } else {
      comments.push({ author: maintainer(), at: iso(firstResponse) });
      if (r() < 0.5) {
        firstReview = cap(later(firstResponse, 10));
        reviews.push({ author: maintainer(), at: iso(firstReview) });
      }
    }
  }
  return { reviews, firstReview, firstResponse };
}

function drawPull(d: Draws, opened: Opened): PullData {
  const { r, cap, later, pick } = d;
  const { number, author, created, comments, t } = opened;
  const { reviews, firstReview, firstResponse } = drawReviews(d, opened);
  if (r() < 0.1) reviews.unshift({ author, at: iso(cap(later(created, 0.5))) }); // self-review: not a review
  const outcome = r();
  const merged = outcome < 0.65 && author !== null;
  const closed = merged || outcome < 0.8;
  const endAt = closed ? cap(later(Math.max(firstResponse ?? t, t), 60)) : null;
  const pull: PullData = {
    number,
    title: `${pick(['Fix', 'Add', 'Improve', 'Refactor', 'Document'])} ${pick(['parser', 'cache', 'CLI', 'docs', 'tests', 'API'])}`,
    author,
    authorAssociation:
      author === null ? 'NONE' : pick(['CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'MEMBER']),
    createdAt: iso(created),
    updatedAt: '',
    mergedAt: merged && endAt ? iso(endAt) : null,
    closedAt: endAt ? iso(endAt) : null,
    isDraft: !closed && r() < 0.2,
    mergeCommit: null,
    mergeMethod: null,
    reviews: reviews.sort((a, b) => a.at.localeCompare(b.at)),
    comments: comments.sort((a, b) => a.at.localeCompare(b.at)),
    truth: {
      firstReviewAt: firstReview === null ? null : iso(firstReview),
      firstResponseAt: firstResponse === null ? null : iso(firstResponse),
    },
  };
  pull.updatedAt = latest(
    pull.createdAt,
    pull.closedAt,
    ...pull.reviews.map((x) => x.at),
    ...pull.comments.map((x) => x.at),
  );
  return pull;
}

function drawIssue(
  d: Draws,
  { number, author, created, comments, t, responds }: Opened,
): IssueData {
  const { r, cap, later, pick, maintainer } = d;
  let firstResponse: number | null = null;
  if (responds) {
    firstResponse = cap(later(t, 20));
    comments.push({ author: maintainer(), at: iso(firstResponse) });
  }
  const closes = r() < 0.6;
  let closedBy: Actor = null;
  let closedAt: number | null = null;
  if (closes) {
    const byAuthor = r() < 0.3 && author !== null;
    closedBy = byAuthor ? author : maintainer();
    closedAt = cap(later(firstResponse ?? created, 80));
    if (!byAuthor && (firstResponse === null || closedAt < firstResponse)) firstResponse = closedAt;
  }
  const issue: IssueData = {
    number,
    title: `${pick(['Crash when', 'Support', 'Question about', 'Wrong output for'])} ${pick(['config', 'login', 'export', 'plugins'])}`,
    author,
    createdAt: iso(created),
    updatedAt: '',
    closedAt: closedAt === null ? null : iso(closedAt),
    closedBy,
    comments: comments.sort((a, b) => a.at.localeCompare(b.at)),
    truth: { firstResponseAt: firstResponse === null ? null : iso(firstResponse) },
  };
  issue.updatedAt = latest(issue.createdAt, issue.closedAt, ...issue.comments.map((x) => x.at));
  return issue;
}

function latest(...times: (string | null)[]): string {
  return times.filter((t): t is string => t !== null).reduce((a, b) => (a > b ? a : b));
}

/** Nudges equal starred-at seconds apart so every star has its own time. */
function dedupeTimes(stars: StarData[]): void {
  for (let i = 1; i < stars.length; i++) {
    if (stars[i]!.starredAt <= stars[i - 1]!.starredAt) {
      stars[i]!.starredAt = iso(Date.parse(stars[i - 1]!.starredAt) + 1000);
    }
  }
}
