import { civilDate, DAY_MS, weekdayIndex } from '../time/civil';
import { wallToInstant } from '../time/zone';
import { WEEKDAYS, type CalendarSpec } from './calendar-schema';
import type { BusinessCalendar } from './types';
import { wallMinutes } from './validate-calendar';

/** One local day's business intervals as instants: `[open0, close0, open1, close1, …]`, plus the day's bounds. */
interface DayPlan {
  readonly startMs: number;
  readonly endMs: number;
  readonly intervals: readonly number[];
  readonly totalMs: number;
}

// A validated calendar has business time every year; this bound only stops a pathological spec (every open
// weekday of 30 years a holiday) from looping forever.
const MAX_CLOSED_DAYS = 366 * 30;
const MAX_CACHED_DAYS = 50_000;

/**
 * Compiles a calendar spec into a fast business-time calculator; each local day is resolved once and cached.
 * @example compileCalendar(usEast).due(Date.parse('2026-03-12T19:00:00Z'), 4 * 3_600_000) // → 2026-03-16T15:00Z
 */
export function compileCalendar(spec: CalendarSpec): BusinessCalendar {
  const zone = spec.timeZone;
  const weekly = WEEKDAYS.map((day) =>
    (spec.hours[day] ?? [])
      .map(([open, close]) => [wallMinutes(open), wallMinutes(close)] as const)
      .filter(([open, close]) => close > open)
      .sort((a, b) => a[0] - b[0]),
  );
  const annualHolidays = new Set<number>();
  const datedHolidays = new Set<string>();
  for (const holiday of spec.holidays) {
    if (holiday.startsWith('*-'))
      annualHolidays.add(Number(holiday.slice(2, 4)) * 100 + Number(holiday.slice(5, 7)));
    else datedHolidays.add(holiday);
  }
  const cache = new Map<number, DayPlan>();

  function isHoliday(day: number): boolean {
    const { year, month, day: dom } = civilDate(day);
    if (annualHolidays.has(month * 100 + dom)) return true;
    if (datedHolidays.size === 0) return false;
    return datedHolidays.has(`${year}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`);
  }

  function plan(day: number): DayPlan {
    const cached = cache.get(day);
    if (cached) return cached;
    if (cache.size >= MAX_CACHED_DAYS) cache.clear();
    const startMs = wallToInstant(zone, day * DAY_MS);
    const endMs = wallToInstant(zone, (day + 1) * DAY_MS);
    const intervals: number[] = [];
    let totalMs = 0;
    if (!isHoliday(day)) {
      for (const [open, close] of weekly[weekdayIndex(day)] ?? []) {
        const from = wallToInstant(zone, day * DAY_MS + open * 60_000);
        const to = close === 1440 ? endMs : wallToInstant(zone, day * DAY_MS + close * 60_000);
        // An interval inside a DST gap collapses to nothing under the compatible rule.
        if (to > from) {
          intervals.push(from, to);
          totalMs += to - from;
        }
      }
    }
    const entry: DayPlan = { startMs, endMs, intervals, totalMs };
    cache.set(day, entry);
    return entry;
  }

  /** The local day containing an instant: within one day of its UTC day for any real offset. */
  function dayOf(ms: number): number {
    let day = Math.floor(ms / DAY_MS);
    for (;;) {
      const p = plan(day);
      if (ms < p.startMs) day -= 1;
      else if (ms >= p.endMs) day += 1;
      else return day;
    }
  }

  function nextOpening(ms: number): number {
    let day = dayOf(ms);
    for (let closed = 0; closed <= MAX_CLOSED_DAYS; day += 1) {
      const { intervals } = plan(day);
      for (let i = 0; i < intervals.length; i += 2) {
        const close = intervals[i + 1] as number;
        if (close > ms) return Math.max(intervals[i] as number, ms);
      }
      closed = intervals.length === 0 ? closed + 1 : 0;
    }
    throw new RangeError(`calendar "${spec.id}" has no business time within ${MAX_CLOSED_DAYS} days`);
  }

  return {
    id: spec.id,
    timeZone: zone,

    due(startMs, durationMs) {
      if (durationMs <= 0) return nextOpening(startMs);
      let remaining = durationMs;
      let day = dayOf(startMs);
      for (let closed = 0; closed <= MAX_CLOSED_DAYS; day += 1) {
        const { intervals } = plan(day);
        for (let i = 0; i < intervals.length; i += 2) {
          const close = intervals[i + 1] as number;
          if (close <= startMs) continue;
          const from = Math.max(intervals[i] as number, startMs);
          const available = close - from;
          if (remaining <= available) return from + remaining;
          remaining -= available;
        }
        closed = intervals.length === 0 ? closed + 1 : 0;
      }
      throw new RangeError(`calendar "${spec.id}" has no business time within ${MAX_CLOSED_DAYS} days`);
    },

    elapsed(fromMs, toMs) {
      if (toMs <= fromMs) return 0;
      const lastDay = dayOf(toMs);
      let total = 0;
      for (let day = dayOf(fromMs); day <= lastDay; day += 1) {
        const p = plan(day);
        if (p.startMs >= fromMs && p.endMs <= toMs) {
          total += p.totalMs;
          continue;
        }
        const { intervals } = p;
        for (let i = 0; i < intervals.length; i += 2) {
          const from = Math.max(intervals[i] as number, fromMs);
          const to = Math.min(intervals[i + 1] as number, toMs);
          if (to > from) total += to - from;
        }
      }
      return total;
    },

    isOpen(ms) {
      const { intervals } = plan(dayOf(ms));
      for (let i = 0; i < intervals.length; i += 2) {
        if (ms >= (intervals[i] as number) && ms < (intervals[i + 1] as number)) return true;
      }
      return false;
    },

    nextOpening,
  };
}
