import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from './median';

describe('median', () => {
  it.each([
    ['takes the middle of an odd count', [7, 1, 3], 3],
    ['averages the two middle values of an even count', [5, 1, 3, 2], 2.5],
    ['handles a single value', [42], 42],
    ['handles repeated values', [4, 4, 4, 1, 9], 4],
    ['handles sorted input', [1, 2, 3, 4, 5, 6], 3.5],
    ['handles reversed input', [6, 5, 4, 3, 2, 1, 0], 3],
  ])('%s', (_name, values, expected) => {
    expect(median(values, 'empty')).toEqual({ value: expected, count: values.length, reason: null });
  });

  it('gives null with the reason when there are no values', () => {
    expect(median([], 'no completed clocks')).toEqual({
      value: null,
      count: 0,
      reason: 'no completed clocks',
    });
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values, 'empty');
    expect(values).toEqual([3, 1, 2]);
  });

  it('agrees with the median of the sorted values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const sorted = [...values].sort((x, y) => x - y);
          const n = sorted.length;
          const expected =
            n % 2 === 1
              ? sorted[n >> 1]
              : ((sorted[(n >> 1) - 1] as number) + (sorted[n >> 1] as number)) / 2;
          expect(median(values, 'empty').value).toBe(expected);
        },
      ),
    );
  });
});
