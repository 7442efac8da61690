import { describe, expect, it } from 'vitest';
import type { Icp } from '../playbook/schema';
import { fitScore } from './fit-score';
import { compileIcpFacets } from './icp-facets';
import type { PropertyValue } from './record-schema';

const icp: Icp = {
  industries: { property: 'industry', values: ['Software'], weight: 3 },
  employees: { property: 'employees', min: 50, weight: 3 },
  geographies: { property: 'country', values: ['US'], weight: 1 },
  seniorities: { property: 'seniority', values: ['vp'], weight: 0 },
};
const facets = compileIcpFacets(icp);

describe('fitScore', () => {
  it.each<[string, Record<string, PropertyValue>, number, number]>([
    [
      'every weighted facet matched scores 100',
      { industry: 'Software', employees: 60, country: 'US' },
      100,
      7,
    ],
    ['nothing matched scores 0', {}, 0, 0],
    ['industry alone scores 3 of 7 weight', { industry: 'Software' }, 43, 3],
    ['industry and employees score 6 of 7 weight', { industry: 'Software', employees: '1,200' }, 86, 6],
    ['a zero-weight facet adds nothing', { country: 'US', seniority: 'vp' }, 14, 1],
  ])('%s', (_name, properties, score, matchedWeight) => {
    expect(fitScore(facets, properties)).toMatchObject({ score, matchedWeight, totalWeight: 7 });
  });

  it('breaks the score down per facet', () => {
    const result = fitScore(facets, { industry: 'Software', employees: 10 });
    expect(result.facets.map((f) => [f.facet, f.weight, f.matched, f.actual])).toEqual([
      ['industry', 3, true, 'Software'],
      ['employees', 3, false, 10],
      ['geography', 1, false, null],
      ['seniority', 0, false, null],
    ]);
  });

  it('scores 0 when the playbook defines no facet', () => {
    expect(fitScore([], { industry: 'Software' })).toEqual({
      score: 0,
      matchedWeight: 0,
      totalWeight: 0,
      facets: [],
    });
  });
});
