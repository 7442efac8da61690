/** Salesforce record ids: a 15-character case-sensitive id plus a 3-character suffix that encodes its letter case. */

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 15- or 18-character shape of a record id (the suffix uses only A–Z and 0–5, read in either case). */
export const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/;

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

/**
 * The canonical 18-character form of a record id, or null when it is not one. A 15-character id is case-sensitive
 * and gains its suffix; an 18-character id is case-insensitive, as Salesforce reads it: the suffix says which of the
 * first 15 characters are upper case (so an id lower-cased by a spreadsheet still names its record), and a suffix
 * that marks a digit as upper case is no id at all.
 * @example canonicalId('00q5g0000000001eaa') // → '00Q5g0000000001EAA'
 */
export function canonicalId(text: string): string | null {
  if (!ID_SHAPE.test(text)) return null;
  if (text.length === 15) return text + checksumSuffix(text);
  const suffix = text.slice(15).toUpperCase();
  let id15 = '';
  for (let i = 0; i < 15; i++) {
    const bits = CHECKSUM_ALPHABET.indexOf(suffix.charAt(Math.floor(i / 5)));
    const c = text.charAt(i);
    id15 += (bits >> (i % 5)) & 1 ? c.toUpperCase() : c.toLowerCase();
  }
  return checksumSuffix(id15) === suffix ? id15 + suffix : null;
}
