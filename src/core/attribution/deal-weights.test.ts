import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weighDeal } from './deal-weights';
import { parseAttributionInput } from './input';
import { attributionModel, MODEL_IDS, type AttributionSettings, type ModelId } from './models';
import { indexAttribution } from './touch-index';

const settings: AttributionSettings = {
  halfLifeDays: 7,
  custom: { FT: 0.3, LC: 0.15, OC: 0.15, LAST: 0.3, middle: 0.1 },
};
const CLOSED = '2026-06-30T00:00:00Z';

/** The positive weights of deal 0 of a fixture under one model, by touch id. */
function weightsOf(fixture: string, model: ModelId, asOf = CLOSED): Record<string, number> {
  const raw: unknown = JSON.parse(
    readFileSync(new URL(`__fixtures__/${fixture}.json`, import.meta.url), 'utf8'),
  );
  const input = parseAttributionInput(raw);
  const spec = attributionModel(model, settings);
  if (!input.ok || !spec.ok) throw new Error(`fixture ${fixture} or model ${model} is invalid`);
  const index = indexAttribution(input.data, new Date(asOf));
  const out = new Float64Array(index.positions);
  weighDeal(index, 0, spec.data, out);
  const weights: Record<string, number> = {};
  out.forEach((weight, p) => {
    if (weight > 0) weights[input.data.touches[index.touchOrder[p] as number]?.id ?? '?'] = weight;
  });
  return weights;
}

const third = 1 / 3;
const thirtieth = 1 / 30;
const seventh = 1 / 7;

describe('weighDeal', () => {
  it.each(MODEL_IDS.map((model) => [model]))('gives a single touch all the credit under %s', (model) => {
    expect(weightsOf('single-touch', model)).toEqual({ T1: 1 });
  });

  it.each<[string, string, ModelId, Record<string, number>, string?]>([
    // Two touches: T1 is FT, LC and OC (14 days before the close), T2 is LAST (7 days before).
    ['two touches: first touch credits the first', 'two-touches-a-week-apart', 'first_touch', { T1: 1 }],
    [
      'two touches: lead creation credits the touch before the lead',
      'two-touches-a-week-apart',
      'lead_creation',
      { T1: 1 },
    ],
    ['two touches: last touch credits the last', 'two-touches-a-week-apart', 'last_touch', { T2: 1 }],
    ['two touches: linear halves', 'two-touches-a-week-apart', 'linear', { T1: 0.5, T2: 0.5 }],
    [
      'two touches: U-shaped scales FT + LC on one touch up to 100 %',
      'two-touches-a-week-apart',
      'u_shaped',
      { T1: 1 },
    ],
    [
      'two touches: W-shaped scales FT + LC + OC on one touch up to 100 %',
      'two-touches-a-week-apart',
      'w_shaped',
      { T1: 1 },
    ],
    [
      'two touches: full path scales 67.5 % and 22.5 % up to 75 % and 25 %',
      'two-touches-a-week-apart',
      'full_path',
      { T1: 0.75, T2: 0.25 },
    ],
    [
      'two touches: J-shaped scales 20 % and 60 % up to 25 % and 75 %',
      'two-touches-a-week-apart',
      'j_shaped',
      { T1: 0.25, T2: 0.75 },
    ],
    [
      'two touches: inverse J scales 60 % and 20 % up to 75 % and 25 %',
      'two-touches-a-week-apart',
      'inverse_j',
      { T1: 0.75, T2: 0.25 },
    ],
    [
      'two touches: time decay gives two and one half-lives a 1:2 ratio',
      'two-touches-a-week-apart',
      'time_decay',
      { T1: third, T2: 2 * third },
    ],
    [
      'two touches: custom scales 60 % and 30 % up to two thirds and one third',
      'two-touches-a-week-apart',
      'custom',
      { T1: 2 * third, T2: third },
    ],
    // Seven touches in range (T8 is after the close): FT = T1, LC = T3, OC = T5, LAST = T7.
    [
      'seven touches: first touch ignores the touch after the close',
      'seven-touches-milestones-apart',
      'first_touch',
      { T1: 1 },
    ],
    ['seven touches: lead creation credits T3', 'seven-touches-milestones-apart', 'lead_creation', { T3: 1 }],
    [
      'seven touches: last touch credits T7, not T8 after the close',
      'seven-touches-milestones-apart',
      'last_touch',
      { T7: 1 },
    ],
    [
      'seven touches: linear gives each a seventh',
      'seven-touches-milestones-apart',
      'linear',
      { T1: seventh, T2: seventh, T3: seventh, T4: seventh, T5: seventh, T6: seventh, T7: seventh },
    ],
    [
      'seven touches: U-shaped gives the middle 20 % to T2 alone',
      'seven-touches-milestones-apart',
      'u_shaped',
      { T1: 0.4, T2: 0.2, T3: 0.4 },
    ],
    [
      'seven touches: W-shaped splits 10 % over T2 and T4, skipping LC',
      'seven-touches-milestones-apart',
      'w_shaped',
      { T1: 0.3, T2: 0.05, T3: 0.3, T4: 0.05, T5: 0.3 },
    ],
    [
      'seven touches: full path splits 10 % over T2, T4 and T6',
      'seven-touches-milestones-apart',
      'full_path',
      { T1: 0.225, T2: thirtieth, T3: 0.225, T4: thirtieth, T5: 0.225, T6: thirtieth, T7: 0.225 },
    ],
    [
      'seven touches: J-shaped counts LC and OC touches as middle',
      'seven-touches-milestones-apart',
      'j_shaped',
      { T1: 0.2, T2: 0.04, T3: 0.04, T4: 0.04, T5: 0.04, T6: 0.04, T7: 0.6 },
    ],
    [
      'seven touches: inverse J gives 60 % to the first',
      'seven-touches-milestones-apart',
      'inverse_j',
      { T1: 0.6, T2: 0.04, T3: 0.04, T4: 0.04, T5: 0.04, T6: 0.04, T7: 0.2 },
    ],
    [
      'seven touches: custom uses the playbook shares',
      'seven-touches-milestones-apart',
      'custom',
      { T1: 0.3, T2: thirtieth, T3: 0.15, T4: thirtieth, T5: 0.15, T6: thirtieth, T7: 0.3 },
    ],
    // LC and OC on T3.
    [
      'LC and OC on one touch: U-shaped is unchanged',
      'lead-and-opportunity-created-on-one-touch',
      'u_shaped',
      { T1: 0.4, T2: 0.2, T3: 0.4 },
    ],
    [
      'LC and OC on one touch: W-shaped adds their shares up',
      'lead-and-opportunity-created-on-one-touch',
      'w_shaped',
      { T1: 0.3, T2: 0.1, T3: 0.6 },
    ],
    [
      'LC and OC on one touch: full path gives T3 45 %',
      'lead-and-opportunity-created-on-one-touch',
      'full_path',
      { T1: 0.225, T2: 0.1, T3: 0.45, T4: 0.225 },
    ],
    [
      'LC and OC on one touch: custom adds 15 % and 15 %',
      'lead-and-opportunity-created-on-one-touch',
      'custom',
      { T1: 0.3, T2: 0.1, T3: 0.3, T4: 0.3 },
    ],
    // No touch before the lead: LC falls back to FT, and OC to LC.
    [
      'no touch before the lead: lead creation falls back to the first touch',
      'no-touch-before-lead-creation',
      'lead_creation',
      { T1: 1 },
    ],
    [
      'no touch before the lead: U-shaped scales up on the first touch',
      'no-touch-before-lead-creation',
      'u_shaped',
      { T1: 1 },
    ],
    [
      'no touch before the lead: W-shaped scales up on the first touch',
      'no-touch-before-lead-creation',
      'w_shaped',
      { T1: 1 },
    ],
    [
      'no touch before the lead: full path gives FT + LC + OC to T1',
      'no-touch-before-lead-creation',
      'full_path',
      { T1: 0.675, T2: 0.1, T3: 0.225 },
    ],
    [
      'no touch before the lead: custom gives FT + LC + OC to T1',
      'no-touch-before-lead-creation',
      'custom',
      { T1: 0.6, T2: 0.1, T3: 0.3 },
    ],
    // The opportunity's date is before the lead's: OC (T1) is clamped up to LC (T2).
    [
      'opportunity before the lead: W-shaped clamps OC up to LC',
      'opportunity-created-before-the-lead',
      'w_shaped',
      { T1: third, T2: 2 * third },
    ],
    [
      'opportunity before the lead: full path clamps OC up to LC',
      'opportunity-created-before-the-lead',
      'full_path',
      { T1: 0.25, T2: 0.5, T3: 0.25 },
    ],
    [
      'opportunity before the lead: U-shaped halves FT and LC',
      'opportunity-created-before-the-lead',
      'u_shaped',
      { T1: 0.5, T2: 0.5 },
    ],
    // T2 is listed first and both happen at 09:00Z (one written in +01:00): the id breaks the tie.
    [
      'a tie in time: first touch goes to the smaller id',
      'two-touches-at-the-same-time',
      'first_touch',
      { T1: 1 },
    ],
    [
      'a tie in time: last touch goes to the larger id',
      'two-touches-at-the-same-time',
      'last_touch',
      { T2: 1 },
    ],
    // An open deal ends at the as-of date.
    [
      'an open deal: last touch ignores touches after the as-of date',
      'open-deal',
      'last_touch',
      { T2: 1 },
      '2026-04-01T00:00:00Z',
    ],
    [
      'an open deal: time decay counts half-lives back from the as-of date',
      'open-deal',
      'time_decay',
      { T1: third, T2: 2 * third },
      '2026-04-01T00:00:00Z',
    ],
    [
      'an open deal: a later as-of date takes in the later touch',
      'open-deal',
      'last_touch',
      { T3: 1 },
      '2026-05-01T00:00:00Z',
    ],
    [
      'an open deal: linear spreads over the touches up to the as-of date',
      'open-deal',
      'linear',
      { T1: third, T2: third, T3: third },
      '2026-05-01T00:00:00Z',
    ],
    [
      'an open deal: an as-of date right after the first touch keeps only it',
      'open-deal',
      'u_shaped',
      { T1: 1 },
      '2026-03-18T00:00:00Z',
    ],
  ])('%s', (_name, fixture, model, expected, asOf) => {
    const weights = weightsOf(fixture, model, asOf);
    expect(Object.keys(weights).sort()).toEqual(Object.keys(expected).sort());
    for (const [touchId, weight] of Object.entries(expected))
      expect(weights[touchId]).toBeCloseTo(weight, 12);
  });
});
