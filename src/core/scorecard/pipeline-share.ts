import { byText } from './by-text';
import type { Deal } from './input-schema';
import { inPeriod, type PeriodMs } from './period';
import { ratio, type Ratio } from './ratio';
import { epochMs } from './epoch-ms';

/** Pipeline created in the period by one deal source. */
export interface PipelineBySource {
  readonly source: string;
  readonly deals: number;
  readonly amount: number;
  /** The part of `amount` that is marketing-sourced (under the has-lead rule one source can mix both). */
  readonly marketingAmount: number;
}

export interface PipelineShare {
  /** How deals were classified: by the input's `marketingSources` list, or by having a lead behind them. */
  readonly rule: 'marketing_sources' | 'has_lead';
  readonly deals: number;
  readonly amount: number;
  readonly marketingDeals: number;
  readonly marketingAmount: number;
  /** Marketing-sourced amount / all amount, over deals created in the period. */
  readonly share: Ratio;
  readonly bySource: readonly PipelineBySource[];
}

/**
 * Marketing-sourced share of the pipeline created in the period. With `marketingSources`, a deal counts as
 * marketing-sourced when its source is listed; without it, when it came from a lead (the marketing funnel).
 * @example pipelineShare(deals, q1, ['webinar', 'content']).share.value // → 0.62
 */
export function pipelineShare(
  deals: readonly Deal[],
  period: PeriodMs,
  marketingSources?: readonly string[],
): PipelineShare {
  const listed = marketingSources === undefined ? null : new Set(marketingSources);
  const bySource = new Map<string, { deals: number; amount: number; marketingAmount: number }>();
  let count = 0;
  let amount = 0;
  let marketingDeals = 0;
  let marketingAmount = 0;
  for (const deal of deals) {
    if (!inPeriod(epochMs(deal.createdAt), period)) continue;
    const marketing = listed === null ? deal.leadId !== undefined : listed.has(deal.source);
    count++;
    amount += deal.amount;
    if (marketing) {
      marketingDeals++;
      marketingAmount += deal.amount;
    }
    let source = bySource.get(deal.source);
    if (source === undefined)
      bySource.set(deal.source, (source = { deals: 0, amount: 0, marketingAmount: 0 }));
    source.deals++;
    source.amount += deal.amount;
    if (marketing) source.marketingAmount += deal.amount;
  }
  return {
    rule: listed === null ? 'has_lead' : 'marketing_sources',
    deals: count,
    amount,
    marketingDeals,
    marketingAmount,
    share: ratio(marketingAmount, amount, 'no pipeline was created in the period'),
    bySource: [...bySource.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([source, s]) => ({ source, ...s })),
  };
}
