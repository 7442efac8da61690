import { formatPath, zodIssues } from '../shared/zod-issues';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { CalendarSchema, WEEKDAYS, type CalendarSpec } from './calendar-schema';

/** Minutes since local midnight of a validated `HH:MM` wall time (`'24:00'` → 1440). */
export function wallMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const DAYS_IN_ANY_YEAR = 366;

/**
 * Checks what the schema alone cannot: reversed or overlapping intervals, and a calendar with no business time.
 * @example calendarIssues(spec, ['calendars', 0]) // → [{ path: 'calendars[0].hours.tue[1]', message: '...' }]
 */
export function calendarIssues(spec: CalendarSpec, at: readonly PropertyKey[] = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let weeklyMinutes = 0;
  for (const day of WEEKDAYS) {
    const intervals = spec.hours[day] ?? [];
    const seen: { open: number; close: number; index: number }[] = [];
    intervals.forEach(([open, close], index) => {
      const path = formatPath([...at, 'hours', day, index]);
      const o = wallMinutes(open);
      const c = wallMinutes(close);
      if (o === 24 * 60) {
        issues.push({ path, message: `an interval cannot open at 24:00` });
        return;
      }
      if (c <= o) {
        issues.push({
          path,
          message: `interval ${open}–${close} is reversed or empty (close must be after open)`,
        });
        return;
      }
      for (const other of seen) {
        if (o < other.close && other.open < c) {
          issues.push({
            path,
            message: `interval ${open}–${close} overlaps ${day}[${other.index}] (intervals in one day must not overlap)`,
          });
        }
      }
      seen.push({ open: o, close: c, index });
      weeklyMinutes += c - o;
    });
  }
  const annual = new Set(spec.holidays.filter((h) => h.startsWith('*-')));
  if (weeklyMinutes === 0) {
    issues.push({ path: formatPath([...at, 'hours']), message: 'the calendar has no business time at all' });
  } else if (annual.size >= DAYS_IN_ANY_YEAR) {
    issues.push({
      path: formatPath([...at, 'holidays']),
      message: 'every day of the year is a holiday: no business time',
    });
  }
  return issues;
}

/**
 * Parses and checks a standalone calendar file's content.
 * @example parseCalendar({ id: 'us', timeZone: 'America/New_York', hours: { mon: [['09:00', '17:00']] } })
 */
export function parseCalendar(input: unknown): Result<CalendarSpec, 'INVALID_CALENDAR'> {
  const parsed = CalendarSchema.safeParse(input);
  if (!parsed.success) return err('INVALID_CALENDAR', 'the calendar is not valid', zodIssues(parsed.error));
  const issues = calendarIssues(parsed.data);
  if (issues.length > 0) return err('INVALID_CALENDAR', 'the calendar is not valid', issues);
  return ok(parsed.data);
}
