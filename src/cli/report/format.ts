import type { Measure, Ratio } from '../../core/scorecard/ratio';

/** A share as a reader sees it: `66.7 %`, or `n/a` when there was nothing to measure. */
export function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(Math.round(value * 1000) / 10).toFixed(1)} %`;
}

/** A ratio with its parts, `66.7 % (4 of 6)`, or `n/a (why)` for an empty group. */
export function ratioText(r: Ratio): string {
  return r.value === null
    ? `n/a (${r.reason ?? 'no data'})`
    : `${percent(r.value)} (${r.numerator} of ${r.denominator})`;
}

/** Thousands separated by commas, rounded to whole units; independent of the machine's locale. */
export function amount(value: number | null): string {
  if (value === null) return 'n/a';
  const whole = Math.round(value);
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return whole < 0 ? `-${digits}` : digits;
}

/** Days with one decimal: `32.5 d`. */
export function days(m: Measure): string {
  return m.value === null ? 'n/a' : `${m.value.toFixed(1)} d`;
}

/** Business time as hours and minutes: `2 h 05 min`, `45 min`. */
export function businessTime(m: Measure): string {
  if (m.value === null) return 'n/a';
  const minutes = Math.round(m.value / 60_000);
  const h = Math.floor(minutes / 60);
  const min = minutes % 60;
  return h === 0 ? `${min} min` : `${h} h ${String(min).padStart(2, '0')} min`;
}

/** Left-aligned columns separated by two spaces, for the text report. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  return all.map((row) =>
    row
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
