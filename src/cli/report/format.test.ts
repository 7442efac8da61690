import { describe, expect, it } from 'vitest';
import { mean, ratio } from '../../core/scorecard/ratio';
import { amount, businessTime, days, percent, ratioText, table } from './format';

describe('report formatting', () => {
  it.each([
    ['rounds a share to one decimal', () => percent(2 / 3), '66.7 %'],
    ['writes n/a for a missing share', () => percent(null), 'n/a'],
    ['shows a ratio with its parts', () => ratioText(ratio(4, 6, 'none')), '66.7 % (4 of 6)'],
    [
      'explains an empty ratio',
      () => ratioText(ratio(0, 0, 'no clock in the period')),
      'n/a (no clock in the period)',
    ],
    ['separates thousands whatever the locale', () => amount(1234567.4), '1,234,567'],
    ['keeps small amounts as they are', () => amount(950), '950'],
    ['writes days with one decimal', () => days(mean(65, 2, 'none')), '32.5 d'],
    [
      'writes business time in hours and minutes',
      () => businessTime(mean(7_500_000, 1, 'none')),
      '2 h 05 min',
    ],
    ['writes short business time in minutes', () => businessTime(mean(2_700_000, 1, 'none')), '45 min'],
    ['writes n/a for a missing duration', () => businessTime(mean(0, 0, 'none')), 'n/a'],
  ])('%s', (_name, render, expected) => {
    expect(render()).toBe(expected);
  });

  it('aligns columns to the widest cell', () => {
    expect(
      table(
        ['source', 'won'],
        [
          ['paid-search', '3'],
          ['web', '12'],
        ],
      ),
    ).toEqual(['source       won', 'paid-search  3', 'web          12']);
  });
});
