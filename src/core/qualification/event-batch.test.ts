import { describe, expect, it } from 'vitest';
import type { Playbook } from '../playbook/schema';
import { eventTypeIndex, toEventBatch } from './event-batch';
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
