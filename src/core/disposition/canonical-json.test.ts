import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from './canonical-json';

describe('canonicalJson', () => {
  it.each<[string, JsonValue, string]>([
    ['sorts keys', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      'sorts nested keys and keeps array order',
      { z: [{ y: 1, x: 2 }, 3], a: null },
      '{"a":null,"z":[{"x":2,"y":1},3]}',
    ],
    ['escapes text as JSON does', { note: 'say "hi"\n' }, '{"note":"say \\"hi\\"\\n"}'],
    ['keeps scalars', 'text', '"text"'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
