/**
 * The only way the Salesforce adapter writes SOQL: a small typed builder whose literals are escaped by construction.
 *
 * - Text is always quoted and escaped (`\\`, `'`, `"`, newlines, tabs…); control characters SOQL cannot express are
 *   rejected rather than passed through.
 * - LIKE patterns are built from plain text by `likeContains` / `likePrefix`, which also escape `%` and `_`.
 * - Ids are a branded type only `parseSalesforceId` produces, so a malformed id is rejected before any query exists.
 * - Field and object names are checked against the identifier grammar (they come from `schema-names.ts` or from the
 *   adapter's validated property map, never from user text).
 * - The result is the branded `Soql` type, which is all `SalesforceConnection.query` accepts.
 */
import { err, ok, type Result } from '../../core/shared/result';
import { canonicalId, ID_SHAPE } from './ids';

declare const soqlBrand: unique symbol;
declare const idBrand: unique symbol;

/** A SOQL statement produced by this builder. */
export type Soql = string & { readonly [soqlBrand]: true };

/** An 18-character Salesforce record id whose format and checksum were checked. */
export type SalesforceId = string & { readonly [idBrand]: true };

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/**
 * Checks a record id (15 characters, or 18 in any letter case with a consistent checksum) and, when `prefixes` is
 * given, its key prefix; returns the canonical 18-character form.
 * @example parseSalesforceId('00Q5g000000001AAA', ['00Q']) // → { ok: true, data: '00Q5g000000001AAA' } when the checksum matches
 */
export function parseSalesforceId(
  text: string,
  prefixes?: readonly string[],
): Result<SalesforceId, 'INVALID'> {
  if (!ID_SHAPE.test(text)) {
    return err('INVALID', 'not a Salesforce record id (15 or 18 letters and digits)', [
      { path: 'id', message: `malformed id ${JSON.stringify(text.slice(0, 40))}` },
    ]);
  }
  const full = canonicalId(text);
  if (full === null) {
    return err('INVALID', 'the id checksum does not match', [{ path: 'id', message: 'bad checksum' }]);
  }
  if (prefixes !== undefined && !prefixes.includes(full.slice(0, 3))) {
    return err('INVALID', `expected an id starting with ${prefixes.join(' or ')}`, [
      { path: 'id', message: `unexpected key prefix ${full.slice(0, 3)}` },
    ]);
  }
  return ok(full as SalesforceId);
}

// ---------------------------------------------------------------- literals

/** A value on the right of a comparison; build them with the functions below, never from raw text. */
export type SoqlLiteral =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'like'; readonly value: string; readonly match: 'contains' | 'prefix' }
  | { readonly kind: 'id'; readonly value: SalesforceId }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'dateTime'; readonly ms: number }
  | { readonly kind: 'null' };

/** Text compared as data: `text("O'Brien")` → `'O\'Brien'`. */
export const text = (value: string): SoqlLiteral => ({ kind: 'text', value });
/** A checked record id. */
export const idLiteral = (value: SalesforceId): SoqlLiteral => ({ kind: 'id', value });
export const num = (value: number): SoqlLiteral => ({ kind: 'number', value });
export const bool = (value: boolean): SoqlLiteral => ({ kind: 'boolean', value });
/** A datetime literal from epoch milliseconds, at Salesforce's storage precision (seconds). */
export const dateTime = (ms: number): SoqlLiteral => ({ kind: 'dateTime', ms });
export const nil: SoqlLiteral = { kind: 'null' };

/** `LIKE '%text%'` with `%` and `_` in the text matched literally. */
export const likeContains = (value: string): SoqlLiteral => ({ kind: 'like', value, match: 'contains' });
/** `LIKE 'text%'` with `%` and `_` in the text matched literally. */
export const likePrefix = (value: string): SoqlLiteral => ({ kind: 'like', value, match: 'prefix' });

// Control characters other than the ones SOQL has escapes for cannot be written in a SOQL string.
// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\u0000-\u0007\u000B\u000E-\u001F\u007F]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

class BuildError extends Error {}

/** Escapes text for the inside of a SOQL string literal; in LIKE patterns `%` and `_` are escaped too. */
function escape(value: string, likeText = false): string {
  if (UNWRITABLE.test(value)) throw new BuildError('text contains a control character SOQL cannot express');
  let out = '';
  for (const c of value) out += ESCAPES[c] ?? (likeText && (c === '%' || c === '_') ? `\\${c}` : c);
  return out;
}

function renderLiteral(literal: SoqlLiteral): string {
  switch (literal.kind) {
    case 'text':
    case 'id':
      return `'${escape(literal.value)}'`;
    case 'like':
      return `'${literal.match === 'contains' ? '%' : ''}${escape(literal.value, true)}%'`;
    case 'number':
      if (!Number.isFinite(literal.value)) throw new BuildError('numbers in SOQL must be finite');
      return String(literal.value);
    case 'boolean':
      return literal.value ? 'TRUE' : 'FALSE';
    case 'dateTime':
      if (!Number.isFinite(literal.ms)) throw new BuildError('invalid datetime');
      return new Date(Math.floor(literal.ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    case 'null':
      return 'null';
  }
}

// ---------------------------------------------------------------- conditions

type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { readonly kind: 'compare'; readonly field: string; readonly op: Operator; readonly value: SoqlLiteral }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly SoqlLiteral[] }
  | { readonly kind: 'like'; readonly field: string; readonly value: SoqlLiteral }
  | { readonly kind: 'and' | 'or'; readonly parts: readonly Condition[] }
  | { readonly kind: 'not'; readonly part: Condition };

const compare =
  (op: Operator) =>
  (field: string, value: SoqlLiteral): Condition => ({ kind: 'compare', field, op, value });
export const eq = compare('=');
export const ne = compare('!=');
export const lt = compare('<');
export const lte = compare('<=');
export const gt = compare('>');
export const gte = compare('>=');
/** `field IN (…)`; an empty list matches nothing. */
export const isIn = (field: string, values: readonly SoqlLiteral[]): Condition => ({
  kind: 'in',
  field,
  values,
});
/** `field LIKE pattern`; the pattern must come from `likeContains` or `likePrefix`. */
export const like = (field: string, value: SoqlLiteral): Condition => ({ kind: 'like', field, value });
export const and = (...parts: readonly Condition[]): Condition => ({ kind: 'and', parts });
export const or = (...parts: readonly Condition[]): Condition => ({ kind: 'or', parts });
export const not = (part: Condition): Condition => ({ kind: 'not', part });

function field(name: string): string {
  if (!FIELD_PATH.test(name)) throw new BuildError(`not a field name: ${JSON.stringify(name)}`);
  return name;
}

function renderCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'compare':
      return `${field(condition.field)} ${condition.op} ${renderLiteral(condition.value)}`;
    case 'in':
      if (condition.values.length === 0) throw new BuildError('IN needs at least one value');
      return `${field(condition.field)} IN (${condition.values.map(renderLiteral).join(', ')})`;
    case 'like':
      if (condition.value.kind !== 'like')
        throw new BuildError('LIKE takes a likeContains/likePrefix pattern');
      return `${field(condition.field)} LIKE ${renderLiteral(condition.value)}`;
    case 'and':
    case 'or': {
      if (condition.parts.length === 0) throw new BuildError(`${condition.kind.toUpperCase()} needs parts`);
      const joiner = condition.kind === 'and' ? ' AND ' : ' OR ';
      return condition.parts.map((p) => `(${renderCondition(p)})`).join(joiner);
    }
    case 'not':
      return `NOT (${renderCondition(condition.part)})`;
  }
}

// ---------------------------------------------------------------- statements

export interface OrderTerm {
  readonly field: string;
  readonly direction?: 'ASC' | 'DESC';
  readonly nulls?: 'FIRST' | 'LAST';
}

/** A child subquery in the SELECT list: `(SELECT … FROM Content_Touches__r …)`. */
export interface ChildQuery {
  readonly relationship: string;
  readonly fields: readonly string[];
  readonly where?: Condition;
  readonly orderBy?: readonly OrderTerm[];
  readonly limit?: number;
}

export interface SelectQuery {
  readonly fields: readonly string[];
  readonly children?: readonly ChildQuery[];
  readonly from: string;
  readonly where?: Condition;
  readonly orderBy?: readonly OrderTerm[];
  readonly limit?: number;
}

function renderOrder(terms: readonly OrderTerm[] | undefined): string {
  if (terms === undefined || terms.length === 0) return '';
  const parts = terms.map(
    (t) =>
      `${field(t.field)}${t.direction === undefined ? '' : ` ${t.direction}`}` +
      `${t.nulls === undefined ? '' : ` NULLS ${t.nulls}`}`,
  );
  return ` ORDER BY ${parts.join(', ')}`;
}

function renderLimit(limit: number | undefined): string {
  if (limit === undefined) return '';
  if (!Number.isInteger(limit) || limit < 1 || limit > 50_000) throw new BuildError('LIMIT must be 1–50000');
  return ` LIMIT ${limit}`;
}

function objectName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new BuildError(`not an object name: ${JSON.stringify(name)}`);
  return name;
}

function renderSelect(query: SelectQuery | ChildQuery, from: string): string {
  const children = 'children' in query ? (query.children ?? []) : [];
  const columns = [
    ...query.fields.map(field),
    ...children.map((child) => `(${renderSelect(child, child.relationship)})`),
  ];
  if (columns.length === 0) throw new BuildError('SELECT needs at least one field');
  const where = query.where === undefined ? '' : ` WHERE ${renderCondition(query.where)}`;
  return `SELECT ${columns.join(', ')} FROM ${objectName(from)}${where}${renderOrder(query.orderBy)}${renderLimit(query.limit)}`;
}

/**
 * Renders a SELECT, escaping every literal; INVALID when a name or literal cannot be written safely.
 * @example buildSelect({ fields: ['Id'], from: 'Lead', where: eq('LastName', text("O'Brien")) }) // → ok("SELECT Id FROM Lead WHERE LastName = 'O\\'Brien'")
 */
export function buildSelect(query: SelectQuery): Result<Soql, 'INVALID'> {
  return guard(() => renderSelect(query, query.from));
}

/**
 * Renders `SELECT COUNT() FROM … WHERE …`.
 * @example buildCount('Content_Touch__c') // → ok('SELECT COUNT() FROM Content_Touch__c')
 */
export function buildCount(from: string, where?: Condition): Result<Soql, 'INVALID'> {
  return guard(
    () =>
      `SELECT COUNT() FROM ${objectName(from)}${where === undefined ? '' : ` WHERE ${renderCondition(where)}`}`,
  );
}

function guard(render: () => string): Result<Soql, 'INVALID'> {
  try {
    return ok(render() as Soql);
  } catch (error) {
    if (error instanceof BuildError) return err('INVALID', error.message);
    throw error;
  }
}

/**
 * Whether a name can appear as a field in SOQL (`Handoff_Stage__c`, `Owner.Name`).
 * @example isFieldName('Owner.Name') // → true
 */
export function isFieldName(name: string): boolean {
  return FIELD_PATH.test(name);
}
