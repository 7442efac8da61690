import type { Playbook } from '../playbook/schema';
import type { Asset, AssetUsage } from './library-schema';
import { contentTaxonomy } from './taxonomy';

const DAY_MS = 86_400_000;
/** The audit window DOMAIN.md names: content unused this long is a candidate to archive. */
export const ARCHIVE_AFTER_DAYS = 90;
/** The usage window of the monthly content audit. */
export const USAGE_WINDOW_DAYS = 30;

export interface MissingContent {
  readonly buyerStage: string;
  readonly objection: string;
  /** "Decision × Price", as the audit table reads. */
  readonly label: string;
}

export interface ArchiveCandidate {
  readonly assetId: string;
  readonly title: string;
  readonly lastUsedAt: string | null;
  /** Whole days since the last use; null when never used. */
  readonly idleDays: number | null;
}

export interface ContentGaps {
  /** Buyer stage × objection pairs no active asset answers, in playbook order. */
  readonly missing: readonly MissingContent[];
  /** Active assets older than 90 days with no share or touch in 90 days: never-used first, then the longest idle. */
  readonly archiveCandidates: readonly ArchiveCandidate[];
  readonly usage: {
    readonly activeAssets: number;
    /** Active assets shared or touching a deal in the last 30 days. */
    readonly usedLast30Days: number;
    /** usedLast30Days / activeAssets; null when the library has no active asset. */
    readonly rate: number | null;
  };
}

/**
 * The content audit: which stage × objection pairs have no asset, what to archive, and how much of the library is used.
 * @example gaps(assets, stats, playbook, Date.parse('2026-06-01T00:00:00Z')).usage.rate // → 0.34
 */
export function gaps(
  library: readonly Asset[],
  stats: readonly AssetUsage[],
  playbook: Playbook,
  nowMs: number,
): ContentGaps {
  const taxonomy = contentTaxonomy(playbook);
  const active = library.filter((asset) => asset.status === 'active');
  const usageById = new Map(stats.map((usage) => [usage.assetId, usage] as const));

  const covered = new Set<string>();
  for (const asset of active) {
    for (const stage of asset.buyerStages) {
      for (const objection of asset.objectionTypes) covered.add(`${stage}\u0000${objection}`);
    }
  }
  const missing: MissingContent[] = [];
  for (const [stage, stageLabel] of taxonomy.buyerStages) {
    for (const [objection, objectionLabel] of taxonomy.objections) {
      if (!covered.has(`${stage}\u0000${objection}`)) {
        missing.push({ buyerStage: stage, objection, label: `${stageLabel} × ${objectionLabel}` });
      }
    }
  }

  const archiveCutoff = nowMs - ARCHIVE_AFTER_DAYS * DAY_MS;
  const usageCutoff = nowMs - USAGE_WINDOW_DAYS * DAY_MS;
  const archiveCandidates: (ArchiveCandidate & { lastUsedMs: number })[] = [];
  let usedLast30Days = 0;
  for (const asset of active) {
    const usage = usageById.get(asset.id);
    const lastUsedMs = usage?.lastUsedAt ? Date.parse(usage.lastUsedAt) : Number.NEGATIVE_INFINITY;
    const shares = usage?.sharesLast30Days ?? 0;
    if (shares > 0 || lastUsedMs >= usageCutoff) usedLast30Days++;
    // A new asset has not had its 90 days yet; archiving it would judge it before reps could use it.
    const oldEnough = Date.parse(asset.createdAt) <= archiveCutoff;
    if (oldEnough && shares === 0 && lastUsedMs < archiveCutoff) {
      archiveCandidates.push({
        assetId: asset.id,
        title: asset.title,
        lastUsedAt: usage?.lastUsedAt ?? null,
        idleDays: Number.isFinite(lastUsedMs) ? Math.floor((nowMs - lastUsedMs) / DAY_MS) : null,
        lastUsedMs,
      });
    }
  }
  archiveCandidates.sort((a, b) =>
    a.lastUsedMs !== b.lastUsedMs ? a.lastUsedMs - b.lastUsedMs : a.assetId < b.assetId ? -1 : 1,
  );

  return {
    missing,
    archiveCandidates: archiveCandidates.map(({ lastUsedMs: _unused, ...candidate }) => candidate),
    usage: {
      activeAssets: active.length,
      usedLast30Days,
      rate: active.length === 0 ? null : usedLast30Days / active.length,
    },
  };
}
