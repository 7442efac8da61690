import { describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../../test/support/default-playbook';
import { escalationPlan, type EscalationLead, type EscalationRouting } from './escalation-plan';
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

  describe('routing a marketing-owned policy', () => {
    // A lead recycled last Wednesday at 9:00 New York: marketing's 24-hour clock is 50 business hours old.
    const recycled: Partial<LeadSlaFacts> = {
      stage: 'inquiry',
      stageEnteredAt: '2026-03-04T14:00:00Z',
      handoffStatus: 'recycled',
      dispositions: [{ outcome: 'recycle', at: '2026-03-04T14:00:00Z' }],
    };
    const route = (routing: EscalationRouting, nowMs = NOW_MS, lead: EscalationLead = LEAD) => {
      const plan = escalationPlan(
        playbook,
        lead,
        leadSlaClocks(playbook, facts(recycled), nowMs),
        nowMs,
        routing,
      );
      return {
        tasks: plan.tasks.map((t) => [t.policyId, t.level, t.action, t.assigneeId]),
        unassigned: plan.unassigned.map((u) => [u.level, u.reason]),
      };
    };

    it.each<[string, EscalationRouting, number, ReturnType<typeof route>]>([
      [
        'goes to the lead’s owner when no marketing owner is given',
        {},
        NOW_MS,
        { tasks: [['recycled-lead-response', 1, 'alert_owner', 'rep-1']], unassigned: [] },
      ],
      [
        'goes to the marketing owner when one is given',
        { marketing: { ownerId: 'mkt-1', managerId: 'mkt-lead' } },
        NOW_MS,
        { tasks: [['recycled-lead-response', 1, 'alert_owner', 'mkt-1']], unassigned: [] },
      ],
      [
        'reaches the marketing owner’s manager, not the rep’s, at 72 business hours',
        { marketing: { ownerId: 'mkt-1', managerId: 'mkt-lead' } },
        Date.parse('2026-03-17T15:00:00Z'),
        {
          tasks: [
            ['recycled-lead-response', 1, 'alert_owner', 'mkt-1'],
            ['recycled-lead-response', 2, 'notify_manager', 'mkt-lead'],
          ],
          unassigned: [],
        },
      ],
      [
        'reports the manager step when the marketing owner has no manager',
        { marketing: { ownerId: 'mkt-1', managerId: null } },
        Date.parse('2026-03-17T15:00:00Z'),
        {
          tasks: [['recycled-lead-response', 1, 'alert_owner', 'mkt-1']],
          unassigned: [[2, 'the escalation assignee has no manager on record']],
        },
      ],
    ])('%s', (_scenario, routing, nowMs, expected) => {
      expect(route(routing, nowMs)).toEqual(expected);
    });

    it('prefers an assignee named for the policy to the marketing owner', () => {
      expect(
        route({
          policies: { 'recycled-lead-response': { ownerId: 'mkt-ops', managerId: null } },
          marketing: { ownerId: 'mkt-1', managerId: 'mkt-lead' },
        }).tasks,
      ).toEqual([['recycled-lead-response', 1, 'alert_owner', 'mkt-ops']]);
    });

    it('routes a sales policy named in the routing too, and ignores names of other policies', () => {
      const plan = (routing: EscalationRouting) =>
        escalationPlan(playbook, LEAD, leadSlaClocks(playbook, facts({}), NOW_MS), NOW_MS, routing).tasks.map(
          (t) => t.assigneeId,
        );
      expect(plan({ policies: { 'mql-disposition': { ownerId: 'sdr-queue', managerId: null } } })).toEqual([
        'sdr-queue',
      ]);
      expect(plan({ policies: { 'sql-first-touch': { ownerId: 'sdr-queue', managerId: null } } })).toEqual([
        'rep-1',
      ]);
      expect(plan({ policies: { toString: { ownerId: 'x', managerId: null } } })).toEqual(['rep-1']);
    });

    it('leaves sales-owned policies with the lead’s owner', () => {
      const plan = planFor({}, LEAD, NOW_MS);
      const routed = escalationPlan(playbook, LEAD, leadSlaClocks(playbook, facts({}), NOW_MS), NOW_MS, {
        marketing: { ownerId: 'mkt-1', managerId: 'mkt-lead' },
      });
      expect(routed).toEqual(plan);
    });
  });
});
