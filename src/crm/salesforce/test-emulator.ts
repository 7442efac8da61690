/**
 * Test support: the real emulator server (Salesforce API only, in memory, 127.0.0.1 port 0) loaded with a small
 * seed, a real jsforce connection to it, the adapter under test, and lookups from seed ids to Salesforce ids.
 */
import { readFileSync } from 'node:fs';
import { Connection } from 'jsforce';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { createSalesforceApi, type SalesforceApiOptions } from '../emulator/salesforce/index';
import type { SeedData } from '../emulator/types';
import { createSalesforceAdapter, type SalesforceAdapter, type SalesforceAdapterOptions } from './adapter';
import { fromJsforce, type SalesforceConnection } from './connection';
import {
  ContentAssetFields,
  ContentTouchFields,
  LeadDispositionFields,
  OpportunityFields,
  PersonFields,
  SF_API_VERSION,
  SObjects,
  SystemFields,
  TaskFields,
  UserFields,
} from './schema-names';
import { buildSelect, eq, text } from './soql';

/** The emulator's clock in these tests: 2026-12-03 15:00 UTC, the small seed's "now". */
export const NOW_MS = Date.UTC(2026, 11, 3, 15, 0, 0);

export interface SalesforceHarness {
  readonly emulator: RunningEmulator;
  readonly instanceUrl: string;
  /** Raw jsforce, for arranging and checking data outside the adapter. */
  readonly jsforce: Connection;
  readonly connection: SalesforceConnection;
  readonly adapter: SalesforceAdapter;
  /** The Salesforce id of a seeded record by its external id (`lead-1` → the Lead, `deal-1` → the Opportunity…). */
  idOf(object: string, externalId: string): Promise<string>;
  /** Calls per endpoint made while `work` ran. */
  measure(work: () => Promise<unknown>): Promise<Readonly<Record<string, number>>>;
  close(): Promise<void>;
}

/** The emulator's small seed (5 leads, 2 deals, 2 assets), optionally extended. */
export function smallSeed(): SeedData {
  return JSON.parse(
    readFileSync(new URL('../emulator/salesforce/fixtures/small-seed.json', import.meta.url), 'utf8'),
  ) as SeedData;
}

const EXTERNAL_ID: Readonly<Record<string, string>> = {
  [SObjects.lead]: PersonFields.externalId,
  [SObjects.contact]: PersonFields.externalId,
  [SObjects.opportunity]: OpportunityFields.externalId,
  [SObjects.user]: UserFields.externalId,
  [SObjects.contentAsset]: ContentAssetFields.externalId,
  [SObjects.contentTouch]: ContentTouchFields.externalId,
  [SObjects.leadDisposition]: LeadDispositionFields.idempotencyKey,
  [SObjects.task]: TaskFields.idempotencyKey,
};

/**
 * Starts the emulator and the adapter over it.
 * @example const h = await startHarness(); await h.adapter.listContentLibrary(); await h.close();
 */
export async function startHarness(
  options: {
    readonly data?: SeedData;
    readonly api?: SalesforceApiOptions;
    readonly adapter?: Omit<SalesforceAdapterOptions, 'connection'>;
  } = {},
): Promise<SalesforceHarness> {
  const emulator = await startEmulator({
    apis: [createSalesforceApi(options.api)],
    data: options.data ?? smallSeed(),
    clock: { now: NOW_MS, frozen: true },
  });
  const instanceUrl = `${emulator.url}/salesforce`;
  const jsforce = new Connection({ instanceUrl, accessToken: emulator.token, version: SF_API_VERSION });
  jsforce.bulk2.pollInterval = 20;
  const connection = fromJsforce(jsforce, { bulkPollIntervalMs: 20, bulkPollTimeoutMs: 20_000 });
  const adapter = createSalesforceAdapter({
    connection,
    now: () => NOW_MS,
    retryBaseMs: 5,
    maxRetryDelayMs: 50,
    ...options.adapter,
  });
  return {
    emulator,
    instanceUrl,
    jsforce,
    connection,
    adapter,
    async idOf(object, externalId) {
      const field = EXTERNAL_ID[object] ?? ContentTouchFields.externalId;
      const soql = buildSelect({
        fields: [SystemFields.id],
        from: object,
        where: eq(field, text(externalId)),
      });
      if (!soql.ok) throw new Error(soql.error.message);
      const result = await jsforce.query<Record<string, string>>(soql.data);
      const id = result.records[0]?.[SystemFields.id];
      if (id === undefined) throw new Error(`no ${object} with ${field} ${externalId}`);
      return id;
    },
    async measure(work) {
      emulator.clearStats();
      await work();
      return emulator.stats().byEndpoint;
    },
    close: () => emulator.close(),
  };
}
