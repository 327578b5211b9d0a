/** Pull requests with merge, first-review and first-response times; merged ones are contributions. */
import type { Insertable } from 'kysely';
import {
  deleteContributions,
  upsertContributions,
  upsertPullRequests,
} from '../../db/queries/github.js';
import type { ContributionTable, PullRequestTable } from '../../db/schema.js';
import { contributorKey, type BotList } from './actors.js';
import type { GithubContext, RepoRef } from './context.js';
import { walkUpdatedDesc, type UpdatedPage } from './paged.js';
import { PULL_REQUESTS_QUERY, type GqlActor } from './queries.js';
import { firstBy } from './responses.js';

export interface PullRequestNode {
  number: number;
  title: string;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  isDraft: boolean;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  /** The merge commit, the squash, or the last rebased commit: not a contribution of its own. */
  mergeCommit: { oid: string } | null;
  authorAssociation: string;
  author: GqlActor | null;
  reviews: {
    nodes: { author: GqlActor | null; submittedAt: string | null; createdAt: string }[];
  } | null;
  comments: { nodes: { author: GqlActor | null; createdAt: string }[] };
}

export interface PullRequestRows {
  pullRequests: PullRequestTable[];
  contributions: Insertable<ContributionTable>[];
  /** PR numbers that are not (or no longer) contributions. */
  notContributions: string[];
}

export function toPullRequestRows(
  repoId: string,
  nodes: readonly PullRequestNode[],
  bots: BotList,
): PullRequestRows {
  const rows: PullRequestRows = { pullRequests: [], contributions: [], notContributions: [] };
  for (const pr of nodes) {
    const author = bots.person(pr.author);
    const reviews = (pr.reviews?.nodes ?? []).map((r) => ({
      author: r.author,
      at: r.submittedAt ?? r.createdAt,
    }));
    const comments = pr.comments.nodes.map((c) => ({ author: c.author, at: c.createdAt }));
    const firstReview = firstBy(reviews, pr.author, bots);
    const firstComment = firstBy(comments, pr.author, bots);
    const firstResponse =
      [firstReview, firstComment].filter((t): t is string => t !== null).sort()[0] ?? null;
    rows.pullRequests.push({
      repo_id: repoId,
      number: pr.number,
      author,
      author_is_bot: pr.author !== null && bots.isBot(pr.author) ? 1 : 0,
      author_association: pr.authorAssociation,
      title: pr.title,
      state: pr.state === 'MERGED' ? 'merged' : pr.state === 'CLOSED' ? 'closed' : 'open',
      is_draft: pr.isDraft ? 1 : 0,
      created_at: pr.createdAt,
      updated_at: pr.updatedAt,
      merged_at: pr.mergedAt,
      closed_at: pr.closedAt,
      first_review_at: firstReview,
      first_response_at: firstResponse,
      merge_commit: pr.mergedAt ? (pr.mergeCommit?.oid ?? null) : null,
    });
    if (pr.mergedAt && author) {
      rows.contributions.push({
        repo_id: repoId,
        kind: 'pr',
        ref: String(pr.number),
        contributor: contributorKey(author),
        at: pr.mergedAt,
      });
    } else {
      rows.notContributions.push(String(pr.number));
    }
  }
  return rows;
}

export async function collectPullRequests(ctx: GithubContext, repo: RepoRef): Promise<number> {
  return walkUpdatedDesc<PullRequestNode>(ctx, repo, {
    resource: 'pull_requests',
    fetchPage: async (after) => {
      const data = await ctx.client.graphql<{
        repository: { pullRequests: UpdatedPage<PullRequestNode> };
      }>(PULL_REQUESTS_QUERY, { owner: repo.owner, name: repo.name, after });
      return data.repository.pullRequests;
    },
    writePage: async (trx, nodes) => {
      const rows = toPullRequestRows(repo.id, nodes, ctx.bots);
      await upsertPullRequests(trx, rows.pullRequests);
      await upsertContributions(trx, rows.contributions);
      await deleteContributions(trx, repo.id, 'pr', rows.notContributions);
      return rows.pullRequests.length;
    },
  });
}
