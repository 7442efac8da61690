import { describe, expect, it } from 'vitest';
import { compileCalendar } from './business-calendar';
import { CalendarSchema } from './calendar-schema';
import nineToFive from './__fixtures__/us-east-nine-to-five.json';
import aroundTheClock from './__fixtures__/new-york-around-the-clock.json';
import sundayNight from './__fixtures__/new-york-night-sunday.json';
import santiago from './__fixtures__/santiago-around-the-clock.json';
import nightShift from './__fixtures__/night-shift-split-over-two-days.json';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const calendar = (json: unknown) => compileCalendar(CalendarSchema.parse(json));

const usEast = calendar(nineToFive);
const ny24 = calendar(aroundTheClock);
const nySunday = calendar(sundayNight);
const santiago24 = calendar(santiago);
const shift = calendar(nightShift);

describe('due on a 9–5 New York calendar (Tuesday has a lunch break; 2026-03-13 and every 25 Dec are holidays)', () => {
  it.each([
    [
      'returns Monday 11:00 when 4h start Thursday 15:00 before a Friday holiday',
      '2026-03-12T19:00:00Z',
      4 * H,
      '2026-03-16T15:00:00.000Z',
    ],
    [
      'ends the same day when the target fits before closing',
      '2026-03-11T14:00:00Z',
      2 * H,
      '2026-03-11T16:00:00.000Z',
    ],
    [
      'returns the close itself when the target ends exactly at closing',
      '2026-03-11T17:00:00Z',
      4 * H,
      '2026-03-11T21:00:00.000Z',
    ],
    [
      'starts counting at the opening when started before it',
      '2026-03-11T11:00:00Z',
      1 * H,
      '2026-03-11T14:00:00.000Z',
    ],
    [
      'carries over to the next morning when started after closing',
      '2026-03-11T22:00:00Z',
      1 * H,
      '2026-03-12T14:00:00.000Z',
    ],
    ['skips the weekend', '2026-03-07T15:00:00Z', 1 * H, '2026-03-09T14:00:00.000Z'],
    ['skips the Tuesday lunch break', '2026-03-10T15:00:00Z', 2 * H, '2026-03-10T18:00:00.000Z'],
    [
      'counts a long target over several days (PT37H13M)',
      '2026-03-02T14:00:00Z',
      37 * H + 13 * M,
      '2026-03-06T20:13:00.000Z',
    ],
    [
      'crosses the spring-forward weekend with each day on its own offset',
      '2026-03-06T21:00:00Z',
      2 * H,
      '2026-03-09T14:00:00.000Z',
    ],
    [
      'skips an every-year holiday (25 December 2026 is a Friday)',
      '2026-12-24T21:00:00Z',
      2 * H,
      '2026-12-28T15:00:00.000Z',
    ],
    [
      'returns the start when the target is zero inside business hours',
      '2026-03-11T15:30:00Z',
      0,
      '2026-03-11T15:30:00.000Z',
    ],
    [
      'returns the next opening when the target is zero outside business hours',
      '2026-03-11T23:00:00Z',
      0,
      '2026-03-12T13:00:00.000Z',
    ],
    [
      'treats the close as outside ([open, close)) for a zero target',
      '2026-03-11T21:00:00Z',
      0,
      '2026-03-12T13:00:00.000Z',
    ],
    ['counts milliseconds exactly', '2026-03-11T13:00:00Z', 1, '2026-03-11T13:00:00.001Z'],
  ])('%s', (_name, start, duration, expected) => {
    expect(iso(usEast.due(at(start), duration))).toBe(expected);
  });
});

describe('elapsed on a 9–5 New York calendar', () => {
  it.each([
    [
      'counts the business time between two instants on one day',
      '2026-03-11T14:00:00Z',
      '2026-03-11T16:30:00Z',
      2.5 * H,
    ],
    ['is zero when the end is before the start', '2026-03-11T16:00:00Z', '2026-03-11T14:00:00Z', 0],
    ['is zero for an empty range', '2026-03-11T16:00:00Z', '2026-03-11T16:00:00Z', 0],
    ['counts nothing over a weekend', '2026-03-07T00:00:00Z', '2026-03-09T04:00:00Z', 0],
    [
      'counts 31 hours in the week of 9 March (a Friday holiday and a Tuesday lunch)',
      '2026-03-09T00:00:00Z',
      '2026-03-16T00:00:00Z',
      31 * H,
    ],
    [
      'counts 39 hours in a normal week (Tuesday lunch excluded)',
      '2026-03-02T00:00:00Z',
      '2026-03-09T00:00:00Z',
      39 * H,
    ],
    ['excludes the holiday in the issue example', '2026-03-12T19:00:00Z', '2026-03-16T15:00:00Z', 4 * H],
    [
      'includes the start and excludes the end ([from, to))',
      '2026-03-11T13:00:00Z',
      '2026-03-11T13:00:00.001Z',
      1,
    ],
  ])('%s', (_name, from, to, expected) => {
    expect(usEast.elapsed(at(from), at(to))).toBe(expected);
  });
});

describe('daylight-saving days', () => {
  it.each([
    [
      'a 00:00–24:00 day lasts 23 hours on New York spring-forward day',
      ny24,
      '2026-03-08T05:00:00Z',
      '2026-03-09T04:00:00Z',
      23 * H,
    ],
    [
      'a 00:00–24:00 day lasts 25 hours on New York fall-back day',
      ny24,
      '2026-11-01T04:00:00Z',
      '2026-11-02T05:00:00Z',
      25 * H,
    ],
    [
      'a Santiago day without a midnight lasts 23 hours (6 September 2026)',
      santiago24,
      '2026-09-06T04:00:00Z',
      '2026-09-07T03:00:00Z',
      23 * H,
    ],
    [
      'a Santiago day with a repeated hour lasts 25 hours (4 April 2026)',
      santiago24,
      '2026-04-04T03:00:00Z',
      '2026-04-05T04:00:00Z',
      25 * H,
    ],
    [
      '01:00–03:00 across the spring-forward gap is one real hour',
      nySunday,
      '2026-03-08T00:00:00Z',
      '2026-03-09T00:00:00Z',
      1 * H,
    ],
    [
      '01:00–03:00 across the fall-back overlap is three real hours',
      nySunday,
      '2026-11-01T00:00:00Z',
      '2026-11-02T00:00:00Z',
      3 * H,
    ],
  ])('%s', (_name, cal, from, to, expected) => {
    expect(cal.elapsed(at(from), at(to))).toBe(expected);
  });

  it.each([
    [
      'a wall time in the gap moves forward by the gap (02:30 → 03:30 EDT)',
      '2026-03-08T02:30:00',
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'an ambiguous wall time takes the earlier instant (01:30 → 01:30 EDT)',
      '2026-11-01T01:30:00',
      '2026-11-01T05:30:00.000Z',
    ],
  ])('%s', (_name, wall, expected) => {
    const [date, time] = wall.split('T') as [string, string];
    const opening = time.slice(0, 5);
    const cal = calendar({ id: 'probe', timeZone: 'America/New_York', hours: { sun: [[opening, '23:00']] } });
    expect(iso(cal.nextOpening(at(`${date}T00:00:00Z`) + 4 * H))).toBe(expected);
  });
});

describe('a night shift written as two intervals on two days', () => {
  it('counts through midnight as one continuous shift', () => {
    expect(iso(shift.due(at('2026-06-15T21:00:00Z'), 4 * H))).toBe('2026-06-16T01:00:00.000Z');
    expect(shift.elapsed(at('2026-06-15T00:00:00Z'), at('2026-06-17T00:00:00Z'))).toBe(8 * H);
  });
});

describe('isOpen and nextOpening', () => {
  it.each([
    ['is open at the opening instant', '2026-03-11T13:00:00Z', true, '2026-03-11T13:00:00.000Z'],
    ['is closed at the closing instant', '2026-03-11T21:00:00Z', false, '2026-03-12T13:00:00.000Z'],
    [
      'is closed over Tuesday lunch and reopens at 13:00',
      '2026-03-10T16:30:00Z',
      false,
      '2026-03-10T17:00:00.000Z',
    ],
    [
      'is closed on a holiday and reopens on the next business day',
      '2026-03-13T15:00:00Z',
      false,
      '2026-03-16T13:00:00.000Z',
    ],
  ])('%s', (_name, instant, open, next) => {
    expect(usEast.isOpen(at(instant))).toBe(open);
    expect(iso(usEast.nextOpening(at(instant)))).toBe(next);
  });
});

describe('the machine time zone', () => {
  it('does not change any answer (this file also runs under TZ=America/Santiago, Asia/Kolkata and Australia/Eucla)', () => {
    expect(iso(usEast.due(at('2026-03-12T19:00:00Z'), 4 * H))).toBe('2026-03-16T15:00:00.000Z');
    expect(ny24.elapsed(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(25 * H);
  });
});
