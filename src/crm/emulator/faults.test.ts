import { describe, expect, it } from 'vitest';
import { FaultInjector, type FaultPatch } from './faults';

const kinds = (patch: FaultPatch, n: number, api = 'hubspot'): string[] => {
  const injector = new FaultInjector(patch);
  return Array.from({ length: n }, (_, i) => injector.decide(api, i).kind);
};

describe('FaultInjector', () => {
  it('repeats the same faults for the same seed, and others for another seed', () => {
    const settings = { rate429: 0.2, rate5xx: 0.2, rateDrop: 0.1, seed: 11 };
    expect(kinds(settings, 200)).toEqual(kinds(settings, 200));
    expect(kinds({ ...settings, seed: 12 }, 200)).not.toEqual(kinds(settings, 200));
  });

  it.each([
    ['passes every call with no faults', {}, { pass: 1000 }],
    ['drops every call at a drop rate of 1', { rateDrop: 1 }, { drop: 1000 }],
    ['fails every call at a 5xx rate of 1', { rate5xx: 1 }, { 'server-error': 1000 }],
    ['limits every call at a daily 429 rate of 1', { rate429Daily: 1 }, { 'daily-limited': 1000 }],
  ])('%s', (_name, patch, expected) => {
    const counts: Record<string, number> = {};
    for (const kind of kinds(patch, 1000)) counts[kind] = (counts[kind] ?? 0) + 1;
    expect(counts).toEqual(expected);
  });

  it('injects each fault near its rate', () => {
    const all = kinds({ rate429: 0.2, rate5xx: 0.1, seed: 5 }, 4000);
    const share = (kind: string): number => all.filter((k) => k === kind).length / all.length;
    expect(share('rate-limited')).toBeCloseTo(0.2, 1);
    // 5xx is decided after 429, on the calls that were not limited: 0.8 × 0.1.
    expect(share('server-error')).toBeCloseTo(0.08, 1);
  });

  it('limits HubSpot to N calls per rolling window and lets calls through once the window moves on', () => {
    const injector = new FaultInjector({ rollingLimit: 2, rollingWindowMs: 10_000 });
    const at = (ms: number) => injector.decide('hubspot', ms);
    expect([at(0).kind, at(1000).kind, at(2000).kind]).toEqual(['pass', 'pass', 'rate-limited']);
    expect(at(3000)).toEqual({ kind: 'rate-limited', retryAfterSeconds: 7, reason: 'rolling' });
    expect(at(10_001).kind).toBe('pass');
  });

  it('limits HubSpot searches to N in any second, leaving other calls and other APIs alone', () => {
    const injector = new FaultInjector({ searchPerSecond: 2 });
    const search = (ms: number, api = 'hubspot') => injector.decide(api, ms, true);
    expect([search(0).kind, search(300).kind]).toEqual(['pass', 'pass']);
    expect(search(600)).toEqual({ kind: 'rate-limited', retryAfterSeconds: 1, reason: 'secondly' });
    expect(injector.decide('hubspot', 700).kind).toBe('pass');
    expect(search(800, 'salesforce').kind).toBe('pass');
    expect(search(1001).kind).toBe('pass');
    expect(search(1100).kind).toBe('rate-limited');
  });

  it('does not apply HubSpot’s rolling limit to another API', () => {
    expect(kinds({ rollingLimit: 1 }, 5, 'salesforce')).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('rejects settings out of range', () => {
    expect(() => new FaultInjector({ rate5xx: 1.5 })).toThrow();
  });
});
