import { byText } from './by-text';
import type { Deal, Touch } from './input-schema';
import { inPeriod, type PeriodMs } from './period';
import { ratio, type Ratio } from './ratio';
import { epochMs } from './epoch-ms';

const ASSET_SLOTS = 2 ** 26;

/** How one asset shows up in the deals closed in the period. */
export interface AssetInDeals {
  readonly assetId: string;
  readonly wonDeals: number;
  readonly lostDeals: number;
  /** Won / (won + lost) among the closed deals it touched. */
  readonly winRate: Ratio;
}

export interface ContentInDeals {
  /** Won deals closed in the period with at least one content touch / won deals closed in the period. */
  readonly wonWithContent: Ratio;
  readonly lostWithContent: Ratio;
  /** Most won deals first, then fewest lost, then by id. */
  readonly byAsset: readonly AssetInDeals[];
}

/**
 * Content present in won versus lost deals: per asset, how many distinct deals closed in the period it touched
 * before they closed.
 * @example contentInDeals(deals, touches, q1).byAsset[0] // → { assetId: 'roi-calculator', wonDeals: 7, lostDeals: 2, … }
 */
export function contentInDeals(
  deals: readonly Deal[],
  touches: readonly Touch[],
  period: PeriodMs,
): ContentInDeals {
  // Index the closed deals once; touches then join by a Map lookup.
  const closed = new Map<string, { index: number; closedMs: number; won: boolean }>();
  let won = 0;
  let lost = 0;
  for (const deal of deals) {
    if (deal.closedAt === null) continue;
    const closedMs = epochMs(deal.closedAt);
    if (!inPeriod(closedMs, period)) continue;
    closed.set(deal.id, { index: closed.size, closedMs, won: deal.won === true });
    if (deal.won === true) won++;
    else lost++;
  }

  const assetIndex = new Map<string, number>();
  const perAsset: { won: number; lost: number }[] = [];
  // One number per (deal, asset) pair counts each deal once per asset, without a Set per asset; exact while there
  // are fewer than 2^26 assets and 2^27 closed deals.
  const seenPairs = new Set<number>();
  const dealsWithContent = new Set<number>();
  let wonWithContent = 0;
  let lostWithContent = 0;
  for (const touch of touches) {
    const deal = closed.get(touch.dealId);
    if (deal === undefined || epochMs(touch.at) > deal.closedMs) continue;
    if (!dealsWithContent.has(deal.index)) {
      dealsWithContent.add(deal.index);
      if (deal.won) wonWithContent++;
      else lostWithContent++;
    }
    let asset = assetIndex.get(touch.assetId);
    if (asset === undefined) {
      asset = perAsset.length;
      assetIndex.set(touch.assetId, asset);
      perAsset.push({ won: 0, lost: 0 });
    }
    const pair = deal.index * ASSET_SLOTS + asset;
    if (seenPairs.has(pair)) continue;
    seenPairs.add(pair);
    const tally = perAsset[asset] as { won: number; lost: number };
    if (deal.won) tally.won++;
    else tally.lost++;
  }

  return {
    wonWithContent: ratio(wonWithContent, won, 'no deal was won in the period'),
    lostWithContent: ratio(lostWithContent, lost, 'no deal was lost in the period'),
    byAsset: [...assetIndex.entries()]
      .map(([assetId, index]) => {
        const t = perAsset[index] as { won: number; lost: number };
        return {
          assetId,
          wonDeals: t.won,
          lostDeals: t.lost,
          winRate: ratio(t.won, t.won + t.lost, 'the asset touched no closed deal'),
        };
      })
      .sort((a, b) => b.wonDeals - a.wonDeals || a.lostDeals - b.lostDeals || byText(a.assetId, b.assetId)),
  };
}
