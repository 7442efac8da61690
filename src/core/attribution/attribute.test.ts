import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attribute } from './attribute';
import { MODEL_IDS, type AttributionSettings } from './models';

const settings: AttributionSettings = {
  halfLifeDays: 7,
  custom: { FT: 0.3, LC: 0.15, OC: 0.15, LAST: 0.3, middle: 0.1 },
};
const asOf = new Date('2026-06-30T00:00:00Z');
const raw = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`__fixtures__/${name}.json`, import.meta.url), 'utf8'));

describe('attribute', () => {
  it.each([
    ['runs one model when asked for one', 'u_shaped', ['u_shaped']],
    ['runs every model, in catalogue order, when asked for all', 'all', [...MODEL_IDS]],
  ] as const)('%s', (_name, model, ids) => {
    const result = attribute(raw('seven-touches-milestones-apart'), { model, asOf, settings });
    expect(result.ok && result.data.runs.map((r) => r.spec.id)).toEqual(ids);
  });

  it.each([
    [
      'returns the input problems with their paths',
      { deals: [{ id: 'D1' }], touches: [] },
      settings,
      asOf,
      'INVALID_ATTRIBUTION_INPUT',
      'deals[0].amount',
    ],
    [
      'returns a problem with the custom shares before reading the input',
      raw('single-touch'),
      { ...settings, custom: { FT: 0.5, LC: 0, OC: 0, LAST: 0, middle: 0.4 } },
      asOf,
      'INVALID_ATTRIBUTION_MODEL',
      'attribution.custom',
    ],
    [
      'returns an as-of date that is not a date',
      raw('single-touch'),
      settings,
      new Date('not a date'),
      'INVALID_ATTRIBUTION_INPUT',
      'asOf',
    ],
  ])('%s', (_name, input, modelSettings, when, code, path) => {
    const result = attribute(input, { model: 'all', asOf: when, settings: modelSettings });
    expect(!result.ok && [result.error.code, result.error.issues[0]?.path]).toEqual([code, path]);
  });
});
