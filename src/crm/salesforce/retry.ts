import { setTimeout as sleep } from 'node:timers/promises';
import type { CrmResult } from '../port';
import { isRetryable, normalizeError, type CrmFailure } from './errors';

export interface RetryPolicy {
  /** Attempts after the first; 0 turns retries off. */
  readonly maxRetries: number;
  /** The first wait; each later wait doubles. */
  readonly baseMs: number;
  /** No single wait is longer than this, whatever Retry-After says. */
  readonly maxDelayMs: number;
}

/**
 * The wait before retry number `attempt` (0-based): `baseMs × 2^attempt`, at least the CRM's Retry-After, capped.
 * @example retryDelay(2, { maxRetries: 4, baseMs: 100, maxDelayMs: 10_000 }) // → 400
 */
export function retryDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const backoff = policy.baseMs * 2 ** attempt;
  return Math.min(policy.maxDelayMs, Math.max(backoff, retryAfterMs ?? 0));
}

/**
 * Runs a call, turning a throw into a CrmResult, and repeats it on RATE_LIMITED / UNAVAILABLE up to
 * `maxRetries` times. Only for calls that are safe to repeat: reads, and writes that upsert by an external id.
 * jsforce never retries POST/PATCH and does not know Salesforce's 403 REQUEST_LIMIT_EXCEEDED, so this is the layer
 * that does.
 * @example await withRetry(() => conn.query(soql), policy, parse) // → { ok: true, data: … } after up to maxRetries retries
 */
export async function withRetry<Raw, T>(
  call: () => Promise<Raw>,
  policy: RetryPolicy,
  interpret: (raw: Raw) => CrmResult<T>,
): Promise<CrmResult<T>> {
  let last: CrmFailure | undefined;
  for (let attempt = 0; attempt <= policy.maxRetries; attempt++) {
    let result: CrmResult<T>;
    try {
      result = interpret(await call());
    } catch (error) {
      result = normalizeError(error);
    }
    if (result.ok) return result;
    last = result as CrmFailure;
    if (!isRetryable(last) || attempt === policy.maxRetries) break;
    await sleep(retryDelay(attempt, policy, last.details?.retryAfterMs));
  }
  return last as CrmFailure;
}
