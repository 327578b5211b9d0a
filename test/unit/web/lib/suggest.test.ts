import { expect, test } from 'vitest';
import { closestMetric, editDistance } from '../../../../web/src/lib/suggest.js';

const CATALOG = [
  { id: 'github.stars', label: 'GitHub stars' },
  { id: 'github.forks', label: 'Forks' },
  { id: 'github.prs.opened', label: 'Pull requests opened' },
  { id: 'github.prs.merged', label: 'Pull requests merged' },
  { id: 'github.prs.merge_time.p50', label: 'PR merge time (median)' },
  { id: 'discord.members', label: 'Discord members' },
];

test.each([
  ['', '', 0],
  ['star', 'stars', 1],
  ['stars', 'stair', 2],
  ['abc', '', 3],
  ['kitten', 'sitting', 3],
])('editDistance(%j, %j) is %i', (a, b, distance) => {
  expect(editDistance(a, b)).toBe(distance);
  expect(editDistance(b, a)).toBe(distance);
});

test.each([
  ['github.star', 'github.stars'], // a letter short
  ['github.strs', 'github.stars'], // a letter dropped
  ['GITHUB.STARS', 'github.stars'], // case
  ['github-stars', 'github.stars'], // punctuation
  ['discord.member', 'discord.members'],
  ['forks', 'github.forks'], // the label
  ['pull requests merge', 'github.prs.merged'], // the label, a letter short
  ['github.prs.open', 'github.prs.opened'], // a prefix of the id, closer than its siblings
  ['github.prs.merge', 'github.prs.merged'], // the shortest id it starts
  ['discord', 'discord.members'], // a prefix
  ['github.followers', null], // nothing close
  ['gh', null], // too short to mean anything
  ['', null],
])('%j suggests %j', (typed, id) => {
  expect(closestMetric(typed, CATALOG)?.id ?? null).toBe(id);
});

test('an empty catalog suggests nothing', () => {
  expect(closestMetric('github.star', [])).toBeNull();
});
