import type { Icp, IcpFacet } from '../playbook/schema';
import type { Properties } from './property-criterion';
import { formatNumber, isMissing, readProperty, textKey, toList, toNumber } from './property-value';
import type { FacetScore } from './types';

/** One ICP facet compiled from the playbook: what it reads, how much it weighs, and its test. */
export interface CompiledFacet {
  readonly facet: IcpFacet;
  readonly label: string;
  readonly property: string;
  readonly weight: number;
  readonly expected: string;
  readonly evaluate: (properties: Properties) => FacetScore;
}

// Short labels: they are what the next-stage summary names ("misses employee count").
const LABELS: Record<IcpFacet, string> = {
  industry: 'industry',
  employees: 'employee count',
  revenue: 'annual revenue',
  geography: 'geography',
  role: 'role',
  seniority: 'seniority',
  technographics: 'technographics',
};

/**
 * Compiles the playbook's ICP into one matcher per defined facet, in a stable order. Lists compare
 * case-insensitively; the role matches when any keyword appears inside the job title; ranges are inclusive and
 * read numeric text ("1,200"); technographics need `minMatches` distinct tools from the list.
 * @example compileIcpFacets(playbook.icp).find((f) => f.facet === 'role')?.evaluate({ jobTitle: 'VP Marketing' }).matched // → true
 */
export function compileIcpFacets(icp: Icp): CompiledFacet[] {
  const facets: CompiledFacet[] = [];
  const add = (
    facet: IcpFacet,
    property: string,
    weight: number,
    expected: string,
    test: (value: Exclude<Properties[string], null>) => { matched: boolean; actual?: Properties[string] },
  ) => {
    const label = LABELS[facet];
    facets.push({
      facet,
      label,
      property,
      weight,
      expected,
      evaluate: (properties) => {
        const value = readProperty(properties, property);
        if (isMissing(value)) return { facet, label, weight, matched: false, actual: null, expected };
        const { matched, actual = value } = test(value);
        return { facet, label, weight, matched, actual, expected };
      },
    });
  };
  const listTest = (values: readonly string[]) => {
    const keys = new Set(values.map(textKey));
    return (value: Exclude<Properties[string], null>) => ({
      matched: Array.isArray(value) ? value.some((v) => keys.has(textKey(v))) : keys.has(textKey(value)),
    });
  };
  const rangeTest =
    (min: number | undefined, max: number | undefined) => (value: Exclude<Properties[string], null>) => {
      const n = toNumber(Array.isArray(value) ? (value[0] ?? null) : value);
      return { matched: n >= (min ?? -Infinity) && n <= (max ?? Infinity) };
    };

  if (icp.industries) {
    const { property, values, weight } = icp.industries;
    add('industry', property, weight, `one of ${values.join(', ')}`, listTest(values));
  }
  if (icp.employees) {
    const { property, min, max, weight } = icp.employees;
    add('employees', property, weight, rangeText(min, max), rangeTest(min, max));
  }
  if (icp.revenue) {
    const { property, min, max, weight } = icp.revenue;
    add('revenue', property, weight, rangeText(min, max), rangeTest(min, max));
  }
  if (icp.geographies) {
    const { property, values, weight } = icp.geographies;
    add('geography', property, weight, `one of ${values.join(', ')}`, listTest(values));
  }
  if (icp.roles) {
    const { property, values, weight } = icp.roles;
    const keywords = values.map(textKey);
    add('role', property, weight, `title contains ${values.join(', ')}`, (value) => {
      const title = Array.isArray(value) ? value.join(' ').toLowerCase() : textKey(value);
      return { matched: keywords.some((keyword) => title.includes(keyword)) };
    });
  }
  if (icp.seniorities) {
    const { property, values, weight } = icp.seniorities;
    add('seniority', property, weight, `one of ${values.join(', ')}`, listTest(values));
  }
  if (icp.technographics) {
    const { property, values, weight, minMatches } = icp.technographics;
    const byKey = new Map(values.map((v) => [textKey(v), v]));
    add('technographics', property, weight, `at least ${minMatches} of ${values.join(', ')}`, (value) => {
      const found = new Set<string>();
      for (const item of toList(value)) {
        const known = byKey.get(textKey(item));
        if (known !== undefined) found.add(known);
      }
      // The actual value shows which listed tools the record uses.
      return { matched: found.size >= minMatches, actual: [...found] };
    });
  }
  return facets;
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${formatNumber(min)}–${formatNumber(max)}`;
  if (min !== undefined) return `≥ ${formatNumber(min)}`;
  if (max !== undefined) return `≤ ${formatNumber(max)}`;
  return 'any number';
}
