import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Icp, IcpFacet } from '../playbook/schema';
import { compileIcpFacets } from './icp-facets';
import { isMissing, textKey, toList } from './property-value';
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

  describe('technographics in separated text', () => {
    const tools = compileIcpFacets({
      technographics: {
        property: 'technologies',
        values: ['Salesforce', 'HubSpot', 'Sales', 'Σales', 'a;b'],
        minMatches: 1,
        weight: 1,
      },
    })[0];
    if (tools === undefined) throw new Error('technographics was not compiled');
    // What the facet means: split the text into items as toList does, map each to its playbook spelling, keep each
    // tool once in first-seen order; blank text is a missing value.
    const byKey = new Map(['Salesforce', 'HubSpot', 'Sales', 'Σales', 'a;b'].map((v) => [textKey(v), v]));
    const reference = (text: string): string[] | null => {
      if (isMissing(text)) return null;
      const found: string[] = [];
      for (const item of toList(text)) {
        const known = byKey.get(textKey(item));
        if (known !== undefined && !found.includes(known)) found.push(known);
      }
      return found;
    };

    it.each<[string, string, string[]]>([
      ['finds tools as whole items only, not inside a longer item', 'Salesforce CPQ; sales', ['Sales']],
      ['lists tools in the order their items appear', ' hubspot ,SALESFORCE', ['HubSpot', 'Salesforce']],
      ['counts a tool written twice once', 'sales;Sales ; SALES', ['Sales']],
      ['skips an earlier partial occurrence to find the whole item', 'xsales, salesx, sales', ['Sales']],
      ['reads tabs and no-break spaces around an item as spaces', '\tHubSpot\u00a0;Gong', ['HubSpot']],
      ['never matches a tool whose name holds a separator', 'a;b', []],
      ['matches a capital sigma as lower-casing each item would', 'ΣALES, σales', ['Σales']],
      ['finds nothing in separators alone', ' ; , ', []],
    ])('%s', (_scenario, text, expected) => {
      expect(tools.score(text).actual).toEqual(expected);
      expect(reference(text)).toEqual(expected);
    });

    it('agrees with splitting the text into items, for any mix of tools, separators and spaces', () => {
      const piece = fc.constantFrom(
        'salesforce',
        'SalesForce',
        'HUBSPOT',
        'hubspot',
        'sales',
        'Σales',
        'ΣΑLES',
        'a',
        'b',
        'x',
        'force',
        ';',
        ',',
        ' ',
        '\t',
        '\u00a0',
        '\u2003',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
          const text = pieces.join('');
          expect(tools.score(text).actual).toEqual(reference(text));
        }),
        { numRuns: 2000 },
      );
    });
  });
});
