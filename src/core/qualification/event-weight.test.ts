import { describe, expect, it } from 'vitest';
import { DAY_MS, eventWeight } from './event-weight';

describe('eventWeight', () => {
  it.each([
    ['an event happening now counts fully', 0, 30, undefined, 1],
    ['an event 29 days old counts fully without decay', 29 * DAY_MS, 30, undefined, 1],
    ['an event exactly windowDays old still counts', 30 * DAY_MS, 30, undefined, 1],
    ['an event one millisecond past the window does not count', 30 * DAY_MS + 1, 30, undefined, 0],
    ['a future event does not count', -1, 30, undefined, 0],
    ['an event with an unreadable time does not count', Number.NaN, 30, undefined, 0],
    ['decay halves the weight at one half-life', 15 * DAY_MS, 30, 15, 0.5],
    ['decay quarters the weight at two half-lives', 30 * DAY_MS, 30, 15, 0.25],
    ['decay leaves a fresh event whole', 0, 30, 15, 1],
    ['decay never brings back an event outside the window', 31 * DAY_MS, 30, 15, 0],
  ])('%s', (_name, ageMs, windowDays, halfLifeDays, expected) => {
    expect(eventWeight(ageMs, windowDays, halfLifeDays)).toBeCloseTo(expected, 12);
  });
});
