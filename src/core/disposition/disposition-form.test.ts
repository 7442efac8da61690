import { describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../../test/support/default-playbook';
import type { DispositionOutcome, Playbook } from '../playbook/schema';
import { disposition } from './disposition';
import { dispositionForm, type ReasonOption } from './disposition-form';

const playbook = defaultPlaybook();
const NOW_MS = Date.UTC(2026, 2, 12, 15, 0, 0);
const DAY = 86_400_000;

const allowedIn = (stage: string) =>
  dispositionForm(playbook, stage, NOW_MS)
    .outcomes.filter((o) => o.allowed)
    .map((o) => o.outcome);

describe('dispositionForm', () => {
  it.each<[string, string, DispositionOutcome[]]>([
    ['an inquiry can take no outcome', 'inquiry', []],
    ['an MQL can be rejected or recycled', 'mql', ['reject', 'recycle']],
    ['an SQL can take every outcome', 'sql', ['accept', 'reject', 'recycle']],
    ['an SAL can only be recycled', 'sal', ['recycle']],
    ['a stage the playbook does not know can take no outcome', 'customer', []],
  ])('%s', (_scenario, stage, allowed) => {
    expect(allowedIn(stage)).toEqual(allowed);
  });

  it('explains a blocked outcome with the sentence disposition answers', () => {
    const accept = dispositionForm(playbook, 'mql', NOW_MS).outcomes[0];
    expect(accept).toMatchObject({
      outcome: 'accept',
      label: 'Accept',
      toStage: 'sal',
      toStageLabel: 'SAL',
      allowed: false,
      blockedReason: 'only SQL records can be accepted to SAL; this record is MQL',
    });
  });

  it('lists an outcome’s reasons in playbook order with their note requirements', () => {
    const reject = dispositionForm(playbook, 'sql', NOW_MS).outcomes[1];
    expect(reject?.toStage).toBeNull();
    expect(reject?.reasons.map((r) => [r.id, r.notesRequired, r.minNoteLength])).toEqual([
      ['reject_not_icp', true, 20],
      ['reject_student_or_job_seeker', false, 0],
      ['reject_competitor', false, 0],
      ['reject_bad_data', false, 0],
      ['reject_duplicate', false, 0],
      ['reject_existing_customer', false, 0],
      ['reject_other', true, 30],
    ]);
  });

  it.each<[string, string, Partial<ReasonOption>]>([
    [
      'a recycle reason with a delay offers its default date and its objection',
      'recycle_no_budget',
      {
        defaultRecycleAt: new Date(NOW_MS + 90 * DAY).toISOString(),
        recycleDateRequired: false,
        objection: 'price',
      },
    ],
    [
      'a recycle reason without an objection says so',
      'recycle_no_response',
      { defaultRecycleAt: new Date(NOW_MS + 30 * DAY).toISOString(), objection: null },
    ],
    [
      'an accept reason has no recycle date',
      'accept_meeting_booked',
      { defaultRecycleAt: null, recycleDateRequired: false },
    ],
  ])('%s', (_scenario, id, expected) => {
    const reasons = dispositionForm(playbook, 'sql', NOW_MS).outcomes.flatMap((o) => o.reasons);
    expect(reasons.find((r) => r.id === id)).toMatchObject(expected);
  });

  it('asks for a recycle date and a note of one character at least where the playbook has no default', () => {
    const custom: Playbook = {
      ...playbook,
      dispositions: {
        ...playbook.dispositions,
        reasonCodes: [
          ...playbook.dispositions.reasonCodes,
          {
            id: 'recycle_custom',
            label: 'Custom',
            outcome: 'recycle',
            notesRequired: true,
            minNoteLength: 0,
          },
        ],
      },
    };
    const recycle = dispositionForm(custom, 'sql', NOW_MS).outcomes[2];
    expect(recycle?.reasons.at(-1)).toMatchObject({
      id: 'recycle_custom',
      defaultRecycleAt: null,
      recycleDateRequired: true,
      minNoteLength: 1,
    });
  });
});

describe('what the form offers, disposition accepts; what it blocks, disposition refuses', () => {
  const cases = playbook.stages.flatMap((stage) =>
    dispositionForm(playbook, stage.id, NOW_MS).outcomes.flatMap((option) =>
      option.reasons.map((reason) => [stage.id, option.outcome, reason.id] as const),
    ),
  );

  it.each(cases)('a %s record, %s with %s', (stage, outcome, reasonId) => {
    const option = dispositionForm(playbook, stage, NOW_MS).outcomes.find((o) => o.outcome === outcome);
    const reason = option?.reasons.find((r) => r.id === reasonId);
    if (!option || !reason) throw new Error('the form lists what the case names');
    const chosenRecycleAt = reason.recycleDateRequired ? new Date(NOW_MS + DAY).toISOString() : null;
    const submit = (notes: string) =>
      disposition(
        {
          submissionId: `form-${stage}-${reasonId}`,
          outcome,
          reasonCode: reasonId,
          notes,
          ...(chosenRecycleAt !== null ? { recycleAt: chosenRecycleAt } : {}),
        },
        { recordId: 'lead-1', stage },
        playbook,
        NOW_MS,
      );
    const enough = submit('n'.repeat(reason.minNoteLength));
    if (!option.allowed) {
      expect(enough).toMatchObject({
        ok: false,
        error: { code: 'STAGE_NOT_ALLOWED', message: option.blockedReason },
      });
      return;
    }
    expect(enough.ok).toBe(true);
    if (enough.ok && !enough.data.alreadyApplied) {
      expect(enough.data.fields.handoffRecycleAt).toBe(chosenRecycleAt ?? reason.defaultRecycleAt);
      expect(enough.data.stageChange.to).toBe(option.toStage ?? stage);
    }
    if (reason.minNoteLength > 0) {
      expect(submit('n'.repeat(reason.minNoteLength - 1))).toMatchObject({
        ok: false,
        error: { code: 'INVALID_DISPOSITION', issues: [{ path: 'notes' }] },
      });
    }
  });
});
