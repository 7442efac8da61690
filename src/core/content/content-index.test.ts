import { describe, expect, it } from 'vitest';
import { anAsset, usageOf } from './__fixtures__/builders';
import { indexLibrary } from './content-index';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();

describe('indexLibrary', () => {
  const library = [
    anAsset({ id: 'b-active' }),
    anAsset({ id: 'a-archived', status: 'archived' }),
    anAsset({ id: 'c-active' }),
  ];
  const stats = [
    usageOf('b-active', {
      wonDealsTouched: 1,
      lostDealsTouched: 3,
      byBuyerStage: { decision: { won: 1, lost: 0 } },
    }),
    usageOf('a-archived', { wonDealsTouched: 3, lostDealsTouched: 1 }),
    usageOf('deleted-asset', { wonDealsTouched: 100 }),
  ];
  const index = indexLibrary(library, stats, playbook, 10);

  it.each([
    [
      'keeps only active assets, sorted by id',
      index.entries.map((e) => e.asset.id),
      ['b-active', 'c-active'],
    ],
    [
      'counts archived assets in the base rate but ignores stats of assets not in the library',
      index.baseRate,
      0.5,
    ],
    ['pools the base rate per buyer stage', index.baseRateByStage.get('decision'), 1],
    ['gives a stage with no closed deal the neutral base rate', index.baseRateByStage.get('awareness'), 0.5],
    ['smooths each asset towards the base rate', [...index.winRate], [(1 + 5) / 14, 0.5]],
    [
      'uses stage evidence where the asset has it and its overall rate elsewhere',
      [...(index.winRateAtStage.get('decision') ?? [])],
      [(1 + 10) / 11, 0.5],
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('builds facet masks aligned with the entries, industries and personas lower-cased', () => {
    const faceted = indexLibrary(
      [
        anAsset({
          id: 'a',
          buyerStages: ['decision'],
          objectionTypes: ['price'],
          industries: ['Healthcare'],
        }),
        anAsset({ id: 'b', personas: ['CFO'] }),
      ],
      [],
      playbook,
    );
    expect({
      decision: [...(faceted.stageMask.get('decision') ?? [])],
      consideration: [...(faceted.stageMask.get('consideration') ?? [])],
      price: [...(faceted.objectionMask.get('price') ?? [])],
      roi: [...(faceted.objectionMask.get('roi') ?? [])],
      industries: [...faceted.industryMask.keys()],
      cfo: [...(faceted.personaMask.get('cfo') ?? [])],
    }).toEqual({
      decision: [1, 0],
      consideration: [0, 1],
      price: [1, 0],
      roi: [0, 0],
      industries: ['healthcare'],
      cfo: [0, 1],
    });
  });

  it('stores recency relative to the latest use: halved per 30 days, 0 when never used', () => {
    const used = indexLibrary(
      [anAsset({ id: 'a' }), anAsset({ id: 'b' }), anAsset({ id: 'c' })],
      [
        usageOf('a', { lastUsedAt: '2026-05-02T12:00:00Z' }),
        usageOf('b', { lastUsedAt: '2026-06-01T12:00:00Z' }),
      ],
      playbook,
    );
    expect([...used.recency]).toEqual([0.5, 1, 0]);
    expect(used.recencyRefMs).toBe(Date.parse('2026-06-01T12:00:00Z'));
  });

  it('does not reorder the caller’s library', () => {
    expect(library.map((a) => a.id)).toEqual(['b-active', 'a-archived', 'c-active']);
  });
});
