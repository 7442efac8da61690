/** Field values as the emulator stores them: datetimes as `2026-12-03T16:52:00.000+0000`, dates as `2026-12-03`. */
export type FieldValue = string | number | boolean | null;

/** One stored record: every field by its canonical API name, system fields included. */
export type SfRow = Record<string, FieldValue>;

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Salesforce's datetime format in REST responses. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch ms of an ISO-8601 datetime (offset optional, meaning UTC), or null when the text is not one. */
export function parseDateTime(text: string): number | null {
  const m = DATETIME.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = Number((frac ?? '0').padEnd(3, '0').slice(0, 3));
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'), ms);
  if (!validCalendarDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59) return null;
  return utc - offsetMinutes * 60_000;
}

/** Epoch ms of midnight UTC of a `YYYY-MM-DD` date, or null. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validCalendarDate(y, mo, d)) return null;
  return Date.UTC(y, mo - 1, d);
}

function validCalendarDate(y: number, mo: number, d: number): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
