import type { Briefing } from './input-schema';
import { inPeriod, type PeriodMs } from './period';
import { ratio, type Ratio } from './ratio';
import { epochMs } from './epoch-ms';

export interface BriefingAttendance {
  readonly briefings: number;
  /** Sales attendees / sales invitees, summed over the briefings held in the period. */
  readonly attendance: Ratio;
}

/**
 * Sales attendance at marketing briefings held in the period.
 * @example briefingAttendance([{ at: '2026-02-03T15:00:00Z', salesInvited: 10, salesAttended: 9 }], q1).attendance.value // → 0.9
 */
export function briefingAttendance(
  briefings: readonly Briefing[] | undefined,
  period: PeriodMs,
): BriefingAttendance {
  let held = 0;
  let invited = 0;
  let attended = 0;
  for (const briefing of briefings ?? []) {
    if (!inPeriod(epochMs(briefing.at), period)) continue;
    held++;
    invited += briefing.salesInvited;
    attended += briefing.salesAttended;
  }
  return {
    briefings: held,
    attendance: ratio(
      attended,
      invited,
      briefings === undefined
        ? 'the input lists no briefings'
        : 'no sales rep was invited to a briefing in the period',
    ),
  };
}
