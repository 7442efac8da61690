import { describe, expect, it } from 'vitest';
import everyRecord from './__fixtures__/quarter-with-every-kind-of-record.json';
import { fixture } from './__fixtures__/fixture';
import type { ScorecardInput } from './input-schema';
import { scorecard, type Scorecard } from './scorecard';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const input = fixture(everyRecord);

function measured(result: ReturnType<typeof scorecard>): Scorecard {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** Every number in a value, with its path, so NaN and Infinity cannot hide in a nested group. */
function numbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => numbers(inner, `${path}.${key}`));
}

describe('scorecard', () => {
  it.each([
    ['fails SLA compliance at 4 of 6 clocks', 0, 'fail', 4 / 6],
    ['passes library usage with both reps sharing', 1, 'pass', 1],
    ['passes briefing attendance at 19 of 20', 2, 'pass', 0.95],
    ['fails feedback with half answered within 48 hours', 3, 'fail', 0.5],
  ])('%s', (_name, index, status, value) => {
    const target = measured(scorecard(input, playbook)).targets[index];
    expect(target?.status).toBe(status);
    expect(target?.actual.value).toBeCloseTo(value, 12);
  });

  it.each([
    [
      'measures the period given as a parameter instead of the input one',
      { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
      { briefing: 1, winRate: 0, funnelInquiry: 0 },
    ],
    [
      'reads the period bounds as instants whatever their offset',
      { from: '2025-12-31T19:00:00-05:00', to: '2026-04-01T05:30:00+05:30' },
      { briefing: 0.95, winRate: 0.5, funnelInquiry: 4 },
    ],
  ])('%s', (_name, period, expected) => {
    const result = measured(scorecard(input, playbook, period));
    expect(result.briefings.attendance.value).toBeCloseTo(expected.briefing, 12);
    expect(result.deals.overall.winRate.value).toBe(expected.winRate);
    expect(result.funnel.overall.steps[0]?.count).toBe(expected.funnelInquiry);
  });

  it('gives null measures with reasons, never NaN, and no verdict for a period before every record', () => {
    const result = measured(
      scorecard(input, playbook, { from: '2020-01-01T00:00:00Z', to: '2020-04-01T00:00:00Z' }),
    );
    expect(result.targets.map((t) => [t.status, t.actual.reason])).toEqual([
      ['no_data', 'no clock was completed or violated in the period'],
      ['no_data', 'no rep owned a deal or dispositioned a lead in the period'],
      ['no_data', 'no sales rep was invited to a briefing in the period'],
      ['no_data', 'no feedback was due an answer in the period'],
    ]);
    expect(numbers(result).filter(([, n]) => !Number.isFinite(n))).toEqual([]);
  });

  it('does not depend on the order of the records', () => {
    const reversed: ScorecardInput = {
      ...input,
      leads: [...input.leads].reverse(),
      deals: [...input.deals].reverse(),
      dispositions: [...input.dispositions].reverse(),
      touches: [...input.touches].reverse(),
      slaClocks: [...input.slaClocks].reverse(),
    };
    expect(measured(scorecard(reversed, playbook))).toEqual(measured(scorecard(input, playbook)));
  });

  it('names the playbook edition it was measured against', () => {
    expect(measured(scorecard(input, playbook)).playbook).toBe('Default B2B playbook (2026-Q4)');
  });

  it.each([
    [
      'refuses lead stages the playbook does not define, with their paths',
      {
        ...input,
        leads: [{ ...input.leads[0], stageHistory: [{ stage: 'hot', at: '2026-01-02T10:00:00Z' }] }],
      },
      input.period,
      ['leads[0].stageHistory[0].stage'],
    ],
    [
      'refuses a period parameter that ends before it starts',
      input,
      { from: '2026-04-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      ['to'],
    ],
    [
      'refuses a period parameter without a zone',
      input,
      { from: '2026-01-01T00:00:00', to: '2026-04-01T00:00:00Z' },
      ['from'],
    ],
  ])('%s', (_name, records, period, paths) => {
    const result = scorecard(records as ScorecardInput, playbook, period);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_SCORECARD_INPUT');
      expect(result.error.issues.map((issue) => issue.path)).toEqual(paths);
    }
  });
});
