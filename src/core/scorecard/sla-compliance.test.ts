import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../playbook/schema';
import twoOwners from './__fixtures__/sla-clocks-two-owners.json';
import { fixture } from './__fixtures__/fixture';
import { toPeriodMs } from './period';
import { slaCompliance } from './sla-compliance';

const policy = (id: string, stopsOn: SlaPolicy['stopsOn']): SlaPolicy => ({
  id,
  label: `label of ${id}`,
  owner: 'sales',
  trigger: { event: 'stage_entered', stage: 'sql' },
  target: 'PT4H',
  calendar: 'us-east',
  stopsOn,
  pauseWhen: [],
  escalations: [],
});
const policies = [policy('sql-first-touch', 'first_touch'), policy('mql-disposition', 'disposition')];
const input = fixture(twoOwners);
const result = slaCompliance(input.slaClocks, policies, toPeriodMs(input.period));
const HOUR = 3_600_000;

describe('slaCompliance', () => {
  it.each([
    ['counts met clocks over completed plus violated-open ones overall', 'overall', 'all', 4, 6],
    ['measures the first-touch policy alone', 'byPolicy', 'sql-first-touch', 2, 4],
    ['measures one owner with a late completion', 'byOwner', 'u-ana', 2, 3],
    ['counts a violated clock that is still open against its owner', 'byOwner', 'u-bo', 2, 3],
    ['keeps a policy the playbook no longer has', 'byPolicy', 'retired-policy', 1, 1],
  ] as const)('%s', (_name, grouping, key, numerator, denominator) => {
    const group = grouping === 'overall' ? result.overall : result[grouping].find((g) => g.key === key);
    expect(group?.compliance.numerator).toBe(numerator);
    expect(group?.compliance.denominator).toBe(denominator);
  });

  it.each([
    ['takes the median time over completed first-touch clocks only', 'u-ana', 2 * HOUR, 2 * HOUR],
    [
      'leaves the first-touch median empty for an owner with no completed first touch',
      'u-bo',
      36_000_000 / 2 + 500,
      null,
    ],
  ])('%s', (_name, owner, medianElapsed, medianFirstTouch) => {
    const group = result.byOwner.find((g) => g.key === owner);
    expect(group?.medianElapsedMs.value).toBe(medianElapsed);
    expect(group?.medianFirstTouchMs.value).toBe(medianFirstTouch);
  });

  it('excludes clocks triggered just before the period and at its end', () => {
    expect(result.overall.clocks).toBe(7);
  });

  it('reports the open, undecided clock as pending', () => {
    expect(result.byOwner.find((g) => g.key === 'u-bo')?.pending).toBe(1);
  });

  it('labels policies from the playbook and leaves unknown ones unlabelled', () => {
    expect(result.byPolicy.map((g) => [g.key, g.label])).toEqual([
      ['mql-disposition', 'label of mql-disposition'],
      ['retired-policy', null],
      ['sql-first-touch', 'label of sql-first-touch'],
    ]);
  });

  it('gives null compliance with a reason when only undecided clocks exist', () => {
    const running = input.slaClocks.filter((clock) => clock.recordId === 'L5');
    expect(slaCompliance(running, policies, toPeriodMs(input.period)).overall.compliance).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      reason: 'no clock was completed or violated in the period',
    });
  });
});
