/**
 * The core's public surface: what the platform shells (HubSpot cards and app functions, the Salesforce service
 * module `c/handoffCore`, the CLI) call. It bundles into one import-free ES module for browsers and LWC
 * (`test/core-bundle.test.ts` proves it), so nothing reachable from here may use Node or a platform SDK.
 */

// Results and errors: every function below answers a value, never throws for bad input.
export { err, formatIssues, ok } from './shared/result';
export type { CoreError, FieldIssue, Result } from './shared/result';

// Time: ISO instants with an offset, and ISO-8601 business durations.
export { formatInstant, parseInstant } from './time/instant';
export { formatBusinessDuration, parseBusinessDuration } from './time/duration';

// The playbook.
export { parsePlaybook } from './playbook/parse-playbook';
export { playbookJsonSchema } from './playbook/json-schema';
export { LEAD_STATUSES } from './playbook/lead-statuses';
export type {
  DispositionOutcome,
  Playbook,
  PlaybookInput,
  ReasonCode,
  SlaPolicy,
  Stage,
} from './playbook/schema';

// Qualification.
export { compileQualifier, qualify } from './qualification/qualify';
export type { Qualifier } from './qualification/qualify';
export type { EngagementEvent, QualificationRecord } from './qualification/record-schema';
export type { NextStage, Qualification, Requirement, StageQualification } from './qualification/types';

// Business-hours calendars and SLA clocks.
export { compileCalendar } from './sla/business-calendar';
export { parseCalendar } from './sla/validate-calendar';
export { slaClock } from './sla/sla-clock';
export { leadSlaClocks } from './sla/lead-clocks';
export type { LeadSlaClock, LeadSlaFacts } from './sla/lead-clocks';
export { escalationPlan } from './sla/escalation-plan';
export { escalationScopes } from './sla/escalation-scopes';
export type { EscalationScope } from './sla/escalation-scopes';
export type {
  EscalationLead,
  EscalationPlan,
  EscalationRouting,
  EscalationTaskPlan,
} from './sla/escalation-plan';
export type { SlaClockInput } from './sla/sla-clock';
export type { BusinessCalendar, PauseSpan, SlaClockState, SlaStatus } from './sla/types';

// Dispositions.
export { disposition } from './disposition/disposition';
export { dispositionForm } from './disposition/disposition-form';
export type { DispositionForm, OutcomeOption, ReasonOption } from './disposition/disposition-form';
export { DispositionStateSchema } from './disposition/submission-schema';
export type { DispositionPlan, StoredDisposition } from './disposition/types';

// Content.
export { recommend } from './content/recommend';
export { buyerStageAt } from './content/buyer-stage';
export type { RecommendContext, Recommendation } from './content/recommend';
export { gaps } from './content/gaps';
export type { ContentGaps } from './content/gaps';
export { parseLibrary } from './content/parse-library';
export { parseUsageStats } from './content/parse-usage-stats';
export { computeAssetUsage } from './content/asset-usage';
export { fileContentRequest } from './content/file-content-request';
export type { Asset, AssetUsage } from './content/library-schema';

// Attribution and the alignment scorecard.
export { attribute } from './attribution/attribute';
export type { Attribution } from './attribution/attribute';
export { attributionReport } from './attribution/credits';
export type { AttributionReport, Credit } from './attribution/credits';
export { MODEL_IDS } from './attribution/models';
export type { ModelId } from './attribution/models';
export { scorecard } from './scorecard/scorecard';
export type { Scorecard } from './scorecard/scorecard';
export { parseScorecardInput } from './scorecard/parse-scorecard-input';
