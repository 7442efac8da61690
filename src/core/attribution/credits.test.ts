import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attributeModel } from './attribute-all';
import { attributionReport, dealCredits } from './credits';
import { parseAttributionInput } from './input';
import { attributionModel, type AttributionSettings, type ModelId } from './models';
import { indexAttribution } from './touch-index';

const settings: AttributionSettings = {
  halfLifeDays: 7,
  custom: { FT: 0.3, LC: 0.15, OC: 0.15, LAST: 0.3, middle: 0.1 },
};

function run(fixture: string, model: ModelId, asOf = '2026-06-30T00:00:00Z') {
  const raw: unknown = JSON.parse(
    readFileSync(new URL(`__fixtures__/${fixture}.json`, import.meta.url), 'utf8'),
  );
  const input = parseAttributionInput(raw);
  const spec = attributionModel(model, settings);
  if (!input.ok || !spec.ok) throw new Error(`fixture ${fixture} or model ${model} is invalid`);
  const index = indexAttribution(input.data, new Date(asOf));
  return { index, run: attributeModel(index, spec.data) };
}

describe('dealCredits', () => {
  it.each<[string, string, ModelId, [string, string[], string][], string?]>([
    [
      'names the milestones a U-shaped credit stands for, and the middle touch',
      'seven-touches-milestones-apart',
      'u_shaped',
      [
        ['T1', ['FT'], 'first touch 40 %'],
        ['T2', ['middle'], 'the one touch between first touch and lead creation, taking 20 %'],
        ['T3', ['LC'], 'lead creation 40 %'],
      ],
    ],
    [
      'says how many middle touches share the middle',
      'seven-touches-milestones-apart',
      'full_path',
      [
        ['T1', ['FT'], 'first touch 22.5 %'],
        ['T2', ['middle'], 'one of 3 touches between first touch and last touch, sharing 10 %: 3.3 %'],
        ['T3', ['LC'], 'lead creation 22.5 %'],
        ['T4', ['middle'], 'one of 3 touches between first touch and last touch, sharing 10 %: 3.3 %'],
        ['T5', ['OC'], 'opportunity creation 22.5 %'],
        ['T6', ['middle'], 'one of 3 touches between first touch and last touch, sharing 10 %: 3.3 %'],
        ['T7', ['LAST'], 'last touch 22.5 %'],
      ],
    ],
    [
      'lists every role that lands on one touch',
      'lead-and-opportunity-created-on-one-touch',
      'w_shaped',
      [
        ['T1', ['FT'], 'first touch 30 %'],
        ['T2', ['middle'], 'the one touch between first touch and opportunity creation, taking 10 %'],
        ['T3', ['LC', 'OC'], 'lead creation 30 %, opportunity creation 30 %'],
      ],
    ],
    [
      'explains the scale-up when no touch lies between the milestones',
      'two-touches-a-week-apart',
      'j_shaped',
      [
        [
          'T1',
          ['FT'],
          'first touch 20 %, scaled up to 25 % as no other touch lies between first touch and last touch',
        ],
        [
          'T2',
          ['LAST'],
          'last touch 60 %, scaled up to 75 % as no other touch lies between first touch and last touch',
        ],
      ],
    ],
    [
      'explains an equal share',
      'two-touches-a-week-apart',
      'linear',
      [
        ['T1', ['even'], 'one of 2 touches, sharing 100 % equally: 50 %'],
        ['T2', ['even'], 'one of 2 touches, sharing 100 % equally: 50 %'],
      ],
    ],
    [
      'explains time decay from the close',
      'two-touches-a-week-apart',
      'time_decay',
      [
        ['T1', ['decay'], '14 days before the close; credit halves every 7 days: 33.3 %'],
        ['T2', ['decay'], '7 days before the close; credit halves every 7 days: 66.7 %'],
      ],
    ],
    [
      'explains time decay of an open deal from the as-of date',
      'open-deal',
      'time_decay',
      [
        ['T1', ['decay'], '14 days before the as-of date; credit halves every 7 days: 33.3 %'],
        ['T2', ['decay'], '7 days before the as-of date; credit halves every 7 days: 66.7 %'],
      ],
      '2026-04-01T00:00:00Z',
    ],
    [
      'explains a single touch under linear',
      'single-touch',
      'linear',
      [['T1', ['even'], 'the only touch: 100 %']],
    ],
  ])('%s', (_name, fixture, model, expected, asOf) => {
    const { index, run: result } = run(fixture, model, asOf);
    expect(dealCredits(index, result, 0).map((c) => [c.touchId, c.roles, c.reason])).toEqual(expected);
  });

  it('carries the asset, channel, weight and amount of each credit', () => {
    const { index, run: result } = run('two-touches-a-week-apart', 'full_path');
    expect(dealCredits(index, result, 0)).toEqual([
      expect.objectContaining({
        touchId: 'T1',
        assetId: 'A1',
        channel: 'webinar',
        weight: 0.75,
        amount: 15000,
      }),
      expect.objectContaining({ touchId: 'T2', assetId: 'A2', channel: 'email', weight: 0.25, amount: 5000 }),
    ]);
  });
});

describe('attributionReport', () => {
  it('lists every deal in input order, with no credits for unattributed ones', () => {
    const { index, run: result } = run('deals-without-touches-in-range', 'first_touch');
    const report = attributionReport(index, result);
    expect(report.model).toBe('first_touch');
    expect(report.deals.map((d) => [d.dealId, d.credits.map((c) => c.touchId)])).toEqual([
      ['D1', ['T1']],
      ['D2', []],
      ['D3', []],
    ]);
    expect(report.byAsset).toEqual([{ assetId: 'A1', amount: 10000, deals: 1 }]);
    expect(report.byChannel).toEqual([{ channel: 'webinar', amount: 10000, deals: 1 }]);
    expect(report.unattributed).toEqual({ deals: 2, amount: 12000 });
  });
});
