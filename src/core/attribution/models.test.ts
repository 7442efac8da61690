import { describe, expect, it } from 'vitest';
import { attributionModel, attributionModels, MODEL_IDS, percent, type AttributionSettings } from './models';

const settings: AttributionSettings = {
  halfLifeDays: 7,
  custom: { FT: 0.3, LC: 0.15, OC: 0.15, LAST: 0.3, middle: 0.1 },
};

describe('attributionModels', () => {
  it.each([
    ['first_touch', 'first touch 100 %'],
    ['lead_creation', 'lead creation 100 %'],
    ['last_touch', 'last touch 100 %'],
    ['linear', 'every touch equally'],
    ['u_shaped', 'first touch 40 %, lead creation 40 %, between 20 %'],
    ['w_shaped', 'first touch 30 %, lead creation 30 %, opportunity creation 30 %, between 10 %'],
    [
      'full_path',
      'first touch 22.5 %, lead creation 22.5 %, opportunity creation 22.5 %, last touch 22.5 %, between 10 %',
    ],
    ['j_shaped', 'first touch 20 %, last touch 60 %, between 20 %'],
    ['inverse_j', 'first touch 60 %, last touch 20 %, between 20 %'],
    ['time_decay', 'recent touches weigh more: credit halves for every 7 days before the close'],
    [
      'custom',
      'first touch 30 %, lead creation 15 %, opportunity creation 15 %, last touch 30 %, between 10 %',
    ],
  ] as const)('labels %s by what it credits: %s', (id, label) => {
    const spec = attributionModel(id, settings);
    expect(spec.ok && spec.data.label).toBe(label);
  });

  it('lists every model once, in catalogue order', () => {
    const specs = attributionModels(settings);
    expect(specs.ok && specs.data.map((s) => s.id)).toEqual([...MODEL_IDS]);
  });

  it('gives every position model shares that add up to 1', () => {
    const specs = attributionModels(settings);
    for (const spec of specs.ok ? specs.data : []) {
      if (spec.kind !== 'position') continue;
      const { FT, LC, OC, LAST, middle } = spec.shares;
      expect(FT + LC + OC + LAST + middle).toBeCloseTo(1, 12);
    }
  });

  it('takes the half-life from the settings', () => {
    const spec = attributionModel('time_decay', { ...settings, halfLifeDays: 1 });
    expect(spec.ok && spec.data).toMatchObject({
      halfLifeDays: 1,
      label: expect.stringContaining('every 1 day '),
    });
  });

  it.each([
    [
      'rejects custom shares that do not add up to 1',
      { FT: 0.5, LC: 0.5, OC: 0.5, LAST: 0, middle: 0 },
      'shares add up to 1.5, not 1',
    ],
    [
      'rejects custom shares that give no milestone any credit',
      { FT: 0, LC: 0, OC: 0, LAST: 0, middle: 1 },
      'at least one milestone (FT, LC, OC or LAST) needs a share',
    ],
    [
      'rejects a negative custom share',
      { FT: 1.5, LC: -0.5, OC: 0, LAST: 0, middle: 0 },
      'every share must be a number from 0 to 1',
    ],
  ])('%s', (_name, custom, message) => {
    const spec = attributionModel('custom', { ...settings, custom });
    expect(spec.ok).toBe(false);
    if (!spec.ok) expect(spec.error.issues).toEqual([{ path: 'attribution.custom', message }]);
  });

  it('rejects a half-life that is not positive', () => {
    const spec = attributionModel('time_decay', { ...settings, halfLifeDays: 0 });
    expect(!spec.ok && spec.error.issues[0]?.path).toBe('attribution.halfLifeDays');
  });
});

describe('percent', () => {
  it.each([
    ['shows whole percents without decimals', 0.4, '40 %'],
    ['shows one decimal when needed', 0.225, '22.5 %'],
    ['rounds to one decimal', 1 / 3, '33.3 %'],
  ])('%s', (_name, share, text) => {
    expect(percent(share)).toBe(text);
  });
});
