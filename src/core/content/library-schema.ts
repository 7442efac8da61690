import * as z from 'zod';
import { parseInstant } from '../time/instant';

/** An ISO-8601 instant that names its offset, so reading it never depends on the machine's zone. */
export const IsoInstantSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseInstant(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error.message });
});

const facetIds = z.array(z.string().min(1));
const count = z.number().int().nonnegative();

/** One asset of the enablement library, tagged with the facets reps search by. */
export const AssetSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    url: z.url(),
    format: z.string().min(1).describe('A format id from the playbook, e.g. case-study.'),
    buyerStages: facetIds.min(1).describe('Buyer stage ids from the playbook; at least one.'),
    useCases: facetIds.default([]),
    industries: z.array(z.string().min(1)).default([]).describe('Free text, matched case-insensitively.'),
    personas: z.array(z.string().min(1)).default([]).describe('Free text, matched case-insensitively.'),
    objectionTypes: facetIds.default([]),
    status: z.enum(['active', 'archived']),
    ownerId: z.string().min(1),
    createdAt: IsoInstantSchema,
    updatedAt: IsoInstantSchema,
  })
  .strict();

/** A library file: `{ "assets": [ … ] }`. */
export const LibraryFileSchema = z.object({ assets: z.array(AssetSchema) }).strict();

const StageOutcomesSchema = z.object({ won: count, lost: count }).strict();

/** Closed-loop usage of one asset: the deals it touched and how they closed, and recent shares. */
export const AssetUsageSchema = z
  .object({
    assetId: z.string().min(1),
    dealsTouched: count.describe('Deals the asset touched, open or closed.'),
    wonDealsTouched: count,
    lostDealsTouched: count,
    sharesLast30Days: count,
    lastUsedAt: IsoInstantSchema.nullable().default(null).describe('Last share or deal touch.'),
    byBuyerStage: z
      .record(z.string(), StageOutcomesSchema)
      .default({})
      .describe('Won and lost deals touched, per buyer stage id at the time of the touch.'),
  })
  .strict();

/** A usage-stats file: `{ "stats": [ … ] }`. */
export const UsageFileSchema = z.object({ stats: z.array(AssetUsageSchema) }).strict();

export type Asset = z.infer<typeof AssetSchema>;
export type AssetInput = z.input<typeof AssetSchema>;
export type AssetUsage = z.infer<typeof AssetUsageSchema>;
export type AssetUsageInput = z.input<typeof AssetUsageSchema>;
