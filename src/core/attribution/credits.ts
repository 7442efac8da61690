import type { AssetTotal, ChannelTotal, DealsAndAmount, ModelRun } from './attribute-all';
import { middleCount } from './deal-weights';
import type { Touch } from './input';
import { MILESTONE_NAMES, MILESTONES, percent, type Milestone, type ModelId, type ModelSpec } from './models';
import type { AttributionIndex } from './touch-index';

/** Why a touch got credit: the milestones it stands for, a middle touch, an equal share, or its recency. */
export type CreditRole = Milestone | 'middle' | 'even' | 'decay';

export interface Credit {
  readonly touchId: string;
  readonly assetId: string;
  readonly channel: string;
  readonly weight: number;
  /** weight × deal amount */
  readonly amount: number;
  readonly roles: readonly CreditRole[];
  /** One sentence a rep or admin can read, e.g. "first touch 40 %, lead creation 40 %". */
  readonly reason: string;
}

export interface DealCredits {
  readonly dealId: string;
  readonly credits: readonly Credit[];
}

/** The `--json` contract of `handoff attribute`. */
export interface AttributionReport {
  readonly model: ModelId;
  readonly deals: readonly DealCredits[];
  readonly byAsset: readonly AssetTotal[];
  readonly byChannel: readonly ChannelTotal[];
  readonly unattributed: DealsAndAmount;
}

const MS_PER_DAY = 86_400_000;

/**
 * Lists the credits of one deal under a model run — only touches with a positive weight, in (at, id) order — each
 * with its roles and a reason, so a UI can show why it was given.
 * @example dealCredits(index, run, 0)[0] // → { touchId: 'T1', weight: 0.4, roles: ['FT'], reason: 'first touch 40 %', … }
 */
export function dealCredits(index: AttributionIndex, run: ModelRun, d: number): Credit[] {
  const size = index.dealSize[d] as number;
  const start = index.dealStart[d] as number;
  const amount = index.dealAmount[d] as number;
  const explain = explainer(index, run.spec, d);
  const credits: Credit[] = [];
  for (let i = 0; i < size; i++) {
    const p = start + i;
    const weight = run.weights[p] as number;
    if (!(weight > 0)) continue;
    const touch = index.touches[index.touchOrder[p] as number] as Touch;
    const { roles, reason } = explain(i, weight);
    credits.push({
      touchId: touch.id,
      assetId: touch.assetId,
      channel: touch.channel,
      weight,
      amount: weight * amount,
      roles,
      reason,
    });
  }
  return credits;
}

/**
 * The full report of a model run, every deal in input order (unattributed deals with no credits).
 * @example attributionReport(index, attributeModel(index, uShaped)).unattributed // → { deals: 1, amount: 12000 }
 */
export function attributionReport(index: AttributionIndex, run: ModelRun): AttributionReport {
  return {
    model: run.spec.id,
    deals: index.deals.map((deal, d) => ({ dealId: deal.id, credits: dealCredits(index, run, d) })),
    byAsset: run.byAsset,
    byChannel: run.byChannel,
    unattributed: run.unattributed,
  };
}

type Explain = (offset: number, weight: number) => { roles: CreditRole[]; reason: string };

function explainer(index: AttributionIndex, spec: ModelSpec, d: number): Explain {
  const size = index.dealSize[d] as number;
  if (spec.kind === 'linear') {
    const reason =
      size === 1
        ? 'the only touch: 100 %'
        : `one of ${size} touches, sharing 100 % equally: ${percent(1 / size)}`;
    return () => ({ roles: ['even'], reason });
  }
  if (spec.kind === 'time_decay') {
    const end = index.dealEnd[d] as number;
    const closed = (index.deals[d]?.closedAt ?? null) !== null;
    const start = index.dealStart[d] as number;
    return (offset, weight) => {
      const days = (end - (index.touchAt[start + offset] as number)) / MS_PER_DAY;
      const when = `${Math.round(days * 10) / 10} days before ${closed ? 'the close' : 'the as-of date'}`;
      return {
        roles: ['decay'],
        reason: `${when}; credit halves every ${spec.halfLifeDays} days: ${percent(weight)}`,
      };
    };
  }
  const { shares } = spec;
  const at: Record<Milestone, number> = {
    FT: 0,
    LC: index.dealLc[d] as number,
    OC: index.dealOc[d] as number,
    LAST: size - 1,
  };
  const own = MILESTONES.filter((m) => shares[m] > 0);
  const firstRole = own[0] as Milestone;
  const finalRole = own[own.length - 1] as Milestone;
  const middle = middleCount(shares, at[firstRole], at[finalRole], at.LC, at.OC);
  const span = `between ${MILESTONE_NAMES[firstRole]} and ${MILESTONE_NAMES[finalRole]}`;
  const scaled = middle === 0 && shares.middle > 0;
  return (offset, weight) => {
    const roles = own.filter((m) => at[m] === offset);
    if (roles.length === 0) {
      const reason =
        middle === 1
          ? `the one touch ${span}, taking ${percent(shares.middle)}`
          : `one of ${middle} touches ${span}, sharing ${percent(shares.middle)}: ${percent(weight)}`;
      return { roles: ['middle'], reason };
    }
    const parts = roles.map((m) => `${MILESTONE_NAMES[m]} ${percent(shares[m])}`).join(', ');
    const reason = scaled
      ? `${parts}, scaled up to ${percent(weight)} as no other touch lies ${span}`
      : parts;
    return { roles, reason };
  };
}
