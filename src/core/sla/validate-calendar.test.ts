import { describe, expect, it } from 'vitest';
import { formatIssues } from '../shared/result';
import { parseCalendar } from './validate-calendar';

const base = { id: 'us-east', timeZone: 'America/New_York', hours: { mon: [['09:00', '17:00']] } };

function problems(input: unknown): string[] {
  const result = parseCalendar(input);
  return result.ok ? [] : formatIssues(result.error.issues);
}

describe('parseCalendar', () => {
  it('accepts the calendar format of the issue, with holidays defaulting to none', () => {
    const result = parseCalendar(base);
    expect(result).toMatchObject({ ok: true, data: { holidays: [] } });
  });

  it.each<[string, unknown, string]>([
    [
      'rejects a close before the open',
      { ...base, hours: { mon: [['17:00', '09:00']] } },
      'hours.mon[0]: interval 17:00–09:00 is reversed or empty (close must be after open)',
    ],
    [
      'rejects an opening at 24:00',
      { ...base, hours: { mon: [['24:00', '24:00']] } },
      'hours.mon[0]: an interval cannot open at 24:00',
    ],
    [
      'rejects overlapping intervals in one day',
      {
        ...base,
        hours: {
          fri: [
            ['09:00', '12:00'],
            ['11:00', '17:00'],
          ],
        },
      },
      'hours.fri[1]: interval 11:00–17:00 overlaps fri[0] (intervals in one day must not overlap)',
    ],
    [
      'rejects a week with no business time',
      { ...base, hours: { sat: [], sun: [] } },
      'hours: the calendar has no business time at all',
    ],
    [
      'rejects a malformed wall time',
      { ...base, hours: { mon: [['9:00', '17:00']] } },
      'hours.mon[0][0]: expected a wall-clock time "HH:MM" (00:00–24:00)',
    ],
    [
      'rejects an unknown weekday',
      { ...base, hours: { monday: [['09:00', '17:00']] } },
      'hours: Unrecognized key: "monday"',
    ],
    [
      'rejects an unknown time zone',
      { ...base, timeZone: 'Mars/Olympus' },
      'timeZone: unknown time zone "Mars/Olympus"',
    ],
  ])('%s', (_name, input, expected) => {
    expect(problems(input)).toContain(expected);
  });

  it('accepts 24:00 as a close and touching intervals', () => {
    expect(
      parseCalendar({
        ...base,
        hours: {
          mon: [
            ['00:00', '12:00'],
            ['12:00', '24:00'],
          ],
        },
      }).ok,
    ).toBe(true);
  });
});
