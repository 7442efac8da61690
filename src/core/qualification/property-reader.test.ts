import { describe, expect, it } from 'vitest';
import { compilePropertyReader } from './property-reader';
import type { Properties } from './property-criterion';
import { readProperty } from './property-value';

const names = ['industry', 'employees', 'country', 'constructor'];

describe('compilePropertyReader', () => {
  it.each<[string, Properties[]]>([
    [
      'reads records that share one key layout',
      [
        { industry: 'Software', employees: 250 },
        { industry: 'Retail', employees: 12 },
      ],
    ],
    [
      'reads records whose keys come in another order',
      [
        { industry: 'Software', employees: 250 },
        { employees: 12, country: 'US', industry: 'Retail' },
      ],
    ],
    ['reads a record that lacks some names as undefined', [{ country: 'DE' }, {}]],
    ['keeps an inherited name such as constructor unread', [{ industry: 'Software' }]],
    ['reads an own property that shadows an inherited name', [{ constructor: 'set', industry: null }]],
    [
      'reads a layout change back to an earlier layout',
      [{ industry: 'a', employees: 1 }, { employees: 2 }, { industry: 'b', employees: 3 }],
    ],
  ])('%s, as readProperty would', (_scenario, records) => {
    const read = compilePropertyReader(names);
    for (const record of records) {
      expect([...read(record)]).toEqual(names.map((name) => readProperty(record, name)));
    }
  });

  it('reads a record created without a prototype', () => {
    const record = Object.assign(Object.create(null) as Properties, { country: 'GB' });
    expect([...compilePropertyReader(names)(record)]).toEqual([undefined, undefined, 'GB', undefined]);
  });
});
