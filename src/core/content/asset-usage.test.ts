import { describe, expect, it } from 'vitest';
import { computeAssetUsage, SHARE_CHANNEL, type UsageDeal, type UsageTouch } from './asset-usage';

const asOf = Date.parse('2026-06-30T00:00:00Z');
const touch = (
  assetId: string,
  dealId: string | null,
  at: string,
  channel = 'email',
  buyerStage: string | null = null,
): UsageTouch => ({ assetId, dealId, channel, at, buyerStage });
const deals: UsageDeal[] = [
  { id: 'D1', won: true },
  { id: 'D2', won: false },
  { id: 'D3', won: null },
];

describe('computeAssetUsage', () => {
  it.each<[string, UsageTouch[], Record<string, unknown>[]]>([
    [
      'counts won, lost and open deals an asset touched, each deal once',
      [
        touch('A1', 'D1', '2026-05-01T00:00:00Z'),
        touch('A1', 'D1', '2026-05-02T00:00:00Z'),
        touch('A1', 'D2', '2026-05-03T00:00:00Z'),
        touch('A1', 'D3', '2026-05-04T00:00:00Z'),
      ],
      [
        {
          assetId: 'A1',
          dealsTouched: 3,
          wonDealsTouched: 1,
          lostDealsTouched: 1,
          lastUsedAt: '2026-05-04T00:00:00.000Z',
        },
      ],
    ],
    [
      'counts only shares from the last 30 days',
      [
        touch('A2', null, '2026-06-15T00:00:00Z', SHARE_CHANNEL),
        touch('A2', null, '2026-05-15T00:00:00Z', SHARE_CHANNEL),
        touch('A2', null, '2026-06-20T00:00:00Z', 'email'),
      ],
      [{ assetId: 'A2', sharesLast30Days: 1, dealsTouched: 0, lastUsedAt: '2026-06-20T00:00:00.000Z' }],
    ],
    [
      'ignores touches after the as-of instant',
      [touch('A3', 'D1', '2026-07-01T00:00:00Z'), touch('A3', 'D2', '2026-06-01T00:00:00Z')],
      [{ assetId: 'A3', dealsTouched: 1, wonDealsTouched: 0, lostDealsTouched: 1 }],
    ],
    [
      'orders assets by id so both CRMs answer alike',
      [touch('B', 'D1', '2026-05-01T00:00:00Z'), touch('A', 'D1', '2026-05-01T00:00:00Z')],
      [{ assetId: 'A' }, { assetId: 'B' }],
    ],
    [
      'counts won and lost deals per buyer stage at the time of each touch, each deal once per stage',
      [
        touch('A4', 'D1', '2026-05-01T00:00:00Z', 'email', 'consideration'),
        touch('A4', 'D1', '2026-05-02T00:00:00Z', 'email', 'consideration'),
        touch('A4', 'D1', '2026-05-20T00:00:00Z', 'email', 'decision'),
        touch('A4', 'D2', '2026-05-03T00:00:00Z', 'email', 'decision'),
      ],
      [
        {
          assetId: 'A4',
          wonDealsTouched: 1,
          lostDealsTouched: 1,
          byBuyerStage: { consideration: { won: 1, lost: 0 }, decision: { won: 1, lost: 1 } },
        },
      ],
    ],
    ['returns nothing without touches', [], []],
  ])('%s', (_name, touches, expected) => {
    expect(computeAssetUsage(touches, deals, asOf)).toMatchObject(expected);
  });

  it('leaves open deals and touches without a stage out of the per-stage counts', () => {
    const [usage] = computeAssetUsage(
      [
        touch('A5', 'D3', '2026-05-01T00:00:00Z', 'email', 'decision'),
        touch('A5', 'D1', '2026-05-01T00:00:00Z', 'email', null),
        touch('A5', null, '2026-05-01T00:00:00Z', SHARE_CHANNEL, 'awareness'),
      ],
      deals,
      asOf,
    );
    expect(usage).toMatchObject({ dealsTouched: 2, wonDealsTouched: 1 });
    expect(usage?.byBuyerStage).toEqual({});
  });
});
