import type { PropertyValue } from './record-schema';

/**
 * A property counts as missing when absent, null, blank text or an empty list, so CRMs that send "" for unset
 * fields behave like those that omit them.
 * @example isMissing('  ') // → true
 */
export function isMissing(value: PropertyValue | undefined): value is null | undefined {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') {
    // Printable ASCII first: surely not blank, and no trimmed copy is made.
    const first = value.charCodeAt(0);
    return first > 32 && first < 127 ? false : value.trim() === '';
  }
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
  const plain = plainInteger(value);
  if (plain >= 0) return plain;
  const text = value.replace(/[\s,_]/g, '');
  return NUMERIC.test(text) ? Number(text) : Number.NaN;
}

// CRM numbers are mostly digits with thousands commas ("48,000,000"): read those without two regular expressions.
// Up to 15 digits the sum is exact, so it equals Number() of the stripped text; -1 sends anything else to the
// general path.
function plainInteger(text: string): number {
  let n = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else if (c !== 44) return -1; // ','
  }
  return digits === 0 || digits > 15 ? -1 : n;
}

/**
 * Reads a list from an array or `;`/`,`-separated text, trimmed, blanks dropped.
 * @example toList('Salesforce; HubSpot,Gong') // → ['Salesforce', 'HubSpot', 'Gong']
 */
export function toList(value: PropertyValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  const out: string[] = [];
  if (typeof value === 'string') {
    // Splits on ';' and ',' by hand, as split(/[;,]/) would, without the intermediate array.
    let start = 0;
    for (let i = 0; i <= value.length; i++) {
      const c = i === value.length ? 59 : value.charCodeAt(i);
      if (c !== 59 && c !== 44) continue;
      const trimmed = value.slice(start, i).trim();
      if (trimmed !== '') out.push(trimmed);
      start = i + 1;
    }
    return out;
  }
  const items = Array.isArray(value) ? value : [String(value)];
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
