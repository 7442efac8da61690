import { err, ok, type Result } from '../shared/result';
import { civilDate, dayNumber } from './civil';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO-8601 instant that names its offset (`Z` or `±HH:MM`), so the machine's zone never matters.
 * @example parseInstant('2026-03-12T19:00:00Z') // → { ok: true, data: 1773342000000 }
 */
export function parseInstant(text: string): Result<number, 'INVALID_INSTANT'> {
  const match = ISO_INSTANT.exec(text);
  const ms =
    match && isRealDate(Number(match[1]), Number(match[2]), Number(match[3])) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    return err(
      'INVALID_INSTANT',
      `invalid instant "${text}" (expected ISO-8601 with an offset, e.g. 2026-03-12T19:00:00Z)`,
    );
  }
  return ok(ms);
}

/** Formats epoch milliseconds as `toISOString()` does: `formatInstant(0)` → `'1970-01-01T00:00:00.000Z'`. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

// Date.parse rolls 30 February over into March; a real date survives a round trip through the day number.
function isRealDate(year: number, month: number, day: number): boolean {
  const back = civilDate(dayNumber(year, month, day));
  return back.year === year && back.month === month && back.day === day;
}
