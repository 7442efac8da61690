import { describe, expect, it } from 'vitest';
import { requirementsOf } from './requirements';
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
