import type { PropertyCriterion } from '../playbook/schema';
import {
  formatNumber,
  isMissing,
  readProperty,
  textKey,
  toList,
  toNumber,
  valueEquals,
} from './property-value';
import type { PropertyValue } from './record-schema';
import type { LeafResult } from './types';

export type Properties = Readonly<Record<string, PropertyValue>>;
type PresentValue = Exclude<PropertyValue, null>;

/**
 * Compiles a property criterion into a check of a record's properties. A missing property fails every operator
 * except `not_exists` (and `neq`/`not_in` too: an unknown value is not evidence), reported with actual null.
 * @example compilePropertyCriterion({ kind: 'property', property: 'employees', op: 'gte', value: 50 })({ employees: '1,200' }).met // → true
 */
export function compilePropertyCriterion(
  criterion: PropertyCriterion,
): (properties: Properties) => LeafResult {
  const check = compilePropertyCheck(criterion);
  const { property } = criterion;
  return (properties) => check(readProperty(properties, property));
}

/**
 * `compilePropertyCriterion` on the property's value already read (undefined when the record lacks it).
 * @example compilePropertyCheck({ kind: 'property', property: 'employees', op: 'gte', value: 50 })('1,200').met // → true
 */
export function compilePropertyCheck(
  criterion: PropertyCriterion,
): (value: PropertyValue | undefined) => LeafResult {
  const { property } = criterion;
  const test = operatorTest(criterion);
  const expected = expectedText(criterion);
  const label = criterion.label ?? `${property} ${expected}`;
  const missingMet = criterion.op === 'not_exists';
  return (value) => {
    if (isMissing(value)) {
      return { type: 'leaf', kind: 'property', label, met: missingMet, actual: null, expected, property };
    }
    return { type: 'leaf', kind: 'property', label, met: test(value), actual: value, expected, property };
  };
}

// The test for a present (non-missing) value.
function operatorTest(criterion: PropertyCriterion): (value: PresentValue) => boolean {
  switch (criterion.op) {
    case 'eq':
      return (value) => valueEquals(value, criterion.value);
    case 'neq':
      return (value) => !valueEquals(value, criterion.value);
    case 'in':
      return (value) => criterion.values.some((expected) => valueEquals(value, expected));
    case 'not_in':
      return (value) => !criterion.values.some((expected) => valueEquals(value, expected));
    case 'gte':
      return (value) => toNumber(value) >= criterion.value;
    case 'lte':
      return (value) => toNumber(value) <= criterion.value;
    case 'between':
      return (value) => {
        const n = toNumber(value);
        return n >= criterion.min && n <= criterion.max;
      };
    case 'contains': {
      const needle = textKey(criterion.value);
      return (value) =>
        Array.isArray(value)
          ? toList(value).some((item) => textKey(item).includes(needle))
          : textKey(value).includes(needle);
    }
    case 'exists':
      return () => true;
    case 'not_exists':
      return () => false;
  }
}

function expectedText(criterion: PropertyCriterion): string {
  switch (criterion.op) {
    case 'eq':
      return `is ${show(criterion.value)}`;
    case 'neq':
      return `is not ${show(criterion.value)}`;
    case 'in':
      return `is one of ${criterion.values.map(show).join(', ')}`;
    case 'not_in':
      return `is none of ${criterion.values.map(show).join(', ')}`;
    case 'gte':
      return `≥ ${formatNumber(criterion.value)}`;
    case 'lte':
      return `≤ ${formatNumber(criterion.value)}`;
    case 'between':
      return `between ${formatNumber(criterion.min)} and ${formatNumber(criterion.max)}`;
    case 'contains':
      return `contains "${criterion.value}"`;
    case 'exists':
      return 'is set';
    case 'not_exists':
      return 'is empty';
  }
}

function show(value: string | number | boolean): string {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}
