import { describe, expect, it } from 'vitest';
import { formatIssues } from '../shared/result';
import { parsePlaybook } from './parse-playbook';
import { defaultPlaybookSource } from '../../../test/support/default-playbook';

const defaultPlaybook = defaultPlaybookSource();

/** A deep copy of the default playbook with one edit applied. */
function edited(edit: (p: any) => void): unknown {
  const copy = structuredClone(defaultPlaybook);
  edit(copy);
  return copy;
}

function problems(input: unknown): string[] {
  const result = parsePlaybook(input);
  return result.ok ? [] : formatIssues(result.error.issues);
}

describe('parsePlaybook', () => {
  it('accepts the default playbook', () => {
    const result = parsePlaybook(defaultPlaybook);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.stages.map((s) => s.id)).toEqual(['inquiry', 'mql', 'sql', 'sal']);
  });

  it.each<[string, (p: any) => void, string]>([
    [
      'writes a lead status neither CRM can store',
      (p) => (p.dispositions.outcomes.reject.leadStatus = 'maybe_later'),
      'dispositions.outcomes.reject.leadStatus: Invalid option: expected one of "open"|"accepted"|"disqualified"|"recycled"|"waiting_on_prospect"',
    ],
    [
      'names an unknown calendar on an SLA policy',
      (p) => (p.slaPolicies[1].calendar = 'apac'),
      'slaPolicies[1].calendar: unknown calendar "apac"',
    ],
    [
      'names an unknown stage in an SLA trigger',
      (p) => (p.slaPolicies[0].trigger.stage = 'mq'),
      'slaPolicies[0].trigger.stage: unknown stage "mq"',
    ],
    [
      'rejects duplicate reason codes',
      (p) => (p.dispositions.reasonCodes[1].id = p.dispositions.reasonCodes[0].id),
      'dispositions.reasonCodes[1].id: duplicate reason code id "accept_meeting_booked"',
    ],
    [
      'rejects an escalation ladder that does not increase',
      (p) => (p.slaPolicies[0].escalations[1].after = 'PT24H'),
      'slaPolicies[0].escalations[1].after: escalation ladder must increase: PT24H is not after the previous step',
    ],
    [
      'rejects reversed calendar intervals',
      (p) => (p.calendars[0].hours.mon = [['17:00', '09:00']]),
      'calendars[0].hours.mon[0]: interval 17:00–09:00 is reversed or empty (close must be after open)',
    ],
    [
      'rejects overlapping calendar intervals',
      (p) =>
        (p.calendars[0].hours.tue = [
          ['09:00', '13:00'],
          ['12:00', '17:00'],
        ]),
      'calendars[0].hours.tue[1]: interval 12:00–17:00 overlaps tue[0] (intervals in one day must not overlap)',
    ],
    [
      'rejects a calendar with no business time at all',
      (p) => (p.calendars[1].hours = { sat: [] }),
      'calendars[1].hours: the calendar has no business time at all',
    ],
    [
      'rejects an unknown time zone',
      (p) => (p.calendars[0].timeZone = 'America/Gotham'),
      'calendars[0].timeZone: unknown time zone "America/Gotham"',
    ],
    [
      'rejects a malformed holiday',
      (p) => (p.calendars[0].holidays = ['25/12']),
      'calendars[0].holidays[0]: expected a holiday as YYYY-MM-DD or *-MM-DD (every year)',
    ],
    [
      'rejects a day-based business duration',
      (p) => (p.slaPolicies[0].target = 'P1D'),
      'slaPolicies[0].target: invalid duration "P1D" (business time has no fixed-length day: write hours, e.g. PT24H)',
    ],
    [
      'names an unknown discovery question',
      (p) => (p.stages[2].entry.questions = ['need', 'champion']),
      'stages[2].entry.questions[1]: unknown discovery question "champion"',
    ],
    [
      'rejects an at-least group that can never be met',
      (p) => (p.stages[1].entry.criteria[1].n = 4),
      'stages[1].entry.criteria[1].n: at least 4 of 3 criteria can never be met',
    ],
    [
      'names an unknown stage an outcome comes from',
      (p) => (p.dispositions.outcomes.accept.from = ['sqll']),
      'dispositions.outcomes.accept.from[0]: unknown stage "sqll"',
    ],
    [
      'names an unknown policy a recycle restarts',
      (p) => (p.dispositions.outcomes.recycle.restartsPolicy = 'nurture'),
      'dispositions.outcomes.recycle.restartsPolicy: unknown SLA policy "nurture"',
    ],
    [
      'rejects a recycle delay on a reject code',
      (p) => (p.dispositions.reasonCodes[3].recycleAfterDays = 30),
      'dispositions.reasonCodes[3].recycleAfterDays: only recycle reason codes have a recycle delay',
    ],
    [
      'rejects a minimum note length without required notes',
      (p) => (p.dispositions.reasonCodes[0].minNoteLength = 10),
      'dispositions.reasonCodes[0].minNoteLength: a minimum note length needs notesRequired: true',
    ],
    [
      'rejects an outcome no reason code can reach',
      (p) =>
        (p.dispositions.reasonCodes = p.dispositions.reasonCodes.filter((c: any) => c.outcome !== 'accept')),
      'dispositions.outcomes.accept: no reason code has outcome "accept": reps could never choose it',
    ],
    [
      'names an unknown buyer stage in the stage map',
      (p) => (p.content.stageMap.deal.proposal = 'purchase'),
      'content.stageMap.deal.proposal: unknown buyer stage "purchase"',
    ],
    [
      'rejects custom attribution shares that do not add up to 1',
      (p) => (p.attribution.custom.FT = 0.5),
      'attribution.custom: shares add up to 1.2, not 1',
    ],
    [
      'rejects an unknown key, so typos are caught',
      (p) => (p.slaPolicies[0].targett = 'PT4H'),
      'slaPolicies[0]: Unrecognized key: "targett"',
    ],
    [
      'rejects an ICP range whose min exceeds its max',
      (p) => (p.icp.employees.min = 9000),
      'icp.employees: min 9000 is greater than max 5000',
    ],
  ])('%s', (_name, edit, expected) => {
    expect(problems(edited(edit))).toContain(expected);
  });

  it('reports every problem at once, each with its path', () => {
    const found = problems(
      edited((p) => {
        p.slaPolicies[1].calendar = 'emea-north';
        p.slaPolicies[2].calendar = 'apac';
      }),
    );
    expect(found).toEqual([
      'slaPolicies[1].calendar: unknown calendar "emea-north"',
      'slaPolicies[2].calendar: unknown calendar "apac"',
    ]);
  });

  it.each([
    ['rejects a value that is not an object', 42],
    ['rejects an empty document', null],
    ['rejects a list', []],
  ])('%s', (_name, input) => {
    const result = parsePlaybook(input);
    expect(result.ok).toBe(false);
  });
});
