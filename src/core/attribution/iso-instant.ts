import { DAY_MS, dayNumber, daysInMonth } from '../time/civil';

const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const T = 84;
const Z = 90;

/**
 * Reads an ISO-8601 date-time with a zone as epoch milliseconds, about ten times faster than `Date.parse`. It accepts
 * exactly what the attribution schema (`z.iso.datetime({ offset: true })`) accepts — real calendar dates, seconds
 * required, any number of fraction digits, `Z` or `±HH:MM` — and gives NaN for anything else, so validation can
 * check and parse a million instants in one step. Digits after the milliseconds are dropped, as Date does.
 * @example isoInstantToMs('2026-03-01T09:00:00+01:00') // → 1772352000000 (08:00Z)
 */
export function isoInstantToMs(text: string): number {
  const length = text.length;
  if (
    length < 20 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return Number.NaN;
  }
  // Small integers throughout, with -1 for "not two digits", keep this on V8's fastest arithmetic.
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((century | yy | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1)
    return Number.NaN;
  const year = century * 100 + yy;
  if (day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === DOT) {
    const from = ++i;
    for (let code = text.charCodeAt(i); code >= 48 && code <= 57; code = text.charCodeAt(++i)) {
      if (i < from + 3) ms = ms * 10 + code - 48;
    }
    if (i === from) return Number.NaN;
    // One or two digits are tenths or hundredths.
    if (i === from + 1) ms *= 100;
    else if (i === from + 2) ms *= 10;
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if (zone === Z && i + 1 === length) offsetMinutes = 0;
  else if ((zone === PLUS || zone === DASH) && i + 6 === length && text.charCodeAt(i + 3) === COLON) {
    const offsetHours = twoDigits(text, i + 1);
    const offsetMins = twoDigits(text, i + 4);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return Number.NaN;
    offsetMinutes = (offsetHours * 60 + offsetMins) * (zone === DASH ? -1 : 1);
  } else return Number.NaN;
  const days = dayNumber(year, month, day);
  return days * DAY_MS + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

function twoDigits(text: string, from: number): number {
  const high = text.charCodeAt(from) - 48;
  const low = text.charCodeAt(from + 1) - 48;
  // NaN past the end fails both tests, like any non-digit.
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}
