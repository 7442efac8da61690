import { describe, expect, it } from 'vitest';
import { dateLiteralRange } from './date-literals';

// Thursday 3 December 2026, 15:00 UTC.
const NOW = Date.UTC(2026, 11, 3, 15, 0, 0);
const day = (y: number, m: number, d: number): string =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const show = (literal: string): [string, string] | null => {
  const range = dateLiteralRange(literal, NOW);
  return range === null
    ? null
    : [new Date(range.start).toISOString().slice(0, 10), new Date(range.end).toISOString().slice(0, 10)];
};

describe('dateLiteralRange', () => {
  it.each([
    ['TODAY', [day(2026, 12, 3), day(2026, 12, 4)]],
    ['YESTERDAY', [day(2026, 12, 2), day(2026, 12, 3)]],
    ['TOMORROW', [day(2026, 12, 4), day(2026, 12, 5)]],
    ['THIS_WEEK', [day(2026, 11, 29), day(2026, 12, 6)]],
    ['LAST_WEEK', [day(2026, 11, 22), day(2026, 11, 29)]],
    ['NEXT_WEEK', [day(2026, 12, 6), day(2026, 12, 13)]],
    ['THIS_MONTH', [day(2026, 12, 1), day(2027, 1, 1)]],
    ['LAST_MONTH', [day(2026, 11, 1), day(2026, 12, 1)]],
    ['NEXT_MONTH', [day(2027, 1, 1), day(2027, 2, 1)]],
    ['THIS_QUARTER', [day(2026, 10, 1), day(2027, 1, 1)]],
    ['LAST_QUARTER', [day(2026, 7, 1), day(2026, 10, 1)]],
    ['THIS_YEAR', [day(2026, 1, 1), day(2027, 1, 1)]],
    ['LAST_FISCAL_YEAR', [day(2025, 1, 1), day(2026, 1, 1)]],
    ['LAST_90_DAYS', [day(2026, 9, 4), day(2026, 12, 4)]],
    ['NEXT_90_DAYS', [day(2026, 12, 4), day(2027, 3, 4)]],
    ['LAST_N_DAYS:7', [day(2026, 11, 26), day(2026, 12, 4)]],
    ['NEXT_N_DAYS:7', [day(2026, 12, 4), day(2026, 12, 11)]],
    ['N_DAYS_AGO:3', [day(2026, 11, 30), day(2026, 12, 1)]],
    ['LAST_N_WEEKS:2', [day(2026, 11, 15), day(2026, 11, 29)]],
    ['LAST_N_MONTHS:2', [day(2026, 10, 1), day(2026, 12, 1)]],
    ['NEXT_N_MONTHS:1', [day(2027, 1, 1), day(2027, 2, 1)]],
    ['N_MONTHS_AGO:12', [day(2025, 12, 1), day(2026, 1, 1)]],
    ['NEXT_N_QUARTERS:1', [day(2027, 1, 1), day(2027, 4, 1)]],
    ['LAST_N_YEARS:1', [day(2025, 1, 1), day(2026, 1, 1)]],
  ])('%s covers [%s) on Thursday 3 December 2026', (literal, expected) => {
    expect(show(literal)).toEqual(expected);
  });

  it.each(['NEXT_FORTNIGHT', 'LAST_N_DECADES:2', 'TODAYISH'])(
    'returns null for the unknown literal %s',
    (literal) => {
      expect(dateLiteralRange(literal, NOW)).toBeNull();
    },
  );
});
