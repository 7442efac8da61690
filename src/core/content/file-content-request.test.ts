import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../sla/business-calendar';
import { aContentRequest } from './__fixtures__/builders';
import { fileContentRequest } from './file-content-request';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const calendars = new Map(playbook.calendars.map((spec) => [spec.id, compileCalendar(spec)]));
const NOW = Date.parse('2026-03-09T15:00:00Z');

describe('fileContentRequest', () => {
  it('returns the request with a stable id and its rush SLA', () => {
    const result = fileContentRequest(aContentRequest(), playbook, (id) => calendars.get(id), NOW);
    expect(result.ok && result.data).toMatchObject({
      id: expect.stringMatching(/^cr-[0-9a-f]{16}$/),
      title: 'Price case study for mid-market healthcare',
      sla: { policyId: 'content-request-rush', dueAt: '2026-03-16T20:00:00.000Z', state: 'open' },
    });
  });

  it.each([
    [
      'reports validation problems before computing any SLA',
      aContentRequest({ buyerStage: 'evaluation' }),
      'INVALID_CONTENT_REQUEST',
    ],
    ['reports a missing calendar', aContentRequest(), 'UNKNOWN_CALENDAR'],
  ])('%s', (_name, input, code) => {
    const result = fileContentRequest(input, playbook, () => undefined, NOW);
    expect(!result.ok && result.error.code).toBe(code);
  });
});
