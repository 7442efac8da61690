import type { Playbook } from '../playbook/schema';
import type { Ratio } from './ratio';

export type TargetId = 'slaCompliance' | 'libraryUsage' | 'briefingAttendance' | 'feedbackResponse';

/** One scorecard target against its measured value. */
export interface TargetCheck {
  readonly id: TargetId;
  readonly label: string;
  /** The minimum share that passes. */
  readonly target: number;
  readonly actual: Ratio;
  /** `no_data` when the measure is null: an empty group neither passes nor fails. */
  readonly status: 'pass' | 'fail' | 'no_data';
}

/** The measured values the playbook's scorecard targets apply to. */
export interface TargetMeasures {
  readonly slaCompliance: Ratio;
  readonly repsUsingLibrary: Ratio;
  readonly briefingAttendance: Ratio;
  readonly feedbackAnsweredInTime: Ratio;
}

// Shares such as 19/20 must meet a 0.95 target despite floating-point rounding.
const EPSILON = 1e-9;

/**
 * Compares each measure with the playbook's scorecard target. Feedback is an SLA ("answered within 48 hours"), so
 * the share answered in time is held to the SLA compliance target.
 * @example checkTargets(measures, playbook.scorecard)[0] // → { id: 'slaCompliance', target: 0.95, status: 'fail', … }
 */
export function checkTargets(measures: TargetMeasures, targets: Playbook['scorecard']): TargetCheck[] {
  const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;
  return [
    check(
      'slaCompliance',
      `Leads handled within SLA ≥ ${percent(targets.slaCompliance)}`,
      targets.slaCompliance,
      measures.slaCompliance,
    ),
    check(
      'libraryUsage',
      `Reps actively using the library ≥ ${percent(targets.libraryUsage)}`,
      targets.libraryUsage,
      measures.repsUsingLibrary,
    ),
    check(
      'briefingAttendance',
      `Sales attendance at briefings ≥ ${percent(targets.briefingAttendance)}`,
      targets.briefingAttendance,
      measures.briefingAttendance,
    ),
    check(
      'feedbackResponse',
      `Feedback answered within ${targets.feedbackResponseHours} h ≥ ${percent(targets.slaCompliance)}`,
      targets.slaCompliance,
      measures.feedbackAnsweredInTime,
    ),
  ];
}

function check(id: TargetId, label: string, target: number, actual: Ratio): TargetCheck {
  const status = actual.value === null ? 'no_data' : actual.value >= target - EPSILON ? 'pass' : 'fail';
  return { id, label, target, actual, status };
}
