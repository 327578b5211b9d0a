import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { alertsSchema } from '../../../../config/alerts.js';
import {
  detectAlerts,
  milestoneAt,
  type Observations,
  type StoredState,
} from '../../../../server/alerts/detect.js';
import { signBody } from '../../../../server/alerts/send.js';

const rules = (extra: object = {}) =>
  alertsSchema(z.string()).parse({ webhook: true, keyResults: 'any', ...extra });

const observations = (status: 'on_track' | 'at_risk' | 'no_data', stars: number): Observations => ({
  keyResults: [
    {
      id: 'kr',
      metric: 'github.stars',
      label: 'Stars',
      unit: 'count',
      direction: 'at_least',
      target: 10,
      status,
      current: 5,
    },
  ],
  metrics: new Map([
    ['github.stars', { id: 'github.stars', label: 'Stars', unit: 'count', current: stars }],
  ]),
  runs: new Map(),
});

describe('milestone ladder', () => {
  test.each([
    [0, 0],
    [99, 0],
    [100, 100],
    [499, 100],
    [500, 500],
    [999.9, 500],
    [1000, 1000],
    [4999, 1000],
    [5000, 5000],
    [10_000, 10_000],
    [49_999, 10_000],
    [50_000, 50_000],
    [1_234_567, 1_000_000],
    [Number.NaN, 0],
  ])('%d → %d', (value, step) => expect(milestoneAt(value)).toBe(step));
});

describe('detectAlerts', () => {
  test('a first observation records state and alerts nothing', () => {
    const d = detectAlerts(
      rules({ milestones: ['github.stars'] }),
      observations('on_track', 1200),
      new Map(),
    );
    expect(d.events).toEqual([]);
    expect(d.changes.map((c) => [c.subject, c.state, c.previous])).toEqual([
      ['kr:kr', 'on_track', null],
      ['milestone:github.stars', '1000', null],
    ]);
  });

  test('keys name the state version, so the same change is one event and a later one another', () => {
    const states = new Map<string, StoredState>([['kr:kr', { state: 'on_track', version: 3 }]]);
    const d = detectAlerts(rules(), observations('at_risk', 1), states);
    expect(d.events.map((e) => [e.key, e.title, e.tone])).toEqual([
      ['kr:kr#3:at_risk', 'Stars: On track → At risk', 'bad'],
    ]);
  });

  test('worse ignores improvements and changes to or from no data', () => {
    const states = new Map<string, StoredState>([['kr:kr', { state: 'at_risk', version: 1 }]]);
    expect(
      detectAlerts(rules({ keyResults: 'worse' }), observations('on_track', 1), states).events,
    ).toEqual([]);
    expect(
      detectAlerts(rules({ keyResults: 'worse' }), observations('no_data', 1), states).events,
    ).toEqual([]);
    expect(
      detectAlerts(rules({ keyResults: 'any' }), observations('no_data', 1), states).events,
    ).toHaveLength(1);
  });

  test('a failure streak is keyed by the run before it, so it alerts once while it lasts', () => {
    const run = (id: string, ok: boolean) => ({
      id,
      ok,
      error: ok ? null : `e${id}`,
      rateLimited: false,
    });
    const obs = (...runs: ReturnType<typeof run>[]): Observations => ({
      keyResults: [],
      metrics: new Map(),
      runs: new Map([['discord', runs]]),
    });
    const r = rules({ collection: { failures: 2 } });
    expect(detectAlerts(r, obs(run('3', false), run('2', true)), new Map()).events).toEqual([]);
    const two = detectAlerts(r, obs(run('4', false), run('3', false), run('2', true)), new Map());
    const three = detectAlerts(
      r,
      obs(run('5', false), run('4', false), run('3', false), run('2', true)),
      new Map(),
    );
    expect(two.events.map((e) => e.key)).toEqual(['collection:discord:failing-after:2']);
    expect(three.events.map((e) => e.key)).toEqual(two.events.map((e) => e.key));
    expect(three.events[0]!.title).toBe('Discord collection failed 3 passes in a row');
  });

  test('each alert names the dashboard page that shows what it is about', () => {
    const states = new Map<string, StoredState>([
      ['kr:kr', { state: 'on_track', version: 1 }],
      ['threshold:github.stars:below:10', { state: 'ok', version: 1 }],
      ['milestone:github.stars', { state: '0', version: 1 }],
    ]);
    const obs: Observations = {
      ...observations('at_risk', 5),
      runs: new Map([['github', [{ id: '2', ok: false, error: 'e', rateLimited: true }]]]),
    };
    const r = rules({
      thresholds: [{ metric: 'github.stars', below: 10 }],
      collection: { failures: 1 },
    });
    expect(detectAlerts(r, obs, states).events.map((e) => [e.kind, e.path])).toEqual([
      ['key_result', '/metrics/github.stars?kr=kr'],
      ['threshold', '/metrics/github.stars'],
      ['collection', '/collection'],
      ['rate_limit', '/collection'],
    ]);
    const milestone = detectAlerts(
      rules({ keyResults: 'off', milestones: ['github.stars'] }),
      observations('at_risk', 150),
      states,
    );
    expect(milestone.events.map((e) => [e.kind, e.path])).toEqual([
      ['milestone', '/metrics/github.stars'],
    ]);
  });
});

describe('webhook signature', () => {
  test('is the hex HMAC-SHA256 of the raw body, as the README tells receivers to check', () => {
    // Computed independently: printf '{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(signBody('{"a":1}', 'secret')).toBe(
      'sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494',
    );
  });
});
