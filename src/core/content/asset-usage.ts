import type { AssetUsage } from './library-schema';

const DAY_MS = 86_400_000;

/** The touch channel of a rep sharing an asset from the record page (the emulator's seed uses it too). */
export const SHARE_CHANNEL = 'shared_link';

export interface UsageTouch {
  readonly assetId: string;
  readonly dealId: string | null;
  /** SHARE_CHANNEL for a rep sending it from the card; anything else is a marketing or deal touch. */
  readonly channel: string;
  readonly at: string;
  /** The buyer stage the deal (or lead) was in when touched, recorded with the touch; null when unknown. */
  readonly buyerStage?: string | null;
}

export interface UsageDeal {
  readonly id: string;
  /** null while open. */
  readonly won: boolean | null;
}

/**
 * Closed-loop usage per asset from raw touches and deal outcomes, as of an instant: deals touched (distinct), won and
 * lost deals touched, per buyer stage at the time of the touch too (touches that recorded one), shares in the 30
 * days before `asOfMs`, and the last use. Touches after `asOfMs` are ignored.
 * @example computeAssetUsage([{ assetId: 'A1', dealId: 'D1', channel: SHARE_CHANNEL, at }], [{ id: 'D1', won: true }], now)
 */
export function computeAssetUsage(
  touches: readonly UsageTouch[],
  deals: readonly UsageDeal[],
  asOfMs: number,
): AssetUsage[] {
  const outcome = new Map(deals.map((deal) => [deal.id, deal.won]));
  const byAsset = new Map<
    string,
    {
      deals: Set<string>;
      won: Set<string>;
      lost: Set<string>;
      byStage: Map<string, { won: Set<string>; lost: Set<string> }>;
      shares: number;
      lastMs: number;
    }
  >();
  for (const touch of touches) {
    const atMs = Date.parse(touch.at);
    if (!(atMs <= asOfMs)) continue;
    let usage = byAsset.get(touch.assetId);
    if (!usage) {
      usage = {
        deals: new Set(),
        won: new Set(),
        lost: new Set(),
        byStage: new Map(),
        shares: 0,
        lastMs: Number.NEGATIVE_INFINITY,
      };
      byAsset.set(touch.assetId, usage);
    }
    usage.lastMs = Math.max(usage.lastMs, atMs);
    if (touch.channel === SHARE_CHANNEL && atMs > asOfMs - 30 * DAY_MS) usage.shares += 1;
    if (touch.dealId === null) continue;
    usage.deals.add(touch.dealId);
    const won = outcome.get(touch.dealId);
    if (won === true) usage.won.add(touch.dealId);
    if (won === false) usage.lost.add(touch.dealId);
    const stage = touch.buyerStage;
    if (stage === undefined || stage === null || stage === '' || (won !== true && won !== false)) continue;
    let atStage = usage.byStage.get(stage);
    if (!atStage) {
      atStage = { won: new Set(), lost: new Set() };
      usage.byStage.set(stage, atStage);
    }
    (won ? atStage.won : atStage.lost).add(touch.dealId);
  }
  return [...byAsset.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([assetId, u]) => ({
      assetId,
      dealsTouched: u.deals.size,
      wonDealsTouched: u.won.size,
      lostDealsTouched: u.lost.size,
      sharesLast30Days: u.shares,
      lastUsedAt: new Date(u.lastMs).toISOString(),
      byBuyerStage: Object.fromEntries(
        [...u.byStage.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([stage, o]) => [stage, { won: o.won.size, lost: o.lost.size }]),
      ),
    }));
}
