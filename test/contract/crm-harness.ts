// The contract harness: one emulator hosting both CRM APIs, the two real adapters over the real clients, and the
// helpers every contract suite needs — seed id ↔ CRM id books (read through each CRM's own API, never SQLite),
// `/_sandbox/stats` deltas, record counts, and an optional observing proxy that sees every request in flight.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll } from 'vitest';
import { Connection } from 'jsforce';
import { loadPlaybook } from '../../src/cli/io/load-playbook';
import { hubspotApi } from '../../src/crm/emulator/hubspot/index';
import { createPrng } from '../../src/crm/emulator/prng';
import { salesforceApi } from '../../src/crm/emulator/salesforce/index';
import { DEFAULT_ANCHOR_MS, generateSeed, type SeedSizes } from '../../src/crm/emulator/seed/generate';
import { startEmulator, type RunningEmulator } from '../../src/crm/emulator/server';
import type { FaultPatch } from '../../src/crm/emulator/faults';
import type { StatsSnapshot } from '../../src/crm/emulator/stats';
import type { SeedData } from '../../src/crm/emulator/types';
import { createHubSpotAdapter } from '../../src/crm/hubspot/adapter';
import { hubSpotApi } from '../../src/crm/hubspot/hubspot-api';
import { readObjectTypeIds } from '../../src/crm/hubspot/object-types';
import { CUSTOM_OBJECTS } from '../../src/crm/hubspot/schema-names';
import type { CrmName, CrmPort } from '../../src/crm/port';
import { createSalesforceAdapter } from '../../src/crm/salesforce/adapter';
import { connectSalesforce } from '../../src/crm/salesforce/connection';
import { SF_API_VERSION } from '../../src/crm/salesforce/schema-names';
import type { Playbook } from '../../src/core/playbook/schema';

/** The emulator clock stands still at the seed's anchor, so every relative date in the seed is fixed. */
export const NOW_MS = DEFAULT_ANCHOR_MS;
export const NOW = new Date(NOW_MS).toISOString();
export const TOKEN = 'contract-token';

/** The contract suites' seed: small enough to load in milliseconds, varied enough for every scenario. */
export const CONTRACT_SEED = { seed: 49, leads: 60, deals: 12, assets: 12 } as const;

export interface HarnessOptions {
  readonly seed?: number;
  readonly sizes?: SeedSizes;
  /** Reshapes the generated seed (extra leads, stages) before both CRMs load it. */
  readonly tweak?: (seed: SeedData) => SeedData;
  readonly faults?: FaultPatch;
  readonly maxRetries?: number;
  readonly retryBaseMs?: number;
  /** Route the adapters (not the harness's own look-ups) through a proxy that records every request. */
  readonly observe?: boolean;
}

/** CRM record ids for seed ids and back, read through the CRM's own API. */
export interface IdBook {
  readonly crm: CrmName;
  /** The record a lead's page shows: a HubSpot contact, a Salesforce Lead. */
  lead(seedId: string): string;
  deal(seedId: string): string;
  asset(seedId: string): string;
  owner(seedId: string): string;
  /** The seed id of any record the seed created (Salesforce: Lead and converted Contact both map to the lead). */
  seedOf(crmId: string): string | undefined;
}

export interface CrmUnderTest {
  /** `HubSpot` or `Salesforce`, for test names. */
  readonly label: string;
  readonly crm: CrmName;
  readonly port: CrmPort;
  /** A new adapter with nothing cached, as a fresh app-function invocation or page load has. */
  fresh(): Promise<CrmPort>;
  readonly ids: IdBook;
  /** Counts records of a kind through the CRM's API (`SELECT COUNT()` / search `total`). */
  count(kind: RecordKind): Promise<number>;
}

export type RecordKind = 'dispositions' | 'touches' | 'tasks' | 'notes';

export interface StatsDelta {
  readonly total: number;
  readonly handled: number;
  readonly byApi: Readonly<Record<string, number>>;
  readonly byEndpoint: Readonly<Record<string, number>>;
}

export interface CrmHarness {
  readonly emulator: RunningEmulator;
  readonly seed: SeedData;
  readonly playbook: Playbook;
  readonly hubspot: CrmUnderTest;
  readonly salesforce: CrmUnderTest;
  /** The HubSpot client the harness itself uses for look-ups (never through the observer). */
  readonly hubspotClient: Client;
  /** The jsforce connection the harness itself uses for look-ups. */
  readonly salesforceConnection: Connection;
  readonly observer: ObservingProxy | undefined;
  get(crm: CrmName): CrmUnderTest;
  stats(): Promise<StatsSnapshot>;
  /** Runs `work` and returns what it returned with the API calls the emulator counted meanwhile. */
  measure<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly calls: StatsDelta }>;
  setFaults(patch: FaultPatch): Promise<void>;
  close(): Promise<void>;
}

export const NO_FAULTS: FaultPatch = {
  latencyMs: 0,
  rate429: 0,
  rate429Daily: 0,
  rate5xx: 0,
  rateDrop: 0,
  rollingLimit: null,
};

/**
 * Starts one harness before the calling file's first test, hands it to `use`, and closes it after the last: the
 * beforeAll/afterAll pair every contract file needs.
 * @example let harness: CrmHarness; useCrmHarness((h) => (harness = h), { observe: true });
 */
export function useCrmHarness(use: (harness: CrmHarness) => void, options: HarnessOptions = {}): void {
  let started: CrmHarness | undefined;
  beforeAll(async () => {
    started = await startCrmHarness(options);
    use(started);
  }, 30_000);
  afterAll(async () => {
    await started?.close();
  });
}

/** Starts the emulator with both APIs over one seed and builds both adapters over the real clients. */
export async function startCrmHarness(options: HarnessOptions = {}): Promise<CrmHarness> {
  const { seed: defaultSeed, ...defaultSizes } = CONTRACT_SEED;
  const generated = generateSeed({
    ...(options.sizes ?? defaultSizes),
    seed: options.seed ?? defaultSeed,
    anchorMs: NOW_MS,
  });
  const seed = options.tweak ? options.tweak(generated) : generated;
  const emulator = await startEmulator({
    port: 0,
    dbPath: ':memory:',
    data: seed,
    token: TOKEN,
    apis: [hubspotApi, salesforceApi],
    clock: { now: NOW_MS, frozen: true },
    faults: { ...NO_FAULTS, seed: 7 },
  });
  const playbook = loadPlaybook();
  if (!playbook.ok) throw new Error(`default playbook: ${playbook.error.message}`);

  const hubspotClient = new Client({
    accessToken: TOKEN,
    basePath: `${emulator.url}/hubspot`,
    numberOfApiCallRetries: 0,
  });
  const salesforceConnection = new Connection({
    instanceUrl: `${emulator.url}/salesforce`,
    accessToken: TOKEN,
    version: SF_API_VERSION,
  });
  const [hubspotIds, salesforceIds] = await Promise.all([
    hubspotIdBook(hubspotClient, seed),
    salesforceIdBook(salesforceConnection),
  ]);

  const observer = options.observe ? await startObservingProxy(emulator.url) : undefined;
  const base = observer?.url ?? emulator.url;
  const retry = {
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
  };
  // The HubSpot app is configured with the object type ids `handoff hubspot setup` prints: so is every adapter here.
  const objectTypeIds = await readObjectTypeIds(
    hubSpotApi({ accessToken: TOKEN, basePath: `${emulator.url}/hubspot` }),
  );
  const newHubSpotPort = async (): Promise<CrmPort> =>
    createHubSpotAdapter({
      accessToken: TOKEN,
      basePath: `${base}/hubspot`,
      now: () => NOW_MS,
      objectTypeIds,
      ...retry,
    });
  const newSalesforcePort = async (): Promise<CrmPort> => {
    const connected = await connectSalesforce(
      { instanceUrl: `${base}/salesforce`, accessToken: TOKEN },
      { version: SF_API_VERSION },
    );
    if (!connected.ok) throw new Error(`connectSalesforce: ${connected.error.message}`);
    return createSalesforceAdapter({ connection: connected.data, now: () => NOW_MS, ...retry });
  };
  const [hubspotPort, salesforcePort] = await Promise.all([newHubSpotPort(), newSalesforcePort()]);

  const hubspot: CrmUnderTest = {
    label: 'HubSpot',
    crm: 'hubspot',
    port: hubspotPort,
    fresh: newHubSpotPort,
    ids: hubspotIds,
    count: (kind) => countHubSpot(hubspotClient, kind),
  };
  const salesforce: CrmUnderTest = {
    label: 'Salesforce',
    crm: 'salesforce',
    port: salesforcePort,
    fresh: newSalesforcePort,
    ids: salesforceIds,
    count: (kind) => countSalesforce(salesforceConnection, kind),
  };

  const admin = async (path: string, init: { method?: string; body?: unknown } = {}): Promise<unknown> => {
    const response = await fetch(`${emulator.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as unknown);
  };
  const stats = async (): Promise<StatsSnapshot> => (await admin('/_sandbox/stats')) as StatsSnapshot;
  if (options.faults) await admin('/_sandbox/faults', { method: 'POST', body: options.faults });

  return {
    emulator,
    seed,
    playbook: playbook.data,
    hubspot,
    salesforce,
    hubspotClient,
    salesforceConnection,
    observer,
    get: (crm) => (crm === 'hubspot' ? hubspot : salesforce),
    stats,
    async measure(work) {
      const before = await stats();
      const result = await work();
      const after = await stats();
      return { result, calls: statsDelta(before, after) };
    },
    async setFaults(patch) {
      await admin('/_sandbox/faults', { method: 'POST', body: patch });
    },
    async close() {
      await observer?.close();
      await emulator.close();
    },
  };
}

/** What the emulator counted between two snapshots (only endpoints that moved). */
export function statsDelta(before: StatsSnapshot, after: StatsSnapshot): StatsDelta {
  const diff = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) =>
    Object.fromEntries(
      Object.entries(b)
        .map(([key, n]) => [key, n - (a[key] ?? 0)] as const)
        .filter(([, n]) => n !== 0),
    );
  return {
    total: after.total - before.total,
    handled: after.byOutcome.handled - before.byOutcome.handled,
    byApi: diff(before.byApi, after.byApi),
    byEndpoint: diff(before.byEndpoint, after.byEndpoint),
  };
}

// ---------------------------------------------------------------- id books

function idBook(
  crm: CrmName,
  forward: Readonly<Record<'lead' | 'deal' | 'asset' | 'owner', ReadonlyMap<string, string>>>,
  backward: ReadonlyMap<string, string>,
): IdBook {
  const lookup = (kind: keyof typeof forward) => (seedId: string) => {
    const id = forward[kind].get(seedId);
    if (id === undefined) throw new Error(`${crm} has no ${kind} for seed id ${seedId}`);
    return id;
  };
  return {
    crm,
    lead: lookup('lead'),
    deal: lookup('deal'),
    asset: lookup('asset'),
    owner: lookup('owner'),
    // Salesforce ids compare case-insensitively by their 15-character prefix; HubSpot ids are whole numbers.
    seedOf: (crmId) => backward.get(crmId) ?? backward.get(crmId.slice(0, 15)),
  };
}

interface HubSpotRow {
  readonly id: string;
  readonly properties: Readonly<Record<string, string | null>>;
}

/** Every record of a HubSpot object type, through the search API (≤ 200 a page). */
export async function hubspotAll(
  client: Client,
  objectType: string,
  properties: readonly string[],
  filters: readonly HubSpotFilter[] = [],
): Promise<HubSpotRow[]> {
  const rows: HubSpotRow[] = [];
  let after: string | undefined;
  do {
    const page = await client.crm.objects.searchApi.doSearch(objectType, {
      filterGroups: filters.length === 0 ? [] : [{ filters: [...filters] }],
      properties: [...properties],
      sorts: ['hs_object_id'],
      limit: 200,
      ...(after === undefined ? {} : { after }),
    } as never);
    for (const r of page.results) rows.push({ id: r.id, properties: r.properties });
    after = page.paging?.next?.after;
  } while (after !== undefined);
  return rows;
}

async function hubspotIdBook(client: Client, seed: SeedData): Promise<IdBook> {
  const external = 'handoff_external_id';
  const byExternal = async (type: string) =>
    new Map(
      (await hubspotAll(client, type, [external]))
        .filter((r) => r.properties[external])
        .map((r) => [r.properties[external] as string, r.id] as const),
    );
  const [lead, deal, asset, touch] = await Promise.all([
    byExternal('contacts'),
    byExternal('deals'),
    byExternal(CUSTOM_OBJECTS.contentAsset),
    byExternal(CUSTOM_OBJECTS.activity),
  ]);
  // HubSpot owners carry no external id: match the seed's owners by email.
  const owners = await client.crm.owners.ownersApi.getPage(undefined, undefined, 500);
  const owner = new Map<string, string>();
  for (const o of seed.owners) {
    const found = owners.results.find((r) => r.email?.toLowerCase() === o.email.toLowerCase());
    if (found) owner.set(o.id, found.id);
  }
  const backward = new Map<string, string>();
  for (const map of [lead, deal, asset, touch, owner]) for (const [s, c] of map) backward.set(c, s);
  return idBook('hubspot', { lead, deal, asset, owner }, backward);
}

export async function soqlAll<T extends Record<string, unknown>>(
  conn: Connection,
  soql: string,
): Promise<T[]> {
  const result = await conn.query<T>(soql, { autoFetch: true, maxFetch: 1_000_000 });
  return result.records;
}

async function salesforceIdBook(conn: Connection): Promise<IdBook> {
  type Row = { Id: string; External: string | null };
  const byExternal = async (object: string, field: string): Promise<Row[]> =>
    (await soqlAll<Record<string, unknown>>(conn, `SELECT Id, ${field} FROM ${object}`)).map((r) => ({
      Id: String(r['Id']),
      External: (r[field] as string | null) ?? null,
    }));
  const [leads, contacts, deals, assets, touches, users] = await Promise.all([
    byExternal('Lead', 'Handoff_External_Id__c'),
    byExternal('Contact', 'Handoff_External_Id__c'),
    byExternal('Opportunity', 'Handoff_External_Id__c'),
    byExternal('Content_Asset__c', 'External_Id__c'),
    byExternal('Content_Touch__c', 'External_Id__c'),
    byExternal('User', 'Handoff_External_Id__c'),
  ]);
  const forwardOf = (rows: readonly Row[]) =>
    new Map(rows.filter((r) => r.External !== null).map((r) => [r.External as string, r.Id] as const));
  const backward = new Map<string, string>();
  for (const rows of [leads, contacts, deals, assets, touches, users]) {
    for (const r of rows) {
      if (r.External === null) continue;
      backward.set(r.Id, r.External);
      backward.set(r.Id.slice(0, 15), r.External);
    }
  }
  return idBook(
    'salesforce',
    { lead: forwardOf(leads), deal: forwardOf(deals), asset: forwardOf(assets), owner: forwardOf(users) },
    backward,
  );
}

// ---------------------------------------------------------------- counts

type HubSpotFilter = { propertyName: string; operator: string; value?: string };

/** HubSpot keeps touches and dispositions as kinds of one `handoff_activity` object. */
const activitiesOfKind = (kind: string) => ({
  objectType: CUSTOM_OBJECTS.activity,
  filters: [{ propertyName: 'handoff_kind', operator: 'EQ', value: kind }],
});

const HUBSPOT_COUNTS: Readonly<
  Record<RecordKind, { objectType: string; filters: readonly HubSpotFilter[] }>
> = {
  dispositions: activitiesOfKind('disposition'),
  touches: activitiesOfKind('content_touch'),
  tasks: { objectType: 'tasks', filters: [] },
  notes: { objectType: 'notes', filters: [] },
};

async function countHubSpot(client: Client, kind: RecordKind): Promise<number> {
  const { objectType, filters } = HUBSPOT_COUNTS[kind];
  const page = await client.crm.objects.searchApi.doSearch(objectType, {
    filterGroups: filters.length === 0 ? [] : [{ filters: [...filters] }],
    properties: [],
    sorts: [],
    limit: 1,
  } as never);
  return page.total;
}

/** Salesforce keeps timeline notes as Tasks (see TaskFields), so `notes` counts the note-kind Tasks. */
const SALESFORCE_COUNTS: Readonly<Record<RecordKind, string>> = {
  dispositions: 'SELECT COUNT() FROM Lead_Disposition__c',
  touches: 'SELECT COUNT() FROM Content_Touch__c',
  tasks: "SELECT COUNT() FROM Task WHERE Handoff_Kind__c != 'note'",
  notes: "SELECT COUNT() FROM Task WHERE Handoff_Kind__c = 'note'",
};

async function countSalesforce(conn: Connection, kind: RecordKind): Promise<number> {
  const result = await conn.query(SALESFORCE_COUNTS[kind]);
  return result.totalSize;
}

/** A Salesforce string literal: backslash and quote escaped, as SOQL requires (harness queries only). */
export function soqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// ---------------------------------------------------------------- observing proxy

export interface ObservedRequest {
  readonly method: string;
  readonly path: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** A transparent HTTP proxy in front of the emulator that records each request's interval and the peak overlap. */
export interface ObservingProxy {
  readonly url: string;
  /** Requests completed since the last `reset`. */
  readonly requests: readonly ObservedRequest[];
  /** The most requests in flight at once since the last `reset`. */
  readonly maxInFlight: number;
  /** Writes whose response was thrown away since the last `reset`. */
  readonly lostResponses: number;
  reset(): void;
  /**
   * From now on, let this share of writes (any method but GET) reach the CRM and apply, then drop the connection
   * before the answer gets back — the case the emulator's own faults cannot make, since they strike first.
   */
  loseWriteResponses(rate: number, seed: number): void;
  close(): Promise<void>;
}

export async function startObservingProxy(targetUrl: string): Promise<ObservingProxy> {
  const target = new URL(targetUrl);
  let inFlight = 0;
  let maxInFlight = 0;
  let requests: ObservedRequest[] = [];
  let lostResponses = 0;
  let loss = { rate: 0, prng: createPrng(1) };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const startMs = performance.now();
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', startMs, endMs: performance.now() });
    };
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        if (req.method !== 'GET' && loss.rate > 0 && loss.prng.next() < loss.rate) {
          // The CRM has applied the write; the client never hears so.
          answer.resume();
          answer.on('end', () => {
            lostResponses += 1;
            finish();
            res.destroy();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', finish);
      },
    );
    // A dropped upstream connection is passed on as a dropped connection.
    upstream.on('error', () => {
      finish();
      res.destroy();
    });
    req.pipe(upstream);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get lostResponses() {
      return lostResponses;
    },
    reset() {
      requests = [];
      maxInFlight = inFlight;
      lostResponses = 0;
    },
    loseWriteResponses(rate, seed) {
      loss = { rate, prng: createPrng(seed) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
