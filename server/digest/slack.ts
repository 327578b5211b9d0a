/**
 * The digest as a Slack incoming-webhook message (Block Kit). Within Slack's limits by construction:
 * at most 50 blocks, 3,000 characters a section, well under the ~13k a message can carry. Untrusted
 * text in mrkdwn is escaped (`& < >`, nothing else), which also defuses `<!channel>` and user links;
 * the header block is plain_text, which Slack shows unparsed, so its text is not. Links are
 * `<url|text>` with the URL's own `& < > |` escaped or percent-encoded.
 */
import { STATUS_ICON } from '../../shared/format.js';
import { joinCapped } from '../join-capped.js';
import type { DigestKeyResult, DigestModel } from './model.js';
import {
  joinLinked,
  newContributorsHeading,
  notesText,
  statusText,
  unlinkedText,
  valueAndTarget,
  waitingHeading,
  waitingLines,
  weekChangeText,
  weekTitle,
  type Markup,
} from './text.js';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, message: 12_000 } as const;

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<url|text>`: `text` already escaped; in the URL `&` is escaped and `< > |`, which end it, encoded. */
export function slackLink(url: string, text: string): string {
  const href = url
    .replace(/&/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C');
  return `<${href}|${text}>`;
}

const MARKUP: Markup = {
  escape: escapeSlack,
  link: slackLink,
  italic: (text) => `_${text}_`,
  bullet: '• ',
};

interface Block {
  type: string;
  text?: { type: 'mrkdwn' | 'plain_text'; text: string };
  elements?: { type: 'mrkdwn'; text: string }[];
}

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * Character budgets per part, adding up (with the header, the link and the least each objective
 * gets, 200 × MAX_OBJECTIVES ≤ keyResults) to under the message limit.
 */
const BUDGET = {
  keyResults: 6000,
  contributors: 1000,
  merges: 1000,
  waiting: 1200,
  problems: 600,
} as const;
const MAX_OBJECTIVES = 30; // + header, 5 fixed sections, "more objectives" and the link: under 50 blocks

export function renderSlack(model: DigestModel): SlackMessage {
  const e = escapeSlack;
  const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const blocks: Block[] = [
    // A header is plain_text: Slack shows its text as it is, so `&amp;` would read as typed.
    { type: 'header', text: { type: 'plain_text', text: weekTitle(model).slice(0, 150) } },
    ...keyResultSections(model).map(section),
    ...activitySections(model).map(section),
  ];
  if (model.dashboardUrl) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: slackLink(model.dashboardUrl, 'Open the dashboard') }],
    });
  }
  return {
    text: `${e(model.project)}: weekly digest for ${model.week.key}`,
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  };
}

/** One section per objective (at most MAX_OBJECTIVES), a line per key result. */
function keyResultSections(model: DigestModel): string[] {
  const e = escapeSlack;
  const objectives = [...new Set(model.keyResults.map((k) => k.objective))];
  const perObjective = Math.min(
    SLACK_LIMITS.sectionText,
    Math.max(200, Math.floor(BUDGET.keyResults / Math.min(objectives.length, MAX_OBJECTIVES))),
  );
  const sections = objectives.slice(0, MAX_OBJECTIVES).map((objective) => {
    const krs = model.keyResults.filter((k) => k.objective === objective);
    return joinLinked(
      (withLinks) => [
        `*${e(objective)}*`,
        ...krs.map((k) => keyResultLine(k, model.week.asOf, withLinks)),
      ],
      perObjective,
    );
  });
  if (objectives.length > MAX_OBJECTIVES)
    sections.push(`…and ${objectives.length - MAX_OBJECTIVES} more objectives on the dashboard.`);
  return sections;
}

function keyResultLine(k: DigestKeyResult, asOf: string, withLinks: boolean): string {
  const label = escapeSlack(k.label);
  const name = `${STATUS_ICON[k.status]} *${withLinks && k.url ? slackLink(k.url, label) : label}* ${valueAndTarget(k)}`;
  if (k.noValue !== null) return `${name} — ${escapeSlack(k.noValue)}`;
  return `${name}${weekChangeText(k, asOf)}${statusText(k)}${notesText(k)}`;
}

/** The week's new contributors, first merges, what waits for a response and collection problems. */
function activitySections(model: DigestModel): string[] {
  const e = escapeSlack;
  const sections: string[] = [];
  const { logins, unlinked } = model.newContributors;
  if (logins.length + unlinked > 0) {
    const names = logins.map((l) => e(l));
    if (unlinked > 0) names.push(unlinkedText(unlinked));
    sections.push(
      `*${newContributorsHeading(logins.length + unlinked)}*\n${joinCapped(names, BUDGET.contributors, ', ')}`,
    );
  }
  if (model.firstMerges.length > 0) {
    const lines = (withLinks: boolean) =>
      model.firstMerges.map((m) => {
        const ref = e(`${m.repo}#${m.number}`);
        return `• ${withLinks ? slackLink(m.url, ref) : ref} ${e(m.title)}${m.author ? ` by ${e(m.author)}` : ''}`;
      });
    sections.push(`*First pull requests merged*\n${joinLinked(lines, BUDGET.merges)}`);
  }
  const waiting = (title: string, w: DigestModel['waitingIssues']) => {
    if (w.total === 0) return;
    const lines = (withLinks: boolean) => waitingLines(w, MARKUP, withLinks);
    sections.push(`*${waitingHeading(title, w)}*\n${joinLinked(lines, BUDGET.waiting)}`);
  };
  waiting('Issues waiting for a first response', model.waitingIssues);
  waiting('Pull requests waiting for a first response', model.waitingPullRequests);
  if (model.problems.length > 0) {
    const lines = model.problems.map((p) => `• ${p.source}: ${e(p.error ?? 'failed')}`);
    sections.push(`*Collection problems*\n${joinCapped(lines, BUDGET.problems)}`);
  }
  return sections;
}
