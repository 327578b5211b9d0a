import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../../config/errors.js';
import { parseConfigText } from '../../../config/load.js';

function errorsOf(text: string): string[] {
  try {
    parseConfigText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).lines];
  }
  throw new Error('the config was accepted');
}

const withAlerts = (alerts: string) =>
  `project: Demo\ngithub: { repos: [acme/core] }\nalerts:\n${alerts}\n`;

describe('alerts: in pulseboard.yaml', () => {
  test('is off by default, and fills in defaults when present', () => {
    expect(
      parseConfigText('project: Demo\ngithub: { repos: [acme/core] }\n').alerts,
    ).toBeUndefined();
    expect(parseConfigText(withAlerts('  webhook: true')).alerts).toEqual({
      keyResults: 'worse',
      thresholds: [],
      milestones: [],
      collection: { failures: 3, rateLimit: true },
      slack: false,
      discord: false,
      webhook: true,
      maxPerHour: 10,
    });
  });

  test.each([
    ['  slack: false', /^pulseboard\.yaml:4:3: alerts: turns alerts on but sends them nowhere/],
    [
      '  slack: true\n  thresholds:\n    - { metric: github.stars, above: 1, below: 2 }',
      /^pulseboard\.yaml:6:7: alerts\.thresholds\[0\]: needs exactly one of above: or below:/,
    ],
    [
      '  slack: true\n  thresholds:\n    - { metric: github.starz, above: 1 }',
      /alerts\.thresholds\[0\]\.metric: unknown metric "github\.starz" \(did you mean "github\.stars"\?\)/,
    ],
    [
      '  slack: true\n  milestones: [github.prs.merge_time.p50]',
      /alerts\.milestones\[0\]: "github\.prs\.merge_time\.p50" is not a running total/,
    ],
    [
      '  slack: true\n  milestones: [discord.members]',
      /alerts\.milestones\[0\]: "discord\.members" needs Discord data/,
    ],
    ['  slack: true\n  keyResults: sometimes', /alerts\.keyResults: must be any .*worse.* or off/],
    ['  slack: true\n  maxPerHour: 0', /alerts\.maxPerHour: must be at least 1/],
    [
      '  slack: true\n  collection: { failures: 1.5 }',
      /alerts\.collection\.failures: must be a whole number/,
    ],
    [
      '  slack: true\n  webhookUrl: https://x',
      /alerts\.webhookUrl: unknown key; .*allowed here: keyResults, thresholds, milestones, collection, slack, discord, webhook, maxPerHour/,
    ],
  ])('%j is refused, naming the path', (alerts, message) => {
    expect(errorsOf(withAlerts(alerts)).join('\n')).toMatch(message);
  });
});
