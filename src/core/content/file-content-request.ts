import type { Playbook } from '../playbook/schema';
import type { Result } from '../shared/result';
import {
  contentRequestSla,
  type CalendarLookup,
  type ContentRequestSla,
  type ContentRequestSlaErrorCode,
} from './content-request-sla';
import type { ContentRequest } from './content-request-schema';
import { parseContentRequest } from './parse-content-request';

export type FiledContentRequest = ContentRequest & { readonly sla: ContentRequestSla };

/**
 * Files a reverse brief: validates it, gives it a stable id and its SLA (rush → the playbook's rush policy).
 * @example fileContentRequest(input, playbook, calendarFor, now) // → { ok: true, data: { id: 'cr-…', sla: { dueAt: '…' } } }
 */
export function fileContentRequest(
  input: unknown,
  playbook: Playbook,
  calendarFor: CalendarLookup,
  nowMs: number,
): Result<FiledContentRequest, 'INVALID_CONTENT_REQUEST' | ContentRequestSlaErrorCode> {
  const request = parseContentRequest(input, playbook);
  if (!request.ok) return request;
  const sla = contentRequestSla(request.data, playbook, calendarFor, nowMs);
  if (!sla.ok) return sla;
  return { ok: true, data: { ...request.data, sla: sla.data } };
}
