import { describe, expect, it } from 'vitest';
import type { ReasonCode } from '../playbook/schema';
import bySource from './__fixtures__/dispositions-by-source.json';
import { fixture } from './__fixtures__/fixture';
import { ALL_SOURCES } from './funnel';
import { toPeriodMs } from './period';
import { reasonCodes } from './reason-codes';

const code = (id: string, label: string, outcome: ReasonCode['outcome']): ReasonCode => ({
  id,
  label,
  outcome,
  notesRequired: false,
  minNoteLength: 0,
});
const codes = [
  code('accept_meeting_booked', 'Meeting booked', 'accept'),
  code('recycle_no_budget', 'No budget this cycle', 'recycle'),
  code('reject_bad_data', 'Fake or unreachable contact data', 'reject'),
  code('reject_student_or_job_seeker', 'Student or job seeker', 'reject'),
];
const input = fixture(bySource);
const result = reasonCodes(input.dispositions, input.leads, codes, toPeriodMs(input.period));
const rowOf = (source: string) =>
  source === ALL_SOURCES ? result.overall : result.bySource.find((r) => r.source === source);

describe('reasonCodes', () => {
  it.each([
    ['shows paid search producing only rejects', 'paid-search', { accept: 0, reject: 4, recycle: 0 }],
    ['shows webinars accepted twice and recycled once', 'webinar', { accept: 2, reject: 0, recycle: 1 }],
    ['adds every source up overall', ALL_SOURCES, { accept: 2, reject: 4, recycle: 1 }],
  ])('%s', (_name, source, byOutcome) => {
    expect(rowOf(source)?.byOutcome).toEqual(byOutcome);
  });

  it('ranks the codes of a source by use, with their labels and shares', () => {
    expect(rowOf('paid-search')?.codes).toEqual([
      {
        code: 'reject_bad_data',
        label: 'Fake or unreachable contact data',
        outcome: 'reject',
        count: 2,
        share: 0.5,
      },
      { code: 'reject_legacy_code', label: null, outcome: 'reject', count: 1, share: 0.25 },
      {
        code: 'reject_student_or_job_seeker',
        label: 'Student or job seeker',
        outcome: 'reject',
        count: 1,
        share: 0.25,
      },
    ]);
  });

  it('ignores a disposition made at the end of the period', () => {
    expect(rowOf('paid-search')?.dispositions).toBe(4);
  });

  it('lists nothing by source when no lead was dispositioned', () => {
    const empty = reasonCodes([], input.leads, codes, toPeriodMs(input.period));
    expect([empty.bySource, empty.overall.dispositions, empty.overall.codes]).toEqual([[], 0, []]);
  });
});
