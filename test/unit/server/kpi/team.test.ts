import { describe, expect, test } from 'vitest';
import type { Team } from '../../../../config/load.js';
import {
  isTeamContributor,
  isTeamMember,
  latestAssociations,
} from '../../../../server/kpi/team.js';

const team: Team = {
  logins: ['alice', 'bob-2'],
  associations: ['OWNER', 'MEMBER', 'COLLABORATOR'],
};
const loginsOnly: Team = { logins: ['alice'], associations: [] };

describe('isTeamMember', () => {
  test.each([
    ['listed login', team, 'alice', null, true],
    ['listed login, other case', team, 'Bob-2', 'NONE', true],
    ['member association', team, 'carol', 'MEMBER', true],
    ['owner association', team, 'carol', 'OWNER', true],
    ['collaborator association', team, 'carol', 'COLLABORATOR', true],
    ['contributor association', team, 'carol', 'CONTRIBUTOR', false],
    ['first-time contributor', team, 'carol', 'FIRST_TIME_CONTRIBUTOR', false],
    ['no association known', team, 'carol', null, false],
    ['no login (deleted account)', team, null, 'NONE', false],
    ['associations turned off', loginsOnly, 'carol', 'MEMBER', false],
    ['associations turned off, listed', loginsOnly, 'ALICE', 'NONE', true],
  ])('%s', (_, t, login, association, expected) => {
    expect(isTeamMember(t, login, association)).toBe(expected);
  });
});

describe('latestAssociations', () => {
  test('each author keeps the association of their newest pull request, by lower-cased login', () => {
    const map = latestAssociations([
      { author: 'Carol', author_association: 'CONTRIBUTOR', created_at: '2026-01-01T00:00:00Z' },
      { author: 'carol', author_association: 'MEMBER', created_at: '2026-03-01T00:00:00Z' },
      { author: 'CAROL', author_association: 'NONE', created_at: '2026-02-01T00:00:00Z' },
      { author: 'dave', author_association: null, created_at: '2026-02-01T00:00:00Z' },
    ]);
    expect([...map].sort()).toEqual([
      ['carol', 'MEMBER'],
      ['dave', null],
    ]);
  });
  test('no pull requests: nobody', () => {
    expect(latestAssociations([]).size).toBe(0);
  });
});

describe('isTeamContributor', () => {
  const associations = new Map([
    ['carol', 'MEMBER'],
    ['erin', 'CONTRIBUTOR'],
  ]);
  test.each([
    ['alice', true], // listed
    ['carol', true], // member by her newest PR
    ['erin', false],
    ['frank', false], // commits only, not listed
    ['email:0123abcd', false], // not linked to an account
  ])('%s → %s', (key, expected) => {
    expect(isTeamContributor(team, key, associations)).toBe(expected);
  });
});
