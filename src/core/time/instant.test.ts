import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['reads a UTC instant', '2026-03-12T19:00:00Z', Date.UTC(2026, 2, 12, 19)],
    ['reads an offset', '2026-03-12T15:00:00-04:00', Date.UTC(2026, 2, 12, 19)],
    ['reads milliseconds', '2026-03-12T19:00:00.250Z', Date.UTC(2026, 2, 12, 19, 0, 0, 250)],
    ['reads minutes without seconds', '2026-03-12T19:00Z', Date.UTC(2026, 2, 12, 19)],
  ])('%s', (_name, text, expected) => {
    expect(parseInstant(text)).toEqual({ ok: true, data: expected });
  });

  it.each([
    ['rejects a local time with no offset (it would depend on the machine zone)', '2026-03-12T19:00:00'],
    ['rejects a date alone', '2026-03-12'],
    ['rejects an impossible date', '2026-02-30T10:00:00Z'],
    ['rejects words', 'tomorrow'],
  ])('%s', (_name, text) => {
    const result = parseInstant(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`invalid instant "${text}"`);
  });

  it('formats as toISOString does', () => {
    expect(formatInstant(Date.UTC(2026, 2, 16, 15))).toBe('2026-03-16T15:00:00.000Z');
  });
});
