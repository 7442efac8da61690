import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CUSTOM_OBJECTS } from '../hubspot/schema-names';
import { FaultInjector, type FaultDecision, type FaultPatch } from './faults';
import { hubspotApi } from './hubspot/index';
import { DEFAULT_ANCHOR_MS } from './seed/generate';
import { startEmulator, type RunningEmulator } from './server';

const SIZES = { leads: 20, deals: 6, assets: 5 };
const clock = { now: DEFAULT_ANCHOR_MS, frozen: true };
let emulator: RunningEmulator;

const clientFor = (e: RunningEmulator, retries = 3): Client =>
  new Client({ accessToken: 'sandbox-token', basePath: `${e.url}/hubspot`, numberOfApiCallRetries: retries });

const admin = async (path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) => {
  const token = init.token === undefined ? 'sandbox-token' : init.token;
  const response = await fetch(`${emulator.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
};

/** The first fault seed (of 500) whose first decisions have the given kinds, so a test meets exactly those faults. */
function seedWhere(settings: FaultPatch, kinds: readonly FaultDecision['kind'][]): number {
  for (let seed = 1; seed <= 500; seed++) {
    const injector = new FaultInjector({ ...settings, seed });
    if (kinds.every((kind) => injector.decide('hubspot', 0).kind === kind)) return seed;
  }
  throw new Error(`no seed gives ${kinds.join(', ')}`);
}

const countRecords = async (client: Client, type: string): Promise<number> => {
  const page = await client.crm.objects.searchApi.doSearch(type, {
    filterGroups: [],
    properties: [],
    sorts: [],
    limit: 1,
  } as never);
  return page.total;
};

beforeAll(async () => {
  emulator = await startEmulator({ apis: [hubspotApi], sizes: SIZES, clock });
});

afterAll(async () => {
  await emulator.close();
});

afterEach(() => {
  emulator.setFaults({
    latencyMs: 0,
    rate429: 0,
    rate429Daily: 0,
    rate5xx: 0,
    rateDrop: 0,
    rollingLimit: null,
    searchPerSecond: null,
  });
  vi.restoreAllMocks();
});

describe('routing and the admin API', () => {
  it.each([
    ['an unknown API prefix', '/zendesk/api/v2/tickets', 'sandbox-token', 404],
    ['the stats without a token', '/_sandbox/stats', null, 401],
    ['the stats with a wrong token', '/_sandbox/stats', 'nope', 401],
    ['the health check without a token', '/_sandbox/health', null, 200],
    ['an unknown admin route', '/_sandbox/nothing', 'sandbox-token', 404],
  ])('answers %s with %s', async (_name, path, token, status) => {
    const response = await admin(path, { token });
    expect(response.status).toBe(status);
  });

  it('answers a body that is not JSON with HubSpot’s 400, not a crash', async () => {
    const response = await fetch(`${emulator.url}/hubspot/crm/v3/objects/contacts`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: '{"properties": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('counts calls per endpoint with record ids grouped, and clears the counts', async () => {
    const client = clientFor(emulator);
    const page = await client.crm.contacts.basicApi.getPage(2);
    emulator.clearStats();
    for (const contact of page.results) await client.crm.contacts.basicApi.getById(contact.id);
    await client.crm.contacts.searchApi.doSearch({
      filterGroups: [],
      properties: [],
      sorts: [],
      limit: 1,
    } as never);
    const stats = await admin('/_sandbox/stats');
    expect(stats.body).toMatchObject({
      total: 3,
      byApi: { hubspot: 3 },
      byEndpoint: {
        'GET /hubspot/crm/v3/objects/contacts/:id': 2,
        'POST /hubspot/crm/v3/objects/contacts/search': 1,
      },
    });
    expect((await admin('/_sandbox/stats', { method: 'DELETE' })).status).toBe(204);
    expect(emulator.stats().total).toBe(0);
  });

  it('reads and moves the emulator clock, and new records are stamped with it', async () => {
    expect((await admin('/_sandbox/clock')).body).toMatchObject({ nowMs: DEFAULT_ANCHOR_MS, frozen: true });
    const moved = await admin('/_sandbox/clock', { method: 'POST', body: { advanceMs: 3_600_000 } });
    expect(moved.body).toMatchObject({ now: '2026-11-30T16:00:00.000Z' });
    const note = await clientFor(emulator).crm.objects.notes.basicApi.create({
      properties: { hs_note_body: 'x' },
      associations: [],
    });
    expect(note.createdAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    emulator.setClock({ now: DEFAULT_ANCHOR_MS });
  });

  it('rejects fault settings out of range with 400', async () => {
    const response = await admin('/_sandbox/faults', { method: 'POST', body: { rate5xx: 2 } });
    expect(response.status).toBe(400);
  });
});

describe('faults', () => {
  it('answers 429 TEN_SECONDLY_ROLLING with Retry-After, which the client retries', async () => {
    // The client waits 10 s before retrying this policy; the wait is shortened so the suite stays fast.
    // Only the client's own waits (10 s × attempt) are shortened; undici's 300 s timers are left alone.
    const realSetTimeout = globalThis.setTimeout;
    const isRetryWait = (ms: number | undefined): boolean =>
      ms !== undefined && ms >= 10_000 && ms <= 60_000 && ms % 10_000 === 0;
    const timers = vi
      .spyOn(globalThis, 'setTimeout')
      .mockImplementation(((fn: () => void, ms?: number) =>
        realSetTimeout(fn, isRetryWait(ms) ? 5 : ms)) as typeof setTimeout);
    const retries = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seed = seedWhere({ rate429: 0.5 }, ['rate-limited', 'pass']);
    await admin('/_sandbox/faults', { method: 'POST', body: { rate429: 0.5, seed } });
    emulator.clearStats();
    const page = await clientFor(emulator).crm.contacts.basicApi.getPage(1);
    timers.mockRestore();
    expect(page.results).toHaveLength(1);
    expect(retries).toHaveBeenCalledWith(expect.stringContaining('status code [429]'));
    expect(emulator.stats().byOutcome).toMatchObject({ 'rate-limited': 1, handled: 1 });
  });

  it('answers the daily limit with a 429 the client does not retry', async () => {
    emulator.setFaults({ rate429Daily: 1 });
    emulator.clearStats();
    const raw = await fetch(`${emulator.url}/hubspot/crm/v3/objects/contacts`, {
      headers: { authorization: 'Bearer sandbox-token' },
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('3600');
    expect(await raw.json()).toMatchObject({ category: 'RATE_LIMITS', policyName: 'DAILY' });
    const failure = await clientFor(emulator)
      .crm.contacts.basicApi.getPage(1)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 429, body: { policyName: 'DAILY' } });
    expect(emulator.stats().total).toBe(2);
  });

  it('enforces the 10-second rolling limit with a TEN_SECONDLY_ROLLING body', async () => {
    emulator.setFaults({ rollingLimit: 3, rollingWindowMs: 10_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${emulator.url}/hubspot/crm/v3/owners`, {
        headers: { authorization: 'Bearer sandbox-token' },
      });
      statuses.push(response.status);
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status === 429) expect(body).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING' });
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('limits searches per second with the "secondly" body the client retries, and no other call', async () => {
    emulator.setFaults({ searchPerSecond: 1 });
    const search = () =>
      fetch(`${emulator.url}/hubspot/crm/v3/objects/contacts/search`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
        body: JSON.stringify({ filterGroups: [], limit: 1 }),
      });
    const first = await search();
    const second = await search();
    const owners = await fetch(`${emulator.url}/hubspot/crm/v3/owners`, {
      headers: { authorization: 'Bearer sandbox-token' },
    });
    expect([first.status, second.status, owners.status]).toEqual([200, 429, 200]);
    expect(await second.json()).toMatchObject({
      message: 'You have reached your secondly limit.',
      policyName: 'SECONDLY',
    });
    expect(second.headers.get('retry-after')).toBe('1');
    // The real client waits a second and tries again.
    const found = await clientFor(emulator).crm.contacts.searchApi.doSearch({
      filterGroups: [],
      limit: 1,
    } as never);
    expect(found.results).toHaveLength(1);
  });

  it('answers injected 5xx errors, which the client retries', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seed = seedWhere({ rate5xx: 0.5 }, ['server-error', 'server-error', 'pass']);
    emulator.setFaults({ rate5xx: 0.5, seed });
    emulator.clearStats();
    const owners = await clientFor(emulator).crm.owners.ownersApi.getPage();
    expect(owners.results.length).toBeGreaterThan(0);
    expect(emulator.stats().byOutcome).toMatchObject({ 'server-error': 2, handled: 1 });
  });

  it('drops connections without a response, and the next call works', async () => {
    const seed = seedWhere({ rateDrop: 0.5 }, ['drop', 'pass']);
    emulator.setFaults({ rateDrop: 0.5, seed });
    const client = clientFor(emulator, 1);
    await expect(client.crm.contacts.basicApi.getPage(1)).rejects.toThrow();
    await expect(client.crm.contacts.basicApi.getPage(1)).resolves.toMatchObject({
      results: [expect.anything()],
    });
  });

  it('adds latency to every call', async () => {
    emulator.setFaults({ latencyMs: 120 });
    const started = performance.now();
    await clientFor(emulator).crm.owners.ownersApi.getPage();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('never half-applies a write: every disposition lands exactly once under 5xx, daily 429s and drops', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    emulator.setFaults({ rate5xx: 0.2, rate429Daily: 0.1, rateDrop: 0.1, seed: 99 });
    const client = clientFor(emulator, 1);
    const conflicts: string[] = [];
    const keys = Array.from({ length: 25 }, (_, i) => `fault-run-${i}`);
    for (const key of keys) {
      for (let attempt = 0; attempt < 30; attempt++) {
        const result = await client.crm.objects.basicApi
          .create(CUSTOM_OBJECTS.activity, {
            properties: {
              handoff_external_id: key,
              handoff_kind: 'disposition',
              handoff_activity_type: 'reject',
              handoff_occurred_at: '2026-03-12T15:00:00.000Z',
              handoff_outcome: 'reject',
              handoff_reason_code: 'reject_bad_data',
            },
            associations: [],
          })
          .then(() => 'created')
          .catch((e: { code?: number }) => (e.code === 409 ? 'conflict' : 'failed'));
        if (result === 'conflict') conflicts.push(key);
        if (result !== 'failed') break;
      }
    }
    emulator.setFaults({ rate5xx: 0, rate429Daily: 0, rateDrop: 0 });
    expect(conflicts).toEqual([]);
    const stored = await clientFor(emulator).crm.objects.searchApi.doSearch(CUSTOM_OBJECTS.activity, {
      filterGroups: [
        {
          filters: [
            { propertyName: 'handoff_external_id', operator: 'CONTAINS_TOKEN', value: 'fault-run-*' },
          ],
        },
      ],
      properties: ['handoff_external_id'],
      sorts: [],
      limit: 100,
    } as never);
    expect(stored.results.map((r) => r.properties['handoff_external_id']).sort()).toEqual([...keys].sort());
    expect(emulator.stats().byOutcome['server-error']).toBeGreaterThan(0);
  });
});

describe('seeding, reset and persistence', () => {
  it('reseeds on reset: records created since are gone and the sizes follow the request', async () => {
    const client = clientFor(emulator);
    await client.crm.contacts.basicApi.create({ properties: { email: 'temp@reset.test' }, associations: [] });
    const reset = await admin('/_sandbox/reset', { method: 'POST', body: { seed: 5, sizes: { leads: 12 } } });
    expect(reset.body).toMatchObject({
      seed: 5,
      sizes: { leads: 12, deals: SIZES.deals, assets: SIZES.assets },
    });
    expect(await countRecords(client, 'contacts')).toBe(12);
    const search = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'temp@reset.test' }] }],
      properties: [],
      sorts: [],
      limit: 1,
    } as never);
    expect(search.total).toBe(0);
  });

  it('gives identical data for the same seed and different data for another seed', async () => {
    const dump = async (e: RunningEmulator) => {
      const page = await clientFor(e).crm.contacts.basicApi.getPage(100, undefined, [
        'email',
        'handoff_stage',
        'industry',
      ]);
      return page.results.map((r) => [
        r.id,
        r.properties['email'],
        r.properties['handoff_stage'],
        r.properties['industry'],
      ]);
    };
    const a = await startEmulator({ apis: [hubspotApi], sizes: SIZES, seed: 3, clock });
    const b = await startEmulator({ apis: [hubspotApi], sizes: SIZES, seed: 3, clock });
    const c = await startEmulator({ apis: [hubspotApi], sizes: SIZES, seed: 4, clock });
    try {
      const [da, db, dc] = await Promise.all([dump(a), dump(b), dump(c)]);
      expect(da).toHaveLength(SIZES.leads);
      expect(db).toEqual(da);
      expect(dc).not.toEqual(da);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('keeps the data of a file database across a restart and does not reseed it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-emulator-'));
    const dbPath = join(dir, 'nested', 'sandbox.db');
    try {
      const first = await startEmulator({ apis: [hubspotApi], dbPath, sizes: SIZES, seed: 8, clock });
      expect(first.seedInfo.loaded).toBe(true);
      const created = await clientFor(first).crm.contacts.basicApi.create({
        properties: { email: 'kept@restart.test' },
        associations: [],
      });
      await first.close();
      const second = await startEmulator({ apis: [hubspotApi], dbPath, sizes: { leads: 3 }, seed: 9, clock });
      try {
        expect(second.seedInfo).toMatchObject({ loaded: false, seed: 8 });
        const read = await clientFor(second).crm.contacts.basicApi.getById(created.id, ['email']);
        expect(read.properties['email']).toBe('kept@restart.test');
        expect(await countRecords(clientFor(second), 'contacts')).toBe(SIZES.leads + 1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts with the default sizes in well under a second', async () => {
    const started = performance.now();
    const e = await startEmulator({ apis: [hubspotApi], clock });
    const elapsed = performance.now() - started;
    await e.close();
    expect(e.seedInfo.sizes).toEqual({ leads: 500, deals: 150, assets: 40 });
    expect(elapsed).toBeLessThan(1500);
  });
});
