import type { Playbook } from '../playbook/schema';
import { formatBusinessDuration } from '../time/duration';
import { formatInstant } from '../time/instant';
import type { LeadSlaClock } from './lead-clocks';
import { describeStep } from './sla-clock';

/** The lead an escalation is about and who it goes to. */
export interface EscalationLead {
  readonly id: string;
  /** Shown in the task subject; the id when absent. */
  readonly name?: string | null;
  readonly ownerId: string | null;
  readonly managerId: string | null;
}

/** One escalation task to create (the CRM port's `createEscalationTask` command). */
export interface EscalationTaskPlan {
  readonly leadId: string;
  readonly assigneeId: string;
  readonly policyId: string;
  readonly level: number;
  readonly action: string;
  readonly subject: string;
  readonly body: string;
  readonly dueAt: string;
  /** `${leadId}:${policyId}:${triggeredAt}:${level}`: one task per step of one clock, however often a sweep runs. */
  readonly idempotencyKey: string;
}

/** A reached step nobody can receive (no owner, or no manager for a manager step), for the sweep to report. */
export interface UnassignedEscalation {
  readonly leadId: string;
  readonly policyId: string;
  readonly level: number;
  readonly action: string;
  readonly reason: string;
}

/** A CRM user who receives escalation steps, and the manager who receives the manager steps. */
export interface EscalationAssignee {
  readonly ownerId: string;
  readonly managerId: string | null;
}

/** Who receives a policy's steps when that is not the lead's owner (first match wins). */
export interface EscalationRouting {
  /** By policy id: e.g. each policy's `escalateTo` user as the CRM resolved it. */
  readonly policies?: Readonly<Record<string, EscalationAssignee>>;
  /**
   * Marketing-owned policies (a recycled lead's response) escalate to this marketing owner and their manager instead
   * of the lead's owner, who is usually the sales rep that recycled it.
   */
  readonly marketing?: EscalationAssignee;
}

export interface EscalationPlan {
  readonly tasks: readonly EscalationTaskPlan[];
  readonly unassigned: readonly UnassignedEscalation[];
}

/**
 * The escalation tasks a lead's open clocks call for at `nowMs`: one per reached step of the policy's ladder (a
 * sweep that missed a run still files the earlier steps, and the idempotency key keeps a rerun from filing any
 * twice). Reminders and alerts go to the owner; manager and team notices to the owner's manager — where `routing`
 * names an assignee for the policy (or for marketing-owned policies), to that user and their manager instead. A
 * completed clock files nothing, even if it was late.
 * @example escalationPlan(playbook, { id: 'c1', ownerId: 'o1', managerId: 'm1' }, leadSlaClocks(playbook, facts, now), now).tasks[0]?.action // → 'remind_owner'
 */
export function escalationPlan(
  playbook: Playbook,
  lead: EscalationLead,
  clocks: readonly LeadSlaClock[],
  nowMs: number,
  routing: EscalationRouting = {},
): EscalationPlan {
  const tasks: EscalationTaskPlan[] = [];
  const unassigned: UnassignedEscalation[] = [];
  const who = lead.name ?? lead.id;
  for (const { policyId, label, state } of clocks) {
    if (state.isCompleted || state.escalationLevel === 0) continue;
    const policy = playbook.slaPolicies.find((p) => p.id === policyId);
    if (policy === undefined) continue;
    const team =
      (Object.hasOwn(routing.policies ?? {}, policy.id) ? routing.policies?.[policy.id] : undefined) ??
      (policy.owner === 'marketing' ? routing.marketing : undefined);
    const owner = team === undefined ? lead.ownerId : team.ownerId;
    const manager = team === undefined ? lead.managerId : team.managerId;
    policy.escalations.slice(0, state.escalationLevel).forEach((step, i) => {
      const level = i + 1;
      const toManager = step.action === 'notify_manager' || step.action === 'notify_team';
      const assigneeId = toManager ? manager : owner;
      if (assigneeId === null) {
        const whose = team === undefined ? 'the owner' : 'the escalation assignee';
        unassigned.push({
          leadId: lead.id,
          policyId,
          level,
          action: step.action,
          reason: toManager ? `${whose} has no manager on record` : 'the lead has no owner',
        });
        return;
      }
      const stepLabel = describeStep(step).label;
      const late =
        state.sinceTargetMs > 0
          ? `${formatBusinessDuration(state.sinceTargetMs)} of business time past its target`
          : `${formatBusinessDuration(state.remainingMs)} of business time left`;
      tasks.push({
        leadId: lead.id,
        assigneeId,
        policyId,
        level,
        action: step.action,
        subject: `SLA ${stepLabel}: ${who}`,
        body: `${label} — step ${level} (${stepLabel}) after ${step.after} of business time. Triggered ${state.triggeredAt}, due ${state.dueAt ?? 'when the pause ends'}; ${late}.`,
        dueAt: formatInstant(nowMs),
        idempotencyKey: `${lead.id}:${policyId}:${state.triggeredAt}:${level}`,
      });
    });
  }
  return { tasks, unassigned };
}
