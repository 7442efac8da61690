import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstantToMs } from './iso-instant';

describe('isoInstantToMs', () => {
  it.each([
    ['reads a UTC time', '2026-03-01T09:00:00Z', Date.UTC(2026, 2, 1, 9)],
    ['subtracts a positive offset', '2026-03-01T09:00:00+01:00', Date.UTC(2026, 2, 1, 8)],
    ['adds a negative offset across midnight', '2026-03-01T23:30:00-03:30', Date.UTC(2026, 2, 2, 3)],
    ['reads milliseconds', '2026-03-01T09:00:00.250Z', Date.UTC(2026, 2, 1, 9, 0, 0, 250)],
    ['reads a one-digit fraction as tenths', '2026-03-01T09:00:00.5Z', Date.UTC(2026, 2, 1, 9, 0, 0, 500)],
    [
      'drops digits after the milliseconds',
      '2026-03-01T09:00:00.123999Z',
      Date.UTC(2026, 2, 1, 9, 0, 0, 123),
    ],
    ['reads a leap day', '2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['reads a date before 1970', '1969-12-31T23:59:59Z', -1000],
  ])('%s (%s)', (_name, text, expected) => {
    expect(isoInstantToMs(text)).toBe(expected);
  });

  it.each([
    ['a local time without a zone', '2026-03-01T09:00:00'],
    ['a date without a time', '2026-03-01'],
    ['an offset without a colon', '2026-03-01T09:00:00+0100'],
    ['text after the zone', '2026-03-01T09:00:00Zx'],
    ['letters in the year', '20x6-03-01T09:00:00Z'],
  ])('gives NaN for %s', (_name, text) => {
    expect(isoInstantToMs(text)).toBeNaN();
  });

  it('agrees with Date.parse on any instant in any whole-minute offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(offset);
          const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
          const text = `${local}${zone}`;
          expect(isoInstantToMs(text)).toBe(Date.parse(text));
          expect(isoInstantToMs(text)).toBe(ms);
        },
      ),
    );
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
