// The CRM port: exactly what Handoff needs from a CRM, each call shaped for the fewest round trips.
// The HubSpot adapter (@hubspot/api-client) and the Salesforce adapter (jsforce) both implement it and must give
// the same answers for the same data (the contract suite in test/contract runs one suite through both).
import type { Asset, AssetUsage } from '../core/content/library-schema';
import type { FiledContentRequest } from '../core/content/file-content-request';
import type { DispositionPlan, StoredDisposition } from '../core/disposition/types';
import type { EngagementEvent, QualificationRecord } from '../core/qualification/record-schema';
import type { Result } from '../core/shared/result';

export type CrmName = 'hubspot' | 'salesforce';

/** The small set of failures every CRM error maps to. */
export type CrmErrorCode =
  'NOT_FOUND' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'CONFLICT' | 'INVALID' | 'UNAVAILABLE';

export interface CrmErrorDetails {
  /** For RATE_LIMITED: how long the CRM asked us to wait. */
  readonly retryAfterMs?: number;
  /** The HTTP status the CRM answered, when there was one. */
  readonly status?: number;
  /** The CRM's own error code (`OBJECT_NOT_FOUND`, `INVALID_FIELD`, …), for logs. */
  readonly crmCode?: string;
}

export type CrmResult<T> = Result<T, CrmErrorCode> & { readonly details?: CrmErrorDetails };

export interface Owner {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly managerId: string | null;
}

/** A lead (Salesforce Lead or converted Contact; HubSpot contact) as the core sees it. */
export interface LeadSummary {
  readonly id: string;
  /** The CRM object it lives in. */
  readonly objectType: 'contact' | 'lead';
  readonly name: string;
  readonly email: string | null;
  readonly company: string | null;
  readonly source: string | null;
  readonly stage: string | null;
  readonly handoffStatus: string | null;
  readonly owner: Owner | null;
  readonly createdAt: string;
  readonly stageEnteredAt: string | null;
  readonly firstTouchAt: string | null;
}

/** The touch of one content asset on a deal or a lead (a share, an open, an attachment). */
export interface ContentTouch {
  readonly id: string;
  readonly assetId: string;
  readonly dealId: string | null;
  readonly leadId: string | null;
  readonly channel: string;
  readonly at: string;
  /**
   * The buyer stage the deal (or lead) was in at the touch, recorded with it (the playbook's stage → buyer stage
   * map), so content usage can count won deals per buyer stage; null when not recorded.
   */
  readonly buyerStage: string | null;
}

/** A value the lead's handoff status took, held from `at` until the next change. */
export interface StatusChange {
  readonly at: string;
  readonly status: string | null;
}

/** Everything the lead card shows, read in one port call (≤ 3 CRM API calls whatever the number of touches). */
export interface LeadHandoffContext {
  readonly lead: LeadSummary;
  /** The record in the playbook's neutral property names, ready for `qualify`. */
  readonly record: QualificationRecord;
  readonly events: readonly EngagementEvent[];
  readonly touches: readonly ContentTouch[];
  /** Newest first. */
  readonly dispositions: readonly StoredDisposition[];
  /** Idempotency keys of the dispositions already written, for `disposition(…, { appliedKeys })`. */
  readonly appliedDispositionKeys: readonly string[];
  /**
   * The handoff status's values from the CRM's field history, oldest first (the last is the current one), so SLA
   * clocks credit past pauses (`leadSlaClocks(…, { statusHistory })`); read with the lead, no extra call. Empty when
   * the CRM keeps no history of it.
   */
  readonly statusHistory: readonly StatusChange[];
}

export interface DealSummary {
  readonly id: string;
  readonly name: string;
  readonly amount: number;
  readonly stage: string;
  readonly source: string | null;
  readonly ownerId: string | null;
  readonly leadCreatedAt: string | null;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly won: boolean | null;
}

/** Everything the deal card needs for attribution, in one port call. */
export interface DealAttributionContext {
  readonly deal: DealSummary;
  readonly contacts: readonly { readonly id: string; readonly name: string }[];
  readonly touches: readonly ContentTouch[];
  /** The assets the touches refer to. */
  readonly assets: readonly Asset[];
}

export interface WriteDispositionCommand {
  readonly leadId: string;
  readonly plan: DispositionPlan;
}

export interface RecordContentShareCommand {
  readonly leadId: string;
  readonly dealId: string | null;
  readonly assetId: string;
  readonly channel: string;
  /** The buyer stage of the deal (or else the lead) when shared: `buyerStageAt` from the core; null if unknown. */
  readonly buyerStage: string | null;
  readonly sharedBy: string;
  readonly at: string;
  /** Derived by the caller from the share's content, so a retried share writes once. */
  readonly idempotencyKey: string;
}

export interface FileContentRequestCommand {
  readonly request: FiledContentRequest;
  /** The marketing owner the request task is assigned to. */
  readonly assigneeId: string;
}

/** A record whose SLA clock may need an escalation (the sweep computes the clock with the core). */
export interface EscalationCandidate {
  readonly leadId: string;
  /** The person's name as the CRM shows it, for task subjects; null when it has none. */
  readonly name: string | null;
  readonly ownerId: string | null;
  readonly managerId: string | null;
  readonly stage: string;
  readonly handoffStatus: string | null;
  readonly stageEnteredAt: string;
  readonly firstTouchAt: string | null;
  /**
   * The lead's latest disposition as its own fields record it (a recycle starts the recycled-lead clock, any
   * disposition stops a clock that stops on one); null when it has none. Read with the lead: no extra call.
   */
  readonly latestDisposition: { readonly outcome: string; readonly at: string } | null;
  /** The handoff status's field history as the lead context gives it, when the query asked for it; else empty. */
  readonly statusHistory: readonly StatusChange[];
}

export interface EscalationQuery {
  /** Leads in this stage… */
  readonly stage: string;
  /** …that entered it at or before this instant… */
  readonly enteredBefore: string;
  /** …and, when given, at or after this one (a sweep's lookback)… */
  readonly enteredAfter?: string;
  /**
   * …and have no first touch, unless this is true (for clocks a disposition stops, which a touch does not: the
   * sweep then tells open clocks from stopped ones by `latestDisposition`).
   */
  readonly includeTouched?: boolean;
  /** Read each candidate's status history too, for clocks that pause on the status (HubSpot: one more call a page). */
  readonly withStatusHistory?: boolean;
  readonly pageSize?: number;
  /** From the previous page; absent for the first. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
}

export interface CreateEscalationTaskCommand {
  readonly leadId: string;
  readonly assigneeId: string;
  readonly policyId: string;
  readonly level: number;
  readonly action: string;
  readonly subject: string;
  readonly body: string;
  readonly dueAt: string;
  /** e.g. `${leadId}:${policyId}:${triggeredAt}:${level}`: one task per escalation step, however often the sweep runs. */
  readonly idempotencyKey: string;
}

/** A write's outcome: the record written, and whether this call created it or found it already there. */
export interface WriteOutcome {
  readonly id: string;
  readonly created: boolean;
}

export interface CrmPort {
  readonly crm: CrmName;
  getLeadHandoffContext(leadId: string): Promise<CrmResult<LeadHandoffContext>>;
  getDealAttributionContext(dealId: string): Promise<CrmResult<DealAttributionContext>>;
  /** Stage fields, SLA stop/restart, timeline note and the disposition record; idempotent on the plan's key. */
  writeDisposition(command: WriteDispositionCommand): Promise<CrmResult<WriteOutcome>>;
  listContentLibrary(): Promise<CrmResult<readonly Asset[]>>;
  /** Closed-loop usage per asset, from touches on won and lost deals and recent shares. */
  getContentUsage(asOf: string): Promise<CrmResult<readonly AssetUsage[]>>;
  recordContentShare(command: RecordContentShareCommand): Promise<CrmResult<WriteOutcome>>;
  fileContentRequest(command: FileContentRequestCommand): Promise<CrmResult<WriteOutcome>>;
  listEscalationCandidates(query: EscalationQuery): Promise<CrmResult<Page<EscalationCandidate>>>;
  createEscalationTask(command: CreateEscalationTaskCommand): Promise<CrmResult<WriteOutcome>>;
  /**
   * The CRM user with this email (any letter case) and their manager, or null; admins name people by email. Text that
   * is not `PLAUSIBLE_EMAIL` is INVALID without asking the CRM.
   */
  findOwnerByEmail(email: string): Promise<CrmResult<Owner | null>>;
}

/** Enough of an email address to ask a CRM about (the CRM decides whether anyone has it). */
export const PLAUSIBLE_EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}$/;
