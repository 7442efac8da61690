import type { Playbook } from '../playbook/schema';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { zodIssues } from '../shared/zod-issues';
import { dispositionKey } from './idempotency-key';
import { outcomeBlockedReason, stageLabel } from './outcome-rule';
import { DispositionSubmissionSchema, type DispositionState } from './submission-schema';
import { timelineNote } from './timeline-note';
import type { AlreadyAppliedDisposition, DispositionErrorCode, DispositionPlan } from './types';

const DAY_MS = 86_400_000;

/**
 * Validates a rep's disposition against the playbook and the record's current stage and returns what to write:
 * the stage change, the fields, the SLA stop (and restart on recycle), the timeline note and the stored
 * disposition, keyed by an idempotency key so a retried submit writes once. Every bad field is reported at once
 * (`INVALID_DISPOSITION`); when the record's stage forbids the outcome the code is `STAGE_NOT_ALLOWED`. A
 * submission whose key is in `currentState.appliedKeys` returns `{ alreadyApplied: true }`, whatever the stage is
 * now. The default recycle date is now + the reason's `recycleAfterDays` × 24 h.
 * @example disposition({ submissionId: 's1', outcome: 'accept', reasonCode: 'accept_meeting_booked' }, { recordId: 'c1', stage: 'sql' }, playbook, nowMs) // → { ok: true, data: { stageChange: { from: 'sql', to: 'sal' }, … } }
 */
export function disposition(
  input: unknown,
  currentState: DispositionState,
  playbook: Playbook,
  nowMs: number,
): Result<DispositionPlan | AlreadyAppliedDisposition, DispositionErrorCode> {
  const raw: Record<string, unknown> =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const whole = DispositionSubmissionSchema.safeParse(input);
  // Issues that depend only on the submission and the playbook: a retry of a stored disposition has none.
  const contentIssues: FieldIssue[] = whole.success ? [] : zodIssues(whole.error);
  const fields = DispositionSubmissionSchema.shape;
  const field = <T>(parsed: { success: true; data: T } | { success: false }): T | undefined =>
    parsed.success ? parsed.data : undefined;
  const submissionId = field(fields.submissionId.safeParse(raw['submissionId']));
  const outcome = field(fields.outcome.safeParse(raw['outcome']));
  const reasonCode = field(fields.reasonCode.safeParse(raw['reasonCode']))?.trim() ?? '';
  const notes = field(fields.notes.safeParse(raw['notes']))?.trim() ?? '';
  const recycleAtText = field(fields.recycleAt.safeParse(raw['recycleAt']));

  const { outcomes, reasonCodes, maxNoteLength } = playbook.dispositions;
  const add = (issues: FieldIssue[], path: string, message: string) => {
    if (!issues.some((issue) => issue.path === path)) issues.push({ path, message });
  };

  // Reason code: required, known, and of this outcome.
  const code = reasonCodes.find((c) => c.id === reasonCode);
  if (reasonCode === '') add(contentIssues, 'reasonCode', 'a reason code is required');
  else if (code === undefined) add(contentIssues, 'reasonCode', `unknown reason code "${reasonCode}"`);
  else if (outcome !== undefined && code.outcome !== outcome) {
    add(contentIssues, 'reasonCode', `reason code "${code.id}" is for ${code.outcome}, not ${outcome}`);
  }

  // Notes: required and long enough where the reason says so; never longer than the playbook allows.
  if (notes.length > maxNoteLength) {
    add(contentIssues, 'notes', `notes must be at most ${maxNoteLength} characters (got ${notes.length})`);
  } else if (code?.notesRequired && notes === '') {
    add(contentIssues, 'notes', `notes are required for "${code.label}"`);
  } else if (code?.notesRequired && notes.length < code.minNoteLength) {
    add(
      contentIssues,
      'notes',
      `notes for "${code.label}" must be at least ${code.minNoteLength} characters (got ${notes.length})`,
    );
  }

  // Recycle date: recycle only; otherwise the reason's default delay, which must exist.
  const recycleAtMs = recycleAtText === undefined ? undefined : Date.parse(recycleAtText);
  if (recycleAtText !== undefined && outcome !== undefined && outcome !== 'recycle') {
    add(contentIssues, 'recycleAt', `a recycle date is only for recycle, not ${outcome}`);
  }
  if (outcome === 'recycle' && recycleAtText === undefined && raw['recycleAt'] === undefined) {
    if (code?.outcome === 'recycle' && code.recycleAfterDays === undefined) {
      add(contentIssues, 'recycleAt', `a recycle date is required: "${code.label}" has no default delay`);
    }
  }

  const identity =
    contentIssues.length === 0 && submissionId !== undefined && outcome !== undefined && code !== undefined
      ? {
          recordId: currentState.recordId,
          submissionId,
          outcome,
          reasonCode: code.id,
          notes,
          recycleAt: recycleAtMs === undefined ? null : new Date(recycleAtMs).toISOString(),
        }
      : undefined;
  const idempotencyKey = identity === undefined ? undefined : dispositionKey(identity);
  if (idempotencyKey !== undefined && currentState.appliedKeys?.includes(idempotencyKey)) {
    return ok({ alreadyApplied: true, idempotencyKey });
  }

  // Checks against now and the record's stage.
  const issues = [...contentIssues];
  if (outcome === 'recycle' && recycleAtMs !== undefined && !(recycleAtMs > nowMs)) {
    add(
      issues,
      'recycleAt',
      `the recycle date must be in the future (after ${new Date(nowMs).toISOString()})`,
    );
  }
  const rule = outcome === undefined ? undefined : outcomes[outcome];
  const blocked = outcome === undefined ? null : outcomeBlockedReason(playbook, outcome, currentState.stage);
  const stageProblem = blocked !== null;
  if (blocked !== null) add(issues, 'outcome', blocked);
  if (
    issues.length > 0 ||
    identity === undefined ||
    idempotencyKey === undefined ||
    rule === undefined ||
    code === undefined
  ) {
    if (stageProblem && issues.length === 1) {
      return err('STAGE_NOT_ALLOWED', issues[0]?.message ?? 'stage not allowed', issues);
    }
    return err(
      stageProblem ? 'STAGE_NOT_ALLOWED' : 'INVALID_DISPOSITION',
      `the disposition has ${issues.length} problem${issues.length === 1 ? '' : 's'}`,
      issues,
    );
  }

  const at = new Date(nowMs).toISOString();
  const recycleAt =
    identity.outcome !== 'recycle'
      ? null
      : (identity.recycleAt ?? new Date(nowMs + (code.recycleAfterDays ?? 0) * DAY_MS).toISOString());
  const toStage = rule.toStage ?? currentState.stage;
  const stopPolicyIds = playbook.slaPolicies
    .filter(
      (policy) =>
        policy.trigger.event === 'stage_entered' &&
        policy.trigger.stage === currentState.stage &&
        (policy.stopsOn === 'first_touch' || policy.stopsOn === 'disposition'),
    )
    .map((policy) => policy.id);

  return ok({
    alreadyApplied: false,
    idempotencyKey,
    stageChange: { from: currentState.stage, to: toStage },
    fields: {
      handoffStage: toStage,
      handoffStatus: rule.leadStatus,
      handoffDispositionOutcome: identity.outcome,
      handoffDispositionReason: code.id,
      handoffDispositionNotes: notes,
      handoffDispositionAt: at,
      handoffRecycleAt: recycleAt,
      handoffDispositionKey: idempotencyKey,
    },
    sla: {
      stop: { policyIds: stopPolicyIds, at },
      ...(identity.outcome === 'recycle' && rule.restartsPolicy !== undefined
        ? { restart: { policyId: rule.restartsPolicy, triggeredAt: at } }
        : {}),
    },
    timelineNote: timelineNote({
      outcomeLabel: rule.label,
      reasonLabel: code.label,
      fromStageLabel: stageLabel(playbook, currentState.stage),
      toStageLabel: rule.toStage === null ? null : stageLabel(playbook, rule.toStage),
      leadStatus: rule.leadStatus,
      notes,
      recycleAt,
    }),
    disposition: {
      id: idempotencyKey,
      recordId: currentState.recordId,
      submissionId: identity.submissionId,
      outcome: identity.outcome,
      reasonCode: code.id,
      reasonLabel: code.label,
      notes,
      at,
      recycleAt,
      ownerId: currentState.ownerId ?? null,
    },
  });
}
