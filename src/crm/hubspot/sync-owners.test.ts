import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFor } from '../emulator/hubspot/store';
import type { FaultPatch } from '../emulator/faults';
import { hubSpotApi, type HubSpotApi } from './hubspot-api';
import { seededRandom, type RetryPolicy } from './retry';
import { CUSTOM_OBJECTS, OWNER_PROFILE_PROPERTIES as P } from './schema-names';
import { formatOwnerSyncItem, planOwnerSync, type OwnerSyncItem, type OwnerSyncPlan } from './sync-owners';
import { startTestHubSpot, type TestHubSpot } from './test-emulator';

// `sync-owners` over the real @hubspot/api-client against the emulator, a freshly seeded portal per scenario. The
// seed has ten owners (80000001…80000010), each with a profile whose copies match the owners API.

let hs: TestHubSpot;

beforeEach(async () => {
  hs = await startTestHubSpot({ leads: 2, deals: 1, assets: 1 });
});

afterEach(async () => {
  await hs.emulator.close();
});

const policy = (maxRetries = 8): RetryPolicy => ({
  maxRetries,
  baseMs: 1,
  maxDelayMs: 5,
  maxTotalWaitMs: 1_000,
  random: seededRandom(3),
  sleep: (ms) => sleep(ms),
  now: () => Date.now(),
});

const api = (accessToken = hs.emulator.token) => hubSpotApi({ accessToken, basePath: hs.basePath });

async function plan(): Promise<OwnerSyncPlan> {
  const planned = await planOwnerSync(api(), policy());
  if (!planned.ok) throw new Error(`${planned.error.code}: ${planned.error.message}`);
  return planned.data;
}

const profileType = () => hs.objectTypeIds[CUSTOM_OBJECTS.ownerProfile] ?? '';

/** Every profile for an owner id, through the search API. */
async function profilesOf(ownerId: string): Promise<Record<string, string | null>[]> {
  const page = await hs.client.crm.objects.searchApi.doSearch(profileType(), {
    filterGroups: [{ filters: [{ propertyName: P.ownerId, operator: 'EQ', value: ownerId }] }],
    properties: Object.values(P),
    sorts: [],
    limit: 10,
  } as never);
  return page.results.map((r) => ({ id: r.id, ...r.properties }));
}

async function profileOf(ownerId: string): Promise<Record<string, string | null>> {
  const [profile, ...more] = await profilesOf(ownerId);
  if (profile === undefined || more.length > 0) throw new Error(`not one profile for owner ${ownerId}`);
  return profile;
}

async function editProfile(ownerId: string, properties: Record<string, string>): Promise<void> {
  const { id } = await profileOf(ownerId);
  await hs.client.crm.objects.basicApi.update(profileType(), id ?? '', { properties });
}

async function createProfile(properties: Record<string, string>): Promise<void> {
  await hs.client.crm.objects.basicApi.create(profileType(), { properties, associations: [] });
}

/** A user added to the portal: the emulator serves owners from its store, with no endpoint to add one. */
function addOwner(id: string, firstName: string, lastName: string, archived = false): void {
  storeFor(hs.emulator.db).putOwner(id, {
    id,
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@handoff.example`,
    type: 'PERSON',
    firstName,
    lastName,
    userId: Number(id),
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    archived,
    teams: [],
  });
}

const OBJECTS = `/hubspot/crm/v3/objects/${CUSTOM_OBJECTS.ownerProfile}`;

interface Scenario {
  readonly name: string;
  /** Changes the seeded portal before the plan. */
  readonly arrange?: () => Promise<void>;
  /** Runs between the plan and apply: another run or an admin at work. */
  readonly meanwhile?: () => Promise<void>;
  /** Faults the emulator injects while apply runs. */
  readonly faults?: FaultPatch;
  /** The plan's items other than `unchanged`, in order. */
  readonly planned: readonly Partial<OwnerSyncItem>[];
  readonly writes: number;
  /** Checks after apply, with the calls apply made by endpoint. */
  readonly check?: (byEndpoint: Record<string, number>, serverErrors: number) => Promise<void>;
}

const scenarios: readonly Scenario[] = [
  {
    name: 'a freshly seeded portal is all unchanged and apply writes nothing',
    planned: [],
    writes: 0,
    async check(byEndpoint) {
      expect(Object.keys(byEndpoint)).toEqual([]);
    },
  },
  {
    name: 'stale copies are updated field by field, and the role and manager an admin set are kept',
    async arrange() {
      await editProfile('80000003', { [P.email]: 'ana.old@handoff.example' });
      await editProfile('80000004', { [P.firstName]: 'R.', [P.lastName]: '', [P.role]: 'manager' });
    },
    planned: [
      {
        action: 'update',
        ownerId: '80000003',
        name: 'Ana Silva',
        email: 'ana.silva@handoff.example',
        changes: ['email'],
      },
      { action: 'update', ownerId: '80000004', name: 'Raj Mehta', changes: ['firstName', 'lastName'] },
    ],
    writes: 2,
    async check(byEndpoint) {
      expect(byEndpoint).toEqual({ [`PATCH ${OBJECTS}/:id`]: 2 });
      expect(await profileOf('80000003')).toMatchObject({
        [P.email]: 'ana.silva@handoff.example',
        [P.role]: 'rep',
        [P.managerOwnerId]: '80000001',
      });
      expect(await profileOf('80000004')).toMatchObject({
        [P.firstName]: 'Raj',
        [P.lastName]: 'Mehta',
        [P.role]: 'manager',
        [P.managerOwnerId]: '80000001',
      });
    },
  },
  {
    name: 'a new owner without a profile gets one as a rep with no manager',
    async arrange() {
      addOwner('80000011', 'Zoe', 'Park');
    },
    planned: [
      {
        action: 'create',
        ownerId: '80000011',
        name: 'Zoe Park',
        email: 'zoe.park@handoff.example',
        changes: [],
        profileId: null,
      },
    ],
    writes: 1,
    async check() {
      const profile = await profileOf('80000011');
      expect(profile).toMatchObject({
        [P.role]: 'rep',
        [P.firstName]: 'Zoe',
        [P.lastName]: 'Park',
        [P.email]: 'zoe.park@handoff.example',
      });
      expect(profile[P.managerOwnerId] ?? null).toBeNull();
    },
  },
  {
    name: 'profiles whose owner is archived or gone are reported as orphaned and left alone',
    async arrange() {
      addOwner('80000010', 'Felix', 'Grant', true);
      await createProfile({
        [P.ownerId]: '80000099',
        [P.role]: 'manager',
        [P.firstName]: 'Gone',
        [P.lastName]: 'User',
        [P.email]: 'gone.user@handoff.example',
      });
    },
    planned: [
      { action: 'orphaned', ownerId: '80000010', name: 'Felix Grant', email: 'felix.grant@handoff.example' },
      { action: 'orphaned', ownerId: '80000099', name: 'Gone User', email: 'gone.user@handoff.example' },
    ],
    writes: 0,
    async check(byEndpoint) {
      expect(Object.keys(byEndpoint)).toEqual([]);
      expect(await profileOf('80000010')).toMatchObject({ [P.role]: 'marketer' });
      expect(await profileOf('80000099')).toMatchObject({ [P.role]: 'manager', [P.lastName]: 'User' });
    },
  },
  {
    name: 'writes that meet transient 5xx answers are retried and each lands exactly once',
    async arrange() {
      for (const id of ['80000002', '80000005', '80000008']) {
        await editProfile(id, { [P.email]: `stale-${id}@handoff.example` });
      }
      addOwner('80000011', 'Zoe', 'Park');
    },
    faults: { rate5xx: 0.5, seed: 5 },
    planned: [
      { action: 'update', ownerId: '80000002', changes: ['email'] },
      { action: 'update', ownerId: '80000005', changes: ['email'] },
      { action: 'update', ownerId: '80000008', changes: ['email'] },
      { action: 'create', ownerId: '80000011' },
    ],
    writes: 4,
    async check(_byEndpoint, serverErrors) {
      expect(serverErrors).toBeGreaterThan(0);
      expect(await profilesOf('80000011')).toHaveLength(1);
    },
  },
  {
    name: 'a create that loses a race to another run (409) refreshes that profile instead',
    async arrange() {
      addOwner('80000011', 'Zoe', 'Park');
    },
    async meanwhile() {
      await createProfile({ [P.ownerId]: '80000011', [P.role]: 'manager', [P.email]: 'zp@handoff.example' });
    },
    planned: [{ action: 'create', ownerId: '80000011' }],
    writes: 1,
    async check(byEndpoint) {
      expect(byEndpoint).toEqual({
        [`POST ${OBJECTS}`]: 1,
        [`POST ${OBJECTS}/batch/read`]: 1,
        [`PATCH ${OBJECTS}/:id`]: 1,
      });
      expect(await profileOf('80000011')).toMatchObject({
        [P.role]: 'manager',
        [P.firstName]: 'Zoe',
        [P.lastName]: 'Park',
        [P.email]: 'zoe.park@handoff.example',
      });
    },
  },
];

describe('planOwnerSync', () => {
  it.each(scenarios)('$name', async (scenario) => {
    await scenario.arrange?.();
    const first = await plan();
    expect(first.items.filter((i) => i.action !== 'unchanged')).toMatchObject(scenario.planned);
    await scenario.meanwhile?.();

    const errorsBefore = hs.emulator.stats().byOutcome['server-error'];
    if (scenario.faults) hs.emulator.setFaults(scenario.faults);
    const { result, byEndpoint } = await hs.measure(() => first.apply());
    hs.emulator.setFaults({ rate5xx: 0 });
    const serverErrors = hs.emulator.stats().byOutcome['server-error'] - errorsBefore;

    expect(result).toEqual({ ok: true, data: scenario.writes });
    await scenario.check?.(byEndpoint, serverErrors);
    // Afterwards every owner is in step and only the orphans, untouched, remain to report.
    const again = await plan();
    expect(again.items.filter((i) => i.action !== 'unchanged')).toEqual(
      first.items.filter((i) => i.action === 'orphaned'),
    );
  });
});

/** The real answers cut into pages of three, so a plan sees every record only by following `paging.next.after`. */
function inPagesOfThree(real: HubSpotApi): HubSpotApi {
  const page = async (answer: Promise<unknown>, after: string | undefined) => {
    const { results } = (await answer) as { results: unknown[] };
    const start = Number(after ?? 0);
    const next = start + 3;
    return {
      results: results.slice(start, next),
      ...(next < results.length ? { paging: { next: { after: String(next) } } } : {}),
    };
  };
  return {
    ...real,
    listOwners: (after) => page(real.listOwners(undefined), after),
    listObjects: (type, properties, associations, after) =>
      page(real.listObjects(type, properties, associations, undefined), after),
  };
}

describe('paging', () => {
  // The emulator's own object cursor cannot be used for this: its `after` is the last id + 1 but it lists ids
  // strictly greater, so the first record of every page after the first is skipped.
  it('reads every page of owners and profiles, finding drift and orphans on the last pages', async () => {
    await editProfile('80000010', { [P.email]: 'felix.old@handoff.example' });
    await createProfile({ [P.ownerId]: '80000099', [P.role]: 'rep', [P.email]: 'gone.user@handoff.example' });
    const paged = await planOwnerSync(inPagesOfThree(api()), policy());
    const whole = await plan();
    if (!paged.ok) throw new Error(paged.error.message);
    expect(paged.data.items).toEqual(whole.items);
    expect(paged.data.items.map((i) => i.action)).toEqual([
      ...Array.from({ length: 9 }, () => 'unchanged'),
      'update',
      'orphaned',
    ]);
  });
});

describe('failures as values', () => {
  it.each([
    {
      name: 'a token the portal refuses fails the plan as UNAUTHORIZED',
      run: () => planOwnerSync(api('not-the-token'), policy()),
      code: 'UNAUTHORIZED',
    },
    {
      name: 'a write HubSpot keeps answering with a 5xx fails apply as UNAVAILABLE',
      run: async () => {
        addOwner('80000011', 'Zoe', 'Park');
        const planned = await planOwnerSync(api(), policy(2));
        if (!planned.ok) throw new Error(planned.error.message);
        hs.emulator.setFaults({ rate5xx: 1 });
        return planned.data.apply();
      },
      code: 'UNAVAILABLE',
    },
  ])('$name', async ({ run, code }) => {
    const result = await run();
    hs.emulator.setFaults({ rate5xx: 0 });
    expect(result).toMatchObject({ ok: false, error: { code } });
  });
});

describe('formatOwnerSyncItem', () => {
  const item = (overrides: Partial<OwnerSyncItem>): OwnerSyncItem => ({
    action: 'unchanged',
    ownerId: '80000003',
    name: 'Ana Silva',
    email: 'ana.silva@handoff.example',
    changes: [],
    profileId: '17',
    ...overrides,
  });

  it.each([
    ['an unchanged owner', item({}), 'unchanged 80000003    Ana Silva <ana.silva@handoff.example>'],
    [
      'an update with its changed copies',
      item({ action: 'update', changes: ['firstName', 'email'] }),
      'update    80000003    Ana Silva <ana.silva@handoff.example> (firstName, email)',
    ],
    [
      'a create',
      item({ action: 'create', profileId: null }),
      'create    80000003    Ana Silva <ana.silva@handoff.example>',
    ],
    [
      'an orphaned profile with nothing filled in',
      item({ action: 'orphaned', ownerId: '', name: '', email: '' }),
      'orphaned  (no owner id) (no name)',
    ],
  ])('prints %s as one aligned line', (_name, input, line) => {
    expect(formatOwnerSyncItem(input)).toBe(line);
  });
});
