import { describe, expect, it } from 'vitest';
import bySource from './__fixtures__/deals-by-source.json';
import { fixture } from './__fixtures__/fixture';
import { toPeriodMs } from './period';
import { pipelineShare } from './pipeline-share';

const input = fixture(bySource);
const period = toPeriodMs(input.period);

describe('pipelineShare', () => {
  it.each([
    ['treats deals with a lead as marketing-sourced by default', undefined, 'has_lead', 60000, 235000],
    [
      'uses the listed marketing sources when given',
      ['webinar', 'event'],
      'marketing_sources',
      85000,
      235000,
    ],
    [
      'finds no marketing pipeline when no listed source created any',
      ['partner'],
      'marketing_sources',
      0,
      235000,
    ],
  ] as const)('%s', (_name, sources, rule, marketingAmount, amount) => {
    const result = pipelineShare(input.deals, period, sources);
    expect(result.rule).toBe(rule);
    expect(result.marketingAmount).toBe(marketingAmount);
    expect(result.amount).toBe(amount);
    expect(result.share.value).toBeCloseTo(marketingAmount / amount, 12);
  });

  it('breaks the pipeline created in the period down by source', () => {
    expect(pipelineShare(input.deals, period).bySource).toEqual([
      { source: 'event', deals: 1, amount: 15000, marketingAmount: 0 },
      { source: 'outbound', deals: 3, amount: 150000, marketingAmount: 0 },
      { source: 'webinar', deals: 3, amount: 70000, marketingAmount: 60000 },
    ]);
  });

  it('gives a null share with a reason when no pipeline was created', () => {
    expect(pipelineShare([], period).share).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      reason: 'no pipeline was created in the period',
    });
  });
});
