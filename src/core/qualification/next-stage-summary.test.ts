import { describe, expect, it } from 'vitest';
import { joinWords, nextStageSummary } from './next-stage-summary';

const r = (label: string, met: boolean) => ({ label, met });

describe('nextStageSummary', () => {
  it.each([
    [
      'names the two misses of an SQL with "and"',
      'SQL',
      [
        r('need', true),
        r('employee count', false),
        r('a', true),
        r('b', true),
        r('the 30-day engagement bar', false),
        r('c', true),
      ],
      'meets 4 of 6 SQL criteria; misses employee count and the 30-day engagement bar',
    ],
    [
      'lists three misses with commas',
      'MQL',
      [r('industry', false), r('employee count', false), r('role', false), r('engagement', true)],
      'meets 1 of 4 MQL criteria; misses industry, employee count and role',
    ],
    [
      'uses the singular for a one-criterion stage',
      'SAL',
      [r('accepted by the owner', false)],
      'meets 0 of 1 SAL criterion; misses accepted by the owner',
    ],
    [
      'says so when everything is met',
      'SQL',
      [r('a', true), r('b', true)],
      'meets 2 of 2 SQL criteria; every criterion is met',
    ],
  ])('%s', (_name, stage, requirements, expected) => {
    expect(nextStageSummary(stage, requirements)).toBe(expected);
  });
});

describe('joinWords', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('joins %j as "%s"', (words, expected) => {
    expect(joinWords(words)).toBe(expected);
  });
});
