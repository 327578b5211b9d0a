/**
 * GitHub Discussions: when each was opened, whether it sits in an answerable (Q&A) category, the
 * first comment by someone other than its author, and the marked answer with its author's login
 * and association (kept, so "answered by the community" can be recomputed when the team changes).
 * Read most recently updated first until the last pass, 50 a page (1 point); where discussions are
 * off, the probe says so and nothing is asked.
 */
import { upsertDiscussions } from '../../db/queries/discussions.js';
import type { GithubDiscussionTable } from '../../db/schema.js';
import type { BotList } from './actors.js';
import type { GithubClient } from './client.js';
import type { GithubContext, RepoRef } from './context.js';
import type { Check } from './doctor.js';
import { walkUpdatedDesc, type UpdatedPage } from './paged.js';
import { DISCUSSIONS_PROBE_QUERY, DISCUSSIONS_QUERY, type GqlActor } from './queries.js';
import { firstBy } from './responses.js';

export interface DiscussionNode {
  number: number;
  createdAt: string;
  updatedAt: string;
  authorAssociation: string;
  author: GqlActor | null;
  category: { isAnswerable: boolean };
  answerChosenAt: string | null;
  answer: { createdAt: string; authorAssociation: string; author: GqlActor | null } | null;
  comments: { nodes: { createdAt: string; author: GqlActor | null }[] };
}

export function toDiscussionRows(
  repoId: string,
  nodes: readonly DiscussionNode[],
  bots: BotList,
): GithubDiscussionTable[] {
  return nodes.map((d) => ({
    repo_id: repoId,
    number: d.number,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    author: bots.person(d.author),
    author_association: d.authorAssociation,
    author_is_bot: d.author !== null && bots.isBot(d.author) ? 1 : 0,
    answerable: d.category.isAnswerable ? 1 : 0,
    first_response_at: firstBy(
      d.comments.nodes.map((c) => ({ author: c.author, at: c.createdAt })),
      d.author,
      bots,
    ),
    answer_at: d.answer?.createdAt ?? null,
    answer_chosen_at: d.answer ? d.answerChosenAt : null,
    // A bot's or a deleted account's answer has no author that counts: null.
    answer_author: bots.person(d.answer?.author),
    answer_association: d.answer?.authorAssociation ?? null,
  }));
}

export async function collectDiscussions(ctx: GithubContext, repo: RepoRef): Promise<number> {
  return walkUpdatedDesc<DiscussionNode>(ctx, repo, {
    resource: 'discussions',
    fetchPage: async (after) => {
      const data = await ctx.client.graphql<{
        repository: { discussions: UpdatedPage<DiscussionNode> };
      }>(DISCUSSIONS_QUERY, { owner: repo.owner, name: repo.name, after });
      return data.repository.discussions;
    },
    writePage: async (trx, nodes) => {
      const rows = toDiscussionRows(repo.id, nodes, ctx.bots);
      await upsertDiscussions(trx, rows);
      return rows.length;
    },
  });
}

/** `pulseboard doctor`: whether discussion metrics will have data for this repository. */
export async function checkDiscussions(
  client: GithubClient,
  owner: string,
  name: string,
): Promise<Check> {
  const data = await client.graphql<{
    repository: { hasDiscussionsEnabled: boolean; discussions: { totalCount: number } };
  }>(DISCUSSIONS_PROBE_QUERY, { owner, name });
  const what = `discussions ${owner}/${name}`;
  return data.repository.hasDiscussionsEnabled
    ? { status: 'ok', what, detail: `on, ${data.repository.discussions.totalCount} discussions` }
    : {
        status: 'ok',
        what,
        detail:
          'off for this repository (Settings → Features → Discussions): it adds nothing to the discussion metrics',
      };
}
