import type { Measure } from './ratio';

/**
 * The median in expected linear time (quickselect, not a sort); the input is copied, never reordered.
 * Even counts average the two middle values.
 * @example median([5, 1, 3, 2], 'no clocks') // → { value: 2.5, count: 4, reason: null }
 */
export function median(values: readonly number[], emptyReason: string): Measure {
  const n = values.length;
  if (n === 0) return { value: null, count: 0, reason: emptyReason };
  const a = Float64Array.from(values);
  const k = n >> 1;
  select(a, k);
  const upper = a[k] as number;
  if (n % 2 === 1) return { value: upper, count: n, reason: null };
  // After selection every element left of k is ≤ a[k]; the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < k; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  return { value: (lower + upper) / 2, count: n, reason: null };
}

/** Reorders `a` so that a[k] holds the k-th smallest value, smaller ones to its left and larger to its right. */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // Median of three keeps sorted and reversed inputs linear.
    const mid = lo + ((hi - lo) >> 1);
    const pivot = medianOfThree(a[lo] as number, a[mid] as number, a[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}
