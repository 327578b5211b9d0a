import { describe, expect, test } from 'vitest';
import { DISCORD_LIMITS } from '../../../../server/digest/discord.js';
import { SLACK_LIMITS } from '../../../../server/digest/slack.js';
import {
  renderDiscordAlert,
  renderSlackAlert,
  renderWebhookAlert,
  type AlertPayloadEvent,
} from '../../../../server/alerts/render.js';

const DASHBOARD = 'https://pulse.example.org';
const event = (extra: Partial<AlertPayloadEvent> = {}): AlertPayloadEvent => ({
  key: 'kr:stars#1:at_risk',
  kind: 'key_result',
  subject: 'kr:stars',
  title: 'Stars & <forks>: On track → At risk',
  message: 'Key result "Stars" (stars) went from On track to At risk.',
  tone: 'bad',
  ...extra,
});
const slackText = (e: AlertPayloadEvent) => renderSlackAlert('Rocket', e).blocks[0]!.text!.text;

describe('an alert links to its dashboard page', () => {
  const url = `${DASHBOARD}/metrics/github.stars?kr=stars&x=<y>`;

  test('Slack: the title is the link, URL escaped; without one, as before', () => {
    expect(slackText(event({ url }))).toBe(
      `*<${DASHBOARD}/metrics/github.stars?kr=stars&amp;x=%3Cy%3E|⚠️ Rocket: Stars &amp; &lt;forks&gt;: On track → At risk>*\n` +
        'Key result "Stars" (stars) went from On track to At risk.',
    );
    expect(slackText(event())).toBe(
      '*⚠️ Rocket: Stars &amp; &lt;forks&gt;: On track → At risk*\n' +
        'Key result "Stars" (stars) went from On track to At risk.',
    );
    expect(slackText(event({ url: null }))).toBe(slackText(event()));
  });

  test('Slack: a message too long to carry the link keeps its text and drops the link', () => {
    const message = 'x'.repeat(SLACK_LIMITS.sectionText - 60);
    const text = slackText(event({ url, message }));
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(text).not.toContain(DASHBOARD);
    expect(text).toContain(message);
    const longest = slackText(event({ url, message: 'x'.repeat(5000) }));
    expect(longest).toHaveLength(SLACK_LIMITS.sectionText);
  });

  test('Discord: the embed title links to the page; a URL Discord would refuse is left out', () => {
    const [embed] = renderDiscordAlert('Rocket', event({ url })).embeds;
    expect(embed!.url).toBe(url);
    expect(embed!.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(renderDiscordAlert('Rocket', event()).embeds[0]).not.toHaveProperty('url');
    const long = `${DASHBOARD}/${'a'.repeat(2100)}`;
    expect(renderDiscordAlert('Rocket', event({ url: long })).embeds[0]).not.toHaveProperty('url');
  });

  test('the generic webhook carries the URL; without one, the body is as before', () => {
    expect(renderWebhookAlert('Rocket', event({ url }), 'now').url).toBe(url);
    expect(renderWebhookAlert('Rocket', event(), 'now')).not.toHaveProperty('url');
  });
});
