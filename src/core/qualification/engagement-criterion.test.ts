import { describe, expect, it } from 'vitest';
import type { EngagementCriterion } from '../playbook/schema';
import { compileEngagementCriterion } from './engagement-criterion';
import { toEventBatch, type EventTypeIndex } from './event-batch';
import type { EngagementEvent } from './record-schema';
import { anEvent, DAY, NOW_MS } from './test-builders';

const index: EventTypeIndex = {
  ids: new Map([
    ['webinar_attended', 0],
    ['content_download', 1],
  ]),
  size: 2,
};
const downloads = (rest: Partial<EngagementCriterion> = {}): EngagementCriterion => ({
  kind: 'engagement',
  eventTypes: ['content_download'],
  minCount: 3,
  windowDays: 30,
  ...rest,
});
const evaluate = (criterion: EngagementCriterion, events: EngagementEvent[]) =>
  compileEngagementCriterion(criterion, index)(toEventBatch(events, index, NOW_MS));

describe('compileEngagementCriterion', () => {
  it.each<[string, EngagementCriterion, EngagementEvent[], boolean, number]>([
    [
      'three downloads in 30 days meet the bar',
      downloads(),
      [1, 5, 20].map((d) => anEvent('content_download', d)),
      true,
      3,
    ],
    ['two downloads do not', downloads(), [1, 5].map((d) => anEvent('content_download', d)), false, 2],
    [
      'a download exactly 30 days old still counts',
      downloads(),
      [1, 5, 30].map((d) => anEvent('content_download', d)),
      true,
      3,
    ],
    [
      'a download 30 days and one second old does not',
      downloads(),
      [
        anEvent('content_download', 1),
        anEvent('content_download', 5),
        anEvent('content_download', 30 + 1 / 86_400),
      ],
      false,
      2,
    ],
    [
      'a future download (dated after now) is ignored',
      downloads(),
      [1, 5, -1].map((d) => anEvent('content_download', d)),
      false,
      2,
    ],
    [
      'events of other types are ignored',
      downloads(),
      [anEvent('content_download', 1), anEvent('webinar_attended', 1), anEvent('page_view', 1)],
      false,
      1,
    ],
    [
      'any listed type counts',
      downloads({ eventTypes: ['content_download', 'webinar_attended'], minCount: 2 }),
      [anEvent('content_download', 1), anEvent('webinar_attended', 2)],
      true,
      2,
    ],
    [
      'with decay, two fresh events and one a half-life old make 2.5',
      downloads({ halfLifeDays: 10, minCount: 2.5 }),
      [anEvent('content_download', 0), anEvent('content_download', 0), anEvent('content_download', 10)],
      true,
      2.5,
    ],
    [
      'with decay, three events a half-life old count 1.5 and miss a bar of 2',
      downloads({ halfLifeDays: 10, minCount: 2 }),
      [10, 10, 10].map((d) => anEvent('content_download', d)),
      false,
      1.5,
    ],
    ['no events at all count 0', downloads(), [], false, 0],
  ])('%s', (_name, criterion, events, met, actual) => {
    expect(evaluate(criterion, events)).toMatchObject({ kind: 'engagement', met, actual });
  });

  it('counts decayed events to two decimals for display', () => {
    const result = evaluate(downloads({ halfLifeDays: 30, minCount: 1 }), [anEvent('content_download', 7)]);
    expect(result.actual).toBe(Math.round(2 ** (-7 / 30) * 100) / 100);
  });

  it.each<[string, EngagementCriterion, string, string]>([
    ['a generated label', downloads(), '3 × content_download in 30 days', '≥ 3 in 30 days'],
    [
      'a decayed criterion',
      downloads({ halfLifeDays: 14, label: 'three recent downloads' }),
      'three recent downloads',
      '≥ 3 in 30 days, decayed with a 14-day half-life',
    ],
  ])('describes %s', (_name, criterion, label, expected) => {
    expect(evaluate(criterion, [])).toMatchObject({ label, expected });
  });

  it('checks the window against now, not the machine clock', () => {
    const old = [{ type: 'content_download', at: new Date(NOW_MS - 31 * DAY).toISOString() }];
    const atNow = compileEngagementCriterion(downloads({ minCount: 1 }), index);
    expect(atNow(toEventBatch(old, index, NOW_MS)).met).toBe(false);
    expect(atNow(toEventBatch(old, index, NOW_MS - 2 * DAY)).met).toBe(true);
  });
});
