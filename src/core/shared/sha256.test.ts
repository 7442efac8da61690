import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8Bytes } from './sha256';

describe('sha256Hex', () => {
  // NIST FIPS 180-4 / CAVS examples, plus a multibyte string checked against OpenSSL.
  it.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'the 448-bit message, which forces a second padding block',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'the 896-bit message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    [
      'one million "a"s',
      'a'.repeat(1_000_000),
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    ],
    [
      'a multibyte string (accents, CJK and an emoji)',
      'Café — 東京 🚀',
      createHash('sha256').update('Café — 東京 🚀', 'utf8').digest('hex'),
    ],
  ])('hashes %s', (_name, input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
  });

  it('agrees with node:crypto on any string, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });
});

describe('utf8Bytes', () => {
  it.each([
    ['ASCII stays one byte', 'A', [0x41]],
    ['é takes two bytes', 'é', [0xc3, 0xa9]],
    ['€ takes three bytes', '€', [0xe2, 0x82, 0xac]],
    ['an emoji (a surrogate pair) takes four bytes', '🚀', [0xf0, 0x9f, 0x9a, 0x80]],
    ['a lone high surrogate becomes U+FFFD', '\ud800', [0xef, 0xbf, 0xbd]],
  ])('encodes: %s', (_name, input, expected) => {
    expect([...utf8Bytes(input)]).toEqual(expected);
  });

  it('matches TextEncoder on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect([...utf8Bytes(text)]).toEqual([...new TextEncoder().encode(text)]);
      }),
    );
  });
});
