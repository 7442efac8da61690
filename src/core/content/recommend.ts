import * as z from 'zod';
import type { Playbook } from '../playbook/schema';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { zodIssues } from '../shared/zod-issues';
import { indexLibrary, RECENCY_HALF_LIFE_MS, type ContentIndex, type IndexedAsset } from './content-index';
import type { Asset, AssetUsage } from './library-schema';
import { inSentence, unknownId } from './taxonomy';

/** Where the record stands: its lead stage or deal stage, firmographics, and the objections still open. */
export const RecommendContextSchema = z
  .object({
    leadStage: z.string().min(1).optional(),
    dealStage: z.string().min(1).optional(),
    industry: z.string().min(1).optional(),
    persona: z.string().min(1).optional(),
    openObjections: z.array(z.string().min(1)).default([]).describe('Objection type ids still open.'),
  })
  .strict();

export type RecommendContext = z.input<typeof RecommendContextSchema>;

export interface RecommendOptions {
  /** How many assets to return; 5 by default. */
  readonly limit?: number;
}

export interface Recommendation {
  readonly assetId: string;
  readonly title: string;
  readonly url: string;
  readonly format: string;
  readonly score: number;
  /** True when the asset is tagged for the record's buyer stage. */
  readonly matchesStage: boolean;
  /** Sentence fragments a rep can read: "won 7 of 9 deals at Consideration", "answers the price objection". */
  readonly reasons: readonly string[];
}

// The stage weight exceeds the sum of all others (0.9), so any asset for the record's buyer stage outranks every
// asset for another stage; within a tier, relevance to the open objections and the smoothed win rate dominate.
const WEIGHT = {
  stage: 1,
  objection: 0.25,
  winRate: 0.4,
  industry: 0.1,
  persona: 0.1,
  recency: 0.03,
  shares: 0.02,
} as const;
const DEFAULT_LIMIT = 5;

interface ResolvedContext {
  readonly buyerStage: string | undefined;
  readonly industry: string | undefined;
  readonly persona: string | undefined;
  readonly objections: readonly string[];
}

/**
 * Ranks the active assets for a record: stage match first, then open objections answered, the win rate smoothed
 * by a Beta prior, industry and persona matches and a small recency term; ties go to the lower id.
 * The library's index is built once per (library, stats, playbook) and reused while those objects are unchanged.
 * @example recommend({ dealStage: 'evaluation', openObjections: ['price'] }, assets, stats, playbook, now, { limit: 3 })
 */
export function recommend(
  context: RecommendContext,
  library: readonly Asset[],
  stats: readonly AssetUsage[],
  playbook: Playbook,
  nowMs: number,
  options: RecommendOptions = {},
): Result<readonly Recommendation[], 'INVALID_CONTEXT'> {
  return rankIndexed(context, cachedIndex(library, stats, playbook), nowMs, options);
}

/**
 * Ranks against a prebuilt index (see `indexLibrary`), for callers that hold the index themselves.
 * @example rankIndexed({ leadStage: 'sql' }, indexLibrary(assets, stats, playbook), now)
 */
export function rankIndexed(
  context: RecommendContext,
  index: ContentIndex,
  nowMs: number,
  options: RecommendOptions = {},
): Result<readonly Recommendation[], 'INVALID_CONTEXT'> {
  const resolved = resolveContext(context, index.playbook, options);
  if (!resolved.ok) return resolved;
  const ctx = resolved.data;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const { entries } = index;
  const n = entries.length;
  const stage = ctx.buyerStage;
  const rates = (stage !== undefined ? index.winRateAtStage.get(stage) : undefined) ?? index.winRate;
  const stageMask = stage !== undefined ? index.stageMask.get(stage) : undefined;
  const objectionMasks = ctx.objections.flatMap((objection) => {
    const mask = index.objectionMask.get(objection);
    return mask ? [mask] : [];
  });
  const objectionWeight = ctx.objections.length > 0 ? WEIGHT.objection / ctx.objections.length : 0;
  const industryMask = ctx.industry !== undefined ? index.industryMask.get(ctx.industry) : undefined;
  const personaMask = ctx.persona !== undefined ? index.personaMask.get(ctx.persona) : undefined;
  const recencyFactor = Math.pow(2, (index.recencyRefMs - nowMs) / RECENCY_HALF_LIFE_MS);
  const { recency, sharesTerm } = index;

  // Keep only the best `limit` while scanning: no sort of the whole library per call.
  const topIndex: number[] = [];
  const topScore: number[] = [];
  for (let i = 0; i < n; i++) {
    let score =
      WEIGHT.winRate * (rates[i] as number) +
      WEIGHT.recency * Math.min(1, (recency[i] as number) * recencyFactor) +
      WEIGHT.shares * (sharesTerm[i] as number);
    if (stageMask) score += WEIGHT.stage * (stageMask[i] as number);
    for (const mask of objectionMasks) score += objectionWeight * (mask[i] as number);
    if (industryMask) score += WEIGHT.industry * (industryMask[i] as number);
    if (personaMask) score += WEIGHT.persona * (personaMask[i] as number);

    if (topIndex.length === limit && !ranksAbove(score, i, topScore, topIndex, limit - 1, entries)) continue;
    let at = Math.min(topIndex.length, limit - 1);
    while (at > 0 && ranksAbove(score, i, topScore, topIndex, at - 1, entries)) at--;
    topIndex.splice(at, 0, i);
    topScore.splice(at, 0, score);
    if (topIndex.length > limit) {
      topIndex.pop();
      topScore.pop();
    }
  }

  return ok(
    topIndex.map((i, rank) => {
      const entry = entries[i] as IndexedAsset;
      const { asset } = entry;
      return {
        assetId: asset.id,
        title: asset.title,
        url: asset.url,
        format: asset.format,
        score: topScore[rank] as number,
        matchesStage: stage !== undefined && asset.buyerStages.includes(stage),
        reasons: reasonsFor(entry, ctx, index),
      };
    }),
  );
}

/** Score descending, then id ascending (code-unit order, so no locale can change the ranking). */
function ranksAbove(
  score: number,
  i: number,
  topScore: readonly number[],
  topIndex: readonly number[],
  at: number,
  entries: readonly IndexedAsset[],
): boolean {
  const other = topScore[at] as number;
  if (score !== other) return score > other;
  const id = (entries[i] as IndexedAsset).asset.id;
  return id < (entries[topIndex[at] as number] as IndexedAsset).asset.id;
}

function resolveContext(
  input: RecommendContext,
  playbook: Playbook,
  options: RecommendOptions,
): Result<ResolvedContext, 'INVALID_CONTEXT'> {
  const parsed = RecommendContextSchema.safeParse(input);
  if (!parsed.success) return err('INVALID_CONTEXT', 'the context is not valid', zodIssues(parsed.error));
  const context = parsed.data;
  const issues: FieldIssue[] = [];
  const { stageMap, objectionTypes } = playbook.content;
  let buyerStage: string | undefined;
  if (context.leadStage !== undefined && context.dealStage !== undefined) {
    issues.push({ path: 'dealStage', message: 'give a lead stage or a deal stage, not both' });
  } else if (context.leadStage !== undefined) {
    buyerStage = ownEntry(stageMap.lead, context.leadStage);
    if (buyerStage === undefined) {
      issues.push({
        path: 'leadStage',
        message: unknownId('lead stage', context.leadStage, keyMap(stageMap.lead)),
      });
    }
  } else if (context.dealStage !== undefined) {
    buyerStage = ownEntry(stageMap.deal, context.dealStage);
    if (buyerStage === undefined) {
      issues.push({
        path: 'dealStage',
        message: unknownId('deal stage', context.dealStage, keyMap(stageMap.deal)),
      });
    }
  }
  const known = new Map(objectionTypes.map((entry) => [entry.id, entry.label] as const));
  context.openObjections.forEach((objection, i) => {
    if (!known.has(objection)) {
      issues.push({ path: `openObjections[${i}]`, message: unknownId('objection type', objection, known) });
    }
  });
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    issues.push({ path: 'limit', message: `expected a whole number of at least 1, got ${limit}` });
  }
  if (issues.length > 0) return err('INVALID_CONTEXT', 'the context does not match the playbook', issues);
  return ok({
    buyerStage,
    industry: context.industry?.toLowerCase(),
    persona: context.persona?.toLowerCase(),
    objections: [...new Set(context.openObjections)],
  });
}

// A stage the playbook maps itself, never an inherited name such as "constructor".
function ownEntry(map: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function keyMap(record: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(record));
}

function reasonsFor(entry: IndexedAsset, ctx: ResolvedContext, index: ContentIndex): string[] {
  const { asset, usage } = entry;
  const { buyerStages, objections } = index.taxonomy;
  const reasons: string[] = [];
  const stageLabel =
    ctx.buyerStage !== undefined ? (buyerStages.get(ctx.buyerStage) ?? ctx.buyerStage) : undefined;

  const atStage = ctx.buyerStage !== undefined ? usage?.byBuyerStage[ctx.buyerStage] : undefined;
  const matchesStage = ctx.buyerStage !== undefined && asset.buyerStages.includes(ctx.buyerStage);
  if (atStage && atStage.won + atStage.lost > 0) {
    const closed = atStage.won + atStage.lost;
    reasons.push(`won ${atStage.won} of ${closed} ${plural(closed, 'deal')} at ${stageLabel}`);
    if (!matchesStage) reasons.push(madeFor(asset, ctx, index));
  } else {
    if (stageLabel !== undefined)
      reasons.push(matchesStage ? `made for ${stageLabel}` : madeFor(asset, ctx, index));
    const won = usage?.wonDealsTouched ?? 0;
    const closed = won + (usage?.lostDealsTouched ?? 0);
    reasons.push(
      closed > 0 ? `won ${won} of ${closed} ${plural(closed, 'deal')} it touched` : 'no closed deals yet',
    );
  }

  const answered = ctx.objections.filter((objection) => asset.objectionTypes.includes(objection));
  if (answered.length > 0) {
    const labels = answered.map((objection) => inSentence(objections.get(objection) ?? objection));
    reasons.push(`answers the ${listOf(labels)} ${plural(labels.length, 'objection')}`);
  }
  if (ctx.industry !== undefined) {
    const industry = asset.industries.find((value) => value.toLowerCase() === ctx.industry);
    if (industry !== undefined) reasons.push(`matches ${industry}`);
  }
  if (ctx.persona !== undefined) {
    const persona = asset.personas.find((value) => value.toLowerCase() === ctx.persona);
    if (persona !== undefined) reasons.push(`written for ${persona}`);
  }
  const shares = usage?.sharesLast30Days ?? 0;
  if (shares > 0) reasons.push(`shared ${shares} ${plural(shares, 'time')} in the last 30 days`);
  return reasons;
}

function madeFor(asset: Asset, ctx: ResolvedContext, index: ContentIndex): string {
  const labels = asset.buyerStages.map((stage) => index.taxonomy.buyerStages.get(stage) ?? stage);
  const wanted = ctx.buyerStage !== undefined ? index.taxonomy.buyerStages.get(ctx.buyerStage) : undefined;
  return `made for ${listOf(labels)}, not ${wanted ?? ctx.buyerStage}`;
}

function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// Memoised per object identity: core inputs are never mutated, so an unchanged library reuses its index.
const indexCache = new WeakMap<
  readonly Asset[],
  WeakMap<readonly AssetUsage[], WeakMap<Playbook, ContentIndex>>
>();

function cachedIndex(
  library: readonly Asset[],
  stats: readonly AssetUsage[],
  playbook: Playbook,
): ContentIndex {
  let byStats = indexCache.get(library);
  if (!byStats) indexCache.set(library, (byStats = new WeakMap()));
  let byPlaybook = byStats.get(stats);
  if (!byPlaybook) byStats.set(stats, (byPlaybook = new WeakMap()));
  let index = byPlaybook.get(playbook);
  if (!index) byPlaybook.set(playbook, (index = indexLibrary(library, stats, playbook)));
  return index;
}
