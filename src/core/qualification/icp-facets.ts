import type { Icp, IcpFacet } from '../playbook/schema';
import type { Properties } from './property-criterion';
import { formatNumber, isMissing, readProperty, textKey, toList, toNumber } from './property-value';
import type { FacetScore } from './types';

type PresentValue = Exclude<Properties[string], null>;

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
  // `test` says whether a present value matches; the value itself is shown as actual.
  const add = (
    facet: IcpFacet,
    property: string,
    weight: number,
    expected: string,
    test: (value: PresentValue) => boolean,
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
        return { facet, label, weight, matched: test(value), actual: value, expected };
      },
    });
  };
  const listTest = (values: readonly string[]) => {
    const keys = new Set(values.map(textKey));
    // Picklists usually send the playbook's own spelling: an exact hit needs no lower-cased copy.
    const exact = new Set(values);
    return (value: PresentValue): boolean => {
      if (typeof value === 'string') return exact.has(value) || keys.has(textKey(value));
      if (!Array.isArray(value)) return keys.has(textKey(value));
      for (const item of value) if (keys.has(textKey(item))) return true;
      return false;
    };
  };
  const rangeTest = (min: number | undefined, max: number | undefined) => {
    const low = min ?? -Infinity;
    const high = max ?? Infinity;
    return (value: PresentValue): boolean => {
      const n = toNumber(Array.isArray(value) ? (value[0] ?? null) : value);
      return n >= low && n <= high;
    };
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
      for (const keyword of keywords) if (title.includes(keyword)) return true;
      return false;
    });
  }
  if (icp.seniorities) {
    const { property, values, weight } = icp.seniorities;
    add('seniority', property, weight, `one of ${values.join(', ')}`, listTest(values));
  }
  if (icp.technographics) {
    const { property, values, weight, minMatches } = icp.technographics;
    const byKey = new Map(values.map((v) => [textKey(v), v]));
    const facet = 'technographics';
    const label = LABELS[facet];
    const expected = `at least ${minMatches} of ${values.join(', ')}`;
    facets.push({
      facet,
      label,
      property,
      weight,
      expected,
      evaluate: (properties) => {
        const value = readProperty(properties, property);
        if (isMissing(value)) return { facet, label, weight, matched: false, actual: null, expected };
        // The actual value shows which listed tools the record uses, each once, in first-seen order.
        const found: string[] = [];
        for (const item of toList(value)) {
          const known = byKey.get(textKey(item));
          if (known !== undefined && !found.includes(known)) found.push(known);
        }
        return { facet, label, weight, matched: found.length >= minMatches, actual: found, expected };
      },
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
