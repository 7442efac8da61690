/** Salesforce record ids: a 15-character case-sensitive id plus a 3-character suffix that encodes its letter case. */

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 15- or 18-character shape of a record id (the suffix uses only A–Z and 0–5). */
export const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/**
 * The 3-character suffix that makes a 15-character id case-insensitive (one bit per upper-case letter, 5 per char).
 * @example checksumSuffix('00Q5g0000000001') // → 'EAA' (only the Q is upper case)
 */
export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return suffix;
}
