import type { ContentRequest } from './input-schema';
import { inPeriod, type PeriodMs } from './period';
import { epochMs } from './epoch-ms';

export interface ContentRequests {
  /** False when the input has no content request list: the counts below are then not measured. */
  readonly provided: boolean;
  /** Requested during the period. */
  readonly requested: number;
  /** Requested before the end of the period and not fulfilled by then. */
  readonly open: number;
  /** Open at the end of the period and already past due. */
  readonly late: number;
  readonly fulfilledOnTime: number;
  readonly fulfilledLate: number;
}

/**
 * Open and late content requests (reverse briefs) as of the end of the period, and those fulfilled in it.
 * @example contentRequests(requests, q1) // → { provided: true, requested: 6, open: 2, late: 1, fulfilledOnTime: 3, fulfilledLate: 1 }
 */
export function contentRequests(
  requests: readonly ContentRequest[] | undefined,
  period: PeriodMs,
): ContentRequests {
  let requested = 0;
  let open = 0;
  let late = 0;
  let fulfilledOnTime = 0;
  let fulfilledLate = 0;
  for (const request of requests ?? []) {
    const requestedMs = epochMs(request.requestedAt);
    if (requestedMs >= period.toMs) continue;
    if (requestedMs >= period.fromMs) requested++;
    const dueMs = epochMs(request.dueAt);
    const fulfilledMs = request.fulfilledAt === null ? null : epochMs(request.fulfilledAt);
    if (fulfilledMs === null || fulfilledMs >= period.toMs) {
      open++;
      if (dueMs < period.toMs) late++;
    } else if (inPeriod(fulfilledMs, period)) {
      if (fulfilledMs <= dueMs) fulfilledOnTime++;
      else fulfilledLate++;
    }
  }
  return { provided: requests !== undefined, requested, open, late, fulfilledOnTime, fulfilledLate };
}
