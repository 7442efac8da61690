import type { Playbook, SlaPolicy } from '../playbook/schema';
import { compileCalendar } from './business-calendar';
import { pauseSpansFromHistory, type PropertySnapshot } from './pause-spans';
import { parseInstant } from '../time/instant';
import { slaClock } from './sla-clock';
import type { BusinessCalendar, PauseSpan, SlaClockState } from './types';

/** What a lead's clocks depend on: the lead's handoff fields and its dispositions (as the CRM port reads them). */
export interface LeadSlaFacts {
  readonly stage: string | null;
  readonly stageEnteredAt: string | null;
  readonly firstTouchAt: string | null;
  readonly handoffStatus: string | null;
  /** Any order. */
  readonly dispositions: readonly { readonly outcome: string; readonly at: string }[];
  /**
   * The lead's property history (e.g. handoffStatus changes), for pause rules. Without it (or `statusHistory`) only
   * the current status is known: a pause rule it matches pauses the clock from now on, and earlier pauses are not
   * credited.
   */
  readonly history?: readonly PropertySnapshot[];
  /**
   * The values the handoff status took and when, any order (the CRM port's field history): the history of
   * `handoffStatus` when `history` is not given. Empty or absent: only the current status is known.
   */
  readonly statusHistory?: readonly { readonly at: string; readonly status: string | null }[];
}

/** One SLA clock running (or run) on a lead, with the policy it belongs to. */
export interface LeadSlaClock {
  readonly policyId: string;
  readonly label: string;
  readonly owner: 'sales' | 'marketing';
  readonly state: SlaClockState;
}

const calendarsOf = new WeakMap<Playbook, Map<string, BusinessCalendar>>();

/**
 * The SLA clocks on a lead at `nowMs`, in playbook order: each `stage_entered` policy of the lead's current stage,
 * triggered when it entered the stage, and each `lead_recycled` policy while the lead's latest disposition is a
 * recycle and the lead has not entered a stage since, triggered then. A clock stops at the first touch or at the
 * first disposition after its trigger, as its policy says; content-request policies are not lead clocks. Instants
 * must name their offset (an unreadable one counts as absent), so the machine's zone never matters. Calendars are
 * compiled once per playbook object.
 * @example leadSlaClocks(playbook, { stage: 'sql', stageEnteredAt: '2026-03-12T14:00:00Z', firstTouchAt: null, handoffStatus: 'open', dispositions: [] }, nowMs)[0]?.state.status // → 'running'
 */
export function leadSlaClocks(playbook: Playbook, facts: LeadSlaFacts, nowMs: number): LeadSlaClock[] {
  const dispositionTimes = facts.dispositions
    .map((d) => ({ outcome: d.outcome, atMs: instantMs(d.at) }))
    .filter((d) => !Number.isNaN(d.atMs) && d.atMs <= nowMs)
    .sort((a, b) => a.atMs - b.atMs);
  const latest = dispositionTimes.at(-1);
  const clocks: LeadSlaClock[] = [];
  for (const policy of playbook.slaPolicies) {
    const triggeredAtMs = triggerOf(policy, facts, latest);
    if (triggeredAtMs === null || triggeredAtMs > nowMs) continue;
    const calendar = calendarFor(playbook, policy.calendar);
    if (calendar === undefined) continue;
    clocks.push({
      policyId: policy.id,
      label: policy.label,
      owner: policy.owner,
      state: slaClock({
        policy,
        calendar,
        triggeredAtMs,
        completedAtMs: completionOf(policy, facts, dispositionTimes, triggeredAtMs),
        pauses: pausesOf(policy, facts, nowMs),
        nowMs,
      }),
    });
  }
  return clocks;
}

// When a policy's clock started on this lead, or null when it does not apply to the lead as it is now.
function triggerOf(
  policy: SlaPolicy,
  facts: LeadSlaFacts,
  latest: { outcome: string; atMs: number } | undefined,
): number | null {
  switch (policy.trigger.event) {
    case 'stage_entered': {
      if (facts.stage !== policy.trigger.stage || facts.stageEnteredAt === null) return null;
      const ms = instantMs(facts.stageEnteredAt);
      return Number.isNaN(ms) ? null : ms;
    }
    case 'lead_recycled': {
      // Until the lead moves on from where the recycle put it (a later stage entry ends the recycled clock).
      if (latest?.outcome !== 'recycle') return null;
      const enteredMs = instantMs(facts.stageEnteredAt);
      return enteredMs > latest.atMs ? null : latest.atMs;
    }
    case 'content_requested':
      return null;
  }
}

// What stopped the clock, or null while open. A first touch before the trigger meets the clock at once (slaClock
// clamps it to the trigger); a disposition counts only after the trigger, so the one that started a clock (a
// recycle) does not also stop it.
function completionOf(
  policy: SlaPolicy,
  facts: LeadSlaFacts,
  dispositions: readonly { atMs: number }[],
  triggeredAtMs: number,
): number | null {
  if (policy.stopsOn === 'first_touch') {
    const ms = instantMs(facts.firstTouchAt);
    return Number.isNaN(ms) ? null : ms;
  }
  if (policy.stopsOn === 'disposition') {
    // A recycle restarts the lead: only a disposition after this clock's trigger answers it.
    return dispositions.find((d) => d.atMs > triggeredAtMs)?.atMs ?? null;
  }
  return null;
}

function pausesOf(policy: SlaPolicy, facts: LeadSlaFacts, nowMs: number): PauseSpan[] {
  if (policy.pauseWhen.length === 0) return [];
  if (facts.history !== undefined) return pauseSpansFromHistory(policy, facts.history);
  const changes = (facts.statusHistory ?? []).flatMap((change) => {
    const atMs = instantMs(change.at);
    return Number.isNaN(atMs) ? [] : [{ atMs, properties: { handoffStatus: change.status } }];
  });
  if (changes.length > 0) return pauseSpansFromHistory(policy, changes);
  const current = { atMs: nowMs, properties: { handoffStatus: facts.handoffStatus } };
  return pauseSpansFromHistory(policy, [current]);
}

// Epoch ms of an instant with an offset; NaN for null or anything else.
function instantMs(text: string | null): number {
  if (text === null) return NaN;
  const parsed = parseInstant(text);
  return parsed.ok ? parsed.data : NaN;
}

function calendarFor(playbook: Playbook, id: string): BusinessCalendar | undefined {
  let calendars = calendarsOf.get(playbook);
  if (calendars === undefined) {
    calendars = new Map();
    calendarsOf.set(playbook, calendars);
  }
  let calendar = calendars.get(id);
  if (calendar === undefined) {
    const spec = playbook.calendars.find((c) => c.id === id);
    if (spec === undefined) return undefined;
    calendar = compileCalendar(spec);
    calendars.set(id, calendar);
  }
  return calendar;
}
