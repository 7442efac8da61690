import type { DispositionOutcome } from '../playbook/schema';

/** The disposition as stored (the record's history); `id` is the idempotency key. */
export interface StoredDisposition {
  readonly id: string;
  readonly recordId: string;
  readonly submissionId: string;
  readonly outcome: DispositionOutcome;
  readonly reasonCode: string;
  readonly reasonLabel: string;
  /** Trimmed; '' when none. */
  readonly notes: string;
  readonly at: string;
  readonly recycleAt: string | null;
  readonly ownerId: string | null;
}

/** Record fields to write, under the playbook's neutral names; the CRM adapters map them to real fields. */
export interface DispositionFields {
  readonly handoffStage: string;
  readonly handoffStatus: string;
  readonly handoffDispositionOutcome: DispositionOutcome;
  readonly handoffDispositionReason: string;
  readonly handoffDispositionNotes: string;
  readonly handoffDispositionAt: string;
  /** Cleared (null) unless the outcome is recycle. */
  readonly handoffRecycleAt: string | null;
  /** Lets an adapter rebuild `appliedKeys` from the record itself. */
  readonly handoffDispositionKey: string;
}

export interface DispositionSlaChanges {
  /** Clocks completed by this disposition: the record stage's first-touch and disposition SLAs. */
  readonly stop: { readonly policyIds: readonly string[]; readonly at: string };
  /** Recycle only: the clock started for marketing's response. */
  readonly restart?: { readonly policyId: string; readonly triggeredAt: string };
}

/** Everything the adapter writes for one disposition, in one go. */
export interface DispositionPlan {
  readonly alreadyApplied: false;
  readonly idempotencyKey: string;
  readonly stageChange: { readonly from: string; readonly to: string };
  readonly fields: DispositionFields;
  readonly sla: DispositionSlaChanges;
  /** Plain text; the adapter escapes it for HTML timelines. */
  readonly timelineNote: string;
  readonly disposition: StoredDisposition;
}

/** A retried submission whose disposition is already stored: nothing to write. */
export interface AlreadyAppliedDisposition {
  readonly alreadyApplied: true;
  readonly idempotencyKey: string;
}

export type DispositionErrorCode = 'INVALID_DISPOSITION' | 'STAGE_NOT_ALLOWED';
