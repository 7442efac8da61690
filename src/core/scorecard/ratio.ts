/** A share with its parts; `value` is null, with the reason, when there is nothing to divide by (never NaN). */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
  readonly reason: string | null;
}

/**
 * Divides, or explains why it cannot: an empty group yields `value: null` and `emptyReason`.
 * @example ratio(3, 4, 'no leads') // → { numerator: 3, denominator: 4, value: 0.75, reason: null }
 */
export function ratio(numerator: number, denominator: number, emptyReason: string): Ratio {
  if (denominator === 0) return { numerator, denominator, value: null, reason: emptyReason };
  return { numerator, denominator, value: numerator / denominator, reason: null };
}

/** An average or a median over `count` values; `value` is null, with the reason, when there were none. */
export interface Measure {
  readonly value: number | null;
  readonly count: number;
  readonly reason: string | null;
}

/**
 * The mean of `count` values summing to `sum`, or null with the reason when there are none.
 * @example mean(300, 3, 'no won deals') // → { value: 100, count: 3, reason: null }
 */
export function mean(sum: number, count: number, emptyReason: string): Measure {
  if (count === 0) return { value: null, count, reason: emptyReason };
  return { value: sum / count, count, reason: null };
}
