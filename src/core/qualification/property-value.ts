import type { PropertyValue } from './record-schema';

/**
 * A property counts as missing when absent, null, blank text or an empty list, so CRMs that send "" for unset
 * fields behave like those that omit them.
 * @example isMissing('  ') // → true
 */
export function isMissing(value: PropertyValue | undefined): value is null | undefined {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Reads a number from a number or numeric text; thousands separators and spaces are ignored ("1,200" → 1200).
 * Anything else is NaN, which fails every comparison.
 * @example toNumber('1,200') // → 1200
 */
export function toNumber(value: PropertyValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  const text = value.replace(/[\s,_]/g, '');
  return NUMERIC.test(text) ? Number(text) : Number.NaN;
}

/**
 * Reads a list from an array or `;`/`,`-separated text, trimmed, blanks dropped.
 * @example toList('Salesforce; HubSpot,Gong') // → ['Salesforce', 'HubSpot', 'Gong']
 */
export function toList(value: PropertyValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[;,]/)
      : [String(value)];
  const out: string[] = [];
  for (const item of items) {
    const trimmed = item.trim();
    if (trimmed !== '') out.push(trimmed);
  }
  return out;
}

/** Case- and space-insensitive text key, so CRM picklists ("Healthcare", "healthcare ") compare equal. */
export function textKey(value: string | number | boolean): string {
  return String(value).trim().toLowerCase();
}

/**
 * Equality as an admin means it: numbers compare numerically (also against numeric text), booleans against
 * "true"/"false", text case-insensitively; a list matches when any item does.
 * @example valueEquals('1,200', 1200) // → true
 */
export function valueEquals(actual: PropertyValue | undefined, expected: string | number | boolean): boolean {
  if (actual === undefined || actual === null) return false;
  if (Array.isArray(actual)) return actual.some((item) => valueEquals(item, expected));
  if (typeof expected === 'number') return toNumber(actual) === expected;
  if (typeof expected === 'boolean') return textKey(actual) === String(expected);
  return textKey(actual) === textKey(expected);
}

/** Groups digits for labels with a fixed format ("5,000"), never the machine's locale. */
export function formatNumber(n: number): string {
  const [whole = '', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Reads an own property only, so a playbook property named like `constructor` never finds Object's prototype. */
export function readProperty(
  properties: Readonly<Record<string, PropertyValue>>,
  name: string,
): PropertyValue | undefined {
  return Object.hasOwn(properties, name) ? properties[name] : undefined;
}
