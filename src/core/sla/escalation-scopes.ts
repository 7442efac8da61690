import type { Playbook, SlaPolicy } from '../playbook/schema';
import { parseBusinessDuration } from '../time/duration';
import { formatInstant } from '../time/instant';

/** Which leads an escalation sweep must read for one stage: the CRM port's escalation query, plus why. */
export interface EscalationScope {
  readonly stage: string;
  /** Leads that entered the stage at or before this instant… */
  readonly enteredBefore: string;
  /** …and at or after this one (the sweep's lookback). */
  readonly enteredAfter: string;
  /** True when a policy in scope is stopped by a disposition, which a first touch does not do. */
  readonly includeTouched: boolean;
  /** True when a policy in scope pauses on the lead's status: the sweep then reads its status history. */
  readonly withStatusHistory: boolean;
  /** The policies whose clocks start when a lead enters this stage (a recycle puts a lead into its stage). */
  readonly policyIds: readonly string[];
}

/**
 * The stages an escalation sweep reads at `nowMs`, one scope per stage: each `stage_entered` policy's stage and, for
 * each `lead_recycled` policy, the stage the recycle outcome puts a lead into (the adapters record the recycle as
 * that stage's entry). Business time never runs faster than wall time, so a lead that entered a stage less than its
 * earliest first escalation step ago cannot have reached any step: `enteredBefore` leaves it out. Policies without
 * escalations need no sweep; content-request clocks are not lead clocks.
 * @example escalationScopes(playbook, Date.parse('2026-03-12T15:00:00Z'), 30 * 86_400_000)[0] // → { stage: 'sql', enteredBefore: '2026-03-11T15:00:00.000Z', … }
 */
export function escalationScopes(playbook: Playbook, nowMs: number, lookbackMs: number): EscalationScope[] {
  const byStage = new Map<
    string,
    { firstStepMs: number; includeTouched: boolean; withStatusHistory: boolean; policyIds: string[] }
  >();
  for (const policy of playbook.slaPolicies) {
    const firstStepMs = earliestStepMs(policy);
    if (firstStepMs === null) continue;
    for (const stage of new Set(stagesOf(playbook, policy))) {
      const scope = byStage.get(stage) ?? {
        firstStepMs,
        includeTouched: false,
        withStatusHistory: false,
        policyIds: [],
      };
      scope.firstStepMs = Math.min(scope.firstStepMs, firstStepMs);
      scope.includeTouched ||= policy.stopsOn !== 'first_touch';
      scope.withStatusHistory ||= policy.pauseWhen.some((rule) => rule.property === 'handoffStatus');
      scope.policyIds.push(policy.id);
      byStage.set(stage, scope);
    }
  }
  return [...byStage].map(([stage, scope]) => ({
    stage,
    enteredBefore: formatInstant(nowMs - scope.firstStepMs),
    enteredAfter: formatInstant(nowMs - lookbackMs),
    includeTouched: scope.includeTouched,
    withStatusHistory: scope.withStatusHistory,
    policyIds: scope.policyIds,
  }));
}

// The business time of the policy's earliest escalation step, or null when it has none (or none readable).
function earliestStepMs(policy: SlaPolicy): number | null {
  const steps = policy.escalations
    .map((step) => parseBusinessDuration(step.after))
    .flatMap((parsed) => (parsed.ok ? [parsed.data] : []));
  return steps.length === 0 ? null : Math.min(...steps);
}

// The stages in which a lead carries this policy's clock.
function stagesOf(playbook: Playbook, policy: SlaPolicy): string[] {
  switch (policy.trigger.event) {
    case 'stage_entered':
      return [policy.trigger.stage];
    case 'lead_recycled':
      // An outcome that keeps the stage leaves the lead in any stage it may be taken from.
      return Object.values(playbook.dispositions.outcomes).flatMap((outcome) =>
        outcome.restartsPolicy !== policy.id
          ? []
          : outcome.toStage !== null
            ? [outcome.toStage]
            : outcome.from,
      );
    case 'content_requested':
      return [];
  }
}
