import { describe, expect, it } from 'vitest';
import collaboration from './__fixtures__/requests-feedback-briefings.json';
import { fixture } from './__fixtures__/fixture';
import { briefingAttendance } from './briefing-attendance';
import { toPeriodMs } from './period';

const input = fixture(collaboration);
const period = toPeriodMs(input.period);

describe('briefingAttendance', () => {
  it.each([
    [
      'sums attendance over the briefings held in the period, not the one at its end',
      input.briefings,
      { briefings: 2, numerator: 19, denominator: 20, value: 0.95, reason: null },
    ],
    [
      'explains a missing briefing list',
      undefined,
      { briefings: 0, numerator: 0, denominator: 0, value: null, reason: 'the input lists no briefings' },
    ],
    [
      'explains a period in which nobody from sales was invited',
      [{ at: '2026-02-01T10:00:00Z', salesInvited: 0, salesAttended: 0 }],
      {
        briefings: 1,
        numerator: 0,
        denominator: 0,
        value: null,
        reason: 'no sales rep was invited to a briefing in the period',
      },
    ],
  ])('%s', (_name, briefings, { briefings: held, ...attendance }) => {
    expect(briefingAttendance(briefings, period)).toEqual({ briefings: held, attendance });
  });
});
