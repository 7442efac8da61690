import { describe, expect, it } from 'vitest';
import { inPeriod, lastDays, toPeriodMs } from './period';

const q1 = toPeriodMs({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' });

describe('inPeriod', () => {
  it.each([
    ['includes the first instant of the period', '2026-01-01T00:00:00Z', true],
    ['includes the last millisecond before the end', '2026-03-31T23:59:59.999Z', true],
    ['excludes the end, which belongs to the next period', '2026-04-01T00:00:00Z', false],
    ['excludes the millisecond before the start', '2025-12-31T23:59:59.999Z', false],
    ['reads offsets as instants, not local times', '2026-04-01T01:00:00+02:00', true],
  ])('%s (%s)', (_name, at, expected) => {
    expect(inPeriod(Date.parse(at), q1)).toBe(expected);
  });
});

describe('lastDays', () => {
  it.each([
    ['takes the last 30 days of a quarter', q1, 30, '2026-03-02T00:00:00.000Z'],
    [
      'clips to the start of a period shorter than the window',
      toPeriodMs({ from: '2026-03-20T00:00:00Z', to: '2026-04-01T00:00:00Z' }),
      30,
      '2026-03-20T00:00:00.000Z',
    ],
  ])('%s', (_name, period, days, from) => {
    const window = lastDays(period, days);
    expect(new Date(window.fromMs).toISOString()).toBe(from);
    expect(window.toMs).toBe(period.toMs);
  });
});
