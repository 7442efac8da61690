import { createPrng } from '../../src/crm/emulator/prng';
// Deterministic, realistic deals and touches for the attribution and scorecard benchmarks.
import type { Deal, Touch } from '../../src/core/attribution/input';

export interface AttributionDataSize {
  readonly deals: number;
  readonly touches: number;
  readonly seed: number;
}

/** Open deals end here: pass it as the as-of date when attributing the generated data. */
export const ATTRIBUTION_DATA_AS_OF = '2026-07-01T00:00:00.000Z';

export const CHANNELS = [
  'webinar',
  'email',
  'paid_search',
  'organic',
  'event',
  'content_syndication',
  'direct',
  'sales_outreach',
] as const;
// Email and organic are the most frequent touches; events and syndication the rarest.
const CHANNEL_WEIGHTS = [0.12, 0.24, 0.14, 0.18, 0.05, 0.05, 0.08, 0.14];

export const ASSET_IDS: readonly string[] = Array.from({ length: 60 }, (_, i) => `A${i + 1}`);

const DAY = 86_400_000;
const CLOSE_WINDOW_START = Date.parse('2025-07-01T00:00:00Z');
const AS_OF = Date.parse(ATTRIBUTION_DATA_AS_OF);

/**
 * Generates `deals` deals and `touches` touches from `seed`; the same arguments always give the same data.
 * Amounts are log-normal between 5k and 250k; 60 % of deals are closed, ~30 % of those won; each touch falls
 * 1–180 days before its deal's close (or the as-of date), over eight channels and sixty assets A1..A60 whose
 * popularity follows a Zipf-like curve; about 3 % of deals (sales-sourced) have no touch at all.
 * @example generateAttributionData({ deals: 50_000, touches: 1_000_000, seed: 42 })
 */
export function generateAttributionData(size: AttributionDataSize): { deals: Deal[]; touches: Touch[] } {
  const random = createPrng(size.seed).next;
  const deals: Deal[] = [];
  const dealEnd = new Float64Array(size.deals);
  for (let d = 0; d < size.deals; d++) {
    const closed = random() < 0.6;
    const end = closed ? CLOSE_WINDOW_START + random() * (AS_OF - CLOSE_WINDOW_START) : AS_OF;
    const cycleDays = 20 + random() * 160;
    const createdAt = end - cycleDays * DAY * (0.2 + 0.5 * random());
    const leadCreatedAt = createdAt - (2 + random() * 60) * DAY;
    dealEnd[d] = end;
    deals.push({
      id: `D${d + 1}`,
      amount: Math.round(logNormalAmount(random) / 100) * 100,
      leadCreatedAt: new Date(Math.round(leadCreatedAt)).toISOString(),
      createdAt: new Date(Math.round(createdAt)).toISOString(),
      closedAt: closed ? new Date(Math.round(end)).toISOString() : null,
      won: closed && random() < 0.3,
    });
  }
  // The deals that get touches; the rest stand for sales-sourced deals with no marketing touch.
  const touched = Math.max(1, Math.floor(size.deals * 0.97));
  const assetCdf = cumulative(ASSET_IDS.map((_, i) => 1 / (i + 1) ** 0.8));
  const channelCdf = cumulative(CHANNEL_WEIGHTS);
  const touches: Touch[] = [];
  for (let t = 0; t < size.touches; t++) {
    const d = Math.floor(random() * touched);
    const deal = deals[d] as Deal;
    const at = (dealEnd[d] as number) - (1 + random() * 179) * DAY;
    touches.push({
      id: `T${t + 1}`,
      dealId: deal.id,
      assetId: ASSET_IDS[pick(assetCdf, random())] as string,
      channel: CHANNELS[pick(channelCdf, random())] as string,
      at: new Date(Math.round(at / 1000) * 1000).toISOString(),
    });
  }
  return { deals, touches };
}

// A log-normal around a 30k median, clamped to the 5k–250k range of B2B deal sizes.
function logNormalAmount(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return Math.min(250_000, Math.max(5_000, Math.exp(Math.log(30_000) + 0.9 * normal)));
}

function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w / total;
    cdf[i] = sum;
  });
  return cdf;
}

function pick(cdf: Float64Array, u: number): number {
  let i = 0;
  while (i < cdf.length - 1 && u > (cdf[i] as number)) i++;
  return i;
}
