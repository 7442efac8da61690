import type { Playbook } from '../playbook/schema';
import type { Asset, AssetUsage } from './library-schema';
import { baseWinRate, DEFAULT_PRIOR_STRENGTH, smoothedWinRate } from './smoothed-win-rate';
import { contentTaxonomy, type ContentTaxonomy } from './taxonomy';

/** Usage fades with this half-life in the recency term: used today counts 1, a month ago 0.5. */
export const RECENCY_HALF_LIFE_MS = 30 * 86_400_000;

/** One active asset and its usage, joined by id. */
export interface IndexedAsset {
  readonly asset: Asset;
  readonly usage: AssetUsage | undefined;
}

/**
 * A library prepared for ranking: built once per (library, stats, playbook), then ranked many times.
 * Every per-asset fact is a typed array aligned with `entries`, so a ranking call is one tight loop of additions.
 */
export interface ContentIndex {
  readonly playbook: Playbook;
  readonly taxonomy: ContentTaxonomy;
  /** Active assets only, sorted by id, so every scan visits them in one deterministic order. */
  readonly entries: readonly IndexedAsset[];
  readonly priorStrength: number;
  /** Pooled win rate over the library's closed deals, the centre of every asset's prior. */
  readonly baseRate: number;
  readonly baseRateByStage: ReadonlyMap<string, number>;
  /** Smoothed win rate per entry, from all its closed deals. */
  readonly winRate: Float64Array;
  /** Per buyer stage: the entry's smoothed win rate at that stage when it has closed deals there, else `winRate`. */
  readonly winRateAtStage: ReadonlyMap<string, Float64Array>;
  /** Per buyer stage id: 1 where the entry is tagged for it. */
  readonly stageMask: ReadonlyMap<string, Uint8Array>;
  /** Per objection type id: 1 where the entry answers it. */
  readonly objectionMask: ReadonlyMap<string, Uint8Array>;
  /** Per lower-cased industry / persona that occurs in the library: 1 where the entry names it. */
  readonly industryMask: ReadonlyMap<string, Uint8Array>;
  readonly personaMask: ReadonlyMap<string, Uint8Array>;
  /**
   * 2^((lastUsed − recencyRefMs) / half-life), 0 when never used. At `now` the recency term is this times
   * 2^((recencyRefMs − now) / half-life), capped at 1: one multiplication per asset instead of one power.
   */
  readonly recency: Float64Array;
  readonly recencyRefMs: number;
  /** Recent shares squashed into [0, 1): shares / (shares + 10). */
  readonly sharesTerm: Float64Array;
}

/**
 * Prepares a library for ranking: drops archived assets, joins usage, and precomputes rates and facet masks.
 * @example indexLibrary(assets, stats, playbook).entries.length // → the number of active assets
 */
export function indexLibrary(
  library: readonly Asset[],
  stats: readonly AssetUsage[],
  playbook: Playbook,
  priorStrength: number = DEFAULT_PRIOR_STRENGTH,
): ContentIndex {
  const taxonomy = contentTaxonomy(playbook);
  const inLibrary = new Set(library.map((asset) => asset.id));
  // Stats of assets no longer in the library (deleted) say nothing about this library's base rate.
  const usageById = new Map<string, AssetUsage>();
  for (const usage of stats) if (inLibrary.has(usage.assetId)) usageById.set(usage.assetId, usage);
  const usages = [...usageById.values()];

  // Archived assets still count towards the base rate: their deals happened.
  const baseRate = baseWinRate(usages.map((u) => ({ won: u.wonDealsTouched, lost: u.lostDealsTouched })));
  const baseRateByStage = new Map<string, number>();
  for (const stage of taxonomy.buyerStages.keys()) {
    const atStage = usages.flatMap((u) => {
      const outcome = u.byBuyerStage[stage];
      return outcome ? [outcome] : [];
    });
    baseRateByStage.set(stage, baseWinRate(atStage));
  }

  const entries: IndexedAsset[] = library
    .filter((asset) => asset.status === 'active')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((asset) => ({ asset, usage: usageById.get(asset.id) }));
  const n = entries.length;

  const winRate = new Float64Array(n);
  const lastUsedMs = new Float64Array(n).fill(Number.NaN);
  const sharesTerm = new Float64Array(n);
  const stageMask = masks(taxonomy.buyerStages.keys(), n);
  const objectionMask = masks(taxonomy.objections.keys(), n);
  const industryMask = new Map<string, Uint8Array>();
  const personaMask = new Map<string, Uint8Array>();
  entries.forEach(({ asset, usage }, i) => {
    winRate[i] = smoothedWinRate(
      usage?.wonDealsTouched ?? 0,
      usage?.lostDealsTouched ?? 0,
      baseRate,
      priorStrength,
    );
    if (usage?.lastUsedAt) lastUsedMs[i] = Date.parse(usage.lastUsedAt);
    const shares = usage?.sharesLast30Days ?? 0;
    sharesTerm[i] = shares / (shares + 10);
    for (const stage of asset.buyerStages) mark(stageMask, stage, i, n);
    for (const objection of asset.objectionTypes) mark(objectionMask, objection, i, n);
    for (const industry of asset.industries) mark(industryMask, industry.toLowerCase(), i, n);
    for (const persona of asset.personas) mark(personaMask, persona.toLowerCase(), i, n);
  });

  const winRateAtStage = new Map<string, Float64Array>();
  for (const [stage, stageBase] of baseRateByStage) {
    const rates = Float64Array.from(winRate);
    entries.forEach(({ usage }, i) => {
      const outcome = usage?.byBuyerStage[stage];
      if (outcome && outcome.won + outcome.lost > 0) {
        rates[i] = smoothedWinRate(outcome.won, outcome.lost, stageBase, priorStrength);
      }
    });
    winRateAtStage.set(stage, rates);
  }

  // The latest use is the reference, so every stored power is at most 1 and none overflows.
  let recencyRefMs = 0;
  for (const ms of lastUsedMs) if (ms > recencyRefMs) recencyRefMs = ms;
  const recency = lastUsedMs.map((ms) =>
    Number.isNaN(ms) ? 0 : Math.pow(2, (ms - recencyRefMs) / RECENCY_HALF_LIFE_MS),
  );

  return {
    playbook,
    taxonomy,
    entries,
    priorStrength,
    baseRate,
    baseRateByStage,
    winRate,
    winRateAtStage,
    stageMask,
    objectionMask,
    industryMask,
    personaMask,
    recency,
    recencyRefMs,
    sharesTerm,
  };
}

function masks(keys: Iterable<string>, n: number): Map<string, Uint8Array> {
  return new Map([...keys].map((key) => [key, new Uint8Array(n)] as const));
}

function mark(target: Map<string, Uint8Array>, key: string, i: number, n: number): void {
  let mask = target.get(key);
  if (!mask) target.set(key, (mask = new Uint8Array(n)));
  mask[i] = 1;
}
