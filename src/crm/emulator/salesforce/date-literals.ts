/**
 * SOQL date literals (`TODAY`, `LAST_N_DAYS:7`, `THIS_QUARTER`…) as half-open UTC ranges [start, end) relative to
 * the emulator clock. The emulated org's time zone is UTC, weeks start on Sunday (Salesforce's en_US default) and
 * the fiscal year is the calendar year (Salesforce's default fiscal settings).
 */

export interface DateRange {
  readonly start: number;
  readonly end: number;
}

const DAY = 86_400_000;

const startOfDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

const startOfMonth = (ms: number): number => addMonths(ms, 0);

function startOfQuarter(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
}

const startOfYear = (ms: number): number => Date.UTC(new Date(ms).getUTCFullYear(), 0, 1);

function startOfWeek(ms: number): number {
  const day = startOfDay(ms);
  return day - new Date(day).getUTCDay() * DAY;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

function unitStart(unit: Unit, now: number): number {
  switch (unit) {
    case 'day':
      return startOfDay(now);
    case 'week':
      return startOfWeek(now);
    case 'month':
      return startOfMonth(now);
    case 'quarter':
      return startOfQuarter(now);
    case 'year':
      return startOfYear(now);
  }
}

/** The start of the unit `n` units after (or before, n < 0) the one starting at `start`. */
function shift(unit: Unit, start: number, n: number): number {
  switch (unit) {
    case 'day':
      return start + n * DAY;
    case 'week':
      return start + n * 7 * DAY;
    case 'month':
      return addMonths(start, n);
    case 'quarter':
      return addMonths(start, 3 * n);
    case 'year':
      return addMonths(start, 12 * n);
  }
}

/** THIS_x / LAST_x / NEXT_x: the whole unit containing now, or the one before or after it. */
function relativeUnit(unit: Unit, offset: number, now: number): DateRange {
  const start = shift(unit, unitStart(unit, now), offset);
  return { start, end: shift(unit, start, 1) };
}

const FIXED: Readonly<Record<string, (now: number) => DateRange>> = {
  YESTERDAY: (now) => relativeUnit('day', -1, now),
  TODAY: (now) => relativeUnit('day', 0, now),
  TOMORROW: (now) => relativeUnit('day', 1, now),
  LAST_WEEK: (now) => relativeUnit('week', -1, now),
  THIS_WEEK: (now) => relativeUnit('week', 0, now),
  NEXT_WEEK: (now) => relativeUnit('week', 1, now),
  LAST_MONTH: (now) => relativeUnit('month', -1, now),
  THIS_MONTH: (now) => relativeUnit('month', 0, now),
  NEXT_MONTH: (now) => relativeUnit('month', 1, now),
  LAST_90_DAYS: (now) => ({ start: startOfDay(now) - 90 * DAY, end: startOfDay(now) + DAY }),
  NEXT_90_DAYS: (now) => ({ start: startOfDay(now) + DAY, end: startOfDay(now) + 91 * DAY }),
  THIS_QUARTER: (now) => relativeUnit('quarter', 0, now),
  LAST_QUARTER: (now) => relativeUnit('quarter', -1, now),
  NEXT_QUARTER: (now) => relativeUnit('quarter', 1, now),
  THIS_YEAR: (now) => relativeUnit('year', 0, now),
  LAST_YEAR: (now) => relativeUnit('year', -1, now),
  NEXT_YEAR: (now) => relativeUnit('year', 1, now),
  THIS_FISCAL_QUARTER: (now) => relativeUnit('quarter', 0, now),
  LAST_FISCAL_QUARTER: (now) => relativeUnit('quarter', -1, now),
  NEXT_FISCAL_QUARTER: (now) => relativeUnit('quarter', 1, now),
  THIS_FISCAL_YEAR: (now) => relativeUnit('year', 0, now),
  LAST_FISCAL_YEAR: (now) => relativeUnit('year', -1, now),
  NEXT_FISCAL_YEAR: (now) => relativeUnit('year', 1, now),
};

const N_UNITS: Readonly<Record<string, Unit>> = {
  DAYS: 'day',
  WEEKS: 'week',
  MONTHS: 'month',
  QUARTERS: 'quarter',
  YEARS: 'year',
  FISCAL_QUARTERS: 'quarter',
  FISCAL_YEARS: 'year',
};

/**
 * The range of a date literal such as `TODAY` or `LAST_N_DAYS:7`, or null when the literal is unknown.
 * LAST_N_DAYS:n includes today (n + 1 days, as Salesforce counts it); NEXT_N_DAYS:n starts tomorrow;
 * LAST_N_x / NEXT_N_x for longer units cover whole units before or after the current one.
 */
export function dateLiteralRange(literal: string, now: number): DateRange | null {
  const upper = literal.toUpperCase();
  const fixed = FIXED[upper];
  if (fixed !== undefined) return fixed(now);
  const m = /^(LAST_N|NEXT_N|N)_([A-Z_]+?)(?:_AGO)?:(\d+)$/.exec(upper);
  if (m === null) return null;
  const [, kind, unitName, digits] = m;
  const unit = N_UNITS[unitName ?? ''];
  const n = Number(digits);
  if (unit === undefined) return null;
  const ago = upper.includes('_AGO:');
  const current = unitStart(unit, now);
  if (kind === 'N' && ago) {
    const start = shift(unit, current, -n);
    return { start, end: shift(unit, start, 1) };
  }
  if (kind === 'LAST_N') {
    return unit === 'day'
      ? { start: current - n * DAY, end: current + DAY }
      : { start: shift(unit, current, -n), end: current };
  }
  if (kind === 'NEXT_N') {
    const next = shift(unit, current, 1);
    return { start: next, end: shift(unit, next, n) };
  }
  return null;
}
