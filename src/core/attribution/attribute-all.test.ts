import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attributeAll, attributeModel } from './attribute-all';
import { parseAttributionInput, type AttributionInput } from './input';
import { attributionModel, attributionModels, type AttributionSettings, type ModelSpec } from './models';
import { indexAttribution } from './touch-index';

const settings: AttributionSettings = {
  halfLifeDays: 7,
  custom: { FT: 0.3, LC: 0.15, OC: 0.15, LAST: 0.3, middle: 0.1 },
};
const specs = (() => {
  const all = attributionModels(settings);
  if (!all.ok) throw new Error('the default models are invalid');
  return all.data;
})();
const spec = (id: ModelSpec['id']): ModelSpec => specs.find((s) => s.id === id) as ModelSpec;
const AS_OF = new Date('2026-06-30T00:00:00Z');

function fixture(name: string): AttributionInput {
  const raw: unknown = JSON.parse(
    readFileSync(new URL(`__fixtures__/${name}.json`, import.meta.url), 'utf8'),
  );
  const input = parseAttributionInput(raw);
  if (!input.ok) throw new Error(`fixture ${name} is invalid`);
  return input.data;
}

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 0, 1);
const iso = (offsetDays: number) => new Date(BASE + Math.round(offsetDays * DAY)).toISOString();

/** Random deals with touches, some after the close, some open, some with no touch at all. */
const randomInput = fc
  .array(
    fc.record({
      amount: fc.integer({ min: 0, max: 250_000 }),
      lead: fc.double({ min: 0, max: 200, noNaN: true }),
      created: fc.double({ min: 0, max: 200, noNaN: true }),
      closed: fc.option(fc.double({ min: 0, max: 250, noNaN: true })),
      touches: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 260, noNaN: true }),
          asset: fc.integer({ min: 1, max: 6 }),
          channel: fc.constantFrom('webinar', 'email', 'event'),
        }),
        { maxLength: 12 },
      ),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows): AttributionInput => ({
    deals: rows.map((row, d) => ({
      id: `D${d}`,
      amount: row.amount,
      leadCreatedAt: iso(row.lead),
      createdAt: iso(row.created),
      closedAt: row.closed === null ? null : iso(row.closed),
      won: row.closed !== null,
    })),
    touches: rows.flatMap((row, d) =>
      row.touches.map((touch, i) => ({
        id: `T${d}-${i}`,
        dealId: `D${d}`,
        assetId: `A${touch.asset}`,
        channel: touch.channel,
        at: iso(touch.at),
      })),
    ),
  }));

const asOfDays = fc.double({ min: 0, max: 300, noNaN: true });

describe('attributeAll', () => {
  it('totals a model by asset and channel, counting each deal once', () => {
    const index = indexAttribution(fixture('seven-touches-milestones-apart'), AS_OF);
    const run = attributeModel(index, spec('w_shaped'));
    // T1 A1 30 %, T2 A2 5 %, T3 A3 30 %, T4 A2 5 %, T5 A4 30 % of 100,000.
    expect(run.byAsset.map((t) => [t.assetId, Math.round(t.amount), t.deals])).toEqual([
      ['A1', 30000, 1],
      ['A3', 30000, 1],
      ['A4', 30000, 1],
      ['A2', 10000, 1],
    ]);
    expect(run.byChannel.map((t) => [t.channel, Math.round(t.amount)])).toEqual([
      ['event', 30000],
      ['paid_search', 30000],
      ['webinar', 30000],
      ['email', 10000],
    ]);
  });

  it('counts deals without a touch in range as unattributed, with their amount', () => {
    const index = indexAttribution(fixture('deals-without-touches-in-range'), AS_OF);
    const run = attributeModel(index, spec('linear'));
    expect([run.attributed, run.unattributed]).toEqual([
      { deals: 1, amount: 10000 },
      { deals: 2, amount: 12000 },
    ]);
    expect(run.byAsset.map((t) => [t.assetId, t.amount, t.deals])).toEqual([
      ['A1', 5000, 1],
      ['A2', 5000, 1],
    ]);
  });

  it('gives the same weights in one pass as model by model', () => {
    fc.assert(
      fc.property(randomInput, asOfDays, (input, asOf) => {
        const index = indexAttribution(input, new Date(BASE + asOf * DAY));
        const together = attributeAll(index, specs);
        specs.forEach((s, m) => {
          expect(Array.from(together[m]?.weights ?? [])).toEqual(
            Array.from(attributeModel(index, s).weights),
          );
        });
      }),
      { numRuns: 50 },
    );
  });

  it('gives every deal with touches weights that add up to 1 within 1e-9, never negative, under every model', () => {
    fc.assert(
      fc.property(randomInput, asOfDays, fc.integer({ min: 1, max: 60 }), (input, asOf, halfLife) => {
        const models = attributionModels({ ...settings, halfLifeDays: halfLife });
        if (!models.ok) throw new Error('models are invalid');
        const index = indexAttribution(input, new Date(BASE + asOf * DAY));
        for (const run of attributeAll(index, models.data)) {
          for (let d = 0; d < index.deals.length; d++) {
            const start = index.dealStart[d] ?? 0;
            const weights = Array.from(run.weights.subarray(start, start + (index.dealSize[d] ?? 0)));
            if (weights.length === 0) continue;
            expect(weights.every((w) => w >= 0)).toBe(true);
            expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives assets and channels amounts that add up to the attributed revenue, and all revenue is accounted for', () => {
    fc.assert(
      fc.property(randomInput, asOfDays, (input, asOf) => {
        const index = indexAttribution(input, new Date(BASE + asOf * DAY));
        const total = input.deals.reduce((sum, deal) => sum + deal.amount, 0);
        for (const run of attributeAll(index, specs)) {
          const byAsset = run.byAsset.reduce((sum, t) => sum + t.amount, 0);
          const byChannel = run.byChannel.reduce((sum, t) => sum + t.amount, 0);
          expect(byAsset).toBeCloseTo(run.attributed.amount, 6);
          expect(byChannel).toBeCloseTo(run.attributed.amount, 6);
          expect(run.attributed.amount + run.unattributed.amount).toBe(total);
          expect(run.attributed.deals + run.unattributed.deals).toBe(input.deals.length);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives a custom model with the shares of a built-in one the same weights', () => {
    const custom = attributionModel('custom', {
      ...settings,
      custom: { FT: 0.3, LC: 0.3, OC: 0.3, LAST: 0, middle: 0.1 },
    });
    if (!custom.ok) throw new Error('custom shares are invalid');
    fc.assert(
      fc.property(randomInput, (input) => {
        const index = indexAttribution(input, AS_OF);
        const [w, c] = attributeAll(index, [spec('w_shaped'), custom.data]);
        expect(Array.from(c?.weights ?? [])).toEqual(Array.from(w?.weights ?? []));
      }),
      { numRuns: 30 },
    );
  });
});
