import * as z from 'zod';

export const SEARCH_OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;

/** HubSpot's limits: 200 results a page and 10,000 results a query. */
export const SEARCH_MAX_LIMIT = 200;
export const SEARCH_RESULT_CAP = 10_000;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const FilterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(SEARCH_OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});

export type SearchFilter = z.infer<typeof FilterSchema>;

const SortSchema = z.union([
  z.string().min(1),
  z.object({
    propertyName: z.string().min(1),
    direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
  }),
]);

export const SearchRequestSchema = z.object({
  filterGroups: z
    .array(z.object({ filters: z.array(FilterSchema).max(6) }))
    .max(5)
    .default([]),
  sorts: z.array(SortSchema).default([]),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).max(SEARCH_MAX_LIMIT).default(10),
  after: z
    .union([z.string().regex(/^\d+$/), z.number().int().min(0)])
    .transform(Number)
    .optional(),
  query: z.string().optional(),
});

export type SearchRequest = z.infer<typeof SearchRequestSchema>;

/** How the search reads a record: the type of a property, a value, and the ids of associated records. */
export interface SearchAccess<Row> {
  propertyType(name: string): string | undefined;
  value(row: Row, name: string): string | null;
  /** For `associations.<type>` pseudo-properties. */
  associatedIds(row: Row, objectType: string): readonly string[];
  /** Values `query` matches against (HubSpot's default searchable properties). */
  queryText(row: Row): readonly string[];
}

function parseInstant(raw: string): number {
  return /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
}

/** Compares a stored value with a filter value by the property's type: < 0, 0 or > 0. */
export function compareValues(type: string | undefined, stored: string, given: string): number {
  if (type === 'number') return Number(stored) - Number(given);
  if (type === 'datetime' || type === 'date') return parseInstant(stored) - parseInstant(given);
  const a = stored.toLowerCase();
  const b = given.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function containsToken(stored: string, token: string): boolean {
  const value = stored.toLowerCase();
  const wanted = token.toLowerCase();
  if (wanted.includes('*')) {
    const pattern = new RegExp(`^${wanted.split('*').map(escapeRegExp).join('.*')}$`);
    return pattern.test(value) || value.split(/[^a-z0-9@._-]+/).some((t) => pattern.test(t));
  }
  return value === wanted || value.split(/[^a-z0-9]+/).includes(wanted);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does one filter hold for one record? */
export function matchesFilter<Row>(row: Row, filter: SearchFilter, access: SearchAccess<Row>): boolean {
  const { operator } = filter;
  if (filter.propertyName.startsWith('associations.')) {
    const ids = access.associatedIds(row, filter.propertyName.slice('associations.'.length));
    const wanted = operator === 'IN' || operator === 'NOT_IN' ? (filter.values ?? []) : [filter.value ?? ''];
    const hit = ids.some((id) => wanted.includes(id));
    if (operator === 'HAS_PROPERTY') return ids.length > 0;
    if (operator === 'NOT_HAS_PROPERTY') return ids.length === 0;
    return operator === 'NEQ' || operator === 'NOT_IN' ? !hit : hit;
  }
  const type = access.propertyType(filter.propertyName);
  const stored = access.value(row, filter.propertyName);
  const has = stored !== null && stored !== '';
  const cmp = (given: string | undefined): number => compareValues(type, stored ?? '', given ?? '');
  switch (operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && cmp(filter.value) === 0;
    case 'NEQ':
      return !(has && cmp(filter.value) === 0);
    case 'LT':
      return has && cmp(filter.value) < 0;
    case 'LTE':
      return has && cmp(filter.value) <= 0;
    case 'GT':
      return has && cmp(filter.value) > 0;
    case 'GTE':
      return has && cmp(filter.value) >= 0;
    case 'BETWEEN':
      return has && cmp(filter.value) >= 0 && cmp(filter.highValue) <= 0;
    case 'IN':
      return has && (filter.values ?? []).some((v) => cmp(v) === 0);
    case 'NOT_IN':
      return !(has && (filter.values ?? []).some((v) => cmp(v) === 0));
    case 'CONTAINS_TOKEN':
      return has && containsToken(stored, filter.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return !(has && containsToken(stored, filter.value ?? ''));
  }
}

/** Problems HubSpot reports before running a search (missing operands), as messages. */
export function filterProblems(request: SearchRequest): string[] {
  const problems: string[] = [];
  const filters = request.filterGroups.flatMap((g) => g.filters);
  if (filters.length > 18) problems.push(`A search may have at most 18 filters; got ${filters.length}.`);
  for (const f of filters) {
    const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(f.operator);
    if (needsValue && f.value === undefined)
      problems.push(`Filter on ${f.propertyName} with operator ${f.operator} needs a value.`);
    if (f.operator === 'BETWEEN' && f.highValue === undefined)
      problems.push(`Filter on ${f.propertyName} with operator BETWEEN needs a highValue.`);
    if ((f.operator === 'IN' || f.operator === 'NOT_IN') && (f.values ?? []).length === 0)
      problems.push(`Filter on ${f.propertyName} with operator ${f.operator} needs values.`);
  }
  return problems;
}

export interface SearchPage<Row> {
  readonly total: number;
  readonly results: readonly Row[];
  /** The `after` of the next page, when there is one. */
  readonly nextAfter?: string;
}

/**
 * Runs a search: OR across filter groups, AND within a group; sorted; paged by offset `after`.
 * The caller rejects `after` at or past the 10,000 cap before calling.
 */
export function runSearch<Row>(
  rows: readonly Row[],
  request: SearchRequest,
  access: SearchAccess<Row>,
): SearchPage<Row> {
  const groups = request.filterGroups.filter((g) => g.filters.length > 0);
  const query = request.query?.trim().toLowerCase();
  const matched = rows.filter(
    (row) =>
      (groups.length === 0 || groups.some((g) => g.filters.every((f) => matchesFilter(row, f, access)))) &&
      (!query || access.queryText(row).some((text) => text.toLowerCase().includes(query))),
  );
  const sorts = request.sorts.map((s) =>
    typeof s === 'string'
      ? { propertyName: s.replace(/^-/, ''), descending: s.startsWith('-') }
      : { propertyName: s.propertyName, descending: s.direction === 'DESCENDING' },
  );
  const sorted = sorts.length === 0 ? matched : [...matched].sort((a, b) => compareRows(a, b, sorts, access));
  const offset = request.after ?? 0;
  const page = sorted.slice(offset, offset + request.limit);
  const next = offset + request.limit;
  return {
    total: sorted.length,
    results: page,
    ...(next < sorted.length && request.limit > 0 ? { nextAfter: String(next) } : {}),
  };
}

function compareRows<Row>(
  a: Row,
  b: Row,
  sorts: readonly { propertyName: string; descending: boolean }[],
  access: SearchAccess<Row>,
): number {
  for (const sort of sorts) {
    const va = access.value(a, sort.propertyName);
    const vb = access.value(b, sort.propertyName);
    // Records without a value sort last in either direction.
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
      continue;
    }
    const c = compareValues(access.propertyType(sort.propertyName), va, vb);
    if (c !== 0) return sort.descending ? -c : c;
  }
  return 0;
}
