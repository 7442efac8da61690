import { describe, expect, it } from 'vitest';
import { mean, ratio } from './ratio';

describe('ratio', () => {
  it.each([
    ['divides a non-empty group', 3, 4, { numerator: 3, denominator: 4, value: 0.75, reason: null }],
    [
      'gives zero when nothing in the group qualifies',
      0,
      5,
      { numerator: 0, denominator: 5, value: 0, reason: null },
    ],
    [
      'gives null with the reason for an empty group instead of NaN',
      0,
      0,
      { numerator: 0, denominator: 0, value: null, reason: 'empty' },
    ],
  ])('%s', (_name, numerator, denominator, expected) => {
    expect(ratio(numerator, denominator, 'empty')).toEqual(expected);
  });
});

describe('mean', () => {
  it.each([
    ['averages a sum over its count', 300, 3, { value: 100, count: 3, reason: null }],
    [
      'gives null with the reason when there is nothing to average',
      0,
      0,
      { value: null, count: 0, reason: 'empty' },
    ],
  ])('%s', (_name, sum, count, expected) => {
    expect(mean(sum, count, 'empty')).toEqual(expected);
  });
});
