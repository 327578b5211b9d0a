/**
 * An alert as each channel's payload. Escaping and mentions exactly as in the weekly digest: Slack
 * text has `& < >` escaped (which also defuses `<!channel>`), Discord text has its markdown escaped
 * and `allowed_mentions: {parse: []}`, so a key result labelled `@everyone` pings nobody. With the
 * dashboard's address, the title links to the page that shows what the alert is about.
 */
import { DISCORD_LIMITS, escapeDiscord, type DiscordMessage } from '../digest/discord.js';
import { escapeSlack, SLACK_LIMITS, slackLink, type SlackMessage } from '../digest/slack.js';
import type { AlertEvent } from './detect.js';

export type AlertPayloadEvent = Pick<AlertEvent, 'key' | 'kind' | 'subject' | 'title' | 'message'> &
  Partial<Pick<AlertEvent, 'tone'>> & {
    /** The dashboard page about it, the dashboard's address in front; absent or null: no link. */
    url?: string | null;
  };

/**
 * Longest URL Discord takes in an embed's `url`; a longer one fails the whole post, so the alert
 * goes without its link.
 */
const DISCORD_URL_MAX = 2048;

const ICON = { good: '🎉', bad: '⚠️', neutral: 'ℹ️' } as const;
const COLOR = { good: 0x1a7f37, bad: 0xc2252d, neutral: 0x0a5cc2 } as const;

export function renderSlackAlert(project: string, event: AlertPayloadEvent): SlackMessage {
  const e = escapeSlack;
  const icon = ICON[event.tone ?? 'neutral'];
  const title = `${icon} ${e(project)}: ${e(event.title)}`;
  const body = (heading: string) => `*${heading}*\n${e(event.message)}`;
  // The message matters more than a link to it: a section too long with the link goes without.
  const linked = event.url ? body(slackLink(event.url, title)) : null;
  const text =
    linked !== null && linked.length <= SLACK_LIMITS.sectionText
      ? linked
      : body(title).slice(0, SLACK_LIMITS.sectionText);
  return { text: title, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function renderDiscordAlert(project: string, event: AlertPayloadEvent): DiscordMessage {
  return {
    embeds: [
      {
        title:
          `${ICON[event.tone ?? 'neutral']} ${escapeDiscord(project)}: ${escapeDiscord(event.title)}`.slice(
            0,
            DISCORD_LIMITS.title,
          ),
        ...(event.url && event.url.length <= DISCORD_URL_MAX ? { url: event.url } : {}),
        description: escapeDiscord(event.message).slice(0, DISCORD_LIMITS.description),
        color: COLOR[event.tone ?? 'neutral'],
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** The generic webhook's JSON body: plain text, for the receiver to escape as its medium needs. */
export interface WebhookAlert {
  project: string;
  key: string;
  kind: AlertEvent['kind'];
  subject: string;
  title: string;
  message: string;
  tone: AlertEvent['tone'];
  at: string;
  /** The dashboard page about it; only with `dashboardUrl` set and a page to link to. */
  url?: string;
}

export function renderWebhookAlert(
  project: string,
  event: AlertPayloadEvent,
  at: string,
): WebhookAlert {
  return {
    project,
    key: event.key,
    kind: event.kind,
    subject: event.subject,
    title: event.title,
    message: event.message,
    tone: event.tone ?? 'neutral',
    at,
    ...(event.url ? { url: event.url } : {}),
  };
}
