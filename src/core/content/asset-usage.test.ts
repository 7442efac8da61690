import { describe, expect, it } from 'vitest';
import { computeAssetUsage, SHARE_CHANNEL, type UsageDeal, type UsageTouch } from './asset-usage';

const asOf = Date.parse('2026-06-30T00:00:00Z');
const touch = (assetId: string, dealId: string | null, at: string, channel = 'email'): UsageTouch => ({
  assetId,
  dealId,
  channel,
  at,
});
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
    ['returns nothing without touches', [], []],
  ])('%s', (_name, touches, expected) => {
    expect(computeAssetUsage(touches, deals, asOf)).toMatchObject(expected);
  });
});
