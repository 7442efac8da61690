// Small builders for the content tests: each returns a valid, parsed value with only the named fields changed.
import { parsePlaybook } from '../../playbook/parse-playbook';
import type { Playbook } from '../../playbook/schema';
import {
  AssetSchema,
  AssetUsageSchema,
  type Asset,
  type AssetInput,
  type AssetUsage,
  type AssetUsageInput,
} from '../library-schema';
import type { ContentRequestInput } from '../content-request-schema';

/** Parses a playbook value (read by the test) or fails the test loudly. */
export function playbookFrom(value: unknown): Playbook {
  const parsed = parsePlaybook(value);
  if (!parsed.ok) throw new Error(`test playbook is invalid: ${JSON.stringify(parsed.error.issues)}`);
  return parsed.data;
}

/** An active consideration-stage one-pager with no other facets. */
export function anAsset(overrides: Partial<AssetInput> = {}): Asset {
  const id = overrides.id ?? 'asset-1';
  return AssetSchema.parse({
    id,
    title: `Asset ${id}`,
    url: `https://content.example.com/${id}`,
    format: 'one-pager',
    buyerStages: ['consideration'],
    status: 'active',
    ownerId: 'owner-marketing',
    createdAt: '2025-01-06T15:00:00Z',
    updatedAt: '2025-01-06T15:00:00Z',
    ...overrides,
  });
}

/** Usage of an asset that touched no deal and was never shared. */
export function usageOf(
  assetId: string,
  overrides: Partial<Omit<AssetUsageInput, 'assetId'>> = {},
): AssetUsage {
  const won = overrides.wonDealsTouched ?? 0;
  const lost = overrides.lostDealsTouched ?? 0;
  return AssetUsageSchema.parse({
    assetId,
    dealsTouched: won + lost,
    wonDealsTouched: won,
    lostDealsTouched: lost,
    sharesLast30Days: 0,
    ...overrides,
  });
}

/** A rush request for a price case study at Decision, filed Friday 6 March 2026 16:00 in New York. */
export function aContentRequest(overrides: Partial<ContentRequestInput> = {}): ContentRequestInput {
  return {
    buyerStage: 'decision',
    objection: 'price',
    competitiveContext: 'Acme undercuts us by 20 %',
    dealIds: ['D-1001'],
    priority: 'rush',
    requestedBy: 'rep-ana',
    requestedAt: '2026-03-06T16:00:00-05:00',
    title: 'Price case study for mid-market healthcare',
    details: 'Two live deals stall on price; we need a payback story with numbers.',
    ...overrides,
  };
}
