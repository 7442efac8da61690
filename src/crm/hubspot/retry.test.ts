import { describe, expect, it } from 'vitest';
import { backoffMs, HubSpotCallFailed, seededRandom, withRetry, type RetryPolicy } from './retry';

const status = (code: number, headers: Record<string, string> = {}) => ({ code, body: {}, headers });

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return {
    maxRetries: 4,
    baseMs: 100,
    maxDelayMs: 1_000,
    maxTotalWaitMs: 10_000,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    now: () => 0,
    ...overrides,
    waits,
  };
}

/** An operation that fails with the given errors in turn, then answers 'done'. */
const failingWith = (...errors: unknown[]) => {
  let calls = 0;
  const op = async () => {
    const next = errors[calls];
    calls += 1;
    if (next !== undefined) throw next;
    return 'done';
  };
  return { op, calls: () => calls };
};

describe('withRetry', () => {
  it.each([
    ['a 429 without Retry-After', status(429)],
    ['a 429 with a daily-limit body short enough to wait for', status(429, { 'retry-after': '1' })],
    ['a 502', status(502)],
    [
      'a dropped connection',
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
      }),
    ],
  ])('retries %s and succeeds', async (_name, error) => {
    const p = policy();
    const { op, calls } = failingWith(error, error);
    await expect(withRetry(op, p)).resolves.toBe('done');
    expect(calls()).toBe(3);
  });

  it.each([
    ['a 400', status(400), 'INVALID'],
    ['a 404', status(404), 'NOT_FOUND'],
    ['a 409', status(409), 'CONFLICT'],
    ['a 401', status(401), 'UNAUTHORIZED'],
  ])('does not retry %s', async (_name, error, code) => {
    const { op, calls } = failingWith(error);
    await expect(withRetry(op, policy())).rejects.toMatchObject({ failure: { error: { code } } });
    expect(calls()).toBe(1);
  });

  it('waits what Retry-After asks for', async () => {
    const p = policy();
    await withRetry(failingWith(status(429, { 'retry-after': '2' })).op, p);
    expect(p.waits).toEqual([2000]);
  });

  it('backs off exponentially with jitter when HubSpot sends no Retry-After', async () => {
    const p = policy({ random: () => 0 });
    await withRetry(failingWith(status(500), status(500), status(500)).op, p);
    expect(p.waits).toEqual([50, 100, 200]);
  });

  it('stops after maxRetries and reports the last failure', async () => {
    const p = policy({ maxRetries: 2 });
    const { op, calls } = failingWith(status(503), status(503), status(503), status(503));
    const failed = await withRetry(op, p).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(HubSpotCallFailed);
    expect(calls()).toBe(3);
  });

  it('gives up at once when Retry-After is longer than the total wait allowed, keeping the wait in the failure', async () => {
    const p = policy({ maxTotalWaitMs: 5_000 });
    const { op, calls } = failingWith(status(429, { 'retry-after': '3600' }));
    await expect(withRetry(op, p)).rejects.toMatchObject({
      failure: { error: { code: 'RATE_LIMITED' }, details: { retryAfterMs: 3_600_000 } },
    });
    expect(calls()).toBe(1);
    expect(p.waits).toEqual([]);
  });

  it('tells the operation which attempt it is on, so a keyed write can re-check its key', async () => {
    const attempts: number[] = [];
    await withRetry(async (n) => {
      attempts.push(n);
      if (n < 3) throw status(500);
      return n;
    }, policy());
    expect(attempts).toEqual([1, 2, 3]);
  });
});

describe('backoffMs', () => {
  it.each([
    [1, 0, 50],
    [1, 0.999, 100],
    [3, 0, 200],
    [10, 0.5, 1_000],
  ])('retry %i with random %f waits %i ms (base 100, cap 1000)', (retry, random, expected) => {
    expect(
      Math.round(backoffMs(undefined, retry, { baseMs: 100, maxDelayMs: 1_000, random: () => random })),
    ).toBe(expected);
  });
});

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const values = Array.from({ length: 50 }, () => a());
    expect(values).toEqual(Array.from({ length: 50 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
