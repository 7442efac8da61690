import { describe, expect, it } from 'vitest';
import type { Criterion } from '../playbook/schema';
import { requirementCount, requirementsOf } from './requirements';
import type { CriterionResult, GroupResult, LeafResult } from './types';

const leaf = (label: string, met: boolean): LeafResult => ({
  type: 'leaf',
  kind: 'property',
  label,
  met,
  actual: null,
  expected: 'is set',
});
const group = (
  kind: GroupResult['kind'],
  label: string,
  required: number,
  children: CriterionResult[],
): GroupResult => {
  const metCount = children.filter((c) => c.met).length;
  return { type: 'group', kind, label, met: metCount >= required, required, metCount, children };
};

describe('requirementsOf', () => {
  it.each<[string, CriterionResult, [string, boolean][]]>([
    ['a leaf is one requirement', leaf('accepted by the owner', false), [['accepted by the owner', false]]],
    [
      'an all_of group lists each child',
      group('all_of', 'all', 2, [leaf('a', true), leaf('b', false)]),
      [
        ['a', true],
        ['b', false],
      ],
    ],
    [
      'an icp group lists each facet',
      group('icp', 'ICP fit', 2, [leaf('industry', true), leaf('employee count', false)]),
      [
        ['industry', true],
        ['employee count', false],
      ],
    ],
    [
      'an at_least group is one requirement under its own label',
      group('at_least', 'the 30-day engagement bar', 1, [leaf('webinar', false), leaf('downloads', false)]),
      [['the 30-day engagement bar', false]],
    ],
    [
      'nesting flattens all_of but keeps at_least whole',
      group('all_of', 'mql', 2, [
        group('discovery', 'discovery', 2, [leaf('need answered', true), leaf('budget answered', true)]),
        group('at_least', 'engagement', 1, [leaf('webinar', true), leaf('downloads', false)]),
      ]),
      [
        ['need answered', true],
        ['budget answered', true],
        ['engagement', true],
      ],
    ],
  ])('%s', (_name, result, expected) => {
    expect(requirementsOf(result).map((r) => [r.label, r.met])).toEqual(expected);
  });
});

describe('requirementCount', () => {
  const property: Criterion = { kind: 'property', property: 'industry', op: 'exists' };
  it.each<[string, Criterion, number]>([
    ['a leaf counts one', property, 1],
    ['an icp criterion without facets counts every defined facet', { kind: 'icp' }, 7],
    ['an icp criterion with facets counts those', { kind: 'icp', facets: ['industry', 'role'] }, 2],
    [
      'a discovery criterion counts its questions',
      { kind: 'discovery', questions: ['need', 'budget', 'timeline'] },
      3,
    ],
    ['an at_least group counts one', { kind: 'at_least', n: 1, criteria: [property, property] }, 1],
    [
      'an all_of group adds up its children',
      {
        kind: 'all_of',
        criteria: [property, { kind: 'icp' }, { kind: 'at_least', n: 1, criteria: [property] }],
      },
      9,
    ],
  ])('%s', (_scenario, criterion, count) => {
    expect(requirementCount(criterion, 7)).toBe(count);
  });

  it('lists exactly what was collected even when told a wrong size', () => {
    const result = group('all_of', 'all', 2, [leaf('a', true), leaf('b', false)]);
    expect(requirementsOf(result, 5)).toHaveLength(2);
    expect(requirementsOf(result, 1).map((r) => r.label)).toEqual(['a', 'b']);
  });
});
