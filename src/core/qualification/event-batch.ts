import type { Criterion, Playbook } from '../playbook/schema';
import { eventInstantMs } from './event-instant';
import type { EngagementEvent } from './record-schema';

/**
 * A record's events as parallel arrays: the event type as a number from the playbook's type index (`unknownType`
 * for types the playbook never mentions) and the age at `now` (negative = in the future, NaN = unreadable time).
 * Numbers instead of strings let each engagement criterion test an event with one array read.
 */
export interface EventBatch {
  readonly length: number;
  readonly types: Int32Array;
  readonly ages: Float64Array;
}

/** Every event type a playbook names, each with a small number; `size` is the slot for all other types. */
export interface EventTypeIndex {
  readonly ids: ReadonlyMap<string, number>;
  readonly size: number;
}

/**
 * Numbers every event type the playbook names (engagement criteria and engagement points).
 * @example eventTypeIndex(playbook).ids.get('webinar_attended') // → 4
 */
export function eventTypeIndex(playbook: Pick<Playbook, 'stages' | 'engagement'>): EventTypeIndex {
  const ids = new Map<string, number>();
  const add = (type: string) => {
    if (!ids.has(type)) ids.set(type, ids.size);
  };
  const visit = (criterion: Criterion): void => {
    if (criterion.kind === 'engagement') criterion.eventTypes.forEach(add);
    if (criterion.kind === 'all_of' || criterion.kind === 'at_least') criterion.criteria.forEach(visit);
  };
  for (const stage of playbook.stages) visit(stage.entry);
  Object.keys(playbook.engagement.points).forEach(add);
  return { ids, size: ids.size };
}

/**
 * Turns events into a batch aged at `nowMs`, writing into `reuse`'s arrays when they are large enough (the
 * qualifier keeps one batch as scratch space, since JavaScript runs one qualification at a time).
 * @example toEventBatch([{ type: 'page_view', at: '2026-03-11T12:00:00Z' }], index, Date.UTC(2026, 2, 12, 12)).ages[0] // → 86400000
 */
export function toEventBatch(
  events: readonly EngagementEvent[],
  index: EventTypeIndex,
  nowMs: number,
  reuse?: EventBatch,
): EventBatch {
  const length = events.length;
  const fits = reuse !== undefined && reuse.types.length >= length;
  const types = fits ? reuse.types : new Int32Array(Math.max(length, 32));
  const ages = fits ? reuse.ages : new Float64Array(Math.max(length, 32));
  const { ids, size } = index;
  // Indexed loop, no iterator: this runs for every event of every record.
  for (let i = 0; i < length; i++) {
    const event = events[i] as EngagementEvent;
    types[i] = ids.get(event.type) ?? size;
    ages[i] = nowMs - eventInstantMs(event.at);
  }
  return { length, types, ages };
}
