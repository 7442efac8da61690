/**
 * Orders strings by code unit: the same on every machine and locale, unlike `localeCompare`.
 * @example ['b', 'B', 'a'].sort(byText) // → ['B', 'a', 'b']
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
