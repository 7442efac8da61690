import { describe, expect, it } from 'vitest';
import bySource from './__fixtures__/deals-by-source.json';
import { fixture } from './__fixtures__/fixture';
import { dealOutcomes } from './deal-outcomes';
import { ALL_SOURCES } from './funnel';
import { toPeriodMs } from './period';

const input = fixture(bySource);
const result = dealOutcomes(input.deals, toPeriodMs(input.period));
const rowOf = (source: string) =>
  source === ALL_SOURCES ? result.overall : result.bySource.find((r) => r.source === source);

describe('dealOutcomes', () => {
  it.each([
    ['wins two of three webinar deals closed in the period', 'webinar', 2 / 3, 40, 30000],
    ['loses the only outbound deal closed in the period', 'outbound', 0, 10, null],
    ['adds every source up overall', ALL_SOURCES, 0.5, 32.5, 30000],
  ])('%s', (_name, source, winRate, cycleDays, wonAmount) => {
    const row = rowOf(source);
    expect(row?.winRate.value).toBeCloseTo(winRate, 12);
    expect(row?.averageCycleDays.value).toBeCloseTo(cycleDays, 12);
    expect(row?.averageWonAmount.value).toBe(wonAmount);
  });

  it('explains an empty average instead of returning NaN', () => {
    expect(rowOf('outbound')?.averageWonAmount).toEqual({
      value: null,
      count: 0,
      reason: 'no deal won in the period',
    });
  });

  it('leaves out sources whose deals are all open, and deals closed outside the period', () => {
    expect(result.bySource.map((r) => [r.source, r.won, r.lost])).toEqual([
      ['outbound', 0, 1],
      ['webinar', 2, 1],
    ]);
  });

  it('gives null rates with reasons when no deal closed in the period', () => {
    const empty = dealOutcomes([], toPeriodMs(input.period));
    expect(empty.overall.winRate.reason).toBe('no deal closed in the period');
    expect(empty.overall.averageCycleDays.value).toBeNull();
  });
});
