import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventInstantMs } from './event-instant';

describe('eventInstantMs', () => {
  it.each([
    ['a UTC instant with seconds', '2026-03-02T15:00:00Z', Date.UTC(2026, 2, 2, 15)],
    ['a UTC instant without seconds', '2026-03-02T15:00Z', Date.UTC(2026, 2, 2, 15)],
    ['an instant with milliseconds', '2026-03-02T15:00:00.123Z', Date.UTC(2026, 2, 2, 15, 0, 0, 123)],
    [
      'microseconds, truncated to milliseconds',
      '2026-03-02T15:00:00.123999Z',
      Date.UTC(2026, 2, 2, 15, 0, 0, 123),
    ],
    ['a positive offset', '2026-03-02T20:30:00+05:30', Date.UTC(2026, 2, 2, 15)],
    ['a negative offset', '2026-03-02T10:00:00-05:00', Date.UTC(2026, 2, 2, 15)],
    ['a leap day', '2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
    ['24:00, the end of the day', '2026-03-02T24:00:00Z', Date.UTC(2026, 2, 3)],
  ])('reads %s', (_name, text, expected) => {
    expect(eventInstantMs(text)).toBe(expected);
  });

  it.each([
    ['text without an offset (it would depend on the machine zone)', '2026-03-02T15:00:00'],
    ['a date only', '2026-03-02'],
    ['February 30th', '2026-02-30T00:00:00Z'],
    ['February 29th outside a leap year', '2027-02-29T00:00:00Z'],
    ['minute 60', '2026-03-02T15:60:00Z'],
    ['an empty fraction', '2026-03-02T15:00:00.Z'],
    ['trailing text', '2026-03-02T15:00:00Zjunk'],
    ['letters in the year', '20x6-03-02T15:00:00Z'],
    ['a blank string', ''],
  ])('refuses %s', (_name, text) => {
    expect(eventInstantMs(text)).toBeNaN();
  });

  it('agrees with Date.parse on any instant and offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offsetMin) => {
          const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(offsetMin);
          const offset = `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const text = local + offset;
          expect(eventInstantMs(text)).toBe(Date.parse(text));
          expect(eventInstantMs(text)).toBe(ms);
        },
      ),
    );
  });

  it('reads the toISOString form (its fast path) exactly as Date.parse does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(eventInstantMs(text)).toBe(ms);
      }),
    );
  });

  it.each([
    ['a month 13 in the toISOString form', '2026-13-02T15:00:00.000Z'],
    ['30 February in the toISOString form', '2026-02-30T15:00:00.000Z'],
    ['a letter among the digits of the toISOString form', '2026-03-0xT15:00:00.000Z'],
    ['a minute 60 in the toISOString form', '2026-03-02T15:60:00.000Z'],
  ])('refuses %s', (_name, text) => {
    expect(eventInstantMs(text)).toBeNaN();
  });
});
