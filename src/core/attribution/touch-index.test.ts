import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAttributionInput, validateAttributionInput } from './input';
import { indexAttribution, type AttributionIndex } from './touch-index';

function indexFixture(fixture: string, asOf = '2026-06-30T00:00:00Z'): AttributionIndex {
  const raw: unknown = JSON.parse(
    readFileSync(new URL(`__fixtures__/${fixture}.json`, import.meta.url), 'utf8'),
  );
  const input = parseAttributionInput(raw);
  if (!input.ok) throw new Error(`fixture ${fixture} is invalid`);
  return indexAttribution(input.data, new Date(asOf));
}

/** Deal d's touches in T, by id, and its milestones by id. */
function dealView(index: AttributionIndex, d: number) {
  const start = index.dealStart[d] ?? 0;
  const size = index.dealSize[d] ?? 0;
  const ids = Array.from(index.touchOrder.subarray(start, start + size), (t) => index.touches[t]?.id);
  return {
    T: ids,
    FT: ids[0],
    LC: ids[index.dealLc[d] ?? -1],
    OC: ids[index.dealOc[d] ?? -1],
    LAST: ids[size - 1],
  };
}

describe('indexAttribution', () => {
  it.each([
    [
      'finds four distinct milestones and drops the touch after the close',
      'seven-touches-milestones-apart',
      undefined,
      { T: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'], FT: 'T1', LC: 'T3', OC: 'T5', LAST: 'T7' },
    ],
    [
      'puts LC and OC on one touch when nothing happens between the two dates',
      'lead-and-opportunity-created-on-one-touch',
      undefined,
      { T: ['T1', 'T2', 'T3', 'T4'], FT: 'T1', LC: 'T3', OC: 'T3', LAST: 'T4' },
    ],
    [
      'falls back from LC to FT and from OC to LC when no touch precedes the lead',
      'no-touch-before-lead-creation',
      undefined,
      { T: ['T1', 'T2', 'T3'], FT: 'T1', LC: 'T1', OC: 'T1', LAST: 'T3' },
    ],
    [
      'clamps OC up to LC when the opportunity predates the lead',
      'opportunity-created-before-the-lead',
      undefined,
      { T: ['T1', 'T2', 'T3'], FT: 'T1', LC: 'T2', OC: 'T2', LAST: 'T3' },
    ],
    [
      'orders touches at the same instant by id, whatever their offsets and input order',
      'two-touches-at-the-same-time',
      undefined,
      { T: ['T1', 'T2'], FT: 'T1', LC: 'T2', OC: 'T2', LAST: 'T2' },
    ],
    [
      'ends an open deal at the as-of date, keeping a touch exactly at it',
      'open-deal',
      '2026-03-25T00:00:00Z',
      { T: ['T1', 'T2'], FT: 'T1', LC: 'T1', OC: 'T1', LAST: 'T2' },
    ],
  ])('%s', (_name, fixture, asOf, expected) => {
    expect(dealView(indexFixture(fixture, asOf), 0)).toEqual(expected);
  });

  it('gives deals without touches in range an empty T', () => {
    const index = indexFixture('deals-without-touches-in-range');
    expect(Array.from(index.dealSize)).toEqual([2, 0, 0]);
    expect(index.positions).toBe(2);
  });

  it('numbers assets and channels in order of first appearance', () => {
    const index = indexFixture('two-touches-a-week-apart');
    expect([index.assetIds, index.channelIds]).toEqual([
      ['A1', 'A2'],
      ['webinar', 'email'],
    ]);
    expect(Array.from(index.touchAsset)).toEqual([0, 1]);
  });

  it('sorts a deal with many touches given in reverse order', () => {
    const touches = Array.from({ length: 60 }, (_, i) => ({
      id: `T${String(59 - i).padStart(2, '0')}`,
      dealId: 'D1',
      assetId: 'A1',
      channel: 'email',
      at: new Date(Date.UTC(2026, 0, 1) + Math.floor((59 - i) / 2) * 86_400_000).toISOString(),
    }));
    const deal = {
      id: 'D1',
      amount: 1,
      leadCreatedAt: '2026-01-05T00:00:00Z',
      createdAt: '2026-01-10T00:00:00Z',
      closedAt: '2026-12-01T00:00:00Z',
      won: true,
    };
    const index = indexAttribution({ deals: [deal], touches }, new Date('2026-12-31T00:00:00Z'));
    const view = dealView(index, 0);
    expect(view.T).toEqual(Array.from({ length: 60 }, (_, i) => `T${String(i).padStart(2, '0')}`));
    // Two touches a day from 1 January: the last ones at or before 5 and 10 January are T09 and T19.
    expect([view.LC, view.OC]).toEqual(['T09', 'T19']);
  });

  it.each([
    'seven-touches-milestones-apart',
    'two-touches-at-the-same-time',
    'deals-without-touches-in-range',
    'open-deal',
  ])('builds the same index from the columns of validation as from the input alone (%s)', (fixture) => {
    const raw: unknown = JSON.parse(
      readFileSync(new URL(`__fixtures__/${fixture}.json`, import.meta.url), 'utf8'),
    );
    const validated = validateAttributionInput(raw);
    if (!validated.ok) throw new Error(`fixture ${fixture} is invalid`);
    const asOf = new Date('2026-03-25T00:00:00Z');
    expect(indexAttribution(validated.data.data, asOf, validated.data.columns)).toStrictEqual(
      indexAttribution(validated.data.data, asOf),
    );
  });
});
