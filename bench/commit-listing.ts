/**
 * The GitHub stand-in's commit listing alone: every page of `GET /repos/{o}/{r}/commits` (100 a
 * page, as the collector asks) for the largest repository of a bench-size world, timed. Build and
 * run: `npx esbuild bench/commit-listing.ts --bundle --platform=node --format=esm
 * --packages=external --outfile=dist/bench/commit-listing.js && node dist/bench/commit-listing.js [SCALE]`.
 */
import { createGithubStandIn } from '../demo/github/stand-in.js';
import { createWorld, fullName } from '../demo/github/world.js';
import { scaled } from './collection.js';

const scale = Number(process.argv[2] ?? 1);
const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
const world = createWorld({ now, repos: 3, days: 1095, ...scaled(scale) });
const github = createGithubStandIn(world);
github.rate.core.limit = github.rate.core.remaining = 1_000_000;
const repo = world.repos.reduce((a, b) => (b.commits.length > a.commits.length ? b : a));
const head = repo.commits.at(-1)!.sha;

async function listAll(query: string) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let url: string | null =
    `http://stand-in/repos/${fullName(repo)}/commits?sha=${head}&per_page=100${query}`;
  let pages = 0;
  let commits = 0;
  while (url) {
    const response = await github.handle(new Request(url));
    commits += ((await response.json()) as unknown[]).length;
    pages++;
    url = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
  }
  const used = process.cpuUsage(cpu);
  return {
    pages,
    commits,
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
  };
}

console.log(`${fullName(repo)}: ${repo.commits.length} commits (${scale}×)`);
const since = repo.commits[Math.floor(repo.commits.length / 2)]!.committedAt;
for (const [label, query] of [
  ['all pages', ''],
  ['all pages, since the middle', `&since=${since}`],
] as const) {
  const { pages, commits, ms, cpuMs } = await listAll(query);
  console.log(
    `${label}: ${pages} pages, ${commits} commits, ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s)`,
  );
}
