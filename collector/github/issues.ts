/** Issues (GraphQL lists no pull requests among them) with first-response and close times. */
import { upsertIssues } from '../../db/queries/github.js';
import type { IssueTable } from '../../db/schema.js';
import type { BotList } from './actors.js';
import type { GithubContext, RepoRef } from './context.js';
import { walkUpdatedDesc, type UpdatedPage } from './paged.js';
import { ISSUES_QUERY, type GqlActor } from './queries.js';
import { firstBy } from './responses.js';

export interface IssueNode {
  number: number;
  title: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  state: 'OPEN' | 'CLOSED';
  author: GqlActor | null;
  comments: { nodes: { author: GqlActor | null; createdAt: string }[] };
  timelineItems: {
    nodes: ({ actor: GqlActor | null; createdAt: string } | Record<string, never>)[];
  };
}

/** First response: the first comment or close by someone other than the author, bots excluded. */
export function toIssueRows(
  repoId: string,
  nodes: readonly IssueNode[],
  bots: BotList,
): IssueTable[] {
  return nodes.map((issue) => {
    const closes = issue.timelineItems.nodes
      .filter((n): n is { actor: GqlActor | null; createdAt: string } => 'createdAt' in n)
      .map((n) => ({ author: n.actor, at: n.createdAt }));
    const comments = issue.comments.nodes.map((c) => ({ author: c.author, at: c.createdAt }));
    return {
      repo_id: repoId,
      number: issue.number,
      author: bots.person(issue.author),
      author_is_bot: issue.author !== null && bots.isBot(issue.author) ? 1 : 0,
      title: issue.title,
      state: issue.state === 'CLOSED' ? 'closed' : 'open',
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      first_response_at: firstBy([...comments, ...closes], issue.author, bots),
    };
  });
}

export async function collectIssues(ctx: GithubContext, repo: RepoRef): Promise<number> {
  return walkUpdatedDesc<IssueNode>(ctx, repo, {
    resource: 'issues',
    fetchPage: async (after) => {
      const data = await ctx.client.graphql<{ repository: { issues: UpdatedPage<IssueNode> } }>(
        ISSUES_QUERY,
        {
          owner: repo.owner,
          name: repo.name,
          after,
        },
      );
      return data.repository.issues;
    },
    writePage: async (trx, nodes) => {
      const rows = toIssueRows(repo.id, nodes, ctx.bots);
      await upsertIssues(trx, rows);
      return rows.length;
    },
  });
}
