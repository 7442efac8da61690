import type { Period } from './input-schema';
import { epochMs } from './epoch-ms';

/** A period as epoch milliseconds: `fromMs` inclusive, `toMs` exclusive. */
export interface PeriodMs {
  readonly fromMs: number;
  readonly toMs: number;
}

const DAY_MS = 86_400_000;

/**
 * Converts a validated period (ISO instants with offsets) to epoch milliseconds.
 * @example toPeriodMs({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }).fromMs // → 1767225600000
 */
export function toPeriodMs(period: Period): PeriodMs {
  return { fromMs: epochMs(period.from), toMs: epochMs(period.to) };
}

/**
 * True when `ms` lies in the half-open period, so adjacent quarters never count an event twice.
 * @example inPeriod(epochMs('2026-04-01T00:00:00Z'), q1) // → false: the end belongs to the next period
 */
export function inPeriod(ms: number, period: PeriodMs): boolean {
  return ms >= period.fromMs && ms < period.toMs;
}

/**
 * The last `days` days of the period, clipped to its start when the period is shorter.
 * @example lastDays(q1, 30) // → { fromMs: epochMs('2026-03-02T00:00:00Z'), toMs: epochMs('2026-04-01T00:00:00Z') }
 */
export function lastDays(period: PeriodMs, days: number): PeriodMs {
  return { fromMs: Math.max(period.fromMs, period.toMs - days * DAY_MS), toMs: period.toMs };
}
