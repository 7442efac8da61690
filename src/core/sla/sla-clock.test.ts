import { describe, expect, it } from 'vitest';
import { compileCalendar } from './business-calendar';
import { slaClock } from './sla-clock';
import type { PauseSpan, SlaClockState } from './types';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

const playbook = defaultPlaybook();
const policy = playbook.slaPolicies.find((p) => p.id === 'sql-first-touch');
const usEastSpec = playbook.calendars.find((c) => c.id === 'us-east');
if (!policy || !usEastSpec) throw new Error('the default playbook must have sql-first-touch on us-east');
const calendar = compileCalendar(usEastSpec);

interface Case {
  triggeredAt: string;
  completedAt?: string;
  pauses?: PauseSpan[];
  now: string;
  expected: Partial<SlaClockState>;
}

// The SQL first-touch policy: 4 business hours on 9–5 New York, escalations at 24/48/72 business hours.
// Tuesday 10 March 2026, 10:00 EDT = 14:00Z.
describe('slaClock for "contact an SQL within 4 business hours"', () => {
  it.each<[string, Case]>([
    [
      'is running one business hour after the trigger, due at 14:00 the same day',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        now: '2026-03-10T15:00:00Z',
        expected: {
          status: 'running',
          elapsedMs: 1 * H,
          remainingMs: 3 * H,
          sinceTargetMs: 0,
          dueAt: '2026-03-10T18:00:00.000Z',
          escalationLevel: 0,
          nextEscalationAt: '2026-03-13T14:00:00.000Z',
          nextEscalation: { action: 'remind_owner', label: 'reminder to the owner' },
          isCompleted: false,
          isViolated: false,
        },
      },
    ],
    [
      'pauses outside business hours and says when it resumes',
      {
        triggeredAt: '2026-03-10T20:00:00Z',
        now: '2026-03-10T22:00:00Z',
        expected: {
          status: 'paused',
          pauseReason: 'outside_business_hours',
          pausedUntil: '2026-03-11T13:00:00.000Z',
          elapsedMs: 1 * H,
          remainingMs: 3 * H,
          dueAt: '2026-03-11T16:00:00.000Z',
        },
      },
    ],
    [
      'is met when the first touch lands inside the target',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        completedAt: '2026-03-10T16:00:00Z',
        now: '2026-03-11T20:00:00Z',
        expected: {
          status: 'met',
          elapsedMs: 2 * H,
          remainingMs: 2 * H,
          completedAt: '2026-03-10T16:00:00.000Z',
          isCompleted: true,
          isViolated: false,
          nextEscalationAt: null,
          nextEscalation: null,
        },
      },
    ],
    [
      'is met when the first touch lands exactly at the due instant',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        completedAt: '2026-03-10T18:00:00Z',
        now: '2026-03-10T19:00:00Z',
        expected: { status: 'met', elapsedMs: 4 * H, remainingMs: 0, isViolated: false },
      },
    ],
    [
      'is breached the next morning with no touch, four business hours past target',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        now: '2026-03-11T14:00:00Z',
        expected: {
          status: 'breached',
          elapsedMs: 8 * H,
          remainingMs: 0,
          sinceTargetMs: 4 * H,
          isViolated: true,
          isCompleted: false,
          escalationLevel: 0,
          nextEscalationAt: '2026-03-13T14:00:00.000Z',
        },
      },
    ],
    [
      'stays breached after a late first touch',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        completedAt: '2026-03-11T14:00:00Z',
        now: '2026-03-12T14:00:00Z',
        expected: {
          status: 'breached',
          elapsedMs: 8 * H,
          isCompleted: true,
          isViolated: true,
          nextEscalation: null,
        },
      },
    ],
    [
      'ignores a first touch that is later than now',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        completedAt: '2026-03-10T17:00:00Z',
        now: '2026-03-10T15:00:00Z',
        expected: { status: 'running', completedAt: null, isCompleted: false, elapsedMs: 1 * H },
      },
    ],
    [
      'reaches the 48-hour alert and names the 72-hour manager step next',
      {
        triggeredAt: '2026-03-02T14:00:00Z',
        now: '2026-03-10T14:00:00Z',
        expected: {
          status: 'breached',
          elapsedMs: 49 * H,
          escalationLevel: 2,
          escalation: { action: 'alert_owner', label: 'alert to the owner' },
          nextEscalationAt: '2026-03-12T21:00:00.000Z',
          nextEscalation: { action: 'notify_manager', label: 'manager notified' },
        },
      },
    ],
    [
      'does not count business time while waiting on the prospect',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        pauses: [{ fromMs: at('2026-03-10T15:00:00Z'), toMs: at('2026-03-11T14:00:00Z') }],
        now: '2026-03-11T15:00:00Z',
        expected: {
          status: 'running',
          elapsedMs: 2 * H,
          remainingMs: 2 * H,
          dueAt: '2026-03-11T17:00:00.000Z',
        },
      },
    ],
    [
      'is paused by a pause rule with no known end and no due instant',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        pauses: [{ fromMs: at('2026-03-10T15:00:00Z'), toMs: null }],
        now: '2026-03-10T16:00:00Z',
        expected: {
          status: 'paused',
          pauseReason: 'pause_rule',
          pausedUntil: null,
          dueAt: null,
          elapsedMs: 1 * H,
          nextEscalationAt: null,
        },
      },
    ],
    [
      'resumes at the next opening when a pause rule ends after hours',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        pauses: [{ fromMs: at('2026-03-10T15:00:00Z'), toMs: at('2026-03-10T22:00:00Z') }],
        now: '2026-03-10T21:30:00Z',
        expected: { status: 'paused', pauseReason: 'pause_rule', pausedUntil: '2026-03-11T13:00:00.000Z' },
      },
    ],
    [
      'merges overlapping pauses instead of subtracting their overlap twice',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        pauses: [
          { fromMs: at('2026-03-10T15:00:00Z'), toMs: at('2026-03-10T17:00:00Z') },
          { fromMs: at('2026-03-10T16:00:00Z'), toMs: at('2026-03-10T18:00:00Z') },
        ],
        now: '2026-03-10T19:00:00Z',
        expected: { status: 'running', elapsedMs: 1 * H + 1 * H, dueAt: '2026-03-10T21:00:00.000Z' },
      },
    ],
    [
      'treats a first touch before the trigger as touching at the trigger (met at once)',
      {
        triggeredAt: '2026-03-10T14:00:00Z',
        completedAt: '2026-03-10T12:00:00Z',
        now: '2026-03-10T15:00:00Z',
        expected: { status: 'met', elapsedMs: 0, completedAt: '2026-03-10T14:00:00.000Z' },
      },
    ],
  ])('%s', (_name, c) => {
    const state = slaClock({
      policy,
      calendar,
      triggeredAtMs: at(c.triggeredAt),
      completedAtMs: c.completedAt === undefined ? null : at(c.completedAt),
      pauses: c.pauses,
      nowMs: at(c.now),
    });
    expect(state).toMatchObject({ policyId: 'sql-first-touch', targetMs: 4 * H, ...c.expected });
  });
});
