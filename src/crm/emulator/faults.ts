import * as z from 'zod';
import { createPrng, type Prng } from './prng';

const rate = z.number().min(0).max(1);

/** Faults and limits for one run; every random choice comes from a PRNG seeded with `seed`. */
export const FaultSettingsSchema = z.object({
  /** Delay added to every API call, in milliseconds. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Share of calls answered 429 with the retryable policy (HubSpot: TEN_SECONDLY_ROLLING). */
  rate429: rate,
  /** Share of calls answered 429 with a daily-limit body, which clients do not retry. */
  rate429Daily: rate,
  /** Share of calls answered 500/502/503/504. */
  rate5xx: rate,
  /** Share of calls whose connection is destroyed without a response. */
  rateDrop: rate,
  /** HubSpot's rolling limit: at most this many calls per `rollingWindowMs`; null turns it off. */
  rollingLimit: z.number().int().min(1).nullable(),
  rollingWindowMs: z.number().int().min(1),
  /**
   * HubSpot's search limit: at most this many search requests in any second (the real API allows a few per second
   * and answers more with a 429 "secondly" body, which the client retries); null turns it off.
   */
  searchPerSecond: z.number().int().min(1).nullable(),
  seed: z.number().int(),
});

export type FaultSettings = z.infer<typeof FaultSettingsSchema>;
export const FaultPatchSchema = FaultSettingsSchema.partial().strict();
export type FaultPatch = Partial<FaultSettings>;

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  rate429: 0,
  rate429Daily: 0,
  rate5xx: 0,
  rateDrop: 0,
  rollingLimit: null,
  rollingWindowMs: 10_000,
  searchPerSecond: null,
  seed: 1,
};

export type FaultDecision =
  | { readonly kind: 'pass' }
  | { readonly kind: 'drop' }
  | {
      readonly kind: 'rate-limited';
      readonly retryAfterSeconds: number;
      readonly reason: 'random' | 'rolling' | 'secondly';
    }
  | { readonly kind: 'daily-limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'server-error'; readonly status: number };

/** Applies a patch, ignoring keys whose value is undefined. */
function merge(base: FaultSettings, patch: Readonly<Record<string, unknown>>): FaultSettings {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return FaultSettingsSchema.parse({ ...base, ...defined });
}

const SERVER_ERRORS = [500, 502, 503, 504] as const;
/** The API whose rolling limit the emulator enforces. */
const ROLLING_LIMIT_API = 'hubspot';

/**
 * Decides, before an API module sees a request, whether to fail it. Each decision draws the same number of values
 * from the PRNG whatever the outcome, so the same requests in the same order meet the same faults.
 */
export class FaultInjector {
  private current: FaultSettings;
  private prng: Prng;
  private window: number[] = [];
  private searches: number[] = [];

  constructor(patch: FaultPatch = {}) {
    this.current = merge(NO_FAULTS, patch);
    this.prng = createPrng(this.current.seed);
  }

  settings(): FaultSettings {
    return this.current;
  }

  /** Changes settings and restarts the PRNG and the rolling window, so a run starts from a known state. */
  configure(patch: FaultPatch): FaultSettings {
    this.current = merge(this.current, patch);
    this.prng = createPrng(this.current.seed);
    this.window = [];
    this.searches = [];
    return this.current;
  }

  /** `search`: whether the request is a HubSpot search, which also counts against `searchPerSecond`. */
  decide(api: string, nowMs: number, search = false): FaultDecision {
    const s = this.current;
    const [drop, limited, daily, failed, which] = [0, 0, 0, 0, 0].map(() => this.prng.next()) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (drop < s.rateDrop) return { kind: 'drop' };
    if (api === ROLLING_LIMIT_API && s.rollingLimit !== null) {
      this.window = this.window.filter((t) => t > nowMs - s.rollingWindowMs);
      if (this.window.length >= s.rollingLimit) {
        const oldest = this.window[0] ?? nowMs;
        const retryAfterSeconds = Math.max(1, Math.ceil((oldest + s.rollingWindowMs - nowMs) / 1000));
        return { kind: 'rate-limited', retryAfterSeconds, reason: 'rolling' };
      }
    }
    const searchLimited = api === ROLLING_LIMIT_API && search && s.searchPerSecond !== null;
    if (searchLimited) {
      this.searches = this.searches.filter((t) => t > nowMs - 1000);
      if (this.searches.length >= (s.searchPerSecond ?? 0))
        return { kind: 'rate-limited', retryAfterSeconds: 1, reason: 'secondly' };
    }
    if (limited < s.rate429) return { kind: 'rate-limited', retryAfterSeconds: 1, reason: 'random' };
    if (daily < s.rate429Daily) return { kind: 'daily-limited', retryAfterSeconds: 3600 };
    if (failed < s.rate5xx) {
      return { kind: 'server-error', status: SERVER_ERRORS[Math.floor(which * SERVER_ERRORS.length)] ?? 500 };
    }
    if (api === ROLLING_LIMIT_API && s.rollingLimit !== null) this.window.push(nowMs);
    if (searchLimited) this.searches.push(nowMs);
    return { kind: 'pass' };
  }
}
