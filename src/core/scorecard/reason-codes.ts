import type { ReasonCode } from '../playbook/schema';
import { byText } from './by-text';
import { ALL_SOURCES } from './funnel';
import type { Disposition, Lead } from './input-schema';
import { inPeriod, type PeriodMs } from './period';
import { epochMs } from './epoch-ms';

export type Outcome = Disposition['outcome'];

/** How often one reason code was used within a group. */
export interface ReasonCodeCount {
  readonly code: string;
  /** The playbook's label; null for a code the playbook no longer has (history outlives playbook editions). */
  readonly label: string | null;
  readonly outcome: Outcome;
  readonly count: number;
  /** count / the group's dispositions. */
  readonly share: number;
}

/** The dispositions of one lead source in the period: which reject and recycle codes it produces. */
export interface ReasonCodeRow {
  readonly source: string;
  readonly dispositions: number;
  readonly byOutcome: Readonly<Record<Outcome, number>>;
  /** Most used first, then by code. */
  readonly codes: readonly ReasonCodeCount[];
}

export interface ReasonCodes {
  readonly overall: ReasonCodeRow;
  readonly bySource: readonly ReasonCodeRow[];
}

/**
 * Reason-code distribution of the dispositions made in the period, overall and by the source of the lead — the
 * "junk lead" debate settled with data.
 * @example reasonCodes(dispositions, leads, playbook.dispositions.reasonCodes, q1).bySource[0].codes[0] // → { code: 'reject_bad_data', count: 12, … }
 */
export function reasonCodes(
  dispositions: readonly Disposition[],
  leads: readonly Lead[],
  codes: readonly ReasonCode[],
  period: PeriodMs,
): ReasonCodes {
  const sourceByLead = new Map(leads.map((lead) => [lead.id, lead.source]));
  const labelByCode = new Map(codes.map((code) => [code.id, code.label]));
  const overall = newTally();
  const bySource = new Map<string, Tally>();
  for (const disposition of dispositions) {
    if (!inPeriod(epochMs(disposition.at), period)) continue;
    // References are checked when the input is parsed; an unknown lead still lands in a visible group.
    const sourceName = sourceByLead.get(disposition.leadId) ?? 'unknown source';
    let source = bySource.get(sourceName);
    if (source === undefined) bySource.set(sourceName, (source = newTally()));
    const key = `${disposition.outcome}\u0000${disposition.reasonCode}`;
    for (const tally of [overall, source]) {
      tally.total++;
      tally.byOutcome[disposition.outcome]++;
      tally.byCode.set(key, (tally.byCode.get(key) ?? 0) + 1);
    }
  }
  const row = (source: string, t: Tally): ReasonCodeRow => ({
    source,
    dispositions: t.total,
    byOutcome: { ...t.byOutcome },
    codes: [...t.byCode.entries()]
      .map(([key, count]) => {
        const [outcome, code] = key.split('\u0000') as [Outcome, string];
        return { code, label: labelByCode.get(code) ?? null, outcome, count, share: count / t.total };
      })
      .sort((a, b) => b.count - a.count || byText(a.code, b.code) || byText(a.outcome, b.outcome)),
  });
  return {
    overall: row(ALL_SOURCES, overall),
    bySource: [...bySource.keys()].sort(byText).map((source) => row(source, bySource.get(source) as Tally)),
  };
}

interface Tally {
  total: number;
  readonly byOutcome: Record<Outcome, number>;
  readonly byCode: Map<string, number>;
}

function newTally(): Tally {
  return { total: 0, byOutcome: { accept: 0, reject: 0, recycle: 0 }, byCode: new Map() };
}
