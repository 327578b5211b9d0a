/**
 * GitHub Discussions, pure: opened per day; over the discussions opened in the trailing 90 days,
 * the share of answerable ones that have a marked answer, the share of those answers written by
 * the community (not the team), and the median hours to a first response by someone else.
 * Historical points use what is known now (an answer chosen later counts for the day it was asked).
 */
import { addDays, dayOf } from '../../shared/dates.js';
import { dailyCounts, windowPercentile, type Point } from './series.js';

export const DISCUSSION_WINDOW_DAYS = 90;

/** The team by GitHub's author association, until a configured team list says otherwise. */
export const TEAM_ASSOCIATIONS: readonly string[] = ['OWNER', 'MEMBER', 'COLLABORATOR'];

/** Whether an account is on the project's team. */
export type IsTeam = (login: string, association: string | null) => boolean;

export const isTeamByAssociation: IsTeam = (_login, association) =>
  association !== null && TEAM_ASSOCIATIONS.includes(association);

export interface DiscussionFacts {
  created_at: string;
  author: string | null;
  author_is_bot: 0 | 1;
  answerable: 0 | 1;
  first_response_at: string | null;
  answer_chosen_at: string | null;
  /** null when the answer's author is a bot or a deleted account. */
  answer_author: string | null;
  answer_association: string | null;
}

export interface DiscussionSeries {
  opened: Point[];
  answeredShare: Point[];
  communityAnswerShare: Point[];
  firstResponseP50: Point[];
}

const HOUR = 3_600_000;

/** Series over [from, to]; windows see discussions opened before `from` too. */
export function discussionSeries(
  rows: readonly DiscussionFacts[],
  timeZone: string,
  from: string,
  to: string,
  isTeam: IsTeam = isTeamByAssociation,
): DiscussionSeries {
  const people = rows.filter((r) => r.author_is_bot === 0);
  const day = (r: DiscussionFacts) => dayOf(r.created_at, timeZone);
  const answerable = people.filter((r) => r.answerable === 1);
  const answered = answerable.filter((r) => r.answer_chosen_at !== null);
  // Answers by bots or deleted accounts are answers, but neither the team's nor the community's.
  const byPerson = answered.filter((r) => r.answer_author !== null);
  const byCommunity = byPerson.filter((r) => !isTeam(r.answer_author!, r.answer_association));
  const responses = people
    .filter((r) => r.first_response_at !== null)
    .map((r) => ({
      day: day(r),
      value: (Date.parse(r.first_response_at!) - Date.parse(r.created_at)) / HOUR,
    }));
  return {
    opened: dailyCounts(people.map(day), from, to),
    answeredShare: windowShare(answered.map(day), answerable.map(day), from, to),
    communityAnswerShare: windowShare(byCommunity.map(day), byPerson.map(day), from, to),
    firstResponseP50: windowPercentile(responses, from, to, DISCUSSION_WINDOW_DAYS, 50),
  };
}

/** For each day, part ÷ whole over the trailing window (null when the window holds no `whole`). */
export function windowShare(
  partDays: readonly string[],
  wholeDays: readonly string[],
  from: string,
  to: string,
  windowDays = DISCUSSION_WINDOW_DAYS,
): Point[] {
  const lead = addDays(from, -windowDays + 1);
  const trailing = (days: readonly string[]) => {
    const counts = dailyCounts(
      days.filter((d) => d >= lead && d <= to),
      lead,
      to,
    );
    let sum = 0;
    return counts.map((p, i) => {
      sum += p.v!;
      if (i >= windowDays) sum -= counts[i - windowDays]!.v!;
      return sum;
    });
  };
  const part = trailing(partDays);
  const whole = trailing(wholeDays);
  return whole
    .map((w, i) => ({ t: addDays(lead, i), v: w === 0 ? null : part[i]! / w }))
    .slice(windowDays - 1);
}
