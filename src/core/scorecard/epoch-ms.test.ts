import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochMs } from './epoch-ms';

describe('epochMs', () => {
  it.each([
    ['reads a UTC instant with milliseconds', '2026-01-01T00:00:00.000Z'],
    ['reads a UTC instant without milliseconds', '2026-03-31T23:59:59Z'],
    ['reads the leap day', '2028-02-29T12:00:00Z'],
    ['reads the last day of a 31-day month', '2026-12-31T23:59:59.999Z'],
    ['hands an offset to Date.parse', '2026-04-01T01:00:00+02:00'],
    ['hands a microsecond fraction to Date.parse', '2026-04-01T01:00:00.123456Z'],
    ['rejects 30 February as Date.parse does', '2026-02-30T00:00:00Z'],
    ['rejects a month 13 as Date.parse does', '2026-13-01T00:00:00Z'],
    ['rejects letters where digits belong', '2026-0A-01T00:00:00Z'],
  ])('%s (%s)', (_name, iso) => {
    expect(epochMs(iso)).toEqual(Date.parse(iso));
  });

  it('agrees with Date.parse on every canonical instant from 1900 to 2200', () => {
    const min = Date.UTC(1900, 0, 1);
    const max = Date.UTC(2200, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min, max }), fc.boolean(), (ms, withMillis) => {
        const iso = withMillis
          ? new Date(ms).toISOString()
          : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
        expect(epochMs(iso)).toBe(Date.parse(iso));
      }),
    );
  });
});
