import { describe, expect, it } from 'vitest';
import { ratio } from './ratio';
import { checkTargets, type TargetMeasures } from './targets';

const targets = {
  slaCompliance: 0.95,
  libraryUsage: 0.8,
  briefingAttendance: 0.9,
  feedbackResponseHours: 48,
};
const measures = (overrides: Partial<TargetMeasures>): TargetMeasures => ({
  slaCompliance: ratio(95, 100, 'none'),
  repsUsingLibrary: ratio(8, 10, 'none'),
  briefingAttendance: ratio(9, 10, 'none'),
  feedbackAnsweredInTime: ratio(19, 20, 'none'),
  ...overrides,
});

describe('checkTargets', () => {
  it.each([
    ['passes every target met exactly, despite floating-point shares', {}, ['pass', 'pass', 'pass', 'pass']],
    [
      'fails SLA compliance just under 95 %',
      { slaCompliance: ratio(949, 1000, 'none') },
      ['fail', 'pass', 'pass', 'pass'],
    ],
    [
      'fails library usage at 7 reps of 10',
      { repsUsingLibrary: ratio(7, 10, 'none') },
      ['pass', 'fail', 'pass', 'pass'],
    ],
    [
      'fails briefing attendance at 89 %',
      { briefingAttendance: ratio(89, 100, 'none') },
      ['pass', 'pass', 'fail', 'pass'],
    ],
    [
      'holds feedback answered in time to the SLA target',
      { feedbackAnsweredInTime: ratio(18, 20, 'none') },
      ['pass', 'pass', 'pass', 'fail'],
    ],
    [
      'neither passes nor fails a measure with no data',
      { briefingAttendance: ratio(0, 0, 'the input lists no briefings') },
      ['pass', 'pass', 'no_data', 'pass'],
    ],
  ])('%s', (_name, overrides, statuses) => {
    expect(checkTargets(measures(overrides), targets).map((t) => t.status)).toEqual(statuses);
  });

  it('labels each target with its threshold and keeps the measured ratio', () => {
    const [sla, , , feedback] = checkTargets(measures({}), targets);
    expect(sla).toMatchObject({
      id: 'slaCompliance',
      label: 'Leads handled within SLA ≥ 95 %',
      target: 0.95,
    });
    expect(sla?.actual).toEqual(ratio(95, 100, 'none'));
    expect(feedback?.label).toBe('Feedback answered within 48 h ≥ 95 %');
  });
});
