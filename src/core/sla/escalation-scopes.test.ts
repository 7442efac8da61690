import { describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../../test/support/default-playbook';
import type { Playbook } from '../playbook/schema';
import { escalationScopes } from './escalation-scopes';

const playbook = defaultPlaybook();
const NOW_MS = Date.parse('2026-03-12T15:00:00Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

/** The default playbook with its SLA policies and outcomes changed. */
function variant(change: (p: { -readonly [K in keyof Playbook]: Playbook[K] }) => void): Playbook {
  const copy = structuredClone(playbook) as { -readonly [K in keyof Playbook]: Playbook[K] };
  change(copy);
  return copy;
}

describe('escalationScopes', () => {
  it('reads SQLs (with their status history: the SQL clock pauses on it) and MQLs 24 hours back and recycled leads (now inquiries) 48 hours back, all within the lookback', () => {
    expect(escalationScopes(playbook, NOW_MS, 30 * DAY)).toEqual([
      {
        stage: 'sql',
        enteredBefore: at(NOW_MS - DAY),
        enteredAfter: at(NOW_MS - 30 * DAY),
        includeTouched: false,
        withStatusHistory: true,
        policyIds: ['sql-first-touch'],
      },
      {
        stage: 'mql',
        enteredBefore: at(NOW_MS - DAY),
        enteredAfter: at(NOW_MS - 30 * DAY),
        includeTouched: true,
        withStatusHistory: false,
        policyIds: ['mql-disposition'],
      },
      {
        stage: 'inquiry',
        enteredBefore: at(NOW_MS - 2 * DAY),
        enteredAfter: at(NOW_MS - 30 * DAY),
        includeTouched: false,
        withStatusHistory: false,
        policyIds: ['recycled-lead-response'],
      },
    ]);
  });

  it.each<[string, (p: { -readonly [K in keyof Playbook]: Playbook[K] }) => void, unknown[]]>([
    [
      'a policy without escalations needs no sweep',
      (p) => {
        p.slaPolicies = p.slaPolicies.map((s) =>
          s.id === 'sql-first-touch' ? { ...s, escalations: [] } : s,
        );
      },
      ['mql', 'inquiry'],
    ],
    [
      'two policies on one stage share a scope that starts at the earlier first step and includes touched leads',
      (p) => {
        const sql = p.slaPolicies.find((s) => s.id === 'sql-first-touch');
        if (sql === undefined) throw new Error('no sql policy');
        p.slaPolicies = [
          ...p.slaPolicies,
          {
            ...sql,
            id: 'sql-disposition',
            stopsOn: 'disposition',
            escalations: [{ after: 'PT8H', action: 'remind_owner' }],
          },
        ];
      },
      [['sql', NOW_MS - 8 * 3_600_000, true, ['sql-first-touch', 'sql-disposition']], 'mql', 'inquiry'],
    ],
    [
      'a recycle that keeps the stage reads every stage it may be taken from',
      (p) => {
        p.dispositions = {
          ...p.dispositions,
          outcomes: {
            ...p.dispositions.outcomes,
            recycle: { ...p.dispositions.outcomes.recycle, toStage: null },
          },
        };
      },
      ['sql', 'mql', ['sal', NOW_MS - 2 * DAY, false, ['recycled-lead-response']]],
    ],
    [
      'no outcome restarting the recycled-lead policy leaves no stage for it',
      (p) => {
        const recycle = { ...p.dispositions.outcomes.recycle };
        delete recycle.restartsPolicy;
        p.dispositions = { ...p.dispositions, outcomes: { ...p.dispositions.outcomes, recycle } };
      },
      ['sql', 'mql'],
    ],
  ])('%s', (_name, change, expected) => {
    const scopes = escalationScopes(variant(change), NOW_MS, 30 * DAY);
    expect(
      scopes.map((s) =>
        expected.some((e) => Array.isArray(e) && e[0] === s.stage)
          ? [s.stage, Date.parse(s.enteredBefore), s.includeTouched, s.policyIds]
          : s.stage,
      ),
    ).toEqual(expected);
  });

  it('takes the lookback as given, whatever the steps', () => {
    const [first] = escalationScopes(playbook, NOW_MS, 7 * DAY);
    expect(first?.enteredAfter).toBe(at(NOW_MS - 7 * DAY));
  });
});
