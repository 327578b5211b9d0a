import { describe, expect, test } from 'vitest';
import { renderSlack, slackLink, SLACK_LIMITS } from '../../../../server/digest/slack.js';
import {
  digestKeyResult,
  digestModel,
  HOSTILE,
  largestDigestModel,
  waitingItem,
} from '../../../helpers/digest-model.js';

const DASHBOARD = 'https://pulse.example.org';
const texts = (model: Parameters<typeof renderSlack>[0]) =>
  renderSlack(model).blocks.flatMap((b) => [
    b.text?.text ?? '',
    ...(b.elements ?? []).map((e) => e.text),
  ]);
const section = (model: Parameters<typeof renderSlack>[0], heading: string) =>
  texts(model).find((t) => t.startsWith(`*${heading}`))!;

describe('Slack links', () => {
  test('a key result links to its metric page on the dashboard; without the address, no link', () => {
    const kr = digestKeyResult({ label: 'Stars & <forks>' });
    const linked = digestModel({
      dashboardUrl: DASHBOARD,
      keyResults: [{ ...kr, url: `${DASHBOARD}/metrics/github.stars?kr=stars` }],
    });
    expect(section(linked, 'Grow').split('\n')[1]).toBe(
      `🟢 *<${DASHBOARD}/metrics/github.stars?kr=stars|Stars &amp; &lt;forks&gt;>* 120 (target ≥ 1,000), +12 this week — On track`,
    );
    expect(texts(linked).at(-1)).toBe(`<${DASHBOARD}|Open the dashboard>`);
    const plain = digestModel({ keyResults: [kr] });
    expect(section(plain, 'Grow').split('\n')[1]).toBe(
      '🟢 *Stars &amp; &lt;forks&gt;* 120 (target ≥ 1,000), +12 this week — On track',
    );
    expect(JSON.stringify(renderSlack(plain))).not.toContain('Open the dashboard');
  });

  test('a link’s URL cannot end early or smuggle markup: & escaped, < > | encoded', () => {
    expect(slackLink('https://x.test/a?b=1&c=2|<!channel>', 'text')).toBe(
      '<https://x.test/a?b=1&amp;c=2%7C%3C!channel%3E|text>',
    );
  });

  test('waiting: the week’s arrivals, then the longest waits, with ages and GitHub links, then the rest on the Waiting page', () => {
    const model = digestModel({
      dashboardUrl: DASHBOARD,
      waitingIssues: {
        total: 40,
        openedInWeek: {
          items: [waitingItem(31, 8, { title: HOSTILE }), waitingItem(32, 6)],
          total: 7,
        },
        longest: [waitingItem(3, 420), waitingItem(5, 45)],
        url: `${DASHBOARD}/waiting?kind=issue`,
      },
    });
    expect(section(model, 'Issues waiting').split('\n')).toEqual([
      '*Issues waiting for a first response (40; 7 opened this week)*',
      '_Opened this week_',
      '• <https://github.com/acme/rocket/issues/31|acme/rocket#31> @everyone &lt;!channel&gt; &lt;@123456&gt; &amp; &lt;script&gt; [claim](https://evil.example) · 8 days',
      '• <https://github.com/acme/rocket/issues/32|acme/rocket#32> Item 32 · 6 days',
      '_Waiting longest_',
      '• <https://github.com/acme/rocket/issues/3|acme/rocket#3> Item 3 · 13 months',
      '• <https://github.com/acme/rocket/issues/5|acme/rocket#5> Item 5 · 6 weeks',
      `…and 36 more on the <${DASHBOARD}/waiting?kind=issue|Waiting page>`,
    ]);
  });

  test('waiting without the dashboard’s address: GitHub links stay, "…and N more" links nowhere; none from the week says so', () => {
    const model = digestModel({
      waitingPullRequests: {
        total: 3,
        openedInWeek: { items: [], total: 0 },
        longest: [waitingItem(3, 30, { url: 'https://git.example.com/acme/rocket/pull/3' })],
        url: null,
      },
    });
    expect(section(model, 'Pull requests waiting').split('\n')).toEqual([
      '*Pull requests waiting for a first response (3; none opened this week)*',
      '_Waiting longest_',
      '• <https://git.example.com/acme/rocket/pull/3|acme/rocket#3> Item 3 · 4 weeks',
      '…and 2 more',
    ]);
  });

  test('a first merged pull request links to GitHub', () => {
    const model = digestModel({
      firstMerges: [
        {
          repo: 'acme/rocket',
          number: 7,
          title: 'Fix <b>',
          author: 'ann',
          url: 'https://github.com/acme/rocket/pull/7',
        },
      ],
    });
    expect(section(model, 'First pull requests merged')).toBe(
      '*First pull requests merged*\n• <https://github.com/acme/rocket/pull/7|acme/rocket#7> Fix &lt;b&gt; by ann',
    );
  });

  test('when links would push key results out of a section, it names them all without links', () => {
    const url = `${DASHBOARD}/${'x'.repeat(150)}`;
    const keyResults = Array.from({ length: 20 }, (_, i) =>
      digestKeyResult({ id: `kr${i}`, label: `Key result ${i}`, url }),
    );
    const text = section(digestModel({ dashboardUrl: DASHBOARD, keyResults }), 'Grow');
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    for (let i = 0; i < 20; i++) expect(text).toContain(`*Key result ${i}*`);
    expect(text).not.toContain('<https://');
    expect(text).not.toContain('more');
  });
});

test('the largest digest, links and all, stays within Slack’s limits', () => {
  const url = `${DASHBOARD}/${'p'.repeat(200)}`;
  // Short lines fill every part to its budget; the long URL makes each part drop its links.
  const keyResults = Array.from({ length: 60 }, (_, o) =>
    Array.from({ length: 5 }, (_, k) =>
      digestKeyResult({ objective: `Objective ${o}`, id: `k${o}-${k}`, label: `KR ${k}`, url }),
    ),
  ).flat();
  const model = largestDigestModel(keyResults, url);
  const message = renderSlack(model);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  const all = texts(model);
  for (const t of all) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  expect(all.join('').length).toBeLessThanOrEqual(SLACK_LIMITS.message);
  // Mentions are parsed in mrkdwn only: there it must not stand; the plain_text header shows it as typed.
  const mrkdwn = message.blocks.filter((b) => b.type !== 'header');
  expect(JSON.stringify({ ...message, blocks: mrkdwn })).not.toContain('<!channel>');
});

test('the header is plain_text, shown as typed: the project’s & < > unescaped there, escaped in the mrkdwn fallback', () => {
  const model = digestModel({ project: 'R&D <core> & tools' });
  const message = renderSlack(model);
  expect(message.blocks[0]).toEqual({
    type: 'header',
    text: { type: 'plain_text', text: 'R&D <core> & tools — week 2026-W47 (Nov 16 – Nov 22)' },
  });
  expect(message.text).toBe('R&amp;D &lt;core&gt; &amp; tools: weekly digest for 2026-W47');
  // Slack escapes & < > and nothing else: quotes and apostrophes stay as typed.
  const quoted = renderSlack(digestModel({ project: `Bob's "tools"` }));
  expect(quoted.text).toBe(`Bob's "tools": weekly digest for 2026-W47`);
  expect(quoted.blocks[0]!.text!.text).toMatch(/^Bob's "tools" — week/);
});
