import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDate, dayNumber, weekdayIndex } from './civil';

describe('civil calendar arithmetic', () => {
  it.each([
    ['counts the epoch as day 0', 1970, 1, 1, 0],
    ['counts Christmas 2026', 2026, 12, 25, 20812],
    ['handles a leap day', 2024, 2, 29, 19782],
    ['handles dates before the epoch', 1969, 12, 31, -1],
  ])('%s', (_name, y, m, d, expected) => {
    expect(dayNumber(y, m, d)).toBe(expected);
    expect(civilDate(expected)).toEqual({ year: y, month: m, day: d });
  });

  it.each([
    ['1970-01-01 was a Thursday', 0, 3],
    ['2026-03-16 is a Monday', dayNumber(2026, 3, 16), 0],
    ['2026-03-15 is a Sunday', dayNumber(2026, 3, 15), 6],
    ['1969-12-29 was a Monday', -3, 0],
  ])('%s', (_name, day, expected) => {
    expect(weekdayIndex(day)).toBe(expected);
  });

  it('agrees with Date.UTC for any day in four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 100_000 }), (day) => {
        const date = new Date(day * 86_400_000);
        expect(civilDate(day)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        expect(weekdayIndex(day)).toBe((date.getUTCDay() + 6) % 7);
      }),
    );
  });
});
