import { err, ok, type Result } from '../shared/result';

const TIME_DURATION = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/;
const MS = { H: 3_600_000, M: 60_000, S: 1_000 } as const;

/**
 * Parses an ISO-8601 *time* duration (business time has no fixed-length days) into milliseconds.
 * @example parseBusinessDuration('PT37H13M') // → { ok: true, data: 133_980_000 }
 */
export function parseBusinessDuration(text: string): Result<number, 'INVALID_DURATION'> {
  const match = TIME_DURATION.exec(text);
  if (!match || text === 'PT') {
    const hint = /^P\d+[DWMY]/.test(text)
      ? ' (business time has no fixed-length day: write hours, e.g. PT24H)'
      : ' (expected an ISO-8601 time duration such as PT4H, PT37H13M or PT0S)';
    return err('INVALID_DURATION', `invalid duration "${text}"${hint}`);
  }
  const [, h, m, s] = match;
  const parts = [h, m, s].filter((part) => part !== undefined);
  // ISO-8601 allows a fraction only on the smallest unit given.
  if (parts.slice(0, -1).some((part) => part.includes('.'))) {
    return err('INVALID_DURATION', `invalid duration "${text}" (only the last unit may have a fraction)`);
  }
  const total = Number(h ?? 0) * MS.H + Number(m ?? 0) * MS.M + Number(s ?? 0) * MS.S;
  return ok(Math.round(total));
}

/** Formats milliseconds as an ISO-8601 time duration: `formatBusinessDuration(5_400_000)` → `'PT1H30M'`. */
export function formatBusinessDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  const h = Math.floor(rest / MS.H);
  rest -= h * MS.H;
  const m = Math.floor(rest / MS.M);
  rest -= m * MS.M;
  const s = rest / MS.S;
  const body = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `${sign}PT${body || '0S'}`;
}
