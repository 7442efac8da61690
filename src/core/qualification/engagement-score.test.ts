import { describe, expect, it } from 'vitest';
import type { EngagementScoring } from '../playbook/schema';
import { compileEngagementScore } from './engagement-score';
import { toEventBatch, type EventTypeIndex } from './event-batch';
import type { EngagementEvent } from './record-schema';
import { anEvent, NOW_MS } from './test-builders';

const index: EventTypeIndex = {
  ids: new Map([
    ['page_view', 0],
    ['webinar_attended', 1],
    ['demo_requested', 2],
    ['content_download', 3],
  ]),
  size: 4,
};
const scoring = (rest: Partial<EngagementScoring> = {}): EngagementScoring => ({
  windowDays: 90,
  maxScore: 100,
  points: { page_view: 1, webinar_attended: 25, demo_requested: 40 },
  ...rest,
});
const score = (s: EngagementScoring, events: EngagementEvent[]) =>
  compileEngagementScore(s, index)(toEventBatch(events, index, NOW_MS));

describe('compileEngagementScore', () => {
  it.each<[string, EngagementScoring, EngagementEvent[], number, number]>([
    ['no events score 0', scoring(), [], 0, 0],
    [
      'a webinar and a demo score 65',
      scoring(),
      [anEvent('webinar_attended', 1), anEvent('demo_requested', 2)],
      65,
      65,
    ],
    [
      'points beyond maxScore are capped at 100',
      scoring(),
      [1, 2, 3].map((d) => anEvent('demo_requested', d)),
      100,
      120,
    ],
    ['the score scales to maxScore', scoring({ maxScore: 50 }), [anEvent('webinar_attended', 1)], 50, 25],
    ['events outside the window score nothing', scoring(), [anEvent('demo_requested', 91)], 0, 0],
    ['an event exactly windowDays old still scores', scoring(), [anEvent('demo_requested', 90)], 40, 40],
    ['future events score nothing', scoring(), [anEvent('demo_requested', -1)], 0, 0],
    [
      'types without points score nothing',
      scoring(),
      [anEvent('content_download', 1), anEvent('chat', 1)],
      0,
      0,
    ],
    [
      'decay halves an event one half-life old',
      scoring({ halfLifeDays: 30 }),
      [anEvent('demo_requested', 30), anEvent('demo_requested', 0)],
      60,
      60,
    ],
  ])('%s', (_name, s, events, expectedScore, rawPoints) => {
    expect(score(s, events)).toMatchObject({ score: expectedScore, rawPoints });
  });

  it('breaks the points down by event type, highest first', () => {
    const result = score(scoring({ halfLifeDays: 30 }), [
      anEvent('page_view', 0),
      anEvent('page_view', 30),
      anEvent('webinar_attended', 30),
      anEvent('content_download', 1),
    ]);
    expect(result.byType).toEqual([
      { type: 'webinar_attended', count: 1, points: 12.5 },
      { type: 'page_view', count: 2, points: 1.5 },
    ]);
    expect(result).toMatchObject({ windowDays: 90, halfLifeDays: 30, maxScore: 100, score: 14 });
  });

  it('starts every record from zero (no state leaks between calls)', () => {
    const compiled = compileEngagementScore(scoring(), index);
    compiled(toEventBatch([anEvent('demo_requested', 1)], index, NOW_MS));
    expect(compiled(toEventBatch([anEvent('page_view', 1)], index, NOW_MS))).toMatchObject({
      score: 1,
      byType: [{ type: 'page_view', count: 1, points: 1 }],
    });
  });
});
