import type { SlaPolicy } from '../playbook/schema';
import { parseBusinessDuration } from '../time/duration';
import { formatInstant } from '../time/instant';
import { effectiveDue, effectiveElapsed, mergePauses } from './pause-spans';
import type { BusinessCalendar, PauseSpan, SlaClockState } from './types';

export interface SlaClockInput {
  readonly policy: SlaPolicy;
  readonly calendar: BusinessCalendar;
  readonly triggeredAtMs: number;
  /** When the clock's stop event happened (first touch, disposition, fulfilment); absent while open. */
  readonly completedAtMs?: number | null | undefined;
  /** Spans when a pause rule held (e.g. status "waiting on prospect"); business time inside them does not count. */
  readonly pauses?: readonly PauseSpan[] | undefined;
  readonly nowMs: number;
}

/**
 * The state of one SLA clock at `nowMs`, counting only business time outside pause spans.
 * A stop event after `nowMs` is not yet known and is ignored.
 * @example slaClock({ policy, calendar, triggeredAtMs, nowMs }).status // → 'running'
 */
export function slaClock(input: SlaClockInput): SlaClockState {
  const { policy, calendar, triggeredAtMs, nowMs } = input;
  const targetMs = durationOf(policy.target);
  const pauses = mergePauses((input.pauses ?? []).filter((p) => p.fromMs <= nowMs));
  const completedAtMs =
    input.completedAtMs !== undefined && input.completedAtMs !== null && input.completedAtMs <= nowMs
      ? Math.max(input.completedAtMs, triggeredAtMs)
      : null;
  const endMs = completedAtMs ?? Math.max(nowMs, triggeredAtMs);

  const elapsedMs = effectiveElapsed(calendar, pauses, triggeredAtMs, endMs);
  const dueAtMs = effectiveDue(calendar, pauses, triggeredAtMs, targetMs);
  // Violated once the clock runs past the due instant (Salesforce's IsViolated: now > TargetDate).
  const isViolated = dueAtMs !== null && endMs > dueAtMs;
  const isCompleted = completedAtMs !== null;

  const activePause = pauses.find((p) => p.fromMs <= nowMs && (p.toMs === null || nowMs < p.toMs));
  let status: SlaClockState['status'];
  let pauseReason: SlaClockState['pauseReason'] = null;
  let pausedUntilMs: number | null = null;
  if (isCompleted) status = isViolated ? 'breached' : 'met';
  else if (isViolated) status = 'breached';
  else if (activePause) {
    status = 'paused';
    pauseReason = 'pause_rule';
    pausedUntilMs = activePause.toMs === null ? null : calendar.nextOpening(activePause.toMs);
  } else if (!calendar.isOpen(nowMs)) {
    status = 'paused';
    pauseReason = 'outside_business_hours';
    pausedUntilMs = calendar.nextOpening(nowMs);
  } else status = 'running';

  // Escalations fire at their business-time thresholds, and only while the clock is open.
  let escalationLevel = 0;
  let nextEscalationAtMs: number | null = null;
  let nextStep: SlaPolicy['escalations'][number] | undefined;
  for (const step of policy.escalations) {
    const atMs = effectiveDue(calendar, pauses, triggeredAtMs, durationOf(step.after));
    if (atMs !== null && atMs <= endMs) escalationLevel += 1;
    else {
      if (!isCompleted && atMs !== null) nextEscalationAtMs = atMs;
      nextStep = isCompleted ? undefined : step;
      break;
    }
  }
  const reached = escalationLevel > 0 ? policy.escalations[escalationLevel - 1] : undefined;

  return {
    policyId: policy.id,
    status,
    pauseReason,
    pausedUntil: pausedUntilMs === null ? null : formatInstant(pausedUntilMs),
    triggeredAt: formatInstant(triggeredAtMs),
    dueAt: dueAtMs === null ? null : formatInstant(dueAtMs),
    completedAt: completedAtMs === null ? null : formatInstant(completedAtMs),
    targetMs,
    elapsedMs,
    remainingMs: Math.max(0, targetMs - elapsedMs),
    sinceTargetMs: Math.max(0, elapsedMs - targetMs),
    isCompleted,
    isViolated,
    escalationLevel,
    escalation: reached ? describeStep(reached) : null,
    nextEscalationAt: nextEscalationAtMs === null ? null : formatInstant(nextEscalationAtMs),
    nextEscalation: nextStep ? describeStep(nextStep) : null,
  };
}

const ACTION_LABELS: Record<SlaPolicy['escalations'][number]['action'], string> = {
  remind_owner: 'reminder to the owner',
  alert_owner: 'alert to the owner',
  notify_manager: 'manager notified',
  notify_team: 'team notified',
};

/** An escalation step's action and label (the playbook's, else a sentence for its action). */
export function describeStep(step: SlaPolicy['escalations'][number]): { action: string; label: string } {
  return { action: step.action, label: step.label ?? ACTION_LABELS[step.action] };
}

function durationOf(text: string): number {
  const parsed = parseBusinessDuration(text);
  // Policies reach the core through the playbook schema, which has already checked every duration.
  if (!parsed.ok) throw new TypeError(`unvalidated SLA duration: ${parsed.error.message}`);
  return parsed.data;
}
