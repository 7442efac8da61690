import type { ModelSpec, PositionShares } from './models';
import type { AttributionIndex } from './touch-index';

const MS_PER_DAY = 86_400_000;

/**
 * Writes one deal's weights under one model into `out` at the deal's positions (every other slot is left alone);
 * they add up to 1 when the deal has touches. The hot path of attribution: no allocation, typed arrays only.
 * @example weighDeal(index, 0, uShaped, weights); weights.subarray(index.dealStart[0], …) // → [0.4, 0.2, 0.4]
 */
export function weighDeal(index: AttributionIndex, d: number, spec: ModelSpec, out: Float64Array): void {
  const size = index.dealSize[d] as number;
  if (size === 0) return;
  const start = index.dealStart[d] as number;
  if (spec.kind === 'linear') {
    out.fill(1 / size, start, start + size);
  } else if (spec.kind === 'time_decay') {
    weighTimeDecay(index.touchAt, start, size, spec.halfLifeDays * MS_PER_DAY, out);
  } else {
    weighPositions(spec.shares, start, size, index.dealLc[d] as number, index.dealOc[d] as number, out);
  }
}

// 2^(-(end - at)/h) normalised equals 2^((at - atLast)/h) normalised; measuring from the last touch keeps the
// largest weight at 1, so an open deal's touches cannot all underflow to 0 when the as-of date is years later.
function weighTimeDecay(
  at: Float64Array,
  start: number,
  size: number,
  halfLifeMs: number,
  out: Float64Array,
): void {
  const end = start + size;
  const latest = at[end - 1] as number;
  const rate = Math.LN2 / halfLifeMs;
  let sum = 0;
  for (let p = start; p < end; p++) {
    const w = Math.exp(((at[p] as number) - latest) * rate);
    out[p] = w;
    sum += w;
  }
  for (let p = start; p < end; p++) out[p] = (out[p] as number) / sum;
}

function weighPositions(
  shares: PositionShares,
  start: number,
  size: number,
  lc: number,
  oc: number,
  out: Float64Array,
): void {
  const last = size - 1;
  out.fill(0, start, start + size);
  // The model's milestones are those with a share; `first`/`final` bound the middle.
  let first = -1;
  let final = -1;
  let total = 0;
  if (shares.FT > 0) {
    out[start] = (out[start] as number) + shares.FT;
    total += shares.FT;
    first = 0;
    final = 0;
  }
  if (shares.LC > 0) {
    out[start + lc] = (out[start + lc] as number) + shares.LC;
    total += shares.LC;
    if (first < 0) first = lc;
    final = lc;
  }
  if (shares.OC > 0) {
    out[start + oc] = (out[start + oc] as number) + shares.OC;
    total += shares.OC;
    if (first < 0) first = oc;
    final = oc;
  }
  if (shares.LAST > 0) {
    out[start + last] = (out[start + last] as number) + shares.LAST;
    total += shares.LAST;
    if (first < 0) first = last;
    final = last;
  }
  const middle = middleCount(shares, first, final, lc, oc);
  if (middle > 0 && shares.middle > 0) {
    const each = shares.middle / middle;
    // Milestone touches already hold a positive share; every zero slot strictly inside the span is a middle touch.
    for (let p = start + first + 1; p < start + final; p++) if (out[p] === 0) out[p] = each;
    total += shares.middle;
  }
  // With no middle touch the milestone shares are scaled up to 1 (dividing by the exact total also absorbs the
  // rounding of shares such as 0.225 × 4 + 0.1).
  if (total !== 1) for (let p = start + first; p <= start + final; p++) out[p] = (out[p] as number) / total;
}

/** Touches strictly between the model's first and last milestone that are not themselves one of its milestones. */
export function middleCount(
  shares: PositionShares,
  first: number,
  final: number,
  lc: number,
  oc: number,
): number {
  if (final - first < 2) return 0;
  // Milestone positions never decrease (FT ≤ LC ≤ OC ≤ LAST), so distinct inner ones are counted in one sweep.
  let inner = 0;
  let previous = first;
  if (shares.LC > 0 && lc > previous && lc < final) {
    inner++;
    previous = lc;
  }
  if (shares.OC > 0 && oc > previous && oc < final) inner++;
  return final - first - 1 - inner;
}
