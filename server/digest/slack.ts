/**
 * The digest as a Slack incoming-webhook message (Block Kit). Within Slack's limits by construction:
 * at most 50 blocks, 3,000 characters a section, well under the ~13k a message can carry. Untrusted
 * text is escaped (`& < >`), which also defuses `<!channel>` and user links.
 */
import {
  formatChange,
  keyResultValue,
  STATUS_ICON,
  STATUS_LABEL,
  targetText,
} from '../../shared/format.js';
import { joinCapped } from '../join-capped.js';
import { keyResultNotes } from '../../shared/okr-text.js';
import type { DigestModel } from './model.js';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, message: 12_000 } as const;

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface Block {
  type: string;
  text?: { type: 'mrkdwn' | 'plain_text'; text: string };
  elements?: { type: 'mrkdwn'; text: string }[];
}

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Character budgets per part, adding up to well under the message limit. */
const BUDGET = {
  keyResults: 7000,
  contributors: 1200,
  merges: 1000,
  waiting: 700,
  problems: 600,
} as const;
const MAX_OBJECTIVES = 40; // + header, 5 fixed sections and the link stays under 50 blocks

export function renderSlack(model: DigestModel): SlackMessage {
  const e = escapeSlack;
  const blocks: Block[] = [];
  const section = (text: string) =>
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  blocks.push({
    type: 'header',
    text: {
      type: 'plain_text',
      text: e(`${model.project} — week ${model.week.key}`).slice(0, 150),
    },
  });

  const objectives = [...new Set(model.keyResults.map((k) => k.objective))];
  const perObjective = Math.min(
    SLACK_LIMITS.sectionText,
    Math.max(200, Math.floor(BUDGET.keyResults / Math.min(objectives.length, MAX_OBJECTIVES))),
  );
  for (const objective of objectives.slice(0, MAX_OBJECTIVES)) {
    const lines = model.keyResults
      .filter((k) => k.objective === objective)
      .map((k) => {
        const change = formatChange(k.change, k.unit, k.current, k.target, k.forecast);
        const forecast =
          k.deadline && k.forecast !== null
            ? ` · forecast ${keyResultValue(k, k.forecast)} by ${k.deadline}`
            : '';
        const notes = keyResultNotes(k, (v) => keyResultValue(k, v)).map((n) => ` · ${n}`);
        return `${STATUS_ICON[k.status]} *${e(k.label)}* ${keyResultValue(k, k.current)}${k.periods ? ` last ${k.periods.per}` : ''} (target ${targetText(k)}${k.periods ? ` a ${k.periods.per}` : ''})${change ? `, ${change} this week` : ''} — ${STATUS_LABEL[k.status]}${forecast}${notes.join('')}`;
      });
    section(joinCapped([`*${e(objective)}*`, ...lines], perObjective));
  }
  if (objectives.length > MAX_OBJECTIVES)
    section(`…and ${objectives.length - MAX_OBJECTIVES} more objectives on the dashboard.`);

  const { logins, unlinked } = model.newContributors;
  if (logins.length + unlinked > 0) {
    const names = logins.map((l) => e(l));
    if (unlinked > 0) names.push(`${unlinked} by e-mail only`);
    section(
      `*New contributors (${logins.length + unlinked})*\n${joinCapped(names, BUDGET.contributors, ', ')}`,
    );
  }
  if (model.firstMerges.length > 0) {
    const lines = model.firstMerges.map(
      (m) => `• ${e(m.repo)}#${m.number} ${e(m.title)}${m.author ? ` by ${e(m.author)}` : ''}`,
    );
    section(`*First pull requests merged*\n${joinCapped(lines, BUDGET.merges)}`);
  }
  const waiting = (title: string, w: DigestModel['waitingIssues']) => {
    if (w.total === 0) return;
    const lines = w.items.map(
      (i) => `• ${e(i.repo)}#${i.number} ${e(i.title)} (since ${i.createdAt.slice(0, 10)})`,
    );
    if (w.total > w.items.length) lines.push(`…and ${w.total - w.items.length} more`);
    section(`*${title} (${w.total})*\n${joinCapped(lines, BUDGET.waiting)}`);
  };
  waiting('Issues waiting for a first response', model.waitingIssues);
  waiting('Pull requests waiting for a first response', model.waitingPullRequests);
  if (model.problems.length > 0) {
    const lines = model.problems.map((p) => `• ${p.source}: ${e(p.error ?? 'failed')}`);
    section(`*Collection problems*\n${joinCapped(lines, BUDGET.problems)}`);
  }
  if (model.dashboardUrl) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${encodeURI(model.dashboardUrl)}|Open the dashboard>` }],
    });
  }
  return {
    text: `${e(model.project)}: weekly digest for ${model.week.key}`,
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  };
}
