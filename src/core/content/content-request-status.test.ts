import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../sla/business-calendar';
import { aContentRequest } from './__fixtures__/builders';
import type { ContentRequest, ContentRequestInput } from './content-request-schema';
import { contentRequestStatus } from './content-request-status';
import { parseContentRequest } from './parse-content-request';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const calendars = new Map(playbook.calendars.map((spec) => [spec.id, compileCalendar(spec)]));
const calendarFor = (id: string) => calendars.get(id);

function requests(...overrides: Partial<ContentRequestInput>[]): ContentRequest[] {
  return overrides.map((o, i) => {
    const parsed = parseContentRequest(aContentRequest({ id: `r${i}`, ...o }), playbook);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.data;
  });
}

// Rush requests filed Friday 6 March 2026 16:00 New York are due Monday 16 March 16:00 (20:00Z).
describe('contentRequestStatus', () => {
  it.each([
    [
      'counts nothing for no request',
      [],
      '2026-03-10T12:00:00Z',
      { total: 0, open: 0, late: 0, fulfilled: 0, fulfilledOnTime: 0 },
    ],
    [
      'counts open requests before their due date',
      [{}, { priority: 'standard' as const }],
      '2026-03-16T19:00:00Z',
      { total: 2, open: 2, late: 0, fulfilled: 0, fulfilledOnTime: 0 },
    ],
    [
      'counts an open rush past its due date as late, and the standard one as still open',
      [{}, { priority: 'standard' as const }],
      '2026-03-17T12:00:00Z',
      { total: 2, open: 2, late: 1, fulfilled: 0, fulfilledOnTime: 0 },
    ],
    [
      'counts fulfilled requests, on time or not, as neither open nor late',
      [{ fulfilledAt: '2026-03-12T15:00:00Z' }, { fulfilledAt: '2026-03-18T15:00:00Z' }, {}],
      '2026-03-19T12:00:00Z',
      { total: 3, open: 1, late: 1, fulfilled: 2, fulfilledOnTime: 1 },
    ],
  ])('%s', (_name, overrides, now, expected) => {
    const result = contentRequestStatus(requests(...overrides), calendarFor, playbook, Date.parse(now));
    expect(result.ok && result.data).toMatchObject(expected);
  });

  it('splits requests by priority', () => {
    const result = contentRequestStatus(requests({}, {}, { priority: 'standard' }), calendarFor, playbook, 0);
    expect(result.ok && result.data.byPriority).toEqual({ standard: 1, rush: 2 });
  });

  it('fails when a calendar is missing', () => {
    const result = contentRequestStatus(requests({}), () => undefined, playbook, 0);
    expect(!result.ok && result.error.code).toBe('UNKNOWN_CALENDAR');
  });
});
