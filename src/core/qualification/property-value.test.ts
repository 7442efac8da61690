import { describe, expect, it } from 'vitest';
import { formatNumber, isMissing, readProperty, toList, toNumber, valueEquals } from './property-value';

describe('isMissing', () => {
  it.each([
    ['an absent property', undefined, true],
    ['null', null, true],
    ['blank text', '  ', true],
    ['an empty list', [], true],
    ['zero, which is a value', 0, false],
    ['false, which is a value', false, false],
    ['text', 'Healthcare', false],
  ])('treats %s as missing: %s', (_name, value, expected) => {
    expect(isMissing(value)).toBe(expected);
  });
});

describe('toNumber', () => {
  it.each([
    ['a number', 250, 250],
    ['numeric text', '250', 250],
    ['text with thousands separators', '1,200', 1200],
    ['text with spaces', ' 5 000 000 ', 5_000_000],
    ['a decimal', '12.5', 12.5],
    ['a negative number', '-3', -3],
    ['an exponent', '1e6', 1_000_000],
  ])('reads %s', (_name, value, expected) => {
    expect(toNumber(value)).toBe(expected);
  });

  it.each([
    ['words', 'about fifty'],
    ['a range written as text', '50-100'],
    ['blank text', ''],
    ['a boolean', true],
    ['null', null],
    ['a list', ['1']],
  ])('gives NaN for %s', (_name, value) => {
    expect(toNumber(value)).toBeNaN();
  });
});

describe('toList', () => {
  it.each([
    ['an array, trimmed', [' HubSpot ', 'Gong'], ['HubSpot', 'Gong']],
    ['semicolon-separated text', 'Salesforce; HubSpot', ['Salesforce', 'HubSpot']],
    ['comma-separated text', 'Salesforce,HubSpot', ['Salesforce', 'HubSpot']],
    ['mixed separators with blanks', 'A;; B ,C', ['A', 'B', 'C']],
    ['null', null, []],
    ['a number', 3, ['3']],
  ])('reads %s', (_name, value, expected) => {
    expect(toList(value)).toEqual(expected);
  });
});

describe('valueEquals', () => {
  it.each([
    ['text ignores case and surrounding spaces', ' healthcare ', 'Healthcare', true],
    ['numeric text equals a number', '1,200', 1200, true],
    ['a number equals a number', 50, 50, true],
    ['text "true" equals true', 'TRUE', true, true],
    ['false does not equal true', false, true, false],
    ['a list matches when any item does', ['vp', 'director'], 'Director', true],
    ['different text is not equal', 'Retail', 'Healthcare', false],
    ['null is never equal', null, 'x', false],
  ])('%s', (_name, actual, expected, result) => {
    expect(valueEquals(actual, expected)).toBe(result);
  });
});

describe('formatNumber', () => {
  it.each([
    [5000, '5,000'],
    [1_000_000_000, '1,000,000,000'],
    [50, '50'],
    [1234.5, '1,234.5'],
    [-2500, '-2,500'],
  ])('formats %s as %s, whatever the machine locale', (n, expected) => {
    expect(formatNumber(n)).toBe(expected);
  });
});

describe('readProperty', () => {
  it('never reads a property from the object prototype', () => {
    expect(readProperty({}, 'constructor')).toBeUndefined();
    expect(readProperty({ constructor: 'x' }, 'constructor')).toBe('x');
  });
});
