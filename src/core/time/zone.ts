import { tzOffset } from '@date-fns/tz';
import { DAY_MS } from './civil';

/** A time zone's UTC offset at an instant, in milliseconds (`America/New_York` in July → -14_400_000). */
export function offsetMs(timeZone: string, instantMs: number): number {
  return Math.round(tzOffset(timeZone, new Date(instantMs)) * 60_000);
}

/**
 * Turns a wall-clock time into an instant by the *compatible* rule (Temporal's default): a time inside a DST gap
 * moves forward by the gap; an ambiguous time takes the earlier instant. `wallMs` is the wall time written as if
 * it were UTC (`Date.UTC(2026, 2, 8, 2, 30)` for 02:30 on 8 March).
 * @example wallToInstant('America/New_York', Date.UTC(2026, 2, 8, 2, 30)) // → 2026-03-08T07:30:00Z (03:30 EDT)
 */
export function wallToInstant(timeZone: string, wallMs: number): number {
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetMs(timeZone, wallMs - DAY_MS);
  const after = offsetMs(timeZone, wallMs + DAY_MS);
  if (before === after) {
    const t = wallMs - before;
    if (offsetMs(timeZone, t) === before) return t;
  }
  let earliest = Number.POSITIVE_INFINITY;
  for (const candidate of before === after ? [before] : [before, after]) {
    const t = wallMs - candidate;
    if (offsetMs(timeZone, t) === candidate && t < earliest) earliest = t;
  }
  if (earliest !== Number.POSITIVE_INFINITY) return earliest;
  // In a gap: read the wall time with the offset in force before the transition, which lands past the gap.
  return wallMs - before;
}

/**
 * The wall-clock time of an instant written as if it were UTC (the inverse of wallToInstant outside gaps).
 * @example instantToWall('America/New_York', Date.parse('2026-01-15T14:00:00Z')) // → Date.UTC(2026, 0, 15, 9)
 */
export function instantToWall(timeZone: string, instantMs: number): number {
  return instantMs + offsetMs(timeZone, instantMs);
}
