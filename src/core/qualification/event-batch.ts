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
  return compileEventBatcher(index)(events, nowMs, reuse);
}

/** `toEventBatch` with the type lookup built once per playbook; see `compileEventBatcher`. */
export type EventBatcher = (
  events: readonly EngagementEvent[],
  nowMs: number,
  reuse?: EventBatch,
) => EventBatch;

/**
 * Builds `toEventBatch` for one type index. Types are looked up in a small table keyed by a hash of the length and
 * three characters, then confirmed with one string comparison: cheaper than a Map, which hashes and compares the
 * whole string, and this runs for every event of every record. Types that share a slot fall back to the Map.
 * @example compileEventBatcher(eventTypeIndex(playbook))(events, Date.UTC(2026, 2, 12)).types[0] // → 4
 */
export function compileEventBatcher(index: EventTypeIndex): EventBatcher {
  const { ids, size } = index;
  const { slots, seed } = slotTableFor([...ids.keys()]);
  const mask = slots - 1;
  const names: (string | undefined)[] = new Array<string | undefined>(slots).fill(undefined);
  const slotIds = new Int32Array(slots).fill(size);
  const shared = new Uint8Array(slots);
  for (const [type, id] of ids) {
    const slot = slotOf(type, seed) & mask;
    if (names[slot] === undefined && shared[slot] === 0) {
      // A property key is stored once per content (interned), and so are literals and short JSON strings: the
      // comparison below is then usually a pointer test, not a character loop over a slice of the YAML text.
      names[slot] = Object.keys({ [type]: 0 })[0];
      slotIds[slot] = id;
    } else shared[slot] = 1;
  }
  const typeId = (type: string): number => {
    // A non-string would be a caller's bug; it is simply an unknown type, as with the Map.
    if (typeof type !== 'string') return size;
    const slot = slotOf(type, seed) & mask;
    if (names[slot] === type) return slotIds[slot] as number;
    return shared[slot] === 0 ? size : (ids.get(type) ?? size);
  };
  return (events, nowMs, reuse) => {
    const length = events.length;
    const fits = reuse !== undefined && reuse.types.length >= length;
    const types = fits ? reuse.types : new Int32Array(Math.max(length, 32));
    const ages = fits ? reuse.ages : new Float64Array(Math.max(length, 32));
    // Indexed loop, no iterator: this runs for every event of every record.
    for (let i = 0; i < length; i++) {
      const event = events[i] as EngagementEvent;
      types[i] = typeId(event.type);
      ages[i] = nowMs - eventInstantMs(event.at);
    }
    return { length, types, ages };
  };
}

// Length, first, middle and last character, mixed by a multiplier; `| 0` turns the NaN of "" into 0.
function slotOf(type: string, seed: number): number {
  const n = type.length;
  const key =
    n ^
    ((type.charCodeAt(0) | 0) << 8) ^
    ((type.charCodeAt(n >> 1) | 0) << 16) ^
    ((type.charCodeAt(n - 1) | 0) << 24);
  return Math.imul(key, seed) >>> 16;
}

// The smallest table (at least 4 slots per type) and a multiplier that give every type its own slot; a playbook
// whose types cannot be told apart this way keeps a few shared slots, which the Map resolves.
function slotTableFor(types: readonly string[]): { slots: number; seed: number } {
  let slots = 16;
  while (slots < types.length * 4) slots *= 2;
  for (let size = slots; size <= slots * 8; size *= 2) {
    for (let seed = 0x9e3779b1; seed < 0x9e3779b1 + 128; seed += 2) {
      const used = new Set<number>();
      for (const type of types) used.add(slotOf(type, seed) & (size - 1));
      if (used.size === types.length) return { slots: size, seed };
    }
  }
  return { slots, seed: 0x9e3779b1 };
}
