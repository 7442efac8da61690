import { byText } from './by-text';
import { ALL_SOURCES } from './funnel';
import type { Deal } from './input-schema';
import { inPeriod, type PeriodMs } from './period';
import { mean, ratio, type Measure, type Ratio } from './ratio';
import { epochMs } from './epoch-ms';

const DAY_MS = 86_400_000;

/** Closed-deal results of one group of deals (all, or one source). */
export interface DealOutcomeRow {
  readonly source: string;
  readonly won: number;
  readonly lost: number;
  /** Won / closed, over deals closed in the period. */
  readonly winRate: Ratio;
  /** Calendar days from createdAt to closedAt, over deals closed (won or lost) in the period. */
  readonly averageCycleDays: Measure;
  /** Amount, over deals won in the period. */
  readonly averageWonAmount: Measure;
}

export interface DealOutcomes {
  readonly overall: DealOutcomeRow;
  readonly bySource: readonly DealOutcomeRow[];
}

/**
 * Win rate, average cycle length and average won deal size, overall and by deal source, over deals closed in the period.
 * @example dealOutcomes(deals, q1).bySource.find((r) => r.source === 'webinar')?.winRate.value // → 0.25
 */
export function dealOutcomes(deals: readonly Deal[], period: PeriodMs): DealOutcomes {
  const overall = newTally();
  const bySource = new Map<string, Tally>();
  for (const deal of deals) {
    if (deal.closedAt === null) continue;
    const closedMs = epochMs(deal.closedAt);
    if (!inPeriod(closedMs, period)) continue;
    let source = bySource.get(deal.source);
    if (source === undefined) bySource.set(deal.source, (source = newTally()));
    const cycleMs = closedMs - epochMs(deal.createdAt);
    for (const tally of [overall, source]) {
      tally.cycleMs += cycleMs;
      if (deal.won === true) {
        tally.won++;
        tally.wonAmount += deal.amount;
      } else tally.lost++;
    }
  }
  return {
    overall: row(ALL_SOURCES, overall),
    bySource: [...bySource.keys()].sort(byText).map((source) => row(source, bySource.get(source) as Tally)),
  };
}

interface Tally {
  won: number;
  lost: number;
  wonAmount: number;
  cycleMs: number;
}

function newTally(): Tally {
  return { won: 0, lost: 0, wonAmount: 0, cycleMs: 0 };
}

function row(source: string, t: Tally): DealOutcomeRow {
  const closed = t.won + t.lost;
  return {
    source,
    won: t.won,
    lost: t.lost,
    winRate: ratio(t.won, closed, 'no deal closed in the period'),
    averageCycleDays: mean(t.cycleMs / DAY_MS, closed, 'no deal closed in the period'),
    averageWonAmount: mean(t.wonAmount, t.won, 'no deal won in the period'),
  };
}
