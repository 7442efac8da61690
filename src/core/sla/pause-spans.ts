import type { SlaPolicy } from '../playbook/schema';
import type { BusinessCalendar, PauseSpan } from './types';

/**
 * Sorts pause spans and merges the ones that overlap or touch; an open span (toMs null) swallows what follows.
 * @example mergePauses([{ fromMs: 5, toMs: 9 }, { fromMs: 1, toMs: 6 }]) // → [{ fromMs: 1, toMs: 9 }]
 */
export function mergePauses(pauses: readonly PauseSpan[]): PauseSpan[] {
  const sorted = pauses
    .filter((p) => p.toMs === null || p.toMs > p.fromMs)
    .sort((a, b) => a.fromMs - b.fromMs);
  const merged: PauseSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.toMs === null || span.fromMs <= last.toMs)) {
      const toMs = last.toMs === null || span.toMs === null ? null : Math.max(last.toMs, span.toMs);
      merged[merged.length - 1] = { ...last, toMs };
    } else merged.push(span);
  }
  return merged;
}

/**
 * Business time in `[fromMs, toMs)` outside merged pause spans.
 * @example effectiveElapsed(calendar, [], from, to) === calendar.elapsed(from, to) // → true
 */
export function effectiveElapsed(
  calendar: BusinessCalendar,
  merged: readonly PauseSpan[],
  fromMs: number,
  toMs: number,
): number {
  let total = calendar.elapsed(fromMs, toMs);
  for (const span of merged) {
    const from = Math.max(span.fromMs, fromMs);
    const to = Math.min(span.toMs ?? toMs, toMs);
    if (to > from) total -= calendar.elapsed(from, to);
  }
  return total;
}

/**
 * The instant when `durationMs` of business time outside merged pause spans has passed since `startMs`;
 * null when an open pause span starts before that (the due instant is unknown until the pause ends).
 * @example effectiveDue(calendar, [], start, 4 * 3_600_000) === calendar.due(start, 4 * 3_600_000) // → true
 */
export function effectiveDue(
  calendar: BusinessCalendar,
  merged: readonly PauseSpan[],
  startMs: number,
  durationMs: number,
): number | null {
  let cursor = startMs;
  let remaining = durationMs;
  for (const span of merged) {
    if (span.toMs !== null && span.toMs <= cursor) continue;
    const candidate = calendar.due(cursor, remaining);
    if (candidate <= span.fromMs) return candidate;
    if (span.fromMs > cursor) remaining -= calendar.elapsed(cursor, span.fromMs);
    if (span.toMs === null) return null;
    cursor = Math.max(cursor, span.toMs);
  }
  return calendar.due(cursor, remaining);
}

/** One observed value of record properties from `atMs` on (a field-history row). */
export interface PropertySnapshot {
  readonly atMs: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * Derives pause spans from a record's property history and the policy's pause rules: the clock is paused while
 * any rule's property holds one of its values. The last snapshot's span stays open.
 * @example pauseSpansFromHistory(policy, [{ atMs: 0, properties: { handoffStatus: 'waiting_on_prospect' } }])
 */
export function pauseSpansFromHistory(policy: SlaPolicy, history: readonly PropertySnapshot[]): PauseSpan[] {
  const spans: PauseSpan[] = [];
  const ordered = [...history].sort((a, b) => a.atMs - b.atMs);
  let openSince: { atMs: number; reason: string } | null = null;
  for (const snapshot of ordered) {
    const rule = policy.pauseWhen.find((r) =>
      r.in.some((value) => value === snapshot.properties[r.property]),
    );
    if (rule && !openSince)
      openSince = { atMs: snapshot.atMs, reason: rule.label ?? `${rule.property} paused` };
    if (!rule && openSince) {
      spans.push({ fromMs: openSince.atMs, toMs: snapshot.atMs, reason: openSince.reason });
      openSince = null;
    }
  }
  if (openSince) spans.push({ fromMs: openSince.atMs, toMs: null, reason: openSince.reason });
  return spans;
}
