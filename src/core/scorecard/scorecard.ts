import type { Playbook } from '../playbook/schema';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { formatPath, zodIssues } from '../shared/zod-issues';
import { briefingAttendance, type BriefingAttendance } from './briefing-attendance';
import { contentInDeals, type ContentInDeals } from './content-in-deals';
import { contentRequests, type ContentRequests } from './content-requests';
import { contentUsage, type ContentUsage } from './content-usage';
import { dealOutcomes, type DealOutcomes } from './deal-outcomes';
import { feedbackResponse, type FeedbackResponse } from './feedback-response';
import { funnel, type Funnel } from './funnel';
import { PeriodSchema, type Period, type ScorecardInput } from './input-schema';
import { toPeriodMs } from './period';
import { pipelineShare, type PipelineShare } from './pipeline-share';
import { reasonCodes, type ReasonCodes } from './reason-codes';
import { slaCompliance, type SlaCompliance } from './sla-compliance';
import { checkTargets, type TargetCheck } from './targets';

/** The alignment scorecard: targets first, then every measure behind them. */
export interface Scorecard {
  readonly period: { readonly from: string; readonly to: string };
  readonly playbook: string;
  readonly targets: readonly TargetCheck[];
  readonly funnel: Funnel;
  readonly sla: SlaCompliance;
  readonly deals: DealOutcomes;
  readonly pipeline: PipelineShare;
  readonly reasonCodes: ReasonCodes;
  readonly content: ContentUsage & ContentInDeals;
  readonly contentRequests: ContentRequests;
  readonly feedback: FeedbackResponse;
  readonly briefings: BriefingAttendance;
}

export type ScorecardErrorCode = 'INVALID_SCORECARD_INPUT';

/**
 * The alignment scorecard of validated input for one period (the input's, unless `period` is given), measured
 * against the playbook's targets. Linear in the input size; deterministic. Lead stages must be the playbook's.
 * @example scorecard(input, playbook).data.targets.map((t) => t.status) // → ['fail', 'pass', 'pass', 'no_data']
 */
export function scorecard(
  input: ScorecardInput,
  playbook: Playbook,
  period: Period = input.period,
): Result<Scorecard, ScorecardErrorCode> {
  const parsedPeriod = PeriodSchema.safeParse(period);
  if (!parsedPeriod.success)
    return err('INVALID_SCORECARD_INPUT', 'the period is not valid', zodIssues(parsedPeriod.error));
  const issues = unknownStageIssues(input, playbook);
  if (issues.length > 0)
    return err('INVALID_SCORECARD_INPUT', 'the leads use stages the playbook does not define', issues);

  const ms = toPeriodMs(parsedPeriod.data);
  const sla = slaCompliance(input.slaClocks, playbook.slaPolicies, ms);
  const usage = contentUsage(input, ms);
  const feedback = feedbackResponse(input.feedback, playbook.scorecard.feedbackResponseHours, ms);
  const briefings = briefingAttendance(input.briefings, ms);
  return ok({
    period: { from: new Date(ms.fromMs).toISOString(), to: new Date(ms.toMs).toISOString() },
    playbook: playbook.revision === undefined ? playbook.name : `${playbook.name} (${playbook.revision})`,
    targets: checkTargets(
      {
        slaCompliance: sla.overall.compliance,
        repsUsingLibrary: usage.repsUsingLibrary,
        briefingAttendance: briefings.attendance,
        feedbackAnsweredInTime: feedback.answeredInTime,
      },
      playbook.scorecard,
    ),
    funnel: funnel(input.leads, input.deals, playbook.stages, ms),
    sla,
    deals: dealOutcomes(input.deals, ms),
    pipeline: pipelineShare(input.deals, ms, input.marketingSources),
    reasonCodes: reasonCodes(input.dispositions, input.leads, playbook.dispositions.reasonCodes, ms),
    content: { ...usage, ...contentInDeals(input.deals, input.touches, ms) },
    contentRequests: contentRequests(input.contentRequests, ms),
    feedback,
    briefings,
  });
}

// The funnel order comes from the playbook, so a stage it does not define cannot be placed and is an input error.
function unknownStageIssues(input: ScorecardInput, playbook: Playbook): FieldIssue[] {
  const known = new Set(playbook.stages.map((stage) => stage.id));
  const issues: FieldIssue[] = [];
  input.leads.forEach((lead, i) =>
    lead.stageHistory.forEach((entry, j) => {
      if (!known.has(entry.stage))
        issues.push({
          path: formatPath(['leads', i, 'stageHistory', j, 'stage']),
          message: `unknown stage "${entry.stage}" (the playbook has ${[...known].join(', ')})`,
        });
    }),
  );
  return issues;
}
