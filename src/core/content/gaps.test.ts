import { describe, expect, it } from 'vitest';
import { anAsset, usageOf } from './__fixtures__/builders';
import { gaps } from './gaps';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const NOW = Date.parse('2026-06-01T12:00:00Z');
const OLD = '2025-01-06T15:00:00Z';

describe('gaps: stage × objection pairs with no active asset', () => {
  const everyObjection = playbook.content.objectionTypes.map((o) => o.id);
  const covering = (stage: string, objections = everyObjection, status: 'active' | 'archived' = 'active') =>
    anAsset({ id: `${stage}-${status}`, buyerStages: [stage], objectionTypes: objections, status });

  it.each([
    [
      'reports nothing when every pair is covered',
      ['awareness', 'consideration', 'decision', 'expansion'].map((s) => covering(s)),
      [],
    ],
    [
      'reports the pairs only an archived asset answers',
      [
        covering('awareness'),
        covering('consideration'),
        covering('decision', ['price', 'competition']),
        covering('decision', everyObjection, 'archived'),
        covering('expansion'),
      ],
      ['Decision × Implementation', 'Decision × ROI'],
    ],
    [
      'reports every pair, in playbook order, for an empty library',
      [],
      ['Awareness × Price', 'Awareness × Competition', 'Awareness × Implementation', 'Awareness × ROI'],
    ],
  ])('%s', (_name, library, expected) => {
    const labels = gaps(library, [], playbook, NOW).missing.map((m) => m.label);
    expect(labels.slice(0, expected.length === 0 ? undefined : 4)).toEqual(expected);
  });

  it('names each missing pair by id as well as label', () => {
    expect(gaps([], [], playbook, NOW).missing[0]).toEqual({
      buyerStage: 'awareness',
      objection: 'price',
      label: 'Awareness × Price',
    });
  });
});

describe('gaps: archive candidates and usage', () => {
  const library = [
    anAsset({ id: 'never-used', createdAt: OLD }),
    anAsset({ id: 'idle-120-days', createdAt: OLD }),
    anAsset({ id: 'idle-400-days', createdAt: OLD }),
    anAsset({ id: 'touched-60-days-ago', createdAt: OLD }),
    anAsset({ id: 'shared-this-month', createdAt: OLD }),
    anAsset({ id: 'used-yesterday', createdAt: OLD }),
    anAsset({ id: 'new-and-unused', createdAt: '2026-05-01T12:00:00Z', updatedAt: '2026-05-01T12:00:00Z' }),
    anAsset({ id: 'archived-unused', status: 'archived', createdAt: OLD }),
  ];
  const stats = [
    usageOf('idle-120-days', { lastUsedAt: '2026-02-01T12:00:00Z', dealsTouched: 2 }),
    usageOf('idle-400-days', { lastUsedAt: '2025-04-27T12:00:00Z' }),
    usageOf('touched-60-days-ago', { lastUsedAt: '2026-04-02T12:00:00Z' }),
    usageOf('shared-this-month', { sharesLast30Days: 2, lastUsedAt: '2026-01-01T00:00:00Z' }),
    usageOf('used-yesterday', { lastUsedAt: '2026-05-31T12:00:00Z' }),
  ];
  const audit = gaps(library, stats, playbook, NOW);

  it('lists active assets unused for 90 days, never-used first, then the longest idle', () => {
    expect(audit.archiveCandidates).toEqual([
      { assetId: 'never-used', title: 'Asset never-used', lastUsedAt: null, idleDays: null },
      {
        assetId: 'idle-400-days',
        title: 'Asset idle-400-days',
        lastUsedAt: '2025-04-27T12:00:00Z',
        idleDays: 400,
      },
      {
        assetId: 'idle-120-days',
        title: 'Asset idle-120-days',
        lastUsedAt: '2026-02-01T12:00:00Z',
        idleDays: 120,
      },
    ]);
  });

  it('counts active assets shared or used in the last 30 days', () => {
    expect(audit.usage).toEqual({ activeAssets: 7, usedLast30Days: 2, rate: 2 / 7 });
  });

  it('has no usage rate without active assets', () => {
    expect(gaps([], [], playbook, NOW).usage).toEqual({ activeAssets: 0, usedLast30Days: 0, rate: null });
  });
});
