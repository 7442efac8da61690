import { describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../../test/support/default-playbook';
import { escalationPlan, type EscalationLead } from './escalation-plan';
import { leadSlaClocks, type LeadSlaFacts } from './lead-clocks';

const playbook = defaultPlaybook();
// Thursday 12 March 2026, 11:00 in New York; the us-east calendar is open 9–17 on weekdays.
const NOW_MS = Date.parse('2026-03-12T15:00:00Z');
const LEAD: EscalationLead = { id: 'c-1', name: 'Ada Lovelace', ownerId: 'rep-1', managerId: 'mgr-1' };

const facts = (patch: Partial<LeadSlaFacts>): LeadSlaFacts => ({
  stage: 'mql',
  stageEnteredAt: '2026-03-09T13:00:00Z',
  firstTouchAt: null,
  handoffStatus: 'open',
  dispositions: [],
  ...patch,
});
const planFor = (patch: Partial<LeadSlaFacts>, lead: EscalationLead = LEAD, nowMs = NOW_MS) =>
  escalationPlan(playbook, lead, leadSlaClocks(playbook, facts(patch), nowMs), nowMs);
const steps = (patch: Partial<LeadSlaFacts>, lead?: EscalationLead, nowMs?: number) =>
  planFor(patch, lead, nowMs).tasks.map((t) => [t.level, t.action, t.assigneeId]);

describe('escalationPlan', () => {
  it.each<[string, Partial<LeadSlaFacts>, number, (string | number)[][]]>([
    ['an MQL 26 business hours old has reached the reminder', {}, NOW_MS, [[1, 'remind_owner', 'rep-1']]],
    [
      'the same MQL eight days later (74 business hours) has reached every step, the manager’s included',
      {},
      Date.parse('2026-03-20T15:00:00Z'),
      [
        [1, 'remind_owner', 'rep-1'],
        [2, 'alert_owner', 'rep-1'],
        [3, 'notify_manager', 'mgr-1'],
      ],
    ],
    [
      'an MQL that entered this morning has reached no step',
      { stageEnteredAt: '2026-03-12T13:00:00Z' },
      NOW_MS,
      [],
    ],
    [
      'a late MQL that has since been dispositioned files nothing',
      { dispositions: [{ outcome: 'reject', at: '2026-03-12T14:00:00Z' }] },
      NOW_MS,
      [],
    ],
  ])('%s', (_scenario, patch, nowMs, expected) => {
    expect(steps(patch, LEAD, nowMs)).toEqual(expected);
  });

  it('keys each task by lead, policy, trigger and step, so a rerun files nothing twice', () => {
    const [task] = planFor({}).tasks;
    expect(task).toEqual({
      leadId: 'c-1',
      assigneeId: 'rep-1',
      policyId: 'mql-disposition',
      level: 1,
      action: 'remind_owner',
      subject: 'SLA reminder to the owner: Ada Lovelace',
      body:
        'Sales dispositions an MQL within 24 business hours — step 1 (reminder to the owner) after PT24H of business ' +
        'time. Triggered 2026-03-09T13:00:00.000Z, due 2026-03-11T21:00:00.000Z; PT2H of business time past its target.',
      dueAt: '2026-03-12T15:00:00.000Z',
      idempotencyKey: 'c-1:mql-disposition:2026-03-09T13:00:00.000Z:1',
    });
    expect(planFor({}).tasks).toEqual(planFor({}).tasks);
  });

  it.each<[string, EscalationLead, (string | number)[][]]>([
    [
      'a lead without an owner reports its owner steps as unassigned',
      { ...LEAD, ownerId: null },
      [
        [1, 'remind_owner', 'the lead has no owner'],
        [2, 'alert_owner', 'the lead has no owner'],
      ],
    ],
    [
      'an owner without a manager reports the manager step',
      { ...LEAD, managerId: null },
      [[3, 'notify_manager', 'the owner has no manager on record']],
    ],
  ])('%s, and files the rest', (_scenario, lead, unassigned) => {
    const plan = planFor({}, lead, Date.parse('2026-03-20T15:00:00Z'));
    expect(plan.unassigned.map((u) => [u.level, u.action, u.reason])).toEqual(unassigned);
    expect(plan.tasks).toHaveLength(3 - unassigned.length);
  });
});
