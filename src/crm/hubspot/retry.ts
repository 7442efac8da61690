import { normaliseHubSpotError, type CrmFailure } from './errors';

// One bounded retry policy for every HubSpot call the adapter makes: 429s of any policy (Retry-After honoured), 5xx
// and dropped connections. Only calls that are safe to repeat go through it: reads, and writes guarded by an
// idempotency key (the operation re-checks the key on a retry, see `attempt` below).

export interface RetryPolicy {
  /** Retries after the first attempt (0: no retry). */
  readonly maxRetries: number;
  /** The first backoff step; doubles each retry, with jitter. */
  readonly baseMs: number;
  /** No single backoff step waits longer than this (a Retry-After is honoured as given). */
  readonly maxDelayMs: number;
  /** The sum of all waits for one call; a wait that would pass it ends the retries. */
  readonly maxTotalWaitMs: number;
  /** Uniform in [0, 1): seeded in the adapter, injected in tests. */
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/**
 * The policy of the admin commands (`setup`, `sync-owners`): 4 retries from 250 ms, at most 8 s a step and 30 s in
 * all, real time, jitter seeded per command.
 * @example const policy = commandRetryPolicy(0x5e7)
 */
export function commandRetryPolicy(seed: number): RetryPolicy {
  return {
    maxRetries: 4,
    baseMs: 250,
    maxDelayMs: 8_000,
    maxTotalWaitMs: 30_000,
    random: seededRandom(seed),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  };
}

/** Thrown inside the adapter when a call has failed for good; each port method turns it back into a value. */
export class HubSpotCallFailed extends Error {
  constructor(readonly failure: CrmFailure) {
    super(failure.error.message);
  }
}

/** Which failures another attempt may fix: rate limits, HubSpot's 5xx, and connections dropped on the way. */
export function isRetryable(failure: CrmFailure): boolean {
  const { code } = failure.error;
  if (code === 'RATE_LIMITED') return true;
  if (code !== 'UNAVAILABLE') return false;
  return failure.details?.crmCode === 'NETWORK' || (failure.details?.status ?? 0) >= 500;
}

/**
 * How long to wait before retry number `retry` (1-based): the Retry-After when HubSpot sent one, else an
 * exponential step with equal jitter, `base × 2^(retry-1) × (0.5 + random/2)`, capped at `maxDelayMs`.
 * @example backoffMs(undefined, 2, { baseMs: 100, maxDelayMs: 5000, random: () => 0 }) // → 100
 */
export function backoffMs(
  retryAfter: number | undefined,
  retry: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'maxDelayMs' | 'random'>,
): number {
  if (retryAfter !== undefined) return retryAfter;
  const step = policy.baseMs * 2 ** (retry - 1) * (0.5 + policy.random() / 2);
  return Math.min(policy.maxDelayMs, Math.round(step));
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the policy's attempts or total wait run out; throws
 * HubSpotCallFailed with the last failure. `attempt` receives the attempt number, so a keyed write can re-check its
 * key before writing again.
 * @example await withRetry(() => api.getObject('contacts', '5', [], []), policy)
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  let waited = 0;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (cause) {
      const failure =
        cause instanceof HubSpotCallFailed ? cause.failure : normaliseHubSpotError(cause, policy.now());
      if (!isRetryable(failure) || n > policy.maxRetries) throw new HubSpotCallFailed(failure);
      const wait = backoffMs(failure.details?.retryAfterMs, n, policy);
      if (waited + wait > policy.maxTotalWaitMs) throw new HubSpotCallFailed(failure);
      waited += wait;
      await policy.sleep(wait);
    }
  }
}

/**
 * A small seeded generator (mulberry32) for backoff jitter, so a run's waits repeat exactly.
 * @example const random = seededRandom(7); random() // → a number in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
