import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Playbook } from '../playbook/schema';
import { disposition } from './disposition';
import type { DispositionState } from './submission-schema';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook: Playbook = defaultPlaybook();

const NOW_MS = Date.UTC(2026, 2, 12, 15, 0, 0);
const DAY = 86_400_000;
const LONG_NOTE = 'Budget frozen until the next fiscal year';

const aSubmission = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  submissionId: 'sub-1',
  outcome: 'accept',
  reasonCode: 'accept_meeting_booked',
  ...overrides,
});
const aState = (overrides: Partial<DispositionState> = {}): DispositionState => ({
  recordId: 'lead-1',
  stage: 'sql',
  ...overrides,
});
const issuesOf = (result: ReturnType<typeof disposition>) =>
  result.ok ? [] : result.error.issues.map((i) => `${i.path}: ${i.message}`);

const fixturesDir = new URL('./__fixtures__/', import.meta.url).pathname;
const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const data = JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as {
      scenario: string;
      now: string;
      state: DispositionState;
      submission: unknown;
      expected: Record<string, unknown>;
    };
    return [`${name}: ${data.scenario}`, data] as const;
  });

describe('disposition on the default playbook', () => {
  it.each(fixtures)('%s', (_name, fixture) => {
    const result = disposition(fixture.submission, fixture.state, playbook, Date.parse(fixture.now));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data).toMatchObject(fixture.expected);
  });
});

describe('disposition rejects bad fields, each with its path', () => {
  it.each<[string, Record<string, unknown>, DispositionState, string[]]>([
    [
      'a missing reason code',
      aSubmission({ reasonCode: undefined }),
      aState(),
      ['reasonCode: a reason code is required'],
    ],
    [
      'a blank reason code',
      aSubmission({ reasonCode: '  ' }),
      aState(),
      ['reasonCode: a reason code is required'],
    ],
    [
      'an unknown reason code',
      aSubmission({ reasonCode: 'accept_gut_feeling' }),
      aState(),
      ['reasonCode: unknown reason code "accept_gut_feeling"'],
    ],
    [
      'a reason code of another outcome',
      aSubmission({ outcome: 'accept', reasonCode: 'reject_competitor' }),
      aState(),
      ['reasonCode: reason code "reject_competitor" is for reject, not accept'],
    ],
    [
      'missing notes where the reason requires them',
      aSubmission({ reasonCode: 'accept_other' }),
      aState(),
      ['notes: notes are required for "Other reason to accept"'],
    ],
    [
      'notes that are only spaces',
      aSubmission({ reasonCode: 'accept_other', notes: '     ' }),
      aState(),
      ['notes: notes are required for "Other reason to accept"'],
    ],
    [
      'notes shorter than the minimum once trimmed',
      aSubmission({ outcome: 'reject', reasonCode: 'reject_not_icp', notes: '   too short   ' }),
      aState({ stage: 'mql' }),
      ['notes: notes for "Outside the ICP" must be at least 20 characters (got 9)'],
    ],
    [
      'notes over 5,000 characters',
      aSubmission({ notes: 'x'.repeat(5001) }),
      aState(),
      ['notes: notes must be at most 5000 characters (got 5001)'],
    ],
    [
      'a recycle date on an accept',
      aSubmission({ recycleAt: '2026-06-01T00:00:00Z' }),
      aState(),
      ['recycleAt: a recycle date is only for recycle, not accept'],
    ],
    [
      'a recycle date in the past',
      aSubmission({
        outcome: 'recycle',
        reasonCode: 'recycle_no_response',
        recycleAt: '2026-03-01T00:00:00Z',
      }),
      aState(),
      ['recycleAt: the recycle date must be in the future (after 2026-03-12T15:00:00.000Z)'],
    ],
    [
      'a recycle date exactly now',
      aSubmission({
        outcome: 'recycle',
        reasonCode: 'recycle_no_response',
        recycleAt: '2026-03-12T15:00:00Z',
      }),
      aState(),
      ['recycleAt: the recycle date must be in the future (after 2026-03-12T15:00:00.000Z)'],
    ],
    [
      'a recycle date without an offset',
      aSubmission({ outcome: 'recycle', reasonCode: 'recycle_no_response', recycleAt: '2026-06-01' }),
      aState(),
      ['recycleAt: expected an ISO-8601 instant with an offset, e.g. 2026-06-01T09:00:00Z'],
    ],
    [
      'a missing submission id',
      aSubmission({ submissionId: '' }),
      aState(),
      ['submissionId: a submission id is required'],
    ],
    [
      'an unknown outcome',
      aSubmission({ outcome: 'snooze' }),
      aState(),
      ['outcome: outcome must be accept, reject or recycle'],
    ],
    ['an unknown field', aSubmission({ note: 'typo' }), aState(), [': Unrecognized key: "note"']],
    [
      'several bad fields at once',
      aSubmission({
        submissionId: ' ',
        reasonCode: 'reject_other',
        notes: 'x'.repeat(5001),
        recycleAt: 'soon',
      }),
      aState(),
      [
        'submissionId: a submission id is required',
        'recycleAt: expected an ISO-8601 instant with an offset, e.g. 2026-06-01T09:00:00Z',
        'reasonCode: reason code "reject_other" is for reject, not accept',
        'notes: notes must be at most 5000 characters (got 5001)',
      ],
    ],
  ])('%s', (_name, submission, state, expected) => {
    const result = disposition(submission, state, playbook, NOW_MS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_DISPOSITION');
    expect(issuesOf(result)).toEqual(expected);
  });

  it('reports a submission that is not an object without throwing', () => {
    const result = disposition('accept', aState(), playbook, NOW_MS);
    expect(result.ok).toBe(false);
    expect(issuesOf(result)).toEqual([
      ': Invalid input: expected object, received string',
      'reasonCode: a reason code is required',
    ]);
  });

  it('needs a recycle date when the reason has no default delay', () => {
    const noDelay: Playbook = {
      ...playbook,
      dispositions: {
        ...playbook.dispositions,
        reasonCodes: playbook.dispositions.reasonCodes.map((code) =>
          code.id === 'recycle_no_response'
            ? {
                id: code.id,
                label: code.label,
                outcome: code.outcome,
                notesRequired: false,
                minNoteLength: 0,
              }
            : code,
        ),
      },
    };
    const submission = aSubmission({ outcome: 'recycle', reasonCode: 'recycle_no_response' });
    expect(issuesOf(disposition(submission, aState(), noDelay, NOW_MS))).toEqual([
      'recycleAt: a recycle date is required: "No response after the contact cadence" has no default delay',
    ]);
    const dated = disposition(
      { ...submission, recycleAt: '2026-05-01T09:00:00-04:00' },
      aState(),
      noDelay,
      NOW_MS,
    );
    expect(dated.ok && !dated.data.alreadyApplied && dated.data.fields.handoffRecycleAt).toBe(
      '2026-05-01T13:00:00.000Z',
    );
  });
});

describe('disposition checks the record stage', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'only an SQL can be accepted',
      aSubmission(),
      'mql',
      'outcome: only SQL records can be accepted to SAL; this record is MQL',
    ],
    [
      'an Inquiry cannot be rejected',
      aSubmission({ outcome: 'reject', reasonCode: 'reject_competitor' }),
      'inquiry',
      'outcome: only MQL or SQL records can be rejected; this record is Inquiry',
    ],
    [
      'an Inquiry cannot be recycled',
      aSubmission({ outcome: 'recycle', reasonCode: 'recycle_no_response' }),
      'inquiry',
      'outcome: only MQL, SQL or SAL records can be recycled to Inquiry; this record is Inquiry',
    ],
  ])('%s', (_name, submission, stage, issue) => {
    const result = disposition(submission, aState({ stage }), playbook, NOW_MS);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('STAGE_NOT_ALLOWED');
      expect(result.error.message).toBe(issue.replace('outcome: ', ''));
    }
    expect(issuesOf(result)).toEqual([issue]);
  });

  it('lists the stage problem together with bad fields', () => {
    const result = disposition(
      aSubmission({ reasonCode: 'accept_other' }),
      aState({ stage: 'mql' }),
      playbook,
      NOW_MS,
    );
    expect(result.ok || result.error).toMatchObject({
      code: 'STAGE_NOT_ALLOWED',
      message: 'the disposition has 2 problems',
    });
    expect(issuesOf(result)).toEqual([
      'notes: notes are required for "Other reason to accept"',
      'outcome: only SQL records can be accepted to SAL; this record is MQL',
    ]);
  });
});

describe('disposition plans', () => {
  it.each<[string, string, number, string]>([
    ['the reason default: 90 days for no budget', 'recycle_no_budget', 90, 'sql'],
    ['the reason default: 180 days for a competitor contract', 'recycle_using_competitor', 180, 'sal'],
  ])('dates a recycle without a date with %s', (_name, reasonCode, days, stage) => {
    const result = disposition(
      aSubmission({ outcome: 'recycle', reasonCode, notes: LONG_NOTE }),
      aState({ stage }),
      playbook,
      NOW_MS,
    );
    expect(result.ok && !result.data.alreadyApplied && result.data.fields.handoffRecycleAt).toBe(
      new Date(NOW_MS + days * DAY).toISOString(),
    );
  });

  it('keeps a given recycle date and stops no clock for a stage without SLA', () => {
    const result = disposition(
      aSubmission({
        outcome: 'recycle',
        reasonCode: 'recycle_bad_timing',
        notes: LONG_NOTE,
        recycleAt: '2026-09-01T13:00:00Z',
      }),
      aState({ stage: 'sal' }),
      playbook,
      NOW_MS,
    );
    expect(result.ok && !result.data.alreadyApplied && result.data).toMatchObject({
      fields: { handoffRecycleAt: '2026-09-01T13:00:00.000Z', handoffStage: 'inquiry' },
      sla: { stop: { policyIds: [] }, restart: { policyId: 'recycled-lead-response' } },
    });
  });
});

describe('disposition is idempotent', () => {
  const submission = aSubmission({
    outcome: 'reject',
    reasonCode: 'reject_not_icp',
    notes: 'Retail chain with 12 employees',
  });
  const first = disposition(submission, aState({ stage: 'mql' }), playbook, NOW_MS);
  const key = first.ok ? first.data.idempotencyKey : '';

  it('gives a 64-hex-digit key, also the stored disposition id', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.ok && !first.data.alreadyApplied && first.data.disposition.id).toBe(key);
  });

  it.each<[string, Record<string, unknown>, number, boolean]>([
    ['a retry later gives the same key', submission, NOW_MS + 60_000, true],
    [
      'a retry with the notes padded by spaces gives the same key',
      { ...submission, notes: '  Retail chain with 12 employees ' },
      NOW_MS,
      true,
    ],
    [
      'changed notes under the same submission id give another key',
      { ...submission, notes: 'Retail chain with 15 employees' },
      NOW_MS,
      false,
    ],
    [
      'another reason under the same submission id gives another key',
      { ...submission, reasonCode: 'reject_competitor' },
      NOW_MS,
      false,
    ],
  ])('%s', (_name, retried, nowMs, same) => {
    const result = disposition(retried, aState({ stage: 'mql' }), playbook, nowMs);
    expect(result.ok).toBe(true);
    expect(result.ok && result.data.idempotencyKey === key).toBe(same);
  });

  it('keeps the key of a recycle retried later, because the default date is not part of it', () => {
    const recycle = aSubmission({ outcome: 'recycle', reasonCode: 'recycle_no_response' });
    const a = disposition(recycle, aState(), playbook, NOW_MS);
    const b = disposition(recycle, aState(), playbook, NOW_MS + DAY);
    expect(a.ok && b.ok && a.data.idempotencyKey === b.data.idempotencyKey).toBe(true);
  });

  it('returns alreadyApplied with nothing to write when the key is stored, even after the stage moved', () => {
    const accept = aSubmission();
    const applied = disposition(accept, aState({ stage: 'sql' }), playbook, NOW_MS);
    if (!applied.ok) throw new Error('the first submit must succeed');
    const retry = disposition(
      accept,
      aState({ stage: 'sal', appliedKeys: ['other', applied.data.idempotencyKey] }),
      playbook,
      NOW_MS + 5_000,
    );
    expect(retry).toEqual({
      ok: true,
      data: { alreadyApplied: true, idempotencyKey: applied.data.idempotencyKey },
    });
  });

  it('still refuses a changed submission once the stage has moved', () => {
    const applied = disposition(aSubmission(), aState(), playbook, NOW_MS);
    const keys = applied.ok ? [applied.data.idempotencyKey] : [];
    const changed = disposition(
      aSubmission({ notes: 'Demo booked' }),
      aState({ stage: 'sal', appliedKeys: keys }),
      playbook,
      NOW_MS,
    );
    expect(changed.ok || changed.error.code).toBe('STAGE_NOT_ALLOWED');
  });
});
