import type { EngagementScoring } from '../playbook/schema';
import type { EventBatch, EventTypeIndex } from './event-batch';
import { DAY_MS, eventWeightMs } from './event-weight';
import type { EngagementScore, EventTypeScore } from './types';

/**
 * Compiles the engagement score: playbook points per event, decayed by `halfLifeDays`, within `windowDays`,
 * capped at `maxScore` and scaled to 0–100 (rounded), with a breakdown per event type that scored.
 * @example compileEngagementScore(playbook.engagement, eventTypeIndex(playbook))(batch).score // → 28
 */
export function compileEngagementScore(
  scoring: EngagementScoring,
  index: EventTypeIndex,
): (events: EventBatch) => EngagementScore {
  const { windowDays, halfLifeDays, maxScore } = scoring;
  const names: string[] = new Array<string>(index.size + 1).fill('');
  for (const [type, id] of index.ids) names[id] = type;
  // Points per type id; types without points (and the unknown slot) score 0 and stay out of the breakdown.
  const points = new Float64Array(index.size + 1);
  const scored = new Uint8Array(index.size + 1);
  for (const [type, value] of Object.entries(scoring.points)) {
    const id = index.ids.get(type);
    if (id === undefined) continue;
    points[id] = value;
    scored[id] = 1;
  }
  // Scratch space reused across calls (JavaScript runs one call at a time): no allocation per record.
  const counts = new Int32Array(index.size + 1);
  const sums = new Float64Array(index.size + 1);
  const windowMs = windowDays * DAY_MS;
  const halfLifeMs = halfLifeDays === undefined ? Infinity : halfLifeDays * DAY_MS;
  return ({ length, types, ages }) => {
    // A loop rather than fill(): a handful of slots, and no builtin call per record.
    for (let id = 0; id <= index.size; id++) {
      counts[id] = 0;
      sums[id] = 0;
    }
    let raw = 0;
    // Every index below is in range (i < length, ids ≤ index.size), so reads need no `??` fallback.
    for (let i = 0; i < length; i++) {
      const id = types[i] as number;
      if (scored[id] !== 1) continue;
      const weight = eventWeightMs(ages[i] as number, windowMs, halfLifeMs);
      if (weight === 0) continue;
      const value = (points[id] as number) * weight;
      counts[id] = (counts[id] as number) + 1;
      sums[id] = (sums[id] as number) + value;
      raw += value;
    }
    let scoredTypes = 0;
    for (let id = 0; id < index.size; id++) if ((counts[id] as number) > 0) scoredTypes++;
    // Sized up front: a pushed-to empty array reserves room for 17.
    const byType = new Array<EventTypeScore>(scoredTypes);
    let at = 0;
    for (let id = 0; id < index.size; id++) {
      const count = counts[id] as number;
      if (count > 0) byType[at++] = { type: names[id] as string, count, points: round2(sums[id] as number) };
    }
    sortByPointsThenType(byType);
    const capped = Math.min(Math.max(raw, 0), maxScore);
    return {
      score: Math.round((capped / maxScore) * 100),
      rawPoints: round2(raw),
      maxScore,
      windowDays,
      halfLifeDays: halfLifeDays ?? null,
      byType,
    };
  };
}

// Sorts in place as sort(byPointsThenType) does. With finite points the comparator is a strict order (types are
// distinct), so every correct sort gives the same order, and an insertion sort of a few types skips Array#sort's
// set-up per record; infinite points (sums past 1.8e308) could make it inconsistent, so they keep Array#sort.
function sortByPointsThenType(list: EventTypeScore[]): void {
  for (const item of list) if (!Number.isFinite(item.points)) return void list.sort(byPointsThenType);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as EventTypeScore;
    let j = i;
    for (; j > 0 && byPointsThenType(list[j - 1] as EventTypeScore, item) > 0; j--)
      list[j] = list[j - 1] as EventTypeScore;
    list[j] = item;
  }
}

// Highest points first, ties by type name.
function byPointsThenType(a: EventTypeScore, b: EventTypeScore): number {
  return b.points - a.points || (a.type < b.type ? -1 : 1);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
