import { Client } from '@hubspot/api-client';
import { disposition } from '../../core/disposition/disposition';
import type { DispositionPlan } from '../../core/disposition/types';
import { hubspotApi } from '../emulator/hubspot/index';
import { DEFAULT_ANCHOR_MS, generateSeed } from '../emulator/seed/generate';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import type { StatsSnapshot } from '../emulator/stats';
import type { SeedData } from '../emulator/types';
import { hubSpotApi } from './hubspot-api';
import { readObjectTypeIds, type ObjectTypeIds } from './object-types';
import { ACTIVITY_PROPERTIES, CONTACT_PROPERTIES, type ActivityKind } from './schema-names';
import { defaultPlaybook } from '../../../test/support/default-playbook';

// Shared by the HubSpot adapter's tests: an emulator with a small seed, the real client for look-ups, and plans.

export const NOW_MS = DEFAULT_ANCHOR_MS;

export interface TestHubSpot {
  readonly emulator: RunningEmulator;
  readonly seed: SeedData;
  readonly client: Client;
  readonly basePath: string;
  /** The emulated portal's custom object type ids, as `setup` prints them for the app's configuration. */
  readonly objectTypeIds: ObjectTypeIds;
  /** The HubSpot id of a seeded record, by the seed's id (`handoff_external_id`). */
  idOf(type: string, externalId: string): Promise<string>;
  /** Records of a type (of one activity kind, for `handoff_activity`), counted through the search API. */
  count(type: string, kind?: ActivityKind): Promise<number>;
  /** API calls counted by `/_sandbox/stats` while `work` ran; custom object type ids in paths read as names. */
  measure<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; calls: number; byEndpoint: Record<string, number> }>;
}

/** Starts the emulator (HubSpot only) on 127.0.0.1, port 0, with a frozen clock. */
export async function startTestHubSpot(sizes = { leads: 40, deals: 12, assets: 8 }): Promise<TestHubSpot> {
  const seed = generateSeed({ seed: 7, ...sizes, anchorMs: NOW_MS });
  const emulator = await startEmulator({
    apis: [hubspotApi],
    data: seed,
    clock: { now: NOW_MS, frozen: true },
  });
  const basePath = `${emulator.url}/hubspot`;
  const client = new Client({ accessToken: emulator.token, basePath, numberOfApiCallRetries: 0 });
  const stats = async (): Promise<StatsSnapshot> => {
    const response = await fetch(`${emulator.url}/_sandbox/stats`, {
      headers: { authorization: `Bearer ${emulator.token}` },
    });
    return (await response.json()) as StatsSnapshot;
  };
  const objectTypeIds = await readObjectTypeIds(hubSpotApi({ accessToken: emulator.token, basePath }));
  const nameOf = new Map(Object.entries(objectTypeIds).map(([name, id]) => [id, name] as const));
  return {
    emulator,
    seed,
    client,
    basePath,
    objectTypeIds,
    async idOf(type, externalId) {
      const read = await client.crm.objects.batchApi.read(type, {
        inputs: [{ id: externalId }],
        idProperty: CONTACT_PROPERTIES.externalId,
        properties: [],
        propertiesWithHistory: [],
      });
      const id = read.results[0]?.id;
      if (id === undefined) throw new Error(`no ${type} with external id ${externalId}`);
      return id;
    },
    async count(type, kind) {
      const page = await client.crm.objects.searchApi.doSearch(type, {
        filterGroups:
          kind === undefined
            ? []
            : [{ filters: [{ propertyName: ACTIVITY_PROPERTIES.kind, operator: 'EQ', value: kind }] }],
        properties: [],
        sorts: [],
        limit: 1,
      } as never);
      return page.total;
    },
    async measure(work) {
      const before = await stats();
      const result = await work();
      const after = await stats();
      const byEndpoint: Record<string, number> = {};
      for (const [key, n] of Object.entries(after.byEndpoint)) {
        const delta = n - (before.byEndpoint[key] ?? 0);
        // Named as the adapter's code names them: a custom object's type id becomes its name again.
        const named = key.replace(
          /\/\d+-\d+(?=\/|$)/g,
          (segment) => `/${nameOf.get(segment.slice(1)) ?? segment.slice(1)}`,
        );
        if (delta !== 0) byEndpoint[named] = (byEndpoint[named] ?? 0) + delta;
      }
      return { result, calls: after.total - before.total, byEndpoint };
    },
  };
}

/** A disposition plan from the core for a submission on a record in `stage`. */
export function planFor(
  submission: Readonly<Record<string, unknown>>,
  recordId: string,
  stage: string,
  ownerId?: string,
): DispositionPlan {
  const result = disposition(
    submission,
    { recordId, stage, ...(ownerId !== undefined ? { ownerId } : {}) },
    defaultPlaybook(),
    NOW_MS,
  );
  if (!result.ok) throw new Error(`${result.error.message}: ${JSON.stringify(result.error.issues)}`);
  if (result.data.alreadyApplied) throw new Error('the plan is already applied');
  return result.data;
}
