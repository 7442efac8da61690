import { describe, expect, it } from 'vitest';
import bySource from './__fixtures__/deals-by-source.json';
import { fixture } from './__fixtures__/fixture';
import { contentInDeals } from './content-in-deals';
import { toPeriodMs } from './period';

const input = fixture(bySource);
const result = contentInDeals(input.deals, input.touches, toPeriodMs(input.period));

describe('contentInDeals', () => {
  it.each([
    ['counts a won deal once however often an asset touched it', 'roi-calculator', 2, 0],
    ['counts an asset seen in a won and a lost deal on both sides', 'case-study', 1, 1],
    ['ignores touches after the close and deals closed outside the period', 'battle-card', 0, 1],
  ])('%s (%s)', (_name, assetId, won, lost) => {
    const asset = result.byAsset.find((a) => a.assetId === assetId);
    expect([asset?.wonDeals, asset?.lostDeals]).toEqual([won, lost]);
  });

  it('ranks assets by won deals, then fewest lost deals', () => {
    expect(result.byAsset.map((a) => a.assetId)).toEqual(['roi-calculator', 'case-study', 'battle-card']);
  });

  it('compares how many won and lost deals had any content', () => {
    expect([result.wonWithContent.value, result.lostWithContent.value]).toEqual([1, 1]);
  });

  it('gives null shares with reasons when nothing closed', () => {
    const empty = contentInDeals([], [], toPeriodMs(input.period));
    expect(empty.byAsset).toEqual([]);
    expect(empty.wonWithContent.reason).toBe('no deal was won in the period');
  });
});
