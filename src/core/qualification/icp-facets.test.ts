import { describe, expect, it } from 'vitest';
import type { Icp, IcpFacet } from '../playbook/schema';
import { compileIcpFacets } from './icp-facets';
import type { PropertyValue } from './record-schema';

const icp: Icp = {
  industries: { property: 'industry', values: ['Software', 'Healthcare'], weight: 3 },
  employees: { property: 'employees', min: 50, max: 5000, weight: 3 },
  revenue: { property: 'annualRevenue', min: 5_000_000, weight: 2 },
  geographies: { property: 'country', values: ['US', 'GB'], weight: 1 },
  roles: { property: 'jobTitle', values: ['marketing', 'revenue'], weight: 2 },
  seniorities: { property: 'seniority', values: ['vp', 'director'], weight: 2 },
  technographics: {
    property: 'technologies',
    values: ['Salesforce', 'HubSpot', 'Gong'],
    minMatches: 2,
    weight: 1,
  },
};
const facets = compileIcpFacets(icp);
const facet = (name: IcpFacet) => {
  const found = facets.find((f) => f.facet === name);
  if (found === undefined) throw new Error(`facet ${name} was not compiled`);
  return found;
};

describe('compileIcpFacets', () => {
  it('compiles every defined facet in a stable order', () => {
    expect(facets.map((f) => f.facet)).toEqual([
      'industry',
      'employees',
      'revenue',
      'geography',
      'role',
      'seniority',
      'technographics',
    ]);
  });

  it('skips facets the ICP does not define', () => {
    expect(
      compileIcpFacets({ employees: { property: 'employees', min: 10, weight: 1 } }).map((f) => f.facet),
    ).toEqual(['employees']);
  });

  it.each<[string, IcpFacet, Record<string, PropertyValue>, boolean]>([
    ['an industry in the list matches, in any case', 'industry', { industry: 'healthcare' }, true],
    ['an industry outside the list does not', 'industry', { industry: 'Retail' }, false],
    ['employees between min and max match', 'employees', { employees: '1,200' }, true],
    ['employees at the minimum match', 'employees', { employees: 50 }, true],
    ['employees below the minimum do not', 'employees', { employees: 49 }, false],
    ['employees above the maximum do not', 'employees', { employees: 5001 }, false],
    ['employees given as words do not', 'employees', { employees: 'fifty' }, false],
    ['revenue with only a minimum is open-ended', 'revenue', { annualRevenue: 9e9 }, true],
    ['revenue below the minimum does not match', 'revenue', { annualRevenue: '4,999,999' }, false],
    ['a listed country matches', 'geography', { country: 'gb' }, true],
    ['an unlisted country does not', 'geography', { country: 'BR' }, false],
    [
      'a role keyword inside the job title matches, in any case',
      'role',
      { jobTitle: 'VP, Revenue Operations' },
      true,
    ],
    ['a job title without a keyword does not', 'role', { jobTitle: 'Chief Financial Officer' }, false],
    ['a listed seniority matches', 'seniority', { seniority: 'VP' }, true],
    ['an unlisted seniority does not', 'seniority', { seniority: 'intern' }, false],
    [
      'two known tools reach minMatches 2',
      'technographics',
      { technologies: 'Salesforce; Gong; Jira' },
      true,
    ],
    ['a tool listed twice counts once', 'technographics', { technologies: ['HubSpot', 'hubspot'] }, false],
    ['one known tool misses minMatches 2', 'technographics', { technologies: 'Salesforce, Jira' }, false],
    ['a missing property never matches', 'industry', {}, false],
  ])('%s', (_name, name, properties, matched) => {
    expect(facet(name).evaluate(properties).matched).toBe(matched);
  });

  it('reports the matched tools as the technographics actual value', () => {
    expect(facet('technographics').evaluate({ technologies: 'gong; Jira; salesforce' })).toMatchObject({
      actual: ['Gong', 'Salesforce'],
      expected: 'at least 2 of Salesforce, HubSpot, Gong',
    });
  });

  it('reports a missing property as actual null with the expected range', () => {
    expect(facet('employees').evaluate({ employees: null })).toEqual({
      facet: 'employees',
      label: 'employee count',
      weight: 3,
      matched: false,
      actual: null,
      expected: '50–5,000',
    });
  });

  it.each<[string, Icp, string]>([
    ['a minimum only', { revenue: { property: 'r', min: 5_000_000, weight: 1 } }, '≥ 5,000,000'],
    ['a maximum only', { revenue: { property: 'r', max: 100, weight: 1 } }, '≤ 100'],
    ['no bound', { revenue: { property: 'r', weight: 1 } }, 'any number'],
  ])('words a range with %s', (_name, partial, expected) => {
    expect(compileIcpFacets(partial)[0]?.expected).toBe(expected);
  });
});
