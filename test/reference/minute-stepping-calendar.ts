// A deliberately naive business-hours calendar for property tests: it shares no code with src/core, reads the
// zone only through Intl.DateTimeFormat, and counts business time one minute at a time.
import type { CalendarSpec } from '../../src/core/sla/calendar-schema';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface Wall {
  year: number;
  month: number;
  day: number;
  minuteOfDay: number;
  /** Wall time written as if it were UTC. */
  asUtc: number;
}

export class MinuteSteppingCalendar {
  private readonly format: Intl.DateTimeFormat;
  private readonly intervalsByDate = new Map<string, [number, number][]>();

  constructor(private readonly spec: CalendarSpec) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: spec.timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
  }

  wallOf(instant: number): Wall {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const { year = 0, month = 0, day = 0, hour = 0, minute = 0 } = parts;
    return {
      year,
      month,
      day,
      minuteOfDay: hour * 60 + minute,
      asUtc: Date.UTC(year, month - 1, day, hour, minute),
    };
  }

  /** Compatible rule, found by sampling the offsets in force around the wall time. */
  instantOf(wallAsUtc: number): number {
    const offsets = new Set<number>();
    for (let t = wallAsUtc - 16 * HOUR; t <= wallAsUtc + 16 * HOUR; t += HOUR) {
      offsets.add(this.wallOf(t).asUtc - t);
    }
    const matches = [...offsets].map((o) => wallAsUtc - o).filter((t) => this.wallOf(t).asUtc === wallAsUtc);
    if (matches.length > 0) return Math.min(...matches);
    const before = this.wallOf(wallAsUtc - 16 * HOUR);
    return wallAsUtc - (before.asUtc - (wallAsUtc - 16 * HOUR));
  }

  /** Business intervals (instants) of the local date containing this wall time. */
  private intervalsOfDate(year: number, month: number, day: number): [number, number][] {
    const key = `${year}-${month}-${day}`;
    const cached = this.intervalsByDate.get(key);
    if (cached) return cached;
    const mm = String(month).padStart(2, '0');
    const dd = String(day).padStart(2, '0');
    const holiday =
      this.spec.holidays.includes(`${year}-${mm}-${dd}`) || this.spec.holidays.includes(`*-${mm}-${dd}`);
    const midnight = Date.UTC(year, month - 1, day);
    const weekday = DAYS[(new Date(midnight).getUTCDay() + 6) % 7] ?? 'mon';
    const result: [number, number][] = [];
    if (!holiday) {
      for (const [open, close] of this.spec.hours[weekday] ?? []) {
        const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
        const from = this.instantOf(midnight + toMinutes(open) * MINUTE);
        const to = this.instantOf(midnight + toMinutes(close) * MINUTE);
        if (to > from) result.push([from, to]);
      }
    }
    this.intervalsByDate.set(key, result);
    return result;
  }

  /** Whether the minute starting at `instant` is business time (checks the local date and its neighbours). */
  isOpenMinute(instant: number): boolean {
    const wall = this.wallOf(instant);
    for (const delta of [-1, 0, 1]) {
      const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + delta));
      for (const [from, to] of this.intervalsOfDate(
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
      )) {
        if (instant >= from && instant < to) return true;
      }
    }
    return false;
  }

  /** Business minutes in [from, to), both on minute boundaries. */
  elapsed(from: number, to: number): number {
    let total = 0;
    for (let t = from; t < to; t += MINUTE) if (this.isOpenMinute(t)) total += MINUTE;
    return total;
  }

  /** Steps minute by minute until `duration` (whole minutes) of business time has passed. */
  due(start: number, duration: number, limitMinutes = 60 * 24 * 120): number {
    let t = start;
    if (duration === 0) {
      while (!this.isOpenMinute(t)) {
        t += MINUTE;
        if (--limitMinutes < 0) throw new Error('reference: no opening found');
      }
      return t;
    }
    let remaining = duration;
    for (;;) {
      if (this.isOpenMinute(t)) {
        remaining -= MINUTE;
        if (remaining === 0) return t + MINUTE;
      }
      t += MINUTE;
      if (--limitMinutes < 0) throw new Error('reference: target not reached');
    }
  }
}
