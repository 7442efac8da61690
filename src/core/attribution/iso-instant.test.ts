import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
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

describe('isoInstantToMs against the schema', () => {
  const schemaInstant = z.iso.datetime({ offset: true });

  it.each([
    ['a 13th month', '2026-13-01T09:00:00Z'],
    ['30 February', '2026-02-30T09:00:00Z'],
    ['29 February in a century year that is not a leap year', '1900-02-29T00:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['a leap second', '2026-03-01T09:00:60Z'],
    ['an offset of 24 hours', '2026-03-01T09:00:00+24:00'],
    ['a dot without fraction digits', '2026-03-01T09:00:00.Z'],
    ['a space instead of T', '2026-03-01 09:00:00Z'],
    ['a lower-case z', '2026-03-01T09:00:00z'],
    ['a slash between the date parts', '2026/03/01T09:00:00Z'],
  ])('gives NaN, as the schema rejects it, for %s', (_name, text) => {
    expect(isoInstantToMs(text)).toBeNaN();
    expect(schemaInstant.safeParse(text).success).toBe(false);
  });

  it.each([
    ['29 February in a leap century', '2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['the largest offset', '2026-03-01T09:00:00-23:59', Date.UTC(2026, 2, 2, 8, 59)],
    ['year 0000', '0000-03-01T00:00:00Z', Date.parse('0000-03-01T00:00:00Z')],
  ])('reads %s, as the schema accepts it', (_name, text, expected) => {
    expect(isoInstantToMs(text)).toBe(expected);
    expect(schemaInstant.safeParse(text).success).toBe(true);
  });

  it('gives NaN exactly when the schema rejects the text, for valid instants with one character changed', () => {
    const valid = fc
      .tuple(
        fc.integer({ min: Date.parse('0000-01-01T00:00:00Z'), max: Date.parse('9999-12-30T00:00:00Z') }),
        fc.constantFrom('', '.5', '.123', '.123456'),
        fc.constantFrom('Z', '+01:00', '-05:30', '+23:59', '-00:00'),
      )
      .map(([ms, fraction, zone]) => `${new Date(ms).toISOString().slice(0, 19)}${fraction}${zone}`);
    const mutated = fc
      .tuple(
        valid,
        fc.nat(),
        fc.constantFrom('0', '1', '2', '3', '5', '9', '-', ':', 'T', 'Z', '.', '+', ' ', ''),
      )
      .map(([text, at, char]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + char + text.slice(i + (char === '' ? 1 : at % 2));
      });
    fc.assert(
      fc.property(fc.oneof(valid, mutated), (text) => {
        const ms = isoInstantToMs(text);
        expect(Number.isNaN(ms)).toBe(!schemaInstant.safeParse(text).success);
        if (!Number.isNaN(ms)) expect(ms).toBe(Date.parse(text));
      }),
      { numRuns: 2000 },
    );
  });
});
