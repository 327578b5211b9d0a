/**
 * The incremental rollup refresh against the full rebuild: seeded random sequences of passes (new
 * stars from the star history and from a stargazer list, PRs merged late, issues closed and
 * re-opened, late first responses, bots, removed contributions, back-dated manual values, Discord
 * joins, leaves and posts, a second guild whose posts begin later, days passing), written straight
 * through db/queries; after each, the stored rollups equal a full rebuild's, row for row. Each
 * refresh runs in one of two processes (two connections): a long-running one resuming from the
 * window states it kept in memory, or another one (a cron `pulseboard refresh` beside it), after
 * which the first must read the stored states again.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { upsertStarDays } from '../../../db/queries/star-days.js';
import {
  deleteContributions,
  upsertContributions,
  upsertIssues,
  upsertPullRequests,
  upsertRepoSnapshot,
  upsertStars,
} from '../../../db/queries/github.js';
import { upsertManualValue } from '../../../db/queries/manual.js';
import { applyMemberPage, insertDiscordSnapshot } from '../../../db/queries/discord.js';
import { insertDiscordMessages } from '../../../db/queries/discord-activity.js';
import { saveSyncState } from '../../../db/queries/sync-state.js';
import { upsertForks } from '../../../db/queries/forks.js';
import { computeFullRollups, refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { openDatabase, type DatabaseHandle } from '../../../db/connect.js';
import { stampRollupVersion } from '../../../db/queries/metrics.js';
import { decodeState, encodeState } from '../../../db/queries/rollup-windows.js';
import { keptItemsOf } from '../../../server/kpi/sliding.js';
import { seeded } from '../../../demo/random.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addRepo, rollupLines, storedRollups } from '../../helpers/rollup-history.js';
import type { IssueTable, PullRequestTable } from '../../../db/schema.js';

const DAY = 86_400_000;
const START = Date.parse('2026-03-01T10:00:00Z');
const REPOS = ['r1', 'r2'];
/** A repository whose stars come from the stargazer list (no star-history endpoint). */
const LIST_REPO = 'r3';
const PEOPLE = ['ana', 'bo', 'cy', 'di', 'ed', 'fay', 'gus'];

class World {
  now = START;
  private prs: PullRequestTable[] = [];
  private issues: IssueTable[] = [];
  private members = new Map<string, string>();
  private stars = new Map<string, number>();
  constructor(
    private db: Kysely<Database>,
    private random: () => number,
  ) {}
  private pick = <T>(items: readonly T[]): T => items[Math.floor(this.random() * items.length)]!;
  private iso = (ms: number) => new Date(ms).toISOString();
  /** An instant up to `days` before now. */
  private past = (days: number) => this.iso(this.now - Math.floor(this.random() * days * DAY));

  async seed() {
    for (const id of [...REPOS, LIST_REPO]) await addRepo(this.db, id, this.iso(this.now));
    for (let i = 0; i < 40; i++) await this.newPullRequest(200);
    for (let i = 0; i < 30; i++) await this.newIssue(200);
    for (let i = 0; i < 20; i++) await this.star(200);
    for (let i = 0; i < 20; i++) await this.listStar(200);
    await this.snapshot();
    for (let i = 0; i < 8; i++) await this.join(200);
    await this.postsFrom('g', 40);
    for (let i = 0; i < 30; i++) await this.post(40);
  }

  /** Where a guild's collected posts begin: `days` ago (a second guild moves the start later). */
  async postsFrom(guild: string, days: number) {
    await saveSyncState(this.db, {
      resource: 'discord_activity',
      scope: guild,
      cursor: this.iso(this.now - days * DAY),
      etag: null,
      status: 'ok',
      detail: null,
      updated_at: this.iso(this.now),
    });
  }

  /** A member's post (now and then one of a channel read late). */
  async post(spreadDays = 2) {
    await insertDiscordMessages(this.db, [
      {
        guild_id: 'g',
        message_id: `p${this.random()}`,
        channel_id: 'c',
        author_hash: this.pick(PEOPLE),
        posted_at: this.past(spreadDays),
      },
    ]);
  }

  async newPullRequest(spreadDays = 3) {
    const created = this.past(spreadDays);
    const merged =
      this.random() < 0.5 ? this.iso(Date.parse(created) + this.random() * 20 * DAY) : null;
    const pr: PullRequestTable = {
      repo_id: this.pick(REPOS),
      number: this.prs.length + 1,
      author: this.pick(PEOPLE),
      author_is_bot: this.random() < 0.15 ? 1 : 0,
      author_association: 'NONE',
      title: 't',
      state: merged ? 'merged' : 'open',
      is_draft: 0,
      created_at: created,
      updated_at: this.iso(this.now),
      merged_at: merged && Date.parse(merged) <= this.now ? merged : null,
      closed_at: merged && Date.parse(merged) <= this.now ? merged : null,
      first_review_at: this.random() < 0.6 ? this.iso(Date.parse(created) + 3_600_000) : null,
      first_response_at: null,
      merge_commit: null,
    };
    this.prs.push(pr);
    await this.savePullRequest(pr);
  }

  private async savePullRequest(pr: PullRequestTable) {
    await upsertPullRequests(this.db, [pr]);
    if (pr.merged_at && pr.author_is_bot === 0)
      await upsertContributions(this.db, [
        {
          repo_id: pr.repo_id,
          kind: 'pr',
          ref: String(pr.number),
          contributor: pr.author!,
          at: pr.merged_at,
        },
      ]);
    else await deleteContributions(this.db, pr.repo_id, 'pr', [String(pr.number)]);
  }

  async mergeLate() {
    const open = this.prs.filter((p) => p.merged_at === null);
    if (open.length === 0) return;
    const pr = this.pick(open);
    Object.assign(pr, {
      merged_at: this.iso(this.now),
      closed_at: this.iso(this.now),
      state: 'merged',
    });
    await this.savePullRequest(pr);
  }

  async unmerge() {
    const merged = this.prs.filter((p) => p.merged_at !== null);
    if (merged.length === 0) return;
    const pr = this.pick(merged);
    Object.assign(pr, { merged_at: null, state: 'closed' });
    await this.savePullRequest(pr);
  }

  async newIssue(spreadDays = 3) {
    const created = this.past(spreadDays);
    const issue: IssueTable = {
      repo_id: this.pick(REPOS),
      number: this.issues.length + 1,
      author: this.pick(PEOPLE),
      author_is_bot: this.random() < 0.1 ? 1 : 0,
      title: 't',
      state: 'open',
      created_at: created,
      updated_at: this.iso(this.now),
      closed_at: null,
      first_response_at: null,
    };
    this.issues.push(issue);
    await upsertIssues(this.db, [issue]);
  }

  async changeIssue() {
    if (this.issues.length === 0) return;
    const issue = this.pick(this.issues);
    const at = this.iso(this.now);
    if (issue.closed_at === null) Object.assign(issue, { closed_at: at, state: 'closed' });
    else if (this.random() < 0.5) Object.assign(issue, { closed_at: null, state: 'open' }); // re-opened
    if (issue.first_response_at === null && this.random() < 0.5) issue.first_response_at = at;
    if (this.random() < 0.1) issue.author_is_bot = issue.author_is_bot ? 0 : 1;
    await upsertIssues(this.db, [issue]);
  }

  /** A commit of the last days, or now and then one back-dated weeks (before a kept window). */
  async commit() {
    await upsertContributions(this.db, [
      {
        repo_id: this.pick(REPOS),
        kind: 'commit',
        ref: `c${this.random()}`,
        contributor: this.pick([...PEOPLE, 'email:x', 'new-' + Math.floor(this.random() * 5)]),
        at: this.past(this.random() < 0.2 ? 40 : 2),
      },
    ]);
  }

  /** Stars of a GitHub day (the star-history endpoint re-read: a past day can go down too). */
  async star(spreadDays = 3) {
    const repo = this.pick(REPOS);
    const day = `${this.past(spreadDays).slice(0, 10)}T00:00:00Z`;
    const key = `${repo} ${day}`;
    const stars = Math.max(0, (this.stars.get(key) ?? 0) + Math.floor(this.random() * 4) - 1);
    this.stars.set(key, stars);
    await upsertStarDays(this.db, [{ repo_id: repo, starts_at: day, stars }]);
  }

  /** A stargazer of the list's repository (now and then back-dated: GitHub lists old stars late). */
  async listStar(spreadDays = 3) {
    await upsertStars(this.db, [
      { repo_id: LIST_REPO, stargazer: `s${this.random()}`, starred_at: this.past(spreadDays) },
    ]);
  }

  async snapshot() {
    for (const repo of [...REPOS, LIST_REPO])
      await upsertRepoSnapshot(this.db, {
        repo_id: repo,
        day: this.iso(this.now).slice(0, 10),
        taken_at: this.iso(this.now),
        stars: 10 + Math.floor(this.random() * 100),
        forks: Math.floor(this.random() * 10),
        open_issues: 0,
      });
  }

  async fork() {
    await upsertForks(this.db, [
      {
        repo_id: this.pick(REPOS),
        fork_id: `f${this.random()}`,
        // Now and then an organisation (left out of the contributing share).
        ...(this.random() < 0.2
          ? { owner: 'acme', owner_type: 'Organization' }
          : {
              owner: this.pick([...PEOPLE, 'new-' + Math.floor(this.random() * 5)]),
              owner_type: 'User',
            }),
        created_at: this.past(5),
      },
    ]);
  }

  async manual() {
    await upsertManualValue(this.db, {
      metric: this.pick(['manual.arr', 'manual.nps']),
      at: this.past(60).slice(0, 10), // back-dated
      value: Math.floor(this.random() * 1000),
      recorded_at: this.iso(this.now),
      source: 'cli',
    });
  }

  async join(spreadDays = 3) {
    const hash = `m${this.members.size + 1}`;
    this.members.set(hash, this.past(spreadDays));
    await applyMemberPage(
      this.db,
      'g',
      new Map([[hash, this.members.get(hash)!]]),
      this.iso(this.now),
    );
    await insertDiscordSnapshot(this.db, {
      guild_id: 'g',
      taken_at: this.iso(this.now),
      day: this.iso(this.now).slice(0, 10),
      member_count: this.members.size,
      presence_count: Math.floor(this.random() * this.members.size),
    });
  }

  /** One collection pass: a few random changes, after some hours or days. */
  async pass() {
    // Mostly hours; now and then a few days without a pass.
    this.now += Math.floor(this.random() * (this.random() < 0.1 ? 120 : 30)) * 3_600_000;
    const actions = [
      // Now and then back-dated weeks: before a kept window's state, a carried running total.
      () => this.newPullRequest(this.random() < 0.2 ? 40 : 3),
      () => this.mergeLate(),
      () => this.unmerge(),
      () => this.newIssue(),
      () => this.changeIssue(),
      () => this.commit(),
      () => this.star(),
      () => this.listStar(this.random() < 0.2 ? 40 : 3),
      () => this.snapshot(),
      () => this.fork(),
      () => this.manual(),
      () => this.join(this.random() < 0.3 ? 60 : 3),
      () => this.post(this.random() < 0.2 ? 10 : 2),
      () => this.post(),
      // Rarely, a second guild whose posts begin later: where the history begins moves.
      () => (this.random() < 0.3 ? this.postsFrom('g2', 5) : this.post()),
    ];
    const n = 2 + Math.floor(this.random() * 4);
    for (let i = 0; i < n; i++) await this.pick(actions)();
  }
}

/** Rewrites the stored window states as they were before they kept items (sums as a pair). */
async function storeStatesWithoutKeptItems(db: Kysely<Database>) {
  const rows = await db.selectFrom('rollup_window').selectAll().execute();
  for (const row of rows) {
    const state = decodeState(row.state) as Record<string, unknown> | null;
    if (state === null || Array.isArray(state)) continue;
    const rest = Object.fromEntries(Object.entries(state).filter(([k]) => !k.startsWith('kept')));
    const before = 'sums' in rest ? rest.sums : rest;
    await db
      .updateTable('rollup_window')
      .set({ state: encodeState(before) })
      .where('metric', '=', row.metric)
      .where('scope', '=', row.scope)
      .execute();
  }
}

const ZONES = { sqlite: 'Pacific/Auckland', postgres: 'America/Los_Angeles' } as const;
/** PostgreSQL's round trips cost more: fewer passes there (the logic under test is the same). */
const PASSES = { sqlite: 14, postgres: 8 } as const;

describe.each(DIALECTS)('incremental rollup refresh on %s', (dialect) => {
  let database: OpenTestDatabase;
  let otherProcess: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    otherProcess = await openDatabase(database.location);
    // This machine's commits wait on a slow disk; durability is not what is tested here.
    if (dialect === 'postgres')
      await sql`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', current_database()); END $$`.execute(
        database.db,
      );
  });
  afterAll(async () => {
    await otherProcess.close();
    await database.drop();
  });

  test('after each of several random passes, the rollups equal a full rebuild, row for row', async () => {
    const timeZone = ZONES[dialect];
    const world = new World(database.db, seeded(dialect === 'sqlite' ? 17 : 23));
    await world.seed();
    await refreshDailyMetrics(database.db, timeZone, new Date(world.now));
    // The first refresh is a full rebuild, streamed group by group: it equals
    // every metric computed at once from all rows.
    const rebuilt = rollupLines(
      await computeFullRollups(database.db, timeZone, new Date(world.now)),
    );
    expect(await storedRollups(database.db)).toEqual(rebuilt);
    let recomputed = 0;
    let full = 0;
    const inOther = seeded(5);
    for (let pass = 0; pass < PASSES[dialect]; pass++) {
      await world.pass();
      const now = new Date(world.now);
      const refreshing = inOther() < 0.3 ? otherProcess.db : database.db;
      recomputed += await refreshDailyMetrics(refreshing, timeZone, now);
      const expected = rollupLines(await computeFullRollups(database.db, timeZone, now));
      full += expected.length;
      expect(await storedRollups(database.db), `after pass ${pass + 1}`).toEqual(expected);
      // Halfway, the states as the version before kept them: without the items of the days
      // next to leave (an upgrade): the next refresh reads those days' rows instead.
      // Those states were stored by the version before, which stamped a rollup version of its
      // own: neither process reuses the states it kept in memory, both read the stored ones.
      if (pass === Math.floor(PASSES[dialect] / 2)) {
        await storeStatesWithoutKeptItems(database.db);
        await stampRollupVersion(database.db, 'upgraded', now.toISOString(), 'test');
      }
    }
    // The states kept the items of the days next to leave their windows.
    const states = await database.db
      .selectFrom('rollup_window')
      .select(['metric', 'state'])
      .execute();
    const windowed = states.filter((s) => !s.metric.startsWith('github.forks.'));
    expect(windowed.length).toBeGreaterThan(0);
    for (const { metric, state } of windowed)
      expect(keptItemsOf(decodeState(state)), metric).not.toBeNull();
    // The windows' states are kept at the end of the day two days back, for the next refresh.
    const kept = await database.db.selectFrom('rollup_window').select('day').distinct().execute();
    const today = new Date(world.now - 2 * DAY).toLocaleDateString('en-CA', { timeZone });
    expect(kept.map((k) => k.day)).toEqual([today]);
    // The incremental refreshes recomputed a small part of what full rebuilds would have.
    expect(recomputed).toBeLessThan(full / 4);
  });
});
