import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../sla/business-calendar';
import { aContentRequest } from './__fixtures__/builders';
import { contentRequestSla } from './content-request-sla';
import type { ContentRequestInput } from './content-request-schema';
import { parseContentRequest } from './parse-content-request';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const calendars = new Map(playbook.calendars.map((spec) => [spec.id, compileCalendar(spec)]));
const calendarFor = (id: string) => calendars.get(id);

function slaOf(overrides: Partial<ContentRequestInput>, now: string) {
  const request = parseContentRequest(aContentRequest(overrides), playbook);
  if (!request.ok) throw new Error(request.error.message);
  return contentRequestSla(request.data, playbook, calendarFor, Date.parse(now));
}

// us-east is open 09:00–17:00 New York time on weekdays, so 48 business hours are six business days.
describe('contentRequestSla: due dates on the us-east calendar', () => {
  it.each([
    [
      'a rush filed Friday 16:00 is due the second Monday 16:00, across the spring DST change',
      { requestedAt: '2026-03-06T16:00:00-05:00' },
      '2026-03-16T20:00:00.000Z',
    ],
    [
      'a rush filed the Friday before Thanksgiving is due a day later, on Tuesday 16:00',
      { requestedAt: '2026-11-20T16:00:00-05:00' },
      '2026-12-01T21:00:00.000Z',
    ],
    [
      'a rush filed on New Year’s Eve skips New Year’s Day',
      { requestedAt: '2026-12-31T16:00:00-05:00' },
      '2027-01-11T21:00:00.000Z',
    ],
    [
      'a rush filed on Saturday starts on Monday 09:00 and ends at a close',
      { requestedAt: '2026-03-07T10:00:00-05:00' },
      '2026-03-16T21:00:00.000Z',
    ],
    [
      'a standard request gets 80 business hours: ten business days',
      { requestedAt: '2026-03-06T16:00:00-05:00', priority: 'standard' },
      '2026-03-20T20:00:00.000Z',
    ],
  ] as const)('%s', (_name, overrides, dueAt) => {
    const result = slaOf(overrides, '2026-03-06T21:00:00Z');
    expect(result.ok && result.data.dueAt).toBe(dueAt);
  });

  it('names the policy, its calendar and its target', () => {
    const result = slaOf({}, '2026-03-06T21:00:00Z');
    expect(result.ok && result.data).toMatchObject({
      policyId: 'content-request-rush',
      calendarId: 'us-east',
      target: 'PT48H',
    });
  });
});

describe('contentRequestSla: state', () => {
  it.each([
    ['open before its due date', {}, '2026-03-16T19:59:00Z', 'open', null],
    ['late once its due date has passed', {}, '2026-03-16T20:01:00Z', 'late', null],
    ['fulfilled on time', { fulfilledAt: '2026-03-12T15:00:00Z' }, '2026-03-20T12:00:00Z', 'fulfilled', true],
    ['fulfilled late', { fulfilledAt: '2026-03-17T15:00:00Z' }, '2026-03-20T12:00:00Z', 'fulfilled', false],
    [
      'still open when the fulfilment lies after now',
      { fulfilledAt: '2026-03-12T15:00:00Z' },
      '2026-03-10T12:00:00Z',
      'open',
      null,
    ],
  ] as const)('is %s', (_name, overrides, now, state, onTime) => {
    const result = slaOf(overrides, now);
    expect(result.ok && [result.data.state, result.data.fulfilledOnTime]).toEqual([state, onTime]);
  });
});

describe('contentRequestSla: errors', () => {
  const request = parseContentRequest(aContentRequest(), playbook);

  it('fails with UNKNOWN_CALENDAR when the calendar was not compiled', () => {
    const result = request.ok && contentRequestSla(request.data, playbook, () => undefined, 0);
    expect(result && !result.ok && result.error.code).toBe('UNKNOWN_CALENDAR');
  });

  it('fails with UNKNOWN_SLA_POLICY when the playbook lacks the rush policy', () => {
    const withoutPolicy = {
      ...playbook,
      content: { ...playbook.content, requests: { standardPolicy: 'x', rushPolicy: 'y' } },
    };
    const result = request.ok && contentRequestSla(request.data, withoutPolicy, calendarFor, 0);
    expect(result && !result.ok && result.error).toMatchObject({
      code: 'UNKNOWN_SLA_POLICY',
      message: expect.stringContaining('"y"'),
    });
  });
});
