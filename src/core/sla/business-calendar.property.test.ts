import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinuteSteppingCalendar } from '../../../test/reference/minute-stepping-calendar';
import { compileCalendar } from './business-calendar';
import { WEEKDAYS, type CalendarSpec } from './calendar-schema';

const MINUTE = 60_000;
const DAY = 86_400_000;

// Zones paired with their 2026 DST transition days: DST at midnight (Santiago), half-hour DST (Lord Howe),
// 45-minute offsets (Chatham, Eucla) and no DST at all (Kolkata).
const ZONE_TRANSITIONS: readonly [string, string][] = [
  ['America/New_York', '2026-03-08'],
  ['America/New_York', '2026-11-01'],
  ['Europe/London', '2026-03-29'],
  ['Europe/London', '2026-10-25'],
  ['America/Santiago', '2026-04-04'],
  ['America/Santiago', '2026-09-06'],
  ['Australia/Lord_Howe', '2026-04-05'],
  ['Australia/Lord_Howe', '2026-10-04'],
  ['Pacific/Chatham', '2026-04-05'],
  ['Pacific/Chatham', '2026-09-27'],
  ['Asia/Kolkata', '2026-03-08'],
  ['Australia/Eucla', '2026-10-04'],
];

const hhmm = (quarterHours: number) =>
  `${String(Math.floor(quarterHours / 4)).padStart(2, '0')}:${String((quarterHours % 4) * 15).padStart(2, '0')}`;

/** 0–2 non-overlapping intervals per day on quarter-hour boundaries, biased towards 00:00–03:30 where DST shifts. */
const dayHours = fc
  .uniqueArray(
    fc.oneof(
      fc.integer({ min: 0, max: 96 }),
      fc.integer({ min: 0, max: 16 }),
      fc.integer({ min: 92, max: 96 }),
    ),
    {
      minLength: 0,
      maxLength: 4,
    },
  )
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals: [string, string][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      intervals.push([hhmm(sorted[i] as number), hhmm(sorted[i + 1] as number)]);
    }
    return intervals;
  });

interface Scenario {
  spec: CalendarSpec;
  /** A minute-aligned instant within two days of the zone's DST transition. */
  start: number;
  /** A second such instant. */
  other: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    zoneTransition: fc.constantFrom(...ZONE_TRANSITIONS),
    days: fc.tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -3, max: 10 }), { maxLength: 2 }),
    startMinutes: fc.integer({ min: -2 * 24 * 60, max: 2 * 24 * 60 }),
    otherMinutes: fc.integer({ min: -2 * 24 * 60, max: 2 * 24 * 60 }),
  })
  .filter(({ days }) => days.some((intervals) => intervals.length > 0))
  .map(({ zoneTransition: [timeZone, day], days, holidayOffsets, startMinutes, otherMinutes }) => {
    const anchor = Date.parse(`${day}T00:00:00Z`);
    return {
      spec: {
        id: 'random',
        timeZone,
        hours: Object.fromEntries(WEEKDAYS.map((weekday, i) => [weekday, days[i] ?? []])),
        holidays: holidayOffsets.map((offset) => new Date(anchor + offset * DAY).toISOString().slice(0, 10)),
      },
      start: anchor + startMinutes * MINUTE,
      other: anchor + otherMinutes * MINUTE,
    };
  });

const durationArb = fc.integer({ min: 0, max: 16 * 60 }).map((minutes) => minutes * MINUTE);

const runs = { numRuns: 60, seed: 20261203 };
// The reference formats every minute through Intl: slow by design, so these tests get a generous time limit.
const SLOW = 120_000;

describe('business calendar properties over random calendars in DST zones', () => {
  it(
    'consumes exactly the duration: elapsed(start, due(start, d)) equals d',
    () => {
      fc.assert(
        fc.property(scenarioArb, durationArb, ({ spec, start }, duration) => {
          const calendar = compileCalendar(spec);
          expect(calendar.elapsed(start, calendar.due(start, duration))).toBe(duration);
        }),
        { numRuns: 200, seed: runs.seed },
      );
    },
    SLOW,
  );

  it(
    'is monotonic in the start, the duration and the end of a range',
    () => {
      fc.assert(
        fc.property(scenarioArb, durationArb, durationArb, ({ spec, start: s1, other: s2 }, d1, d2) => {
          const calendar = compileCalendar(spec);
          const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
          const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
          expect(calendar.due(early, short)).toBeLessThanOrEqual(calendar.due(late, short));
          expect(calendar.due(early, short)).toBeLessThanOrEqual(calendar.due(early, long));
          expect(calendar.elapsed(early, early + short)).toBeLessThanOrEqual(
            calendar.elapsed(early, early + long),
          );
          expect(calendar.elapsed(early, late)).toBeLessThanOrEqual(late - early);
        }),
        { numRuns: 200, seed: runs.seed },
      );
    },
    SLOW,
  );

  it(
    'agrees with a minute-stepping reference on due',
    () => {
      fc.assert(
        fc.property(scenarioArb, durationArb, ({ spec, start }, duration) => {
          const reference = new MinuteSteppingCalendar(spec);
          expect(compileCalendar(spec).due(start, duration)).toBe(reference.due(start, duration));
        }),
        runs,
      );
    },
    SLOW,
  );

  it(
    'agrees with a minute-stepping reference on elapsed',
    () => {
      fc.assert(
        fc.property(
          scenarioArb,
          fc.integer({ min: 0, max: 4 * 24 * 60 }),
          ({ spec, start: from }, minutes) => {
            const reference = new MinuteSteppingCalendar(spec);
            const to = from + minutes * MINUTE;
            expect(compileCalendar(spec).elapsed(from, to)).toBe(reference.elapsed(from, to));
          },
        ),
        runs,
      );
    },
    SLOW,
  );
});
