import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { FieldType, Query, Subquery, WhereClause } from '@jetstreamapp/soql-parser-js';
import { dateLiteralRange } from './date-literals';
import type { DateRange } from './date-literals';
import { findChildRelationship, findField, findObject, findRelationship } from './describe';
import type { FieldDef, ObjectDef, SfFieldType } from './describe';
import { badRequest, invalidField, invalidType, malformedQuery } from './errors';
import type { SfError } from './errors';
import { normalizeId } from './ids';
import type { SfStore } from './store';
import { parseDate, parseDateTime } from './values';
import type { FieldValue, SfRow } from './values';

/**
 * SOQL evaluation over the emulator's store. Parsing is @jetstreamapp/soql-parser-js; this file checks the parsed
 * query against the describe registry and evaluates it. Supported: fields, parent relationship paths, child
 * subqueries, WHERE (= != < > <= >= IN NOT IN LIKE INCLUDES EXCLUDES, AND/OR/NOT, parentheses, date literals),
 * ORDER BY, LIMIT, OFFSET, COUNT(). Everything else answers MALFORMED_QUERY.
 */

export interface SoqlContext {
  readonly store: SfStore;
  readonly now: number;
  readonly version: string;
  /** queryAll: include deleted rows. */
  readonly includeDeleted: boolean;
}

export type OutputRecord = Record<string, unknown>;

export interface SoqlResult {
  readonly totalSize: number;
  readonly records: readonly OutputRecord[];
  /** The sObject queried and the dotted column names, for Bulk API CSV output. */
  readonly objectName: string;
  readonly columns: readonly string[];
}

const MAX_OFFSET = 2000;

interface RelStep {
  readonly field: FieldDef;
  readonly name: string;
}

interface CompiledPath {
  readonly steps: readonly RelStep[];
  readonly leaf: FieldDef;
  readonly dotted: string;
}

/** Fetches a related record by id once per query. */
class Resolver {
  private readonly cache = new Map<string, { object: ObjectDef; row: SfRow } | null>();
  constructor(private readonly store: SfStore) {}

  related(id: FieldValue | undefined): { object: ObjectDef; row: SfRow } | null {
    if (typeof id !== 'string') return null;
    let hit = this.cache.get(id);
    if (hit === undefined) {
      hit = this.store.getAny(id) ?? null;
      this.cache.set(id, hit);
    }
    return hit;
  }

  /** The value at the end of a path, or null when a lookup on the way is empty. */
  value(row: SfRow, path: CompiledPath): FieldValue {
    let current = row;
    for (const step of path.steps) {
      const next = this.related(current[step.field.name]);
      if (next === null) return null;
      current = next.row;
    }
    return current[path.leaf.name] ?? null;
  }
}

const NO_SUCH_COLUMN = (name: string, object: string): SfError =>
  invalidField(
    `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append ` +
      `the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

function compilePath(object: ObjectDef, dotted: string, alias: string | undefined): CompiledPath {
  const parts = dotted.split('.');
  if (parts.length > 1 && alias !== undefined && parts[0]?.toLowerCase() === alias.toLowerCase())
    parts.shift();
  const leafName = parts.pop() ?? '';
  let current: readonly ObjectDef[] = [object];
  const steps: RelStep[] = [];
  for (const rel of parts) {
    const field = current.map((o) => findRelationship(o, rel)).find((f) => f !== undefined);
    if (field === undefined || field.relationshipName === null) {
      throw invalidField(
        `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, ` +
          `be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe ` +
          `call for the appropriate names.`,
      );
    }
    steps.push({ field, name: field.relationshipName });
    current = field.referenceTo
      .map((name) => findObject(name))
      .filter((o): o is ObjectDef => o !== undefined);
  }
  const leaf = current.map((o) => findField(o, leafName)).find((f) => f !== undefined);
  if (leaf === undefined) throw NO_SUCH_COLUMN(leafName, current[0]?.name ?? object.name);
  return { steps, leaf, dotted: [...steps.map((s) => s.name), leaf.name].join('.') };
}

// ---------------------------------------------------------------- literals

type Comparable = string | number | boolean;

type Literal =
  | { readonly kind: 'null' }
  | { readonly kind: 'value'; readonly value: Comparable }
  | { readonly kind: 'range'; readonly range: DateRange };

const STRING_TYPES: ReadonlySet<SfFieldType> = new Set([
  'string',
  'textarea',
  'email',
  'url',
  'phone',
  'picklist',
  'multipicklist',
]);
const NUMBER_TYPES: ReadonlySet<SfFieldType> = new Set(['int', 'double', 'currency', 'percent']);

/**
 * Undoes SOQL string escapes (`\'`, `\n`…). `\%`, `\_` and `\\` stay escaped, so a LIKE pattern can still tell a
 * literal backslash from one escaping a wildcard; other operators read the text through `unescapeLikeMarkers`.
 */
function unquote(raw: string): string {
  const body = raw.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => {
    switch (c) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case '%':
      case '_':
      case '\\':
        return `\\${c}`;
      default:
        return c;
    }
  });
}

const unescapeLikeMarkers = (text: string): string => text.replace(/\\([%_\\])/g, '$1');

function typeMismatch(leaf: FieldDef): SfError {
  const typeName =
    leaf.type === 'datetime'
      ? 'dateTime'
      : NUMBER_TYPES.has(leaf.type)
        ? 'double'
        : leaf.type === 'reference'
          ? 'id'
          : STRING_TYPES.has(leaf.type)
            ? 'string'
            : leaf.type;
  const quoted = STRING_TYPES.has(leaf.type) || leaf.type === 'id' || leaf.type === 'reference';
  return invalidField(
    `value of filter criterion for field '${leaf.name}' must be of type ${typeName} and ` +
      (quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes'),
  );
}

function compileLiteral(leaf: FieldDef, raw: string, literalType: string | undefined, now: number): Literal {
  if (literalType === 'NULL') return { kind: 'null' };
  if (literalType === 'APEX_BIND_VARIABLE') throw malformedQuery(`Bind variables are not supported: ${raw}`);
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
    if (leaf.type !== 'date' && leaf.type !== 'datetime') throw typeMismatch(leaf);
    const range = dateLiteralRange(raw, now);
    if (range === null) throw malformedQuery(`unexpected token: ${raw}`);
    return { kind: 'range', range };
  }
  if (STRING_TYPES.has(leaf.type)) {
    if (literalType !== 'STRING') throw typeMismatch(leaf);
    return { kind: 'value', value: unquote(raw) };
  }
  if (leaf.type === 'id' || leaf.type === 'reference') {
    if (literalType !== 'STRING') throw typeMismatch(leaf);
    const text = unescapeLikeMarkers(unquote(raw));
    const id = normalizeId(text);
    if (id === null) throw badRequest('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
    return { kind: 'value', value: id };
  }
  if (NUMBER_TYPES.has(leaf.type)) {
    if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') throw typeMismatch(leaf);
    return { kind: 'value', value: Number(raw) };
  }
  if (leaf.type === 'boolean') {
    if (literalType !== 'BOOLEAN') throw typeMismatch(leaf);
    return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
  }
  if (leaf.type === 'date') {
    const ms = literalType === 'DATE' ? parseDate(raw) : null;
    if (ms === null) throw typeMismatch(leaf);
    return { kind: 'value', value: ms };
  }
  // datetime
  const ms = literalType === 'DATETIME' ? parseDateTime(raw) : null;
  if (ms === null) throw typeMismatch(leaf);
  return { kind: 'value', value: ms };
}

/** A stored value in the form literals are compared with (dates as epoch ms, text lower-cased). */
function comparable(leaf: FieldDef, value: FieldValue): Comparable | null {
  if (value === null) return null;
  if (leaf.type === 'date' || leaf.type === 'datetime') {
    return typeof value === 'string' ? (parseDateTime(value) ?? parseDate(value)) : null;
  }
  if (typeof value === 'string' && STRING_TYPES.has(leaf.type)) return value.toLowerCase();
  return value;
}

function literalComparable(leaf: FieldDef, value: Comparable): Comparable {
  return typeof value === 'string' && STRING_TYPES.has(leaf.type)
    ? unescapeLikeMarkers(value).toLowerCase()
    : value;
}

function multiSet(text: string): Set<string> {
  return new Set(
    text
      .split(';')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s !== ''),
  );
}

function likeRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length) {
      out += pattern.charAt(i + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    } else if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 'i');
}

// ---------------------------------------------------------------- WHERE

type Predicate = (row: SfRow, resolver: Resolver) => boolean;

interface CompiledCondition {
  readonly path: CompiledPath;
  readonly operator: string;
  readonly literals: readonly Literal[];
  readonly test: Predicate;
}

function equals(leaf: FieldDef, actual: Comparable | null, literal: Literal): boolean {
  if (literal.kind === 'null') return actual === null;
  if (actual === null) return false;
  if (literal.kind === 'range')
    return typeof actual === 'number' && actual >= literal.range.start && actual < literal.range.end;
  if (leaf.type === 'multipicklist' && typeof actual === 'string' && typeof literal.value === 'string') {
    const a = multiSet(actual);
    const b = multiSet(literal.value);
    return a.size === b.size && [...b].every((v) => a.has(v));
  }
  return actual === literalComparable(leaf, literal.value);
}

function order(leaf: FieldDef, actual: Comparable | null, literal: Literal, operator: string): boolean {
  if (actual === null || literal.kind === 'null') return false;
  if (literal.kind === 'range') {
    if (typeof actual !== 'number') return false;
    const { start, end } = literal.range;
    return operator === '<'
      ? actual < start
      : operator === '<='
        ? actual < end
        : operator === '>'
          ? actual >= end
          : actual >= start;
  }
  const expected = literalComparable(leaf, literal.value);
  if (typeof actual === 'boolean' || typeof expected === 'boolean') return false;
  switch (operator) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    default:
      return actual >= expected;
  }
}

function compileCondition(
  object: ObjectDef,
  condition: Record<string, unknown>,
  alias: string | undefined,
  now: number,
): CompiledCondition {
  if ('fn' in condition) throw malformedQuery('Functions in WHERE (e.g. CALENDAR_YEAR) are not supported');
  if ('valueQuery' in condition)
    throw malformedQuery('Semi-join and anti-join sub-selects are not supported');
  const fieldName = condition['field'];
  const operator = String(condition['operator']).toUpperCase();
  if (typeof fieldName !== 'string') throw malformedQuery('unexpected token in WHERE');
  const path = compilePath(object, fieldName, alias);
  const leaf = path.leaf;
  const rawValues = condition['value'];
  const rawTypes = condition['literalType'];
  const values = Array.isArray(rawValues) ? rawValues.map(String) : [String(rawValues)];
  const types = values.map(
    (_v, i) => (Array.isArray(rawTypes) ? rawTypes[i] : rawTypes) as string | undefined,
  );
  const literals = values.map((v, i) => compileLiteral(leaf, v, types[i], now));
  const first = literals[0] ?? { kind: 'null' };

  if (
    ['<', '<=', '>', '>='].includes(operator) &&
    (leaf.type === 'boolean' || leaf.type === 'multipicklist')
  ) {
    throw badRequest('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${leaf.type} field: ${leaf.name}`);
  }
  if (operator === 'LIKE' && !STRING_TYPES.has(leaf.type)) {
    throw badRequest('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${leaf.type} field: ${leaf.name}`);
  }
  if ((operator === 'INCLUDES' || operator === 'EXCLUDES') && leaf.type !== 'multipicklist') {
    throw badRequest(
      'INVALID_QUERY_FILTER_OPERATOR',
      `includes or excludes operator only valid on multipicklist field`,
    );
  }
  if (first.kind === 'null' && !['=', '!=', 'IN', 'NOT IN'].includes(operator)) {
    throw malformedQuery(`null can only be compared with = or !=`);
  }

  const value = (row: SfRow, resolver: Resolver): Comparable | null =>
    comparable(leaf, resolver.value(row, path));
  let test: Predicate;
  switch (operator) {
    case '=':
      test = (row, r) => equals(leaf, value(row, r), first);
      break;
    case '!=':
      test = (row, r) => !equals(leaf, value(row, r), first);
      break;
    case '<':
    case '<=':
    case '>':
    case '>=':
      test = (row, r) => order(leaf, value(row, r), first, operator);
      break;
    case 'IN':
      test = (row, r) => {
        const actual = value(row, r);
        return literals.some((l) => equals(leaf, actual, l));
      };
      break;
    case 'NOT IN':
      test = (row, r) => {
        const actual = value(row, r);
        return !literals.some((l) => equals(leaf, actual, l));
      };
      break;
    case 'LIKE': {
      const pattern = first.kind === 'value' ? likeRegex(String(first.value)) : null;
      test = (row, r) => {
        const actual = r.value(row, path);
        return pattern !== null && typeof actual === 'string' && pattern.test(actual);
      };
      break;
    }
    case 'INCLUDES':
    case 'EXCLUDES': {
      const wanted = literals.map((l) =>
        l.kind === 'value' ? multiSet(String(l.value)) : new Set<string>(),
      );
      const includes = (row: SfRow, r: Resolver): boolean => {
        const actual = r.value(row, path);
        if (typeof actual !== 'string') return false;
        const have = multiSet(actual);
        return wanted.some((set) => [...set].every((v) => have.has(v)));
      };
      test = operator === 'INCLUDES' ? includes : (row, r) => !includes(row, r);
      break;
    }
    default:
      throw malformedQuery(`unexpected token: ${operator}`);
  }
  return { path, operator, literals, test };
}

type Token =
  | { readonly kind: '(' | ')' | 'NOT' | 'AND' | 'OR' }
  | { readonly kind: 'cond'; readonly condition: CompiledCondition };

/** The parser returns WHERE as a chain with paren counts; turn it back into tokens to rebuild the tree. */
function whereTokens(
  where: WhereClause,
  compile: (c: Record<string, unknown>) => CompiledCondition,
): Token[] {
  const tokens: Token[] = [];
  let node: WhereClause | undefined = where;
  while (node !== undefined) {
    const left = node.left as Record<string, unknown> | null;
    const operator = 'operator' in node ? node.operator : undefined;
    if (left === null || !('field' in left || 'fn' in left)) {
      const open = left === null ? 0 : Number(left['openParen'] ?? 0);
      for (let i = 0; i < open; i++) tokens.push({ kind: '(' });
      tokens.push({ kind: 'NOT' });
    } else {
      for (let i = 0; i < Number(left['openParen'] ?? 0); i++) tokens.push({ kind: '(' });
      tokens.push({ kind: 'cond', condition: compile(left) });
      for (let i = 0; i < Number(left['closeParen'] ?? 0); i++) tokens.push({ kind: ')' });
      if (operator === 'AND' || operator === 'OR') tokens.push({ kind: operator });
    }
    node = 'right' in node ? node.right : undefined;
  }
  return tokens;
}

interface WhereTree {
  readonly test: Predicate;
  /** The conditions every matching row must satisfy (top-level AND), for index lookups. */
  readonly required: readonly CompiledCondition[];
}

function buildTree(tokens: readonly Token[]): WhereTree {
  let position = 0;
  const peek = (): Token | undefined => tokens[position];

  const term = (): WhereTree => {
    const token = tokens[position++];
    if (token === undefined) throw malformedQuery('unexpected token: <EOF>');
    if (token.kind === 'NOT') {
      const inner = term();
      return { test: (row, r) => !inner.test(row, r), required: [] };
    }
    if (token.kind === '(') {
      const inner = expression();
      if (tokens[position++]?.kind !== ')') throw malformedQuery("unexpected token: expecting ')'");
      return inner;
    }
    if (token.kind === 'cond') return { test: token.condition.test, required: [token.condition] };
    throw malformedQuery(`unexpected token: ${token.kind}`);
  };

  const expression = (): WhereTree => {
    const items = [term()];
    let joiner: 'AND' | 'OR' | undefined;
    for (let next = peek(); next?.kind === 'AND' || next?.kind === 'OR'; next = peek()) {
      if (joiner !== undefined && joiner !== next.kind) {
        throw malformedQuery(`unexpected token: '${next.kind}' (use parentheses to combine AND with OR)`);
      }
      joiner = next.kind;
      position++;
      items.push(term());
    }
    if (items.length === 1 && items[0] !== undefined) return items[0];
    if (joiner === 'OR') return { test: (row, r) => items.some((i) => i.test(row, r)), required: [] };
    return {
      test: (row, r) => items.every((i) => i.test(row, r)),
      required: items.flatMap((i) => i.required),
    };
  };

  const tree = expression();
  if (position !== tokens.length) throw malformedQuery('unexpected token: )');
  return tree;
}

// ---------------------------------------------------------------- SELECT

interface OrderTerm {
  readonly path: CompiledPath;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

interface CompiledSubquery {
  readonly relationshipName: string;
  readonly parentField: string;
  readonly query: CompiledQuery;
}

interface CompiledQuery {
  readonly object: ObjectDef;
  readonly count: boolean;
  readonly paths: readonly CompiledPath[];
  readonly subqueries: readonly CompiledSubquery[];
  readonly where: WhereTree | null;
  readonly orderBy: readonly OrderTerm[];
  readonly limit: number | undefined;
  readonly offset: number;
}

function rejectUnsupported(query: Query | Subquery): void {
  if (query.groupBy !== undefined) throw malformedQuery('GROUP BY is not supported');
  if (query.having !== undefined) throw malformedQuery('HAVING is not supported');
  if (query.withDataCategory !== undefined) throw malformedQuery('WITH DATA CATEGORY is not supported');
  if (query.for !== undefined) throw malformedQuery(`FOR ${query.for} is not supported`);
  if (query.update !== undefined) throw malformedQuery(`UPDATE ${query.update} is not supported`);
  if (query.usingScope !== undefined) throw malformedQuery('USING SCOPE is not supported');
}

function compileQuery(
  query: Query | Subquery,
  object: ObjectDef,
  now: number,
  nested: boolean,
): CompiledQuery {
  rejectUnsupported(query);
  const alias = query.sObjectAlias;
  const fields: readonly FieldType[] = query.fields ?? [];
  let count = false;
  const paths: CompiledPath[] = [];
  const subqueries: CompiledSubquery[] = [];
  for (const f of fields) {
    switch (f.type) {
      case 'Field':
        paths.push(compilePath(object, f.field, alias));
        break;
      case 'FieldRelationship':
        paths.push(compilePath(object, [...f.relationships, f.field].join('.'), alias));
        break;
      case 'FieldFunctionExpression':
        if (f.functionName.toUpperCase() === 'COUNT' && f.parameters.length === 0 && fields.length === 1) {
          count = true;
          break;
        }
        throw malformedQuery(`${f.rawValue ?? f.functionName}: only COUNT() on its own is supported`);
      case 'FieldSubquery': {
        if (nested) throw malformedQuery('Nested subqueries are not supported');
        const child = findChildRelationship(object, f.subquery.relationshipName);
        if (child === undefined) {
          throw invalidField(
            `Didn't understand relationship '${f.subquery.relationshipName}' in FROM part of query call. If you are ` +
              `attempting to use a custom relationship, be sure to append the '__r' after the custom relationship ` +
              `name. Please reference your WSDL or the describe call for the appropriate names.`,
          );
        }
        const childObject = findObject(child.childSObject);
        if (childObject === undefined) throw invalidType(child.childSObject);
        subqueries.push({
          relationshipName: child.relationshipName,
          parentField: child.field,
          query: compileQuery(f.subquery, childObject, now, true),
        });
        break;
      }
      default:
        throw malformedQuery('TYPEOF is not supported');
    }
  }
  if (paths.length === 0 && subqueries.length === 0 && !count) throw malformedQuery('unexpected token: FROM');
  const where =
    query.where === undefined
      ? null
      : buildTree(whereTokens(query.where, (c) => compileCondition(object, c, alias, now)));
  const orderClauses =
    query.orderBy === undefined ? [] : Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy];
  const orderBy = orderClauses.map((clause): OrderTerm => {
    if (!('field' in clause)) throw malformedQuery('ORDER BY a function is not supported');
    const path = compilePath(object, clause.field, alias);
    if (path.leaf.type === 'multipicklist' || (path.leaf.type === 'textarea' && path.leaf.length > 255)) {
      throw badRequest('INVALID_FIELD', `field '${path.leaf.name}' can not be sorted in a query call`);
    }
    const descending = clause.order === 'DESC';
    return {
      path,
      descending,
      nullsFirst: clause.nulls === undefined ? !descending : clause.nulls === 'FIRST',
    };
  });
  const offset = query.offset ?? 0;
  if (offset > MAX_OFFSET) {
    throw badRequest('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
  return { object, count, paths, subqueries, where, orderBy, limit: query.limit, offset };
}

/**
 * Record ids compare by their binary value everywhere, in ORDER BY as in `Id > '…'` filters, as Salesforce compares
 * them: the 15-character id is case-sensitive (`…0a` and `…0A` are two records) and its 18-character form sorts the
 * same way because the 3-character suffix only encodes the case of the first 15. Any case-folding in one place and
 * not the other makes a keyset loop (`WHERE Id > :last ORDER BY Id`) skip or repeat records. Other text sorts
 * case-insensitively, as its `=` and `<` compare.
 */
function compareValues(leaf: FieldDef, a: FieldValue, b: FieldValue): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const binary = leaf.type === 'id' || leaf.type === 'reference';
    const x = binary ? a : a.toLowerCase();
    const y = binary ? b : b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

function sortRows(rows: SfRow[], orderBy: readonly OrderTerm[], resolver: Resolver): SfRow[] {
  if (orderBy.length === 0) return rows;
  const keyed = rows.map((row) => ({ row, keys: orderBy.map((o) => resolver.value(row, o.path)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < orderBy.length; i++) {
      const term = orderBy[i];
      const x = a.keys[i] ?? null;
      const y = b.keys[i] ?? null;
      if (term === undefined) continue;
      if (x === null && y === null) continue;
      if (x === null) return term.nullsFirst ? -1 : 1;
      if (y === null) return term.nullsFirst ? 1 : -1;
      const c = compareValues(term.path.leaf, x, y);
      if (c !== 0) return term.descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}

function recordUrl(version: string, type: string, id: FieldValue | undefined): string {
  return `/services/data/v${version}/sobjects/${type}/${String(id)}`;
}

function project(
  row: SfRow,
  object: ObjectDef,
  paths: readonly CompiledPath[],
  resolver: Resolver,
  version: string,
): OutputRecord {
  const out: OutputRecord = {
    attributes: { type: object.name, url: recordUrl(version, object.name, row['Id']) },
  };
  for (const path of paths) {
    let node = out;
    let current: SfRow | null = row;
    for (const step of path.steps) {
      const next = resolver.related(current[step.field.name]);
      if (next === null) {
        node[step.name] ??= null;
        current = null;
        break;
      }
      const existing = node[step.name];
      const child: OutputRecord =
        typeof existing === 'object' && existing !== null
          ? (existing as OutputRecord)
          : {
              attributes: {
                type: next.object.name,
                url: recordUrl(version, next.object.name, next.row['Id']),
              },
            };
      node[step.name] = child;
      node = child;
      current = next.row;
    }
    if (current !== null) node[path.leaf.name] = current[path.leaf.name] ?? null;
  }
  return out;
}

/** Rows that can match: narrowed by an indexed `=`/`IN` condition the WHERE requires, else every row. */
function candidates(query: CompiledQuery, ctx: SoqlContext): SfRow[] {
  const indexed = query.where?.required.find(
    (c) =>
      c.path.steps.length === 0 &&
      (c.operator === '=' || c.operator === 'IN') &&
      c.literals.every((l) => l.kind === 'value') &&
      (c.path.leaf.type === 'id' ||
        c.path.leaf.type === 'reference' ||
        c.path.leaf.externalId ||
        c.path.leaf.unique),
  );
  if (indexed === undefined) return ctx.store.all(query.object, ctx.includeDeleted);
  const values = indexed.literals.map((l) => (l.kind === 'value' ? String(l.value) : ''));
  if (indexed.path.leaf.type === 'id') {
    return values
      .map((id) => ctx.store.get(query.object, id, ctx.includeDeleted))
      .filter((r): r is SfRow => r !== undefined)
      .sort((a, b) => compareValues(indexed.path.leaf, a['Id'] ?? null, b['Id'] ?? null));
  }
  return ctx.store.allWhere(query.object, indexed.path.leaf, values, ctx.includeDeleted);
}

function select(query: CompiledQuery, rows: SfRow[], resolver: Resolver): SfRow[] {
  const matching =
    query.where === null ? rows : rows.filter((row) => query.where?.test(row, resolver) === true);
  const sorted = sortRows(matching, query.orderBy, resolver);
  const end = query.limit === undefined ? undefined : query.offset + query.limit;
  return sorted.slice(query.offset, end);
}

function attachSubqueries(
  records: OutputRecord[],
  rows: readonly SfRow[],
  query: CompiledQuery,
  ctx: SoqlContext,
  resolver: Resolver,
): void {
  for (const sub of query.subqueries) {
    const parentField = findField(sub.query.object, sub.parentField);
    if (parentField === undefined) continue;
    const parentIds = rows.map((r) => String(r['Id']));
    const children = ctx.store.allWhere(sub.query.object, parentField, parentIds, ctx.includeDeleted);
    const byParent = new Map<string, SfRow[]>();
    for (const child of children) {
      const key = String(child[parentField.name]);
      byParent.set(key, [...(byParent.get(key) ?? []), child]);
    }
    rows.forEach((row, i) => {
      const selected = select(sub.query, byParent.get(String(row['Id'])) ?? [], resolver);
      const record = records[i];
      if (record === undefined) return;
      record[sub.relationshipName] =
        selected.length === 0
          ? null
          : {
              totalSize: selected.length,
              done: true,
              records: selected.map((r) =>
                project(r, sub.query.object, sub.query.paths, resolver, ctx.version),
              ),
            };
    });
  }
}

/** Parses a SOQL statement (MALFORMED_QUERY when the parser rejects it). */
export function parseSoql(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw malformedQuery(`\n${soql}\n^\nERROR at Row:1:Column:1\n${detail ?? 'unexpected token'}`);
  }
}

/** Runs a SOQL query and returns every matching record (the caller pages them). */
export function runSoql(soql: string, ctx: SoqlContext): SoqlResult {
  const parsed = parseSoql(soql);
  const objectName = parsed.sObject ?? '';
  const object = findObject(objectName);
  if (object === undefined) throw invalidType(objectName);
  const query = compileQuery(parsed, object, ctx.now, false);
  const resolver = new Resolver(ctx.store);
  const rows = select(query, candidates(query, ctx), resolver);
  if (query.count) return { totalSize: rows.length, records: [], objectName: object.name, columns: [] };
  const records = rows.map((row) => project(row, object, query.paths, resolver, ctx.version));
  attachSubqueries(records, rows, query, ctx, resolver);
  return {
    totalSize: records.length,
    records,
    objectName: object.name,
    columns: query.subqueries.length > 0 ? [] : query.paths.map((p) => p.dotted),
  };
}

/** True when the query has child subqueries (Bulk API 2.0 rejects those). */
export function hasSubqueries(soql: string): boolean {
  return (parseSoql(soql).fields ?? []).some((f) => f.type === 'FieldSubquery');
}
