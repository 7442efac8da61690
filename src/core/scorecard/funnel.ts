import type { Deal, Lead } from './input-schema';
import { inPeriod, type PeriodMs } from './period';
import { byText } from './by-text';
import { ratio, type Ratio } from './ratio';
import { epochMs } from './epoch-ms';

/** One funnel step of a group: how many leads reached it, and the conversion from the step before and from the top. */
export interface FunnelStep {
  readonly id: string;
  readonly label: string;
  readonly count: number;
  readonly fromPrevious: Ratio;
  readonly fromFirst: Ratio;
}

/** The funnel of one group of leads (all leads, or one source). */
export interface FunnelRow {
  readonly source: string;
  readonly steps: readonly FunnelStep[];
  /** Leads disqualified during the period. */
  readonly disqualified: number;
}

export interface Funnel {
  readonly overall: FunnelRow;
  readonly bySource: readonly FunnelRow[];
}

/** The label of the row that covers every source. */
export const ALL_SOURCES = 'all sources';

/**
 * Funnel conversion over the lead stages, then Opportunity (a deal with that leadId created in the period) and Won
 * (such a deal won in the period), overall and by lead source. A lead counts at a step when it reached that step or
 * a later one within the period: a lead that skips MQL still passed it, so the funnel never widens (rates ≤ 100 %).
 * @example funnel(leads, deals, [{ id: 'mql', label: 'MQL' }, { id: 'sql', label: 'SQL' }], q1).overall.steps[1].fromPrevious.value // → 0.4
 */
export function funnel(
  leads: readonly Lead[],
  deals: readonly Deal[],
  stages: readonly { id: string; label: string }[],
  period: PeriodMs,
): Funnel {
  const steps = [...stages, { id: 'opportunity', label: 'Opportunity' }, { id: 'won', label: 'Won' }];
  const opportunityStep = stages.length;
  const wonStep = stages.length + 1;
  const stageIndex = new Map(stages.map((stage, i) => [stage.id, i]));

  // The furthest deal step each lead reached in the period, from one pass over the deals.
  const dealStepByLead = new Map<string, number>();
  for (const deal of deals) {
    if (deal.leadId === undefined) continue;
    let step = -1;
    if (deal.won === true && deal.closedAt !== null && inPeriod(epochMs(deal.closedAt), period))
      step = wonStep;
    else if (inPeriod(epochMs(deal.createdAt), period)) step = opportunityStep;
    if (step > (dealStepByLead.get(deal.leadId) ?? -1)) dealStepByLead.set(deal.leadId, step);
  }

  const overall = newCounts(steps.length);
  const bySource = new Map<string, Counts>();
  for (const lead of leads) {
    let furthest = dealStepByLead.get(lead.id) ?? -1;
    for (const entry of lead.stageHistory) {
      const index = stageIndex.get(entry.stage);
      if (index !== undefined && index > furthest && inPeriod(epochMs(entry.at), period)) furthest = index;
    }
    const disqualified =
      lead.disqualifiedAt !== undefined &&
      lead.disqualifiedAt !== null &&
      inPeriod(epochMs(lead.disqualifiedAt), period);
    if (furthest < 0 && !disqualified) continue;
    let source = bySource.get(lead.source);
    if (source === undefined) bySource.set(lead.source, (source = newCounts(steps.length)));
    for (const counts of [overall, source]) {
      for (let i = 0; i <= furthest; i++) counts.reached[i] = (counts.reached[i] ?? 0) + 1;
      if (disqualified) counts.disqualified++;
    }
  }

  const row = (source: string, counts: Counts): FunnelRow => ({
    source,
    disqualified: counts.disqualified,
    steps: steps.map((step, i) => {
      const count = counts.reached[i] ?? 0;
      const previous = i === 0 ? count : (counts.reached[i - 1] ?? 0);
      const first = counts.reached[0] ?? 0;
      return {
        id: step.id,
        label: step.label,
        count,
        fromPrevious: ratio(
          count,
          previous,
          `no lead reached ${i === 0 ? step.label : steps[i - 1]?.label} in the period`,
        ),
        fromFirst: ratio(count, first, `no lead reached ${steps[0]?.label} in the period`),
      };
    }),
  });

  return {
    overall: row(ALL_SOURCES, overall),
    bySource: [...bySource.keys()].sort(byText).map((source) => row(source, bySource.get(source) as Counts)),
  };
}

interface Counts {
  readonly reached: number[];
  disqualified: number;
}

function newCounts(steps: number): Counts {
  return { reached: new Array<number>(steps).fill(0), disqualified: 0 };
}
