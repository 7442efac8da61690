import type { Playbook } from '../playbook/schema';
import { err, ok, type Result } from '../shared/result';
import type { BusinessCalendar } from '../sla/types';
import { parseBusinessDuration } from '../time/duration';
import { formatInstant } from '../time/instant';
import type { ContentRequest } from './content-request-schema';

/** Finds a compiled calendar by id; the shell compiles the playbook's calendars once and passes this in. */
export type CalendarLookup = (calendarId: string) => BusinessCalendar | undefined;

export type ContentRequestState = 'open' | 'late' | 'fulfilled';

export interface ContentRequestSla {
  readonly policyId: string;
  readonly calendarId: string;
  /** The policy's target as written, e.g. PT48H. */
  readonly target: string;
  readonly dueAt: string;
  /** `late` = still open after its due date. */
  readonly state: ContentRequestState;
  /** For a fulfilled request, whether it met its due date; null while open. */
  readonly fulfilledOnTime: boolean | null;
}

export type ContentRequestSlaErrorCode = 'UNKNOWN_SLA_POLICY' | 'UNKNOWN_CALENDAR';

/**
 * The SLA of a content request: the playbook's standard or rush policy, due after its target in business time.
 * @example contentRequestSla(rushRequest, playbook, calendarFor, now).data.dueAt // → '2026-03-16T20:00:00.000Z'
 */
export function contentRequestSla(
  request: ContentRequest,
  playbook: Playbook,
  calendarFor: CalendarLookup,
  nowMs: number,
): Result<ContentRequestSla, ContentRequestSlaErrorCode> {
  const { standardPolicy, rushPolicy } = playbook.content.requests;
  const policyId = request.priority === 'rush' ? rushPolicy : standardPolicy;
  const policy = playbook.slaPolicies.find((candidate) => candidate.id === policyId);
  const target = policy ? parseBusinessDuration(policy.target) : undefined;
  if (!policy || !target?.ok) {
    return err(
      'UNKNOWN_SLA_POLICY',
      `the playbook has no valid SLA policy "${policyId}" for ${request.priority} requests`,
    );
  }
  const calendar = calendarFor(policy.calendar);
  if (!calendar) {
    return err('UNKNOWN_CALENDAR', `no compiled calendar "${policy.calendar}" for SLA policy "${policyId}"`);
  }
  const dueMs = calendar.due(Date.parse(request.requestedAt), target.data);
  // A fulfilment after `now` has not happened yet from the caller's point of view.
  const fulfilledMs = request.fulfilledAt !== undefined ? Date.parse(request.fulfilledAt) : Number.NaN;
  const fulfilled = fulfilledMs <= nowMs;
  return ok({
    policyId,
    calendarId: policy.calendar,
    target: policy.target,
    dueAt: formatInstant(dueMs),
    state: fulfilled ? 'fulfilled' : nowMs > dueMs ? 'late' : 'open',
    fulfilledOnTime: fulfilled ? fulfilledMs <= dueMs : null,
  });
}
