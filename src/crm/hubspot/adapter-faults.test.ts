import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotApi } from './hubspot-api';
import { createHubSpotAdapter, createHubSpotPort } from './adapter';
import { CUSTOM_OBJECTS } from './schema-names';
import { NOW_MS, planFor, startTestHubSpot, type TestHubSpot } from './test-emulator';

// Retries against the emulator's injected faults, and failures as values.

let hs: TestHubSpot;

beforeAll(async () => {
  hs = await startTestHubSpot({ leads: 60, deals: 4, assets: 4 });
});

afterAll(async () => {
  await hs.emulator.close();
});

const adapter = (overrides: { accessToken?: string; maxRetries?: number } = {}) =>
  createHubSpotAdapter({
    accessToken: overrides.accessToken ?? hs.emulator.token,
    basePath: hs.basePath,
    retryBaseMs: 1,
    maxRetries: overrides.maxRetries ?? 8,
    now: () => NOW_MS,
  });

describe('retries', () => {
  it('writes 12 dispositions through 30% 5xx and dropped connections: 12 records, 12 notes, no duplicates', async () => {
    const crm = adapter();
    const leads = hs.seed.leads
      .filter((l) => ['mql', 'sql'].includes(l.stage) && !hs.seed.dispositions.some((d) => d.leadId === l.id))
      .slice(0, 12);
    expect(leads).toHaveLength(12);
    const contacts = await Promise.all(
      leads.map(async (l) => [await hs.idOf('contacts', l.id), l.stage] as const),
    );
    const [dispositions, notes] = [
      await hs.count(CUSTOM_OBJECTS.activity, 'disposition'),
      await hs.count('notes'),
    ];
    hs.emulator.setFaults({ rate5xx: 0.15, rateDrop: 0.15, seed: 11 });
    const results = [];
    for (const [contactId, stage] of contacts) {
      const submission = {
        submissionId: `fault-${contactId}`,
        outcome: 'reject',
        reasonCode: 'reject_bad_data',
      };
      const plan = planFor(submission, contactId, stage);
      results.push(await crm.writeDisposition({ leadId: contactId, plan }));
    }
    const faulted = hs.emulator.stats().byOutcome;
    hs.emulator.setFaults({ rate5xx: 0, rateDrop: 0 });
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(contacts.map(() => 'ok'));
    expect(faulted['server-error'] + faulted.dropped).toBeGreaterThan(0);
    expect(await hs.count(CUSTOM_OBJECTS.activity, 'disposition')).toBe(dispositions + 12);
    expect(await hs.count('notes')).toBe(notes + 12);
  });

  it('reads through rate limits that send Retry-After, waiting as asked', async () => {
    const crm = adapter();
    const contactId = await hs.idOf('contacts', hs.seed.leads[0]?.id ?? '');
    await crm.getLeadHandoffContext(contactId); // loads the owner and asset directory before the faults start
    const before = hs.emulator.stats().byOutcome['rate-limited'];
    hs.emulator.setFaults({ rate429: 0.5, seed: 2 });
    const started = Date.now();
    const result = await crm.getLeadHandoffContext(contactId);
    const limited = hs.emulator.stats().byOutcome['rate-limited'] - before;
    hs.emulator.setFaults({ rate429: 0 });
    expect(result.ok).toBe(true);
    expect(limited).toBeGreaterThan(0);
    // Each 429 asks for one second; concurrent calls wait side by side, so at least one second passed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  }, 30_000);
});

describe('failures as values', () => {
  it('answers a daily limit at once as RATE_LIMITED with the wait HubSpot asked for', async () => {
    const crm = adapter();
    hs.emulator.setFaults({ rate429Daily: 1 });
    const result = await crm.listContentLibrary();
    hs.emulator.setFaults({ rate429Daily: 0 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
      details: { retryAfterMs: 3_600_000, status: 429 },
    });
  });

  it('answers UNAVAILABLE when every attempt fails with a 5xx', async () => {
    const crm = adapter({ maxRetries: 2 });
    hs.emulator.setFaults({ rate5xx: 1 });
    const result = await crm.listContentLibrary();
    hs.emulator.setFaults({ rate5xx: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('answers UNAUTHORIZED for a token the portal refuses', async () => {
    const result = await adapter({ accessToken: 'not-the-token' }).listContentLibrary();
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' }, details: { status: 401 } });
  });

  it('answers INVALID for an escalation cursor it did not give out', async () => {
    const result = await adapter().listEscalationCandidates({
      stage: 'sql',
      enteredBefore: new Date(NOW_MS).toISOString(),
      cursor: 'bm90LWEtY3Vyc29y',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID' } });
  });

  it.each([
    ['a contact without an id', { properties: {} }],
    ['a contact whose properties are a string', { id: '1', properties: 'oops' }],
    ['no answer at all', undefined],
  ])('answers a malformed HubSpot answer (%s) as UNAVAILABLE, never a crash', async (_name, answer) => {
    const api = new Proxy({} as HubSpotApi, { get: () => async () => answer });
    const result = await createHubSpotPort(api, { maxRetries: 0 }).getLeadHandoffContext('1');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
      details: { crmCode: 'MALFORMED_RESPONSE' },
    });
  });
});
