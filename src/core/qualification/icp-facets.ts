import type { Icp, IcpFacet } from '../playbook/schema';
import type { Properties } from './property-criterion';
import { formatNumber, isMissing, readProperty, textKey, toList, toNumber } from './property-value';
import type { PropertyValue } from './record-schema';
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
  /** `evaluate` on the property's value already read (undefined when the record lacks it). */
  readonly score: (value: PropertyValue | undefined) => FacetScore;
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
    const score = (value: PropertyValue | undefined): FacetScore => {
      if (isMissing(value)) return { facet, label, weight, matched: false, actual: null, expected };
      return { facet, label, weight, matched: test(value), actual: value, expected };
    };
    facets.push({
      facet,
      label,
      property,
      weight,
      expected,
      evaluate: (properties) => score(readProperty(properties, property)),
      score,
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
    // Keys that could be a whole item: not empty and without a separator (toList splits those apart).
    const keys = [...byKey.keys()].filter((key) => key !== '' && !/[;,]/.test(key));
    const where = new Int32Array(keys.length);
    const facet = 'technographics';
    const label = LABELS[facet];
    const expected = `at least ${minMatches} of ${values.join(', ')}`;
    const score = (value: PropertyValue | undefined): FacetScore => {
      if (isMissing(value)) return { facet, label, weight, matched: false, actual: null, expected };
      // The actual value shows which listed tools the record uses, each once, in first-seen order.
      const found =
        typeof value === 'string' ? toolsInText(value, keys, byKey, where) : toolsInList(value, byKey);
      return { facet, label, weight, matched: found.length >= minMatches, actual: found, expected };
    };
    facets.push({
      facet,
      label,
      property,
      weight,
      expected,
      evaluate: (properties) => score(readProperty(properties, property)),
      score,
    });
  }
  return facets;
}

// The listed tools in a list value (or a number or boolean, read as one item), by their playbook spelling.
function toolsInList(value: PresentValue, byKey: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const item of toList(value)) {
    const known = byKey.get(textKey(item));
    if (known !== undefined && !found.includes(known)) found.push(known);
  }
  return found;
}

/**
 * `toolsInList` for `;`/`,`-separated text, which is how most CRMs send multi-select values, with native string
 * search instead of a copy per item: the text is lower-cased once, each tool key is looked up with indexOf, and an
 * occurrence counts when only spaces stand between it and the separators (or ends) around it, which is exactly when
 * toList would have produced that key as a whole item. Lower-casing the whole text gives the same items as
 * lower-casing each: no character lower-cases to or from a separator or a space, and the one context rule (a final
 * sigma) cannot see past either. Tools are returned in the order their items appear, as toList reads them.
 */
function toolsInText(
  text: string,
  keys: readonly string[],
  byKey: ReadonlyMap<string, string>,
  where: Int32Array,
): string[] {
  const lower = text.toLowerCase();
  // Where each key stands as a whole item (-1: nowhere), into scratch space, so only the result is allocated.
  let count = 0;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    let at = lower.indexOf(key);
    while (at >= 0 && !isWholeItem(lower, at, at + key.length)) at = lower.indexOf(key, at + 1);
    where[k] = at;
    if (at >= 0) count++;
  }
  const found = new Array<string>(count);
  // Items are disjoint, so positions differ: pick the found keys in order of position (a handful at most).
  let after = -1;
  for (let f = 0; f < count; f++) {
    let best = -1;
    for (let k = 0; k < keys.length; k++) {
      const at = where[k] as number;
      if (at > after && (best < 0 || at < (where[best] as number))) best = k;
    }
    found[f] = byKey.get(keys[best] as string) as string;
    after = where[best] as number;
  }
  return found;
}

// Whether text[from, to) is an item of toList: only spaces between it and the separator or end on each side.
function isWholeItem(text: string, from: number, to: number): boolean {
  let before = from - 1;
  while (before >= 0 && isTrimmedSpace(text.charCodeAt(before))) before--;
  if (before >= 0 && !isSeparator(text.charCodeAt(before))) return false;
  let after = to;
  while (after < text.length && isTrimmedSpace(text.charCodeAt(after))) after++;
  return after === text.length || isSeparator(text.charCodeAt(after));
}

function isSeparator(c: number): boolean {
  return c === 59 || c === 44; // ';' or ','
}

// What trim() removes: ASCII tab to carriage return and space, and (asked of trim itself) Unicode spaces.
function isTrimmedSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return String.fromCharCode(c).trim() === '';
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${formatNumber(min)}–${formatNumber(max)}`;
  if (min !== undefined) return `≥ ${formatNumber(min)}`;
  if (max !== undefined) return `≤ ${formatNumber(max)}`;
  return 'any number';
}
