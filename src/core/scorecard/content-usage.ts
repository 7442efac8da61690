import type { Asset, Deal, Disposition, Share, Touch } from './input-schema';
import { inPeriod, lastDays, type PeriodMs } from './period';
import { ratio, type Ratio } from './ratio';
import { epochMs } from './epoch-ms';

/** The audit window of the content guidance: usage over the last 30 days. */
export const USAGE_WINDOW_DAYS = 30;

export interface ContentUsage {
  /** The last 30 days of the period (clipped to its start), ISO instants. */
  readonly window: { readonly from: string; readonly to: string };
  /** Active assets shared or touched in the window / active assets. */
  readonly assetUsage: Ratio;
  /** Reps with a share in the window / reps (owners of deals open during the period or of its dispositions). */
  readonly repsUsingLibrary: Ratio;
}

/**
 * Content usage rate and the share of reps actively using the library, over the last 30 days of the period.
 * Without an asset or share list in the input the matching rate is null with a reason, not 0 %.
 * @example contentUsage({ assets, shares, touches, deals, dispositions }, q1).repsUsingLibrary.value // → 0.8
 */
export function contentUsage(
  records: {
    readonly assets?: readonly Asset[] | undefined;
    readonly shares?: readonly Share[] | undefined;
    readonly touches: readonly Touch[];
    readonly deals: readonly Deal[];
    readonly dispositions: readonly Disposition[];
  },
  period: PeriodMs,
): ContentUsage {
  const window = lastDays(period, USAGE_WINDOW_DAYS);
  const shares = records.shares ?? [];

  const used = new Set<string>();
  const sharers = new Set<string>();
  for (const share of shares) {
    if (!inPeriod(epochMs(share.at), window)) continue;
    used.add(share.assetId);
    sharers.add(share.ownerId);
  }
  for (const touch of records.touches) if (inPeriod(epochMs(touch.at), window)) used.add(touch.assetId);

  let active = 0;
  let activeUsed = 0;
  for (const asset of records.assets ?? []) {
    if (asset.status !== 'active') continue;
    active++;
    if (used.has(asset.id)) activeUsed++;
  }

  // Reps are the people who work deals or disposition leads in the period; a marketer's share does not count.
  const reps = new Set<string>();
  for (const deal of records.deals) {
    const openedBeforeEnd = epochMs(deal.createdAt) < period.toMs;
    const openAfterStart = deal.closedAt === null || epochMs(deal.closedAt) >= period.fromMs;
    if (openedBeforeEnd && openAfterStart) reps.add(deal.ownerId);
  }
  for (const disposition of records.dispositions)
    if (inPeriod(epochMs(disposition.at), period)) reps.add(disposition.ownerId);
  let repsSharing = 0;
  for (const rep of reps) if (sharers.has(rep)) repsSharing++;

  return {
    window: { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString() },
    assetUsage:
      records.assets === undefined
        ? ratio(0, 0, 'the input lists no assets')
        : ratio(activeUsed, active, 'no asset is active'),
    repsUsingLibrary:
      records.shares === undefined
        ? ratio(0, 0, 'the input lists no library shares')
        : ratio(repsSharing, reps.size, 'no rep owned a deal or dispositioned a lead in the period'),
  };
}
