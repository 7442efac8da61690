import { describe, expect, it } from 'vitest';
import { formatBusinessDuration, parseBusinessDuration } from './duration';

describe('parseBusinessDuration', () => {
  it.each([
    ['reads four hours', 'PT4H', 4 * 3_600_000],
    ['reads hours and minutes', 'PT37H13M', 37 * 3_600_000 + 13 * 60_000],
    ['reads zero seconds', 'PT0S', 0],
    ['reads minutes alone', 'PT90M', 90 * 60_000],
    ['reads a fraction on the last unit', 'PT1.5H', 5_400_000],
    ['reads seconds with milliseconds', 'PT0.25S', 250],
  ])('%s (%s)', (_name, text, expected) => {
    expect(parseBusinessDuration(text)).toEqual({ ok: true, data: expected });
  });

  it.each([
    [
      'rejects days, which have no fixed length in business time',
      'P1D',
      'business time has no fixed-length day',
    ],
    ['rejects an empty time part', 'PT', 'expected an ISO-8601 time duration'],
    ['rejects a negative duration', '-PT4H', 'expected an ISO-8601 time duration'],
    ['rejects plain numbers', '4', 'expected an ISO-8601 time duration'],
    ['rejects a fraction before the last unit', 'PT1.5H30M', 'only the last unit may have a fraction'],
  ])('%s (%s)', (_name, text, message) => {
    const result = parseBusinessDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_DURATION');
      expect(result.error.message).toContain(message);
    }
  });
});

describe('formatBusinessDuration', () => {
  it.each([
    ['formats whole hours', 4 * 3_600_000, 'PT4H'],
    ['formats hours and minutes', 5_400_000, 'PT1H30M'],
    ['formats zero', 0, 'PT0S'],
    ['formats seconds with a fraction', 1_500, 'PT1.5S'],
    ['keeps the sign of a negative duration', -60_000, '-PT1M'],
  ])('%s', (_name, ms, expected) => {
    expect(formatBusinessDuration(ms)).toBe(expected);
  });
});
