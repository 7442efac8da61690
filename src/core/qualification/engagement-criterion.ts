import type { EngagementCriterion } from '../playbook/schema';
import type { EventBatch, EventTypeIndex } from './event-batch';
import { DAY_MS, eventWeightMs } from './event-weight';
import { formatNumber } from './property-value';
import type { LeafResult } from './types';

/**
 * Compiles an engagement threshold: events of the listed types at most `windowDays` old (future events ignored),
 * each counting 1 or, with `halfLifeDays`, `2^(-age/halfLife)`; met when the count reaches `minCount`.
 * @example compileEngagementCriterion({ kind: 'engagement', eventTypes: ['webinar_attended'], minCount: 1, windowDays: 30 }, index)(batch).met // → true
 */
export function compileEngagementCriterion(
  criterion: EngagementCriterion,
  index: EventTypeIndex,
): (events: EventBatch) => LeafResult {
  const { minCount, windowDays, halfLifeDays } = criterion;
  // One slot per known type plus the "unknown" slot, which stays 0.
  const wanted = new Uint8Array(index.size + 1);
  for (const type of criterion.eventTypes) {
    const id = index.ids.get(type);
    if (id !== undefined) wanted[id] = 1;
  }
  const decay =
    halfLifeDays === undefined ? '' : `, decayed with a ${formatNumber(halfLifeDays)}-day half-life`;
  const expected = `≥ ${formatNumber(minCount)} in ${windowDays} days${decay}`;
  const label =
    criterion.label ??
    `${formatNumber(minCount)} × ${criterion.eventTypes.join(' or ')} in ${windowDays} days`;
  const windowMs = windowDays * DAY_MS;
  const halfLifeMs = halfLifeDays === undefined ? Infinity : halfLifeDays * DAY_MS;
  return ({ length, types, ages }) => {
    let count = 0;
    // i < length ≤ the arrays' length, so the reads are in range (no `??` fallback needed).
    for (let i = 0; i < length; i++) {
      if (wanted[types[i] as number] === 1) count += eventWeightMs(ages[i] as number, windowMs, halfLifeMs);
    }
    // Compared unrounded; shown to two decimals, since decayed counts are fractional.
    const actual = Math.round(count * 100) / 100;
    return { type: 'leaf', kind: 'engagement', label, met: count >= minCount, actual, expected };
  };
}
