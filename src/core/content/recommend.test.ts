import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anAsset, usageOf } from './__fixtures__/builders';
import type { Asset, AssetUsage } from './library-schema';
import { recommend, type RecommendContext } from './recommend';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const NOW = Date.parse('2026-06-01T12:00:00Z');

function ids(
  context: RecommendContext,
  library: readonly Asset[],
  stats: readonly AssetUsage[] = [],
  limit = 5,
) {
  const result = recommend(context, library, stats, playbook, NOW, { limit });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.map((r) => r.assetId);
}

describe('recommend: won-deal correlation with smoothing', () => {
  it.each([
    [
      'a proven asset outranks one lucky win',
      [
        usageOf('lucky', { wonDealsTouched: 1 }),
        usageOf('proven', { wonDealsTouched: 14, lostDealsTouched: 6 }),
      ],
      ['proven', 'lucky'],
    ],
    [
      'a proven asset outranks two lucky wins',
      [
        usageOf('lucky', { wonDealsTouched: 2 }),
        usageOf('proven', { wonDealsTouched: 30, lostDealsTouched: 10 }),
      ],
      ['proven', 'lucky'],
    ],
    [
      'an asset that keeps losing ranks below one with no closed deals',
      [usageOf('lucky', { lostDealsTouched: 12 }), usageOf('proven', { wonDealsTouched: 0 })],
      ['proven', 'lucky'],
    ],
    [
      'stage evidence decides when the overall record is equal',
      [
        usageOf('lucky', {
          wonDealsTouched: 10,
          lostDealsTouched: 10,
          byBuyerStage: { consideration: { won: 1, lost: 9 } },
        }),
        usageOf('proven', {
          wonDealsTouched: 10,
          lostDealsTouched: 10,
          byBuyerStage: { consideration: { won: 9, lost: 1 } },
        }),
      ],
      ['proven', 'lucky'],
    ],
  ])('%s', (_name, stats, expected) => {
    const library = [anAsset({ id: 'lucky' }), anAsset({ id: 'proven' })];
    // A pool of ordinary assets sets the library's base rate at 30 %.
    const pool = Array.from({ length: 10 }, (_, i) =>
      anAsset({ id: `pool-${i}`, buyerStages: ['awareness'] }),
    );
    const poolStats = pool.map((a) => usageOf(a.id, { wonDealsTouched: 3, lostDealsTouched: 7 }));
    expect(ids({ leadStage: 'sql' }, [...library, ...pool], [...stats, ...poolStats], 2)).toEqual(expected);
  });
});

describe('recommend: what is shown', () => {
  it('never shows an archived asset, however well it won', () => {
    const library = [anAsset({ id: 'archived-star', status: 'archived' }), anAsset({ id: 'plain' })];
    const stats = [usageOf('archived-star', { wonDealsTouched: 50, sharesLast30Days: 40 })];
    expect(ids({ leadStage: 'sql' }, library, stats)).toEqual(['plain']);
  });

  it.each([
    ['returns at most the limit', 2, ['a', 'b']],
    ['returns every active asset when the limit exceeds the library', 10, ['a', 'b', 'c']],
  ])('%s', (_name, limit, expected) => {
    const library = ['c', 'b', 'a'].map((id) => anAsset({ id }));
    expect(ids({}, library, [], limit)).toEqual(expected);
  });

  it('returns nothing for an empty library', () => {
    expect(ids({ dealStage: 'proposal' }, [])).toEqual([]);
  });
});

describe('recommend: buyer stage', () => {
  const library = playbook.content.buyerStages.map((stage) =>
    anAsset({ id: stage.id, buyerStages: [stage.id] }),
  );

  it.each([
    ['maps the Inquiry lead stage to Awareness', { leadStage: 'inquiry' }, 'awareness'],
    ['maps the SQL lead stage to Consideration', { leadStage: 'sql' }, 'consideration'],
    ['maps the SAL lead stage to Decision', { leadStage: 'sal' }, 'decision'],
    ['maps the Evaluation deal stage to Consideration', { dealStage: 'evaluation' }, 'consideration'],
    ['maps the Proposal deal stage to Decision', { dealStage: 'proposal' }, 'decision'],
    ['maps the Closed won deal stage to Expansion', { dealStage: 'closed_won' }, 'expansion'],
  ])('%s', (_name, context, expected) => {
    const result = recommend(context, library, [], playbook, NOW, { limit: 4 });
    expect(result.ok && result.data[0]).toMatchObject({ assetId: expected, matchesStage: true });
    expect(result.ok && result.data.slice(1).every((r) => !r.matchesStage)).toBe(true);
  });

  it('ranks an asset for another stage below every stage match, whatever else it has going for it', () => {
    const offStage = anAsset({
      id: 'a-off-stage',
      buyerStages: ['decision'],
      objectionTypes: ['price', 'roi'],
      industries: ['Healthcare'],
      personas: ['CFO'],
    });
    const onStage = anAsset({ id: 'z-on-stage' });
    const stats = [
      usageOf('a-off-stage', {
        wonDealsTouched: 200,
        sharesLast30Days: 500,
        lastUsedAt: '2026-06-01T11:00:00Z',
      }),
      usageOf('z-on-stage', { lostDealsTouched: 200 }),
    ];
    const context = {
      dealStage: 'evaluation',
      industry: 'Healthcare',
      persona: 'CFO',
      openObjections: ['price', 'roi'],
    };
    expect(ids(context, [offStage, onStage], stats)).toEqual(['z-on-stage', 'a-off-stage']);
  });
});

describe('recommend: relevance', () => {
  it.each([
    ['puts the asset answering the open objection first', { openObjections: ['price'] }, 'answers-price'],
    ['puts the asset matching the industry first, in any case', { industry: 'HEALTHCARE' }, 'healthcare'],
    ['puts the asset written for the persona first', { persona: 'cfo' }, 'for-cfo'],
  ])('%s', (_name, context, expected) => {
    const library = [
      anAsset({ id: 'answers-price', objectionTypes: ['price'] }),
      anAsset({ id: 'healthcare', industries: ['Healthcare'] }),
      anAsset({ id: 'for-cfo', personas: ['CFO'] }),
      anAsset({ id: 'aaa-plain' }),
    ];
    expect(ids({ leadStage: 'sql', ...context }, library)[0]).toBe(expected);
  });

  it('prefers the asset that answers more of the open objections', () => {
    const library = [
      anAsset({ id: 'answers-one', objectionTypes: ['price'] }),
      anAsset({ id: 'answers-both', objectionTypes: ['price', 'roi'] }),
    ];
    expect(ids({ openObjections: ['price', 'roi'] }, library)).toEqual(['answers-both', 'answers-one']);
  });

  it('prefers the asset used recently when all else is equal', () => {
    const library = [anAsset({ id: 'a-stale' }), anAsset({ id: 'b-fresh' })];
    const stats = [
      usageOf('a-stale', { lastUsedAt: '2025-06-01T12:00:00Z' }),
      usageOf('b-fresh', { lastUsedAt: '2026-05-30T12:00:00Z', sharesLast30Days: 3 }),
    ];
    expect(ids({}, library, stats)).toEqual(['b-fresh', 'a-stale']);
  });
});

describe('recommend: deterministic ties', () => {
  it.each([
    ['breaks equal scores by id, whatever the library order', ['c', 'a', 'b']],
    ['gives the same order for the reversed library', ['b', 'a', 'c']],
  ])('%s', (_name, order) => {
    const library = order.map((id) => anAsset({ id }));
    expect(ids({ leadStage: 'sql' }, library)).toEqual(['a', 'b', 'c']);
  });

  it('compares ids by code unit, so upper case sorts before lower case in every locale', () => {
    const library = ['b', 'B', 'a'].map((id) => anAsset({ id }));
    expect(ids({}, library)).toEqual(['B', 'a', 'b']);
  });
});

describe('recommend: reasons', () => {
  it.each([
    [
      'cites stage evidence, the objection, the industry and recent shares',
      anAsset({ id: 'x', objectionTypes: ['price'], industries: ['Healthcare'] }),
      usageOf('x', {
        wonDealsTouched: 8,
        lostDealsTouched: 4,
        sharesLast30Days: 4,
        byBuyerStage: { consideration: { won: 7, lost: 2 } },
      }),
      { dealStage: 'evaluation', industry: 'healthcare', openObjections: ['price'] },
      [
        'won 7 of 9 deals at Consideration',
        'answers the price objection',
        'matches Healthcare',
        'shared 4 times in the last 30 days',
      ],
    ],
    [
      'falls back to all the deals it touched when it has no evidence at the stage',
      anAsset({ id: 'x', buyerStages: ['decision'], objectionTypes: ['price', 'roi'], personas: ['CFO'] }),
      usageOf('x', { wonDealsTouched: 1, sharesLast30Days: 1 }),
      { leadStage: 'sal', persona: 'cfo', openObjections: ['roi', 'price'] },
      [
        'made for Decision',
        'won 1 of 1 deal it touched',
        'answers the ROI and price objections',
        'written for CFO',
        'shared 1 time in the last 30 days',
      ],
    ],
    [
      'says when an asset was made for another stage and has not closed a deal',
      anAsset({ id: 'x', buyerStages: ['awareness', 'expansion'] }),
      usageOf('x'),
      { dealStage: 'negotiation' },
      ['made for Awareness and Expansion, not Decision', 'no closed deals yet'],
    ],
    [
      'leaves the stage out when the record has none',
      anAsset({ id: 'x' }),
      usageOf('x'),
      {},
      ['no closed deals yet'],
    ],
  ])('%s', (_name, asset, usage, context, expected) => {
    const result = recommend(context, [asset], [usage], playbook, NOW);
    expect(result.ok && result.data[0]?.reasons).toEqual(expected);
  });
});

describe('recommend: invalid context', () => {
  it.each([
    [
      'rejects a lead stage the stage map does not know',
      { leadStage: 'customer' },
      'leadStage',
      'unknown lead stage "customer"',
    ],
    [
      'rejects a deal stage the stage map does not know',
      { dealStage: 'pilot' },
      'dealStage',
      'unknown deal stage "pilot"',
    ],
    [
      'rejects a lead stage named like an inherited property',
      { leadStage: 'constructor' },
      'leadStage',
      'unknown lead stage "constructor"',
    ],
    [
      'rejects a deal stage named like an inherited property',
      { dealStage: 'toString' },
      'dealStage',
      'unknown deal stage "toString"',
    ],
    [
      'rejects a lead stage and a deal stage together',
      { leadStage: 'sql', dealStage: 'proposal' },
      'dealStage',
      'not both',
    ],
    [
      'rejects an unknown objection with its index',
      { openObjections: ['price', 'legal'] },
      'openObjections[1]',
      'unknown objection type "legal"',
    ],
    ['rejects a field it does not know', { stage: 'sql' }, '', 'Unrecognized key'],
  ])('%s', (_name, context, path, message) => {
    const result = recommend(context as RecommendContext, [anAsset()], [], playbook, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_CONTEXT');
      expect(result.error.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    }
  });

  it.each([
    ['rejects a limit of zero', 0],
    ['rejects a fractional limit', 2.5],
  ])('%s', (_name, limit) => {
    const result = recommend({}, [anAsset()], [], playbook, NOW, { limit });
    expect(!result.ok && result.error.issues[0]?.path).toBe('limit');
  });
});

describe('recommend: invariants', () => {
  const stages = playbook.content.buyerStages.map((s) => s.id);
  const objections = playbook.content.objectionTypes.map((o) => o.id);
  const arbitraryAsset = fc.record({
    id: fc.stringMatching(/^[a-e]{1,2}$/),
    buyerStages: fc.subarray(stages, { minLength: 1 }),
    objectionTypes: fc.subarray(objections),
    industries: fc.subarray(['Healthcare', 'Software']),
    archived: fc.boolean(),
    won: fc.nat(20),
    lost: fc.nat(20),
  });

  it('returns the same top results as scoring and sorting the whole library, without archived assets', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryAsset, { selector: (a) => a.id, maxLength: 25 }),
        fc.constantFrom('evaluation', 'proposal', 'closed_won'),
        fc.subarray(objections),
        fc.integer({ min: 1, max: 30 }),
        (drawn, dealStage, openObjections, limit) => {
          const library = drawn.map((a) =>
            anAsset({
              id: a.id,
              buyerStages: a.buyerStages,
              objectionTypes: a.objectionTypes,
              industries: a.industries,
              status: a.archived ? 'archived' : 'active',
            }),
          );
          const stats = drawn.map((a) => usageOf(a.id, { wonDealsTouched: a.won, lostDealsTouched: a.lost }));
          const context = { dealStage, openObjections, industry: 'Healthcare' };
          const top = recommend(context, library, stats, playbook, NOW, { limit });
          const all = recommend(context, library, stats, playbook, NOW, { limit: 1000 });
          if (!top.ok || !all.ok) return false;
          const active = drawn.filter((a) => !a.archived).length;
          const sorted = [...all.data].sort((x, y) => y.score - x.score || (x.assetId < y.assetId ? -1 : 1));
          return (
            all.data.length === active &&
            top.data.length === Math.min(limit, active) &&
            all.data.every((r, i) => r.assetId === sorted[i]?.assetId) &&
            top.data.every((r, i) => r.assetId === all.data[i]?.assetId) &&
            all.data.every((r) => !library.find((a) => a.id === r.assetId && a.status === 'archived'))
          );
        },
      ),
    );
  });
});
