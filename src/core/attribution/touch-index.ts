import { inputColumns, type AttributionInput, type InputColumns, type Touch } from './input';

/**
 * Validated deals and touches laid out for fast attribution. Deal arrays are indexed by the deal's position in the
 * input; touch arrays by a *position*: each deal's touches `T` (those at or before its end) sit together in
 * `dealStart[d] … dealStart[d] + dealSize[d] - 1`, sorted by (at, id). Touches after the end have no position.
 */
export interface AttributionIndex {
  readonly deals: AttributionInput['deals'];
  readonly touches: AttributionInput['touches'];
  /** When open deals end, in epoch milliseconds. */
  readonly asOf: number;
  readonly dealAmount: Float64Array;
  /** `closedAt`, else `asOf`. */
  readonly dealEnd: Float64Array;
  readonly dealStart: Int32Array;
  readonly dealSize: Int32Array;
  /** Milestones as offsets from `dealStart`, clamped so that FT (always 0) ≤ LC ≤ OC ≤ LAST (`dealSize - 1`). */
  readonly dealLc: Int32Array;
  readonly dealOc: Int32Array;
  /** Position → index of the touch in `touches`. */
  readonly touchOrder: Int32Array;
  readonly touchAt: Float64Array;
  readonly touchAsset: Int32Array;
  readonly touchChannel: Int32Array;
  readonly assetIds: readonly string[];
  readonly channelIds: readonly string[];
  /** How many touches have a position. */
  readonly positions: number;
}

// Below this size insertion sort beats the typed-array sort with a comparator.
const INSERTION_SORT_MAX = 24;

/**
 * Groups touches by deal, drops those after the deal's end, sorts each deal's touches by (at, id) and finds the
 * milestones — once, so that every model then runs over typed arrays without allocating. Pass the columns from
 * `validateAttributionInput` so that no instant is parsed and no id hashed twice.
 * @example indexAttribution(parsed.data, new Date('2026-06-30T00:00:00Z')).dealSize // → Int32Array [3, 0, …]
 */
export function indexAttribution(
  input: AttributionInput,
  asOf: Date,
  columns: InputColumns = inputColumns(input),
): AttributionIndex {
  const { deals, touches } = input;
  const dealCount = deals.length;
  const touchCount = touches.length;
  const asOfMs = asOf.getTime();
  const { touchDeal, touchAt: allAt, touchAsset: allAsset, touchChannel: allChannel } = columns;

  const dealEnd = new Float64Array(dealCount);
  for (let d = 0; d < dealCount; d++) {
    const closed = columns.dealClosedAt[d] as number;
    dealEnd[d] = closed === closed ? closed : asOfMs;
  }

  // Counting sort by deal, keeping input order within a deal; touches after the end get no position at all, and
  // neither do touches of unknown deals (rejected by validation, possible in unvalidated input).
  const dealStart = new Int32Array(dealCount + 1);
  for (let t = 0; t < touchCount; t++) {
    const d = touchDeal[t] as number;
    if (d >= 0 && (allAt[t] as number) <= (dealEnd[d] as number)) (dealStart[d + 1] as number)++;
  }
  for (let d = 0; d < dealCount; d++) (dealStart[d + 1] as number) += dealStart[d] as number;
  const positions = dealStart[dealCount] as number;
  const touchOrder = new Int32Array(positions);
  const fill = dealStart.slice(0, dealCount);
  for (let t = 0; t < touchCount; t++) {
    const d = touchDeal[t] as number;
    if (d >= 0 && (allAt[t] as number) <= (dealEnd[d] as number)) touchOrder[(fill[d] as number)++] = t;
  }

  const dealSize = new Int32Array(dealCount);
  const dealLc = new Int32Array(dealCount);
  const dealOc = new Int32Array(dealCount);
  const touchAt = new Float64Array(positions);
  const touchAsset = new Int32Array(positions);
  const touchChannel = new Int32Array(positions);
  for (let d = 0; d < dealCount; d++) {
    const start = dealStart[d] as number;
    const size = (dealStart[d + 1] as number) - start;
    dealSize[d] = size;
    sortByAtThenId(touchOrder, start, start + size, allAt, touches);
    let lc = -1;
    let oc = -1;
    const lead = columns.dealLeadCreatedAt[d] as number;
    const created = columns.dealCreatedAt[d] as number;
    for (let i = 0; i < size; i++) {
      const p = start + i;
      const t = touchOrder[p] as number;
      const at = allAt[t] as number;
      touchAt[p] = at;
      if (at <= lead) lc = i;
      if (at <= created) oc = i;
      touchAsset[p] = allAsset[t] as number;
      touchChannel[p] = allChannel[t] as number;
    }
    // LC falls back to FT and OC to LC; the clamp keeps FT ≤ LC ≤ OC even when the CRM's dates disagree.
    if (lc < 0) lc = 0;
    if (oc < lc) oc = lc;
    dealLc[d] = lc;
    dealOc[d] = oc;
  }

  return {
    deals,
    touches,
    asOf: asOfMs,
    dealAmount: columns.dealAmount,
    dealEnd,
    dealStart: dealStart.subarray(0, dealCount),
    dealSize,
    dealLc,
    dealOc,
    touchOrder,
    touchAt,
    touchAsset,
    touchChannel,
    assetIds: columns.assetIds,
    channelIds: columns.channelIds,
    positions,
  };
}

// Ids compare by UTF-16 code units, never by locale, so every machine breaks ties the same way.
function before(a: number, b: number, at: Float64Array, touches: readonly Touch[]): boolean {
  const atA = at[a] as number;
  const atB = at[b] as number;
  if (atA !== atB) return atA < atB;
  return (touches[a] as Touch).id < (touches[b] as Touch).id;
}

function sortByAtThenId(
  order: Int32Array,
  from: number,
  to: number,
  at: Float64Array,
  touches: readonly Touch[],
): void {
  if (to - from > INSERTION_SORT_MAX) {
    order
      .subarray(from, to)
      .sort((a, b) => (before(a, b, at, touches) ? -1 : before(b, a, at, touches) ? 1 : 0));
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const t = order[i] as number;
    let j = i - 1;
    while (j >= from && before(t, order[j] as number, at, touches)) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = t;
  }
}
