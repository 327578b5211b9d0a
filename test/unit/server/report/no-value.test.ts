/**
 * Digests and reports say why a key result or metric has no value, and when its history starts
 * when a change cannot be computed yet, in the dashboard's words (shared/format.ts).
 */
import { expect, test } from 'vitest';
import { renderDiscord } from '../../../../server/digest/discord.js';
import { renderSlack } from '../../../../server/digest/slack.js';
import { renderHtml } from '../../../../server/report/html.js';
import type {
  ReportKeyResult,
  ReportMetric,
  ReportModel,
} from '../../../../server/report/model.js';
import { whyNoValue } from '../../../../server/report/no-value.js';
import { renderCsv, renderMarkdown } from '../../../../server/report/render.js';
import { noValueText } from '../../../../shared/format.js';
import { digestKeyResult, digestModel } from '../../../helpers/digest-model.js';
import { reportKeyResult, reportModel } from '../../../helpers/report-model.js';

const RECORD = 'No value recorded yet: pulseboard record manual.arr VALUE';

test('why: the dashboard’s reason, or a history that starts after the day asked about', () => {
  const github = new Set(['github']);
  const now = { first: null, asOf: '2026-11-24' };
  expect(whyNoValue('discord.members', github, now)).toBe('Waiting for the first collection');
  expect(whyNoValue('github.releases.downloads', github, now)).toBe(
    noValueText({ id: 'github.releases.downloads', fromReadings: true }, true),
  );
  expect(whyNoValue('manual.arr', github, now)).toBe(RECORD);
  expect(whyNoValue('github.forks', github, { first: '2026-04-03', asOf: '2026-03-31' })).toBe(
    'No value on 2026-03-31: history from Apr 3',
  );
  // A report writes the year always: read in 2027, "Apr 3" alone could be either year.
  expect(
    whyNoValue('github.forks', github, {
      first: '2026-04-03',
      asOf: '2026-03-31',
      withYear: true,
    }),
  ).toBe('No value on 2026-03-31: history from Apr 3, 2026');
});

test('digest: no value says why; a history shorter than a week says when it starts', () => {
  const model = digestModel({
    keyResults: [
      digestKeyResult({
        id: 'arr',
        label: 'ARR',
        unit: 'USD',
        status: 'no_data',
        current: null,
        change: null,
        noValue: RECORD,
      }),
      digestKeyResult({ id: 'forks', label: 'Forks', change: null, historyFrom: '2026-11-20' }),
      digestKeyResult({ id: 'stars', label: 'Stars', change: 12 }),
    ],
  });
  const slack = renderSlack(model).blocks[1]!.text!.text.split('\n');
  expect(slack[1]).toBe(`⚪ *ARR* (target ≥ $1,000) — ${RECORD}`);
  expect(slack[2]).toBe('🟢 *Forks* 120 (target ≥ 1,000), history from Nov 20 — On track');
  expect(slack[3]).toBe('🟢 *Stars* 120 (target ≥ 1,000), +12 this week — On track');
  const discord = renderDiscord(model).embeds[0]!.description!.split('\n');
  expect(discord[0]).toBe(`⚪ **ARR** (target ≥ $1,000) — ${RECORD}`);
  expect(discord[1]).toBe('🟢 **Forks** 120 (target ≥ 1,000), history from Nov 20 — On track');
});

const reportKr = (over: Partial<ReportKeyResult>): ReportKeyResult =>
  reportKeyResult({
    id: 'x',
    metric: 'github.stars',
    label: 'Stars',
    unit: 'count',
    target: 1000,
    baseline: null,
    baselineFrom: null,
    current: 500,
    progress: 0.5,
    status: 'on_track',
    forecast: null,
    start: null,
    deadline: null,
    metricLabel: 'GitHub stars',
    kind: 'level',
    previous: { current: 400, status: 'on_track' },
    ...over,
  });

const metric = (over: Partial<ReportMetric>): ReportMetric => ({
  id: 'github.forks',
  label: 'GitHub forks',
  unit: 'count',
  kind: 'level',
  better: 'at_least',
  value: 40,
  previous: 30,
  historyFrom: '2025-01-01',
  noValue: null,
  ...over,
});

function rocketReport(): ReportModel {
  const keyResults = [
    reportKr({ id: 'stars' }),
    reportKr({
      id: 'arr',
      metric: 'manual.arr',
      label: 'ARR',
      unit: 'USD',
      current: null,
      progress: null,
      status: 'no_data',
      previous: { current: null, status: 'no_data' },
      historyFrom: null,
      noValue: RECORD,
    }),
    reportKr({
      id: 'members',
      label: 'Members',
      previous: { current: null, status: 'no_data' },
      historyFrom: '2026-02-10',
    }),
  ];
  const health = [
    metric({ id: 'github.forks', label: 'Forks', previous: null, historyFrom: '2026-02-10' }),
    metric({
      id: 'docker.pulls',
      label: 'Docker pulls',
      kind: 'per_period',
      value: null,
      previous: null,
      historyFrom: null,
      noValue: 'Waiting for the first collection',
    }),
    metric({
      id: 'discord.online',
      label: 'Discord online',
      value: null,
      previous: null,
      historyFrom: '2026-11-01',
      noValue: 'No value on 2026-03-31: history from Nov 1',
    }),
    metric({
      id: 'discord.messages',
      label: 'Discord messages',
      value: null,
      previous: null,
      historyFrom: '2026-08-03',
      noValue: 'No value on 2026-03-31: history from Aug 3',
    }),
  ];
  return reportModel([{ objective: 'Grow', keyResults }], health);
}

test('reports: no value says why; a history begun during the period says when, not “—”', () => {
  const model = rocketReport();
  const md = renderMarkdown(model).split('\n');
  const row = (start: string) => md.find((l) => l.startsWith(start))!;
  expect(row('| ARR |')).toContain(`| No data | ${RECORD} |`);
  expect(row('| Members |')).toMatch(/\| history from Feb 10, 2026 \(No data\) \|$/);
  expect(row('| Forks |')).toBe('| Forks | 40 | — | history from Feb 10, 2026 |');
  // Without a value: one line per reason after the table, not a row each.
  const body = md.slice(0, md.indexOf('## What the metrics mean'));
  expect(body.filter((l) => l.includes('Docker pulls') || l.includes('Discord '))).toEqual([
    '- Waiting for the first collection: Docker pulls.',
    '- No value by 2026-03-31, the history starts later: Discord messages (history from Aug 3, 2026); Discord online (history from Nov 1, 2026).',
  ]);
  const html = renderHtml(model);
  expect(html).toContain(`<span class="why">${RECORD}</span>`);
  expect(html).toContain('<li>Waiting for the first collection: Docker pulls.</li>');
  expect(html).toContain('>history from Feb&nbsp;10,&nbsp;2026<');
  const csv = renderCsv(model).split('\r\n');
  expect(csv[0]!.endsWith(',note')).toBe(true);
  expect(csv.find((l) => l.includes(',ARR,'))!.endsWith(`,${RECORD}`)).toBe(true);
  expect(csv.find((l) => l.includes('Docker pulls'))).toMatch(
    /,count,.*,Waiting for the first collection$/,
  );
});
