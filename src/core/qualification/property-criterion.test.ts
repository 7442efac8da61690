import { describe, expect, it } from 'vitest';
import type { PropertyCriterion } from '../playbook/schema';
import { compilePropertyCriterion } from './property-criterion';
import type { PropertyValue } from './record-schema';

const p = (rest: Record<string, unknown>): PropertyCriterion =>
  ({ kind: 'property', property: 'x', ...rest }) as PropertyCriterion;

describe('compilePropertyCriterion', () => {
  it.each<[string, PropertyCriterion, PropertyValue | undefined, boolean]>([
    ['eq matches the same text in another case', p({ op: 'eq', value: 'accepted' }), 'Accepted', true],
    ['eq fails on other text', p({ op: 'eq', value: 'accepted' }), 'recycled', false],
    ['eq compares numeric text with a number', p({ op: 'eq', value: 250 }), '250', true],
    ['neq passes on other text', p({ op: 'neq', value: 'competitor' }), 'customer', true],
    ['neq fails on the same text', p({ op: 'neq', value: 'competitor' }), 'Competitor', false],
    ['in passes when the value is listed', p({ op: 'in', values: ['US', 'CA'] }), 'ca', true],
    ['in fails when the value is not listed', p({ op: 'in', values: ['US', 'CA'] }), 'BR', false],
    [
      'not_in passes when the value is not listed',
      p({ op: 'not_in', values: ['gmail.com'] }),
      'acme.com',
      true,
    ],
    ['not_in fails when the value is listed', p({ op: 'not_in', values: ['gmail.com'] }), 'GMAIL.com', false],
    ['gte passes at the bound', p({ op: 'gte', value: 50 }), 50, true],
    ['gte passes on numeric text with a separator', p({ op: 'gte', value: 50 }), '1,200', true],
    ['gte fails below the bound', p({ op: 'gte', value: 50 }), '49', false],
    ['gte fails on text that is not a number', p({ op: 'gte', value: 50 }), 'fifty', false],
    ['lte passes at the bound', p({ op: 'lte', value: 10 }), 10, true],
    ['lte fails above the bound', p({ op: 'lte', value: 10 }), 11, false],
    ['between includes its minimum', p({ op: 'between', min: 50, max: 5000 }), 50, true],
    ['between includes its maximum', p({ op: 'between', min: 50, max: 5000 }), '5,000', true],
    ['between excludes values above', p({ op: 'between', min: 50, max: 5000 }), 5001, false],
    ['contains finds text in any case', p({ op: 'contains', value: 'market' }), 'VP Marketing', true],
    ['contains fails when absent', p({ op: 'contains', value: 'market' }), 'CFO', false],
    ['contains looks inside a list', p({ op: 'contains', value: 'spot' }), ['HubSpot', 'Gong'], true],
    ['exists passes on any value', p({ op: 'exists' }), 0, true],
    ['exists fails on blank text', p({ op: 'exists' }), ' ', false],
    ['not_exists passes on a missing property', p({ op: 'not_exists' }), undefined, true],
    ['not_exists fails on a value', p({ op: 'not_exists' }), 'x', false],
    ['eq fails on a missing property', p({ op: 'eq', value: 'x' }), undefined, false],
    ['neq fails on a missing property (unknown is not evidence)', p({ op: 'neq', value: 'x' }), null, false],
    ['not_in fails on a missing property', p({ op: 'not_in', values: ['x'] }), undefined, false],
    ['gte fails on a missing property', p({ op: 'gte', value: 1 }), null, false],
  ])('%s', (_name, criterion, value, met) => {
    const properties: Record<string, PropertyValue> = value === undefined ? {} : { x: value };
    expect(compilePropertyCriterion(criterion)(properties).met).toBe(met);
  });

  it('reports a missing property with actual null instead of crashing', () => {
    const result = compilePropertyCriterion(p({ op: 'gte', value: 50 }))({});
    expect(result).toMatchObject({ met: false, actual: null, expected: '≥ 50', property: 'x' });
  });

  it.each<[string, PropertyCriterion, string, string]>([
    ['eq', p({ op: 'eq', value: 'accepted' }), 'x is accepted', 'is accepted'],
    ['in', p({ op: 'in', values: ['US', 'CA'] }), 'x is one of US, CA', 'is one of US, CA'],
    ['between', p({ op: 'between', min: 50, max: 5000 }), 'x between 50 and 5,000', 'between 50 and 5,000'],
    ['exists', p({ op: 'exists' }), 'x is set', 'is set'],
    ['a playbook label', p({ op: 'exists', label: 'has an owner' }), 'has an owner', 'is set'],
  ])('labels %s criteria for a rep', (_name, criterion, label, expected) => {
    expect(compilePropertyCriterion(criterion)({ x: 'v' })).toMatchObject({ label, expected });
  });
});
