import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringIndex } from './string-index';

describe('StringIndex', () => {
  it.each([
    ['numbers new strings in insertion order', ['b', 'a', 'c'], [0, 1, 2]],
    ['gives a repeated string its first number', ['T1', 'T2', 'T1'], [0, 1, 0]],
    ['tells the empty string apart from others', ['', 'x', ''], [0, 1, 0]],
  ])('%s', (_name, keys, expected) => {
    const index = new StringIndex();
    expect(keys.map((key) => index.add(key).index)).toEqual(expected);
  });

  it('reports whether a string was new when added', () => {
    const index = new StringIndex();
    expect([index.add('D1').isNew, index.add('D2').isNew, index.add('D1').isNew]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('answers -1 for a string never added', () => {
    const index = new StringIndex();
    index.add('A1');
    expect(index.indexOf('A2')).toBe(-1);
  });

  it('agrees with a Map on any list of strings, through many resizes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }), (keys) => {
        const index = new StringIndex(1);
        const map = new Map<string, number>();
        for (const key of keys) {
          if (!map.has(key)) map.set(key, map.size);
          expect(index.add(key).index).toBe(map.get(key));
        }
        expect(index.size).toBe(map.size);
        expect(index.values).toEqual([...map.keys()]);
        for (const key of keys) expect(index.indexOf(key)).toBe(map.get(key));
      }),
    );
  });
});
