import { describe, expect, it } from 'vitest';
import { canonicalId, checksumSuffix } from './ids';

describe('checksumSuffix', () => {
  it.each([
    ['only the Q is upper case', '00Q5g0000000001', 'EAA'],
    ['no letter is upper case', '0035g0000000001', 'AAA'],
    ['every character of the first chunk is an upper-case letter', 'ABCDE0000000000', '5AA'],
  ])('encodes one bit per upper-case letter: %s', (_scenario, id15, suffix) => {
    expect(checksumSuffix(id15)).toBe(suffix);
  });
});

describe('canonicalId', () => {
  it.each<[string, string, string | null]>([
    ['widens a 15-character id with its suffix', '00Q5g0000000001', '00Q5g0000000001EAA'],
    ['keeps a 15-character id case-sensitive', '00q5g0000000001', '00q5g0000000001AAA'],
    ['keeps an 18-character id as it is', '00Q5g0000000001EAA', '00Q5g0000000001EAA'],
    ['restores the case of an id lower-cased by a spreadsheet', '00q5g0000000001eaa', '00Q5g0000000001EAA'],
    ['restores the case of an id upper-cased by a spreadsheet', '00Q5G0000000001EAA', '00Q5g0000000001EAA'],
    ['reads the suffix as the truth about case', '00Q5g0000000001AAA', '00q5g0000000001AAA'],
    ['refuses a suffix that marks a digit as upper case', '00Q5g0000000001EAB', null],
    ['refuses a suffix character outside A–Z and 0–5', '00Q5g0000000001EA9', null],
    ['refuses 16 characters', '00Q5g0000000001E', null],
    ['refuses a quote', "00Q5g000000000'", null],
    ['refuses a trailing newline', '00Q5g0000000001EAA\n', null],
  ])('%s', (_scenario, text, expected) => {
    expect(canonicalId(text)).toBe(expected);
  });

  it('gives back every 18-character id unchanged, and the same id for any letter case of it', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let state = 7;
    const next = () => (state = (state * 48271) % 2147483647);
    for (let n = 0; n < 500; n++) {
      let id15 = '';
      for (let i = 0; i < 15; i++) id15 += alphabet.charAt(next() % alphabet.length);
      const id18 = id15 + checksumSuffix(id15);
      expect(canonicalId(id18)).toBe(id18);
      expect(canonicalId(id18.toLowerCase())).toBe(id18);
      expect(canonicalId(id18.toUpperCase())).toBe(id18);
    }
  });
});
