import type { Feedback } from './input-schema';
import { inPeriod, type PeriodMs } from './period';
import { ratio, type Ratio } from './ratio';
import { epochMs } from './epoch-ms';

const HOUR_MS = 3_600_000;

export interface FeedbackResponse {
  readonly targetHours: number;
  readonly received: number;
  /** Answered within the target / (answered + unanswered past the target at the end of the period). */
  readonly answeredInTime: Ratio;
  /** Unanswered and still within the target at the end of the period: undecided, so outside the rate. */
  readonly pending: number;
}

/**
 * Share of sales feedback received in the period that marketing answered within the target (wall-clock hours, as
 * the playbook's `feedbackResponseHours`).
 * @example feedbackResponse(feedback, 48, q1).answeredInTime.value // → 0.9
 */
export function feedbackResponse(
  feedback: readonly Feedback[] | undefined,
  targetHours: number,
  period: PeriodMs,
): FeedbackResponse {
  const targetMs = targetHours * HOUR_MS;
  let received = 0;
  let inTime = 0;
  let decided = 0;
  let pending = 0;
  for (const item of feedback ?? []) {
    const atMs = epochMs(item.at);
    if (!inPeriod(atMs, period)) continue;
    received++;
    // An answer given after the period ends is not known at its end.
    const answeredMs = item.answeredAt === null ? null : epochMs(item.answeredAt);
    const answered = answeredMs !== null && answeredMs < period.toMs;
    if (answered && answeredMs - atMs < targetMs) {
      inTime++;
      decided++;
    } else if (answered || period.toMs - atMs >= targetMs) decided++;
    else pending++;
  }
  return {
    targetHours,
    received,
    answeredInTime: ratio(
      inTime,
      decided,
      feedback === undefined ? 'the input lists no feedback' : 'no feedback was due an answer in the period',
    ),
    pending,
  };
}
