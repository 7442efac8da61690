/** Salesforce-style record ids: 3-char key prefix + 12 chars (15, case-sensitive) + a 3-char case checksum (18). */
import { canonicalId, checksumSuffix } from '../../salesforce/ids';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The `n`th id of an object with key prefix `prefix`, e.g. `00Q` + `5g000000001` … as 18 characters. */
export function makeId(prefix: string, n: number): string {
  let counter = '';
  let rest = n;
  for (let i = 0; i < 9; i++) {
    counter = BASE62.charAt(rest % 62) + counter;
    rest = Math.floor(rest / 62);
  }
  const id15 = `${prefix}5g0${counter}`;
  return id15 + checksumSuffix(id15);
}

/** The 18-character form of a 15- or 18-character id (the latter in any letter case), or null when it is none. */
export function normalizeId(text: string): string | null {
  return canonicalId(text);
}
