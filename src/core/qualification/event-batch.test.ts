import { describe, expect, it } from 'vitest';
import type { Playbook } from '../playbook/schema';
import { compileEventBatcher, eventTypeIndex, toEventBatch } from './event-batch';
import { anEvent, DAY, NOW_MS } from './test-builders';

const playbook = {
  stages: [
    {
      id: 'mql',
      label: 'MQL',
      entry: {
        kind: 'at_least',
        n: 1,
        criteria: [{ kind: 'engagement', eventTypes: ['webinar_attended'], minCount: 1, windowDays: 30 }],
      },
    },
  ],
  engagement: { windowDays: 90, maxScore: 100, points: { page_view: 1, webinar_attended: 25 } },
} as unknown as Pick<Playbook, 'stages' | 'engagement'>;

describe('eventTypeIndex', () => {
  it('numbers the types named by nested criteria and by engagement points, each once', () => {
    const index = eventTypeIndex(playbook);
    expect([...index.ids]).toEqual([
      ['webinar_attended', 0],
      ['page_view', 1],
    ]);
    expect(index.size).toBe(2);
  });
});

describe('toEventBatch', () => {
  const index = eventTypeIndex(playbook);

  it('ages each event at now and puts unknown types in the last slot', () => {
    const batch = toEventBatch([anEvent('page_view', 2), anEvent('chat_started', 1)], index, NOW_MS);
    expect(batch.length).toBe(2);
    expect([...batch.types.slice(0, 2)]).toEqual([1, 2]);
    expect([...batch.ages.slice(0, 2)]).toEqual([2 * DAY, DAY]);
  });

  it('ages an event with an unreadable time as NaN, so no window counts it', () => {
    const batch = toEventBatch([{ type: 'page_view', at: '2026-03-01 10:00' }], index, NOW_MS);
    expect(batch.ages[0]).toBeNaN();
  });

  it('reuses the arrays of a large enough batch', () => {
    const first = toEventBatch([anEvent('page_view', 1)], index, NOW_MS);
    const second = toEventBatch([anEvent('webinar_attended', 3)], index, NOW_MS, first);
    expect(second.types).toBe(first.types);
    expect(second.ages[0]).toBe(3 * DAY);
  });
});

describe('compileEventBatcher', () => {
  // 'axbc' and 'aybc' share length and first, middle and last characters, so they always share a table slot.
  const types = ['axbc', 'aybc', 'page_view', 'webinar_attended', 'content_download', '', 'Page_View'];
  const index = { ids: new Map(types.map((type, id) => [type, id])), size: types.length };
  const batcher = compileEventBatcher(index);

  it.each<[string, string, number]>([
    ['finds a type that has its own slot', 'page_view', 2],
    ['finds the first of two types that share a slot', 'axbc', 0],
    ['finds the second of two types that share a slot', 'aybc', 1],
    ['finds the empty type when the playbook names it', '', 5],
    ['tells types apart by case', 'Page_View', 6],
    ['puts a type outside the playbook in the last slot', 'azbc', types.length],
    ['puts a type sharing a known type’s slot but not its text in the last slot', 'page_vieW', types.length],
    ['puts a non-string type in the last slot', 42 as unknown as string, types.length],
  ])('%s', (_scenario, type, id) => {
    expect(batcher([{ type, at: '2026-03-12T15:00:00.000Z' }], NOW_MS).types[0]).toBe(id);
  });

  it('gives the same batch as toEventBatch', () => {
    const events = types.map((type, i) => anEvent(type, i));
    const expected = toEventBatch(events, index, NOW_MS);
    const actual = batcher(events, NOW_MS);
    expect([...actual.types.slice(0, events.length)]).toEqual([...expected.types.slice(0, events.length)]);
    expect([...actual.ages.slice(0, events.length)]).toEqual([...expected.ages.slice(0, events.length)]);
  });
});
