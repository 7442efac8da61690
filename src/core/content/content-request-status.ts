import type { Playbook } from '../playbook/schema';
import { ok, type Result } from '../shared/result';
import {
  contentRequestSla,
  type CalendarLookup,
  type ContentRequestSlaErrorCode,
} from './content-request-sla';
import type { ContentRequest } from './content-request-schema';

export interface ContentRequestCounts {
  readonly total: number;
  /** Not yet fulfilled, late ones included. */
  readonly open: number;
  /** Open past their due date. */
  readonly late: number;
  readonly fulfilled: number;
  /** Fulfilled by their due date. */
  readonly fulfilledOnTime: number;
  readonly byPriority: { readonly standard: number; readonly rush: number };
}

/**
 * Counts content requests for the scorecard: open, late (open past due) and fulfilled, on each request's SLA.
 * @example contentRequestStatus(requests, calendarFor, playbook, now).data // → { total: 4, open: 2, late: 1, … }
 */
export function contentRequestStatus(
  requests: readonly ContentRequest[],
  calendarFor: CalendarLookup,
  playbook: Playbook,
  nowMs: number,
): Result<ContentRequestCounts, ContentRequestSlaErrorCode> {
  let open = 0;
  let late = 0;
  let fulfilled = 0;
  let fulfilledOnTime = 0;
  const byPriority = { standard: 0, rush: 0 };
  for (const request of requests) {
    const sla = contentRequestSla(request, playbook, calendarFor, nowMs);
    if (!sla.ok) return sla;
    byPriority[request.priority]++;
    if (sla.data.state === 'fulfilled') {
      fulfilled++;
      if (sla.data.fulfilledOnTime) fulfilledOnTime++;
    } else {
      open++;
      if (sla.data.state === 'late') late++;
    }
  }
  return ok({ total: requests.length, open, late, fulfilled, fulfilledOnTime, byPriority });
}
