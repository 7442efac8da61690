// Performance contract: a lead's handoff context costs at most 3 API calls whatever its number of touches (0 to
// 100), counted by the emulator's `/_sandbox/stats`; and the adapter's independent calls overlap in time, seen by a
// proxy in front of the emulator that records every request's interval.
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedData, SeedDisposition, SeedEvent, SeedTouch } from '../../src/crm/emulator/types';
import type { CrmPort } from '../../src/crm/port';
import {
  NO_FAULTS,
  useCrmHarness,
  type CrmHarness,
  type CrmUnderTest,
  type ObservedRequest,
} from './crm-harness';

const TOUCH_COUNTS = [0, 1, 10, 100] as const;
const MAX_CALLS = 3;
const EVENTS_PER_LEAD = 5;
/** Latency the emulator adds to every call in the overlap tests: large next to the emulator's own work. */
const LATENCY_MS = 150;

const perfLead = (n: number) => `lead-perf-${String(n).padStart(3, '0')}`;

/** Adds, per touch count N, a lead with one deal, N content touches on it, a few engagement events and a disposition. */
function withTouchLadder(seed: SeedData): SeedData {
  const base = seed.leads[0];
  const rep = seed.owners.find((o) => o.role === 'rep');
  if (!base || !rep || seed.assets.length === 0) throw new Error('the seed needs a lead, a rep and assets');
  const leads = [...seed.leads];
  const deals = [...seed.deals];
  const touches: SeedTouch[] = [...seed.touches];
  const events: SeedEvent[] = [...seed.events];
  const dispositions: SeedDisposition[] = [...seed.dispositions];
  for (const n of TOUCH_COUNTS) {
    const id = perfLead(n);
    const dealId = `deal-perf-${String(n).padStart(3, '0')}`;
    leads.push({
      ...base,
      id,
      email: `${id}@perf.example`,
      stage: 'sql',
      handoffStatus: 'open',
      ownerId: rep.id,
    });
    deals.push({
      id: dealId,
      name: `Perf deal ${n}`,
      amount: 10_000,
      stage: 'evaluation',
      source: base.source,
      ownerId: rep.id,
      leadId: id,
      contactIds: [id],
      leadCreatedAt: base.createdAt,
      createdAt: base.createdAt,
      closedAt: null,
      won: null,
    });
    dispositions.push({
      id: `disp-perf-${n}`,
      leadId: id,
      outcome: 'recycle',
      reasonCode: 'recycle_no_response',
      notes: '',
      at: base.stageEnteredAt,
      ownerId: rep.id,
      idempotencyKey: `perf-${n}-recycle`,
    });
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.parse(base.createdAt) + (i + 1) * 3_600_000).toISOString();
      const asset = seed.assets[i % seed.assets.length]?.id ?? '';
      touches.push({
        id: `touch-perf-${n}-${i}`,
        dealId,
        leadId: id,
        assetId: asset,
        channel: 'email',
        at,
        buyerStage: 'consideration',
      });
    }
    // A typical lead's engagement, the same on every rung, so only the touches vary.
    for (let i = 0; i < EVENTS_PER_LEAD; i++) {
      const at = new Date(Date.parse(base.createdAt) + (i + 1) * 1_800_000).toISOString();
      events.push({ id: `event-perf-${n}-${i}`, leadId: id, type: 'page_view', at, assetId: null });
    }
  }
  return { ...seed, leads, deals, touches, events, dispositions };
}

let harness: CrmHarness;

useCrmHarness((started) => (harness = started), { tweak: withTouchLadder, observe: true });

afterEach(async () => {
  await harness.setFaults(NO_FAULTS);
});

/** The longest chain of requests where each starts only after the previous one ended (1 = all in parallel). */
function sequentialRounds(requests: readonly ObservedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.startMs - b.startMs);
  const depth: number[] = [];
  sorted.forEach((r, i) => {
    const before = sorted.slice(0, i).filter((p) => p.endMs <= r.startMs);
    depth.push(1 + Math.max(0, ...before.map((p) => depth[sorted.indexOf(p)] ?? 0)));
  });
  return Math.max(0, ...depth);
}

describe.each([
  ['HubSpot', 'hubspot'],
  ['Salesforce', 'salesforce'],
] as const)('the %s adapter', (_label, crm) => {
  const sut = (): CrmUnderTest => harness.get(crm);

  const readCosts = async (adapter: CrmPort, n: number) => {
    const { result, calls } = await harness.measure(() =>
      adapter.getLeadHandoffContext(sut().ids.lead(perfLead(n))),
    );
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    expect(result.data.touches).toHaveLength(n);
    expect(result.data.events).toHaveLength(EVENTS_PER_LEAD);
    expect(result.data.dispositions).toHaveLength(1);
    expect(calls.total, JSON.stringify(calls.byEndpoint)).toBeLessThanOrEqual(MAX_CALLS);
  };

  for (const n of TOUCH_COUNTS) {
    it(`reads the handoff context of a lead with ${n} touches in at most ${MAX_CALLS} API calls`, async () => {
      // Let the adapter fill whatever it caches (owners, asset ids) before counting.
      await sut().port.getLeadHandoffContext(sut().ids.lead(perfLead(1)));
      await readCosts(sut().port, n);
    }, 10_000);
    it(
      `reads it in at most ${MAX_CALLS} API calls from a fresh adapter too (a new app-function call), with ${n} touches`,
      async () => readCosts(await sut().fresh(), n),
      10_000,
    );
  }

  it(`overlaps its independent calls: with ${LATENCY_MS} ms a call, the context read takes at most two round trips`, async () => {
    const observer = harness.observer;
    if (!observer) throw new Error('the performance harness runs with the observing proxy');
    // A fresh adapter, so every call the read needs is made (nothing cached) and can be seen overlapping.
    const adapter = await sut().fresh();
    await harness.setFaults({ latencyMs: LATENCY_MS });
    observer.reset();
    const started = performance.now();
    const result = await adapter.getLeadHandoffContext(sut().ids.lead(perfLead(100)));
    const elapsedMs = performance.now() - started;
    expect(result.ok).toBe(true);
    const requests = observer.requests;
    const rounds = sequentialRounds(requests);
    console.info(
      `[performance] ${crm}: ${requests.length} calls in ${rounds} round(s), ` +
        `peak ${observer.maxInFlight} in flight, ${elapsedMs.toFixed(0)} ms`,
    );
    // Calls that need an earlier answer (the owner, and HubSpot's activities, after the record) may follow it; the
    // rest must overlap, so the whole read is at most two round trips whatever the number of calls.
    expect(rounds).toBeLessThanOrEqual(2);
    // Generous bound on the wall clock: each round trip costs LATENCY_MS plus the emulator's own work, so a
    // read of three calls one after another would take at least 3 × LATENCY_MS.
    expect(elapsedMs).toBeLessThan((rounds + 0.9) * LATENCY_MS);
  }, 10_000);

  it('runs two port calls made together at the same time, not one after the other', async () => {
    const observer = harness.observer;
    if (!observer) throw new Error('the performance harness runs with the observing proxy');
    await harness.setFaults({ latencyMs: LATENCY_MS });
    observer.reset();
    const [context, library] = await Promise.all([
      sut().port.getLeadHandoffContext(sut().ids.lead(perfLead(10))),
      sut().port.listContentLibrary(),
    ]);
    expect(context.ok && library.ok).toBe(true);
    expect(observer.maxInFlight).toBeGreaterThanOrEqual(2);
  }, 10_000);
});
