import { describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../../test/support/default-playbook';
import { leadSlaClocks, type LeadSlaFacts } from './lead-clocks';

const playbook = defaultPlaybook();
// Thursday 12 March 2026, 11:00 in New York (EDT since the 8th): the us-east calendar is open 9–17 on weekdays.
const NOW_MS = Date.parse('2026-03-12T15:00:00Z');
const HOUR = 3_600_000;

const aLead = (facts: Partial<LeadSlaFacts>): LeadSlaFacts => ({
  stage: 'sql',
  stageEnteredAt: '2026-03-12T14:00:00Z',
  firstTouchAt: null,
  handoffStatus: 'open',
  dispositions: [],
  ...facts,
});

const summary = (facts: LeadSlaFacts) =>
  leadSlaClocks(playbook, facts, NOW_MS).map(({ policyId, state }) => [
    policyId,
    state.status,
    state.elapsedMs / HOUR,
    state.escalationLevel,
  ]);

describe('leadSlaClocks', () => {
  it.each<[string, Partial<LeadSlaFacts>, (string | number)[][]]>([
    [
      'an SQL that entered an hour ago and is untouched runs its first-touch clock',
      {},
      [['sql-first-touch', 'running', 1, 0]],
    ],
    [
      'an SQL touched half an hour after entering has met its clock',
      { firstTouchAt: '2026-03-12T14:30:00Z' },
      [['sql-first-touch', 'met', 0.5, 0]],
    ],
    [
      'an SQL touched before it entered the stage meets its clock at once',
      { firstTouchAt: '2026-03-11T14:30:00Z' },
      [['sql-first-touch', 'met', 0, 0]],
    ],
    [
      'an SQL waiting on the prospect, with no history, is paused from now on',
      { handoffStatus: 'waiting_on_prospect' },
      [['sql-first-touch', 'paused', 1, 0]],
    ],
    [
      'an SQL that waited on the prospect for half an hour gets that half hour back',
      {
        history: [
          { atMs: Date.parse('2026-03-12T14:00:00Z'), properties: { handoffStatus: 'open' } },
          { atMs: Date.parse('2026-03-12T14:15:00Z'), properties: { handoffStatus: 'waiting_on_prospect' } },
          { atMs: Date.parse('2026-03-12T14:45:00Z'), properties: { handoffStatus: 'open' } },
        ],
      },
      [['sql-first-touch', 'running', 0.5, 0]],
    ],
    [
      'an SQL whose status history shows half an hour waiting on the prospect gets that half hour back',
      {
        handoffStatus: 'open',
        statusHistory: [
          { at: '2026-03-12T14:45:00Z', status: 'open' },
          { at: '2026-03-12T14:00:00Z', status: 'open' },
          { at: '2026-03-12T14:15:00.000+00:00', status: 'waiting_on_prospect' },
        ],
      },
      [['sql-first-touch', 'running', 0.5, 0]],
    ],
    [
      'an SQL waiting on the prospect since 14:30 by its status history is paused, with 30 minutes elapsed',
      {
        handoffStatus: 'waiting_on_prospect',
        statusHistory: [
          { at: '2026-03-12T14:00:00Z', status: 'open' },
          { at: '2026-03-12T14:30:00Z', status: 'waiting_on_prospect' },
        ],
      },
      [['sql-first-touch', 'paused', 0.5, 0]],
    ],
    [
      'an empty status history counts as no history',
      { handoffStatus: 'waiting_on_prospect', statusHistory: [] },
      [['sql-first-touch', 'paused', 1, 0]],
    ],
    [
      'an MQL left since Monday 9:00 without a disposition has breached and reminded its owner',
      { stage: 'mql', stageEnteredAt: '2026-03-09T13:00:00Z' },
      [['mql-disposition', 'breached', 26, 1]],
    ],
    [
      'an MQL rejected on Tuesday has met its disposition clock',
      {
        stage: 'mql',
        stageEnteredAt: '2026-03-09T13:00:00Z',
        dispositions: [{ outcome: 'reject', at: '2026-03-10T14:00:00Z' }],
      },
      [['mql-disposition', 'met', 9, 0]],
    ],
    [
      'a lead recycled yesterday at 11:00 runs marketing’s response clock',
      {
        stage: 'inquiry',
        stageEnteredAt: '2026-03-11T15:00:00Z',
        dispositions: [
          { outcome: 'accept', at: '2026-03-02T15:00:00Z' },
          { outcome: 'recycle', at: '2026-03-11T15:00:00Z' },
        ],
      },
      [['recycled-lead-response', 'running', 8, 0]],
    ],
    [
      'a recycled lead that has since become an MQL again runs only the MQL clock, which the recycle does not stop',
      {
        stage: 'mql',
        stageEnteredAt: '2026-03-12T13:00:00Z',
        dispositions: [{ outcome: 'recycle', at: '2026-03-11T15:00:00Z' }],
      },
      [['mql-disposition', 'running', 2, 0]],
    ],
    ['a lead without a stage has no clock', { stage: null, stageEnteredAt: null }, []],
    ['a stage entered after now starts no clock yet', { stageEnteredAt: '2026-03-12T16:00:00Z' }, []],
    ['an unreadable stage-entry time starts no clock', { stageEnteredAt: 'yesterday' }, []],
    ['an inquiry that was never recycled has no clock', { stage: 'inquiry' }, []],
    [
      'a stage-entry time without an offset starts no clock, whatever the machine’s zone',
      { stageEnteredAt: '2026-03-12T10:00:00' },
      [],
    ],
    [
      'a first touch without an offset does not stop the clock',
      { firstTouchAt: '2026-03-12T10:30:00' },
      [['sql-first-touch', 'running', 1, 0]],
    ],
  ])('%s', (_scenario, facts, expected) => {
    expect(summary(aLead(facts))).toEqual(expected);
  });

  it('names each clock’s policy and owner and gives the escalation ladder’s next step', () => {
    const [clock] = leadSlaClocks(playbook, aLead({}), NOW_MS);
    expect(clock).toMatchObject({
      policyId: 'sql-first-touch',
      label: 'Sales contacts an SQL within 4 business hours',
      owner: 'sales',
      state: {
        triggeredAt: '2026-03-12T14:00:00.000Z',
        dueAt: '2026-03-12T18:00:00.000Z',
        remainingMs: 3 * HOUR,
        nextEscalation: { action: 'remind_owner' },
      },
    });
  });
});
