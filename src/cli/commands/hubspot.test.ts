import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubspotApi } from '../../crm/emulator/hubspot/index';
import { storeFor } from '../../crm/emulator/hubspot/store';
import { startEmulator, type RunningEmulator } from '../../crm/emulator/server';
import { memoryIo } from '../io/cli-io';
import { runCli } from '../program';
import { runHubSpotSetup, runOwnerSync } from './hubspot';

// The emulator registers Handoff's definitions when it loads a seed, so each test starts from a portal whose
// handoff group, handoff_* properties and custom object schemas were deleted from its database: a fresh portal.

let emulator: RunningEmulator;
let env: Record<string, string>;

function freshPortal(): void {
  emulator.db.exec(`
    DELETE FROM hs_objects WHERE type_id LIKE '2-%';
    DELETE FROM hs_associations WHERE from_type LIKE '2-%' OR to_type LIKE '2-%';
    DELETE FROM hs_association_types WHERE from_type LIKE '2-%' OR to_type LIKE '2-%';
    DELETE FROM hs_properties WHERE type_id LIKE '2-%' OR name LIKE 'handoff_%';
    DELETE FROM hs_property_groups WHERE type_id LIKE '2-%' OR name = 'handoff';
    DELETE FROM hs_schemas;
  `);
  storeFor(emulator.db).forgetCaches();
}

const hubspot = (path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${emulator.url}/hubspot${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  }).then(async (r) => {
    if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? {} : await r.json()) as Record<string, unknown>;
  });

/**
 * A portal as an earlier Handoff version left it: a `handoff_disposition` object with a complete record and one
 * without its key, and a `handoff_content_touch` with one touch, both associated with a contact. Returns the contact.
 */
async function legacyPortal(): Promise<string> {
  const text = (name: string) => ({
    name,
    label: name,
    type: 'string',
    fieldType: 'text',
    groupName: 'handoff',
  });
  const schema = async (name: string, properties: string[], associatedObjects: string[]) =>
    hubspot('/crm/v3/schemas', {
      method: 'POST',
      body: {
        name,
        labels: { singular: name, plural: `${name}s` },
        primaryDisplayProperty: properties[0],
        requiredProperties: [],
        properties: properties.map(text),
        associatedObjects,
      },
    });
  await schema(
    'handoff_disposition',
    ['handoff_idempotency_key', 'handoff_outcome', 'handoff_reason_code', 'handoff_disposed_at'],
    ['CONTACT'],
  );
  await schema(
    'handoff_content_touch',
    ['handoff_external_id', 'handoff_channel', 'handoff_touched_at', 'handoff_asset_external_id'],
    ['CONTACT', 'DEAL'],
  );
  const contact = await hubspot('/crm/v3/objects/contacts', {
    method: 'POST',
    body: { properties: { email: 'legacy@example.com' } },
  });
  const contactId = String(contact['id']);
  const create = async (type: string, properties: Record<string, string>) => {
    const record = await hubspot(`/crm/v3/objects/${type}`, { method: 'POST', body: { properties } });
    await hubspot(
      `/crm/v4/objects/${type}/${String(record['id'])}/associations/default/contacts/${contactId}`,
      {
        method: 'PUT',
      },
    );
  };
  await create('handoff_disposition', {
    handoff_idempotency_key: 'legacy-key-1',
    handoff_outcome: 'reject',
    handoff_reason_code: 'reject_bad_data',
    handoff_disposed_at: '2026-03-01T10:00:00.000Z',
  });
  await create('handoff_disposition', { handoff_outcome: 'accept' });
  await create('handoff_content_touch', {
    handoff_external_id: 'legacy-touch-1',
    handoff_channel: 'email',
    handoff_touched_at: '2026-03-02T10:00:00.000Z',
  });
  return contactId;
}

/** Every handoff_activity's properties, by kind then external id. */
async function activities(): Promise<Record<string, string>[]> {
  const page = await hubspot(
    '/crm/v3/objects/handoff_activity?limit=100&properties=handoff_kind,handoff_external_id,handoff_contact_id,handoff_outcome,handoff_reason_code,handoff_occurred_at',
  );
  return (page['results'] as { properties: Record<string, string> }[])
    .map((r) => r.properties)
    .sort((a, b) =>
      `${a['handoff_kind']}${a['handoff_external_id']}`.localeCompare(
        `${b['handoff_kind']}${b['handoff_external_id']}`,
      ),
    );
}

const writes = (): number =>
  Object.entries(emulator.stats().byEndpoint)
    .filter(([endpoint]) => !endpoint.startsWith('GET '))
    .reduce((sum, [, n]) => sum + n, 0);

beforeAll(async () => {
  emulator = await startEmulator({ apis: [hubspotApi], sizes: { leads: 0, deals: 0, assets: 0 } });
  env = { HUBSPOT_ACCESS_TOKEN: emulator.token };
});

afterAll(async () => {
  await emulator.close();
});

describe('handoff hubspot setup', () => {
  it('prints every item to create on a dry run and writes nothing', async () => {
    freshPortal();
    emulator.clearStats();
    const io = memoryIo();
    await runHubSpotSetup({ dryRun: true, basePath: `${emulator.url}/hubspot` }, io, env);
    expect(writes()).toBe(0);
    expect(io.stdout()).toContain('create    property group  contacts.handoff');
    expect(io.stdout()).toContain('create    property        contacts.handoff_stage');
    expect(io.stdout()).toContain('create    custom object   handoff_activity');
    expect(io.stdout()).toMatch(/\d+ to create, 0 to update, 0 unchanged\nDry run: nothing was written\./);
  });

  it('creates everything, then a second run finds everything unchanged and writes nothing', async () => {
    freshPortal();
    const first = memoryIo();

    await runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, first, env);
    expect(first.stderr()).toBe('');
    expect(first.stdout()).toMatch(/Wrote \d+ changes\./);
    emulator.clearStats();
    const second = memoryIo();
    await runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, second, env);
    expect(writes()).toBe(0);
    expect(second.stdout()).not.toMatch(/^(create|update) /m);
    expect(second.stdout()).toMatch(/0 to create, 0 to update, \d+ unchanged\nNothing to write\./);
    expect(second.stdout()).toContain('unchanged association     handoff_activity → DEAL');
  });

  it('updates only a property whose label drifted', async () => {
    const io = memoryIo();
    await runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, io, env);
    const patch = await fetch(`${emulator.url}/hubspot/crm/v3/properties/contacts/handoff_stage`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Renamed by an admin' }),
    });
    expect(patch.status).toBe(200);
    emulator.clearStats();
    const rerun = memoryIo();
    await runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, rerun, env);
    expect(rerun.stdout()).toContain('update    property        contacts.handoff_stage (label)');
    expect(rerun.stdout()).toMatch(/0 to create, 1 to update, \d+ unchanged\nWrote 1 change\./);
    expect(writes()).toBe(1);
  });

  it('gives the property group back its label when an admin renamed it, and prints the object type ids', async () => {
    const setup = () =>
      runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, memoryIo(), env);
    await setup();
    const patch = await fetch(`${emulator.url}/hubspot/crm/v3/properties/contacts/groups/handoff`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Sales stuff' }),
    });
    expect(patch.status).toBe(200);
    emulator.clearStats();
    const rerun = memoryIo();
    await runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, rerun, env);
    expect(rerun.stdout()).toContain('update    property group  contacts.handoff (label)');
    expect(rerun.stdout()).toMatch(/0 to create, 1 to update, \d+ unchanged\nWrote 1 change\./);
    expect(writes()).toBe(1);
    const ids = /HUBSPOT_OBJECT_TYPE_IDS='(.+)'/.exec(rerun.stdout())?.[1] ?? '{}';
    expect(Object.keys(JSON.parse(ids) as object).sort()).toEqual([
      'handoff_activity',
      'handoff_content_asset',
      'handoff_owner_profile',
    ]);
  });

  it('reports objects an earlier version created, and on --migrate copies their records once', async () => {
    freshPortal();
    await runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, memoryIo(), env);
    const contactId = await legacyPortal();
    const report = memoryIo();
    await runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, report, env);
    expect(report.stdout()).toContain(
      'retired   retired object  handoff_disposition → handoff_activity (disposition)',
    );
    expect(report.stdout()).toContain('run with --migrate');
    expect(await activities()).toEqual([]);

    const migrate = memoryIo();
    await runHubSpotSetup(
      { dryRun: false, migrate: true, basePath: `${emulator.url}/hubspot` },
      migrate,
      env,
    );
    expect(migrate.stderr()).toBe('');
    expect(migrate.stdout()).toContain(
      'Migrated handoff_disposition: 2 records, 1 copied, 0 already copied, 1 skipped',
    );
    expect(migrate.stdout()).toContain(
      'Migrated handoff_content_touch: 1 records, 1 copied, 0 already copied.',
    );
    const copied = await activities();
    expect(copied.map((a) => [a['handoff_kind'], a['handoff_external_id'], a['handoff_contact_id']])).toEqual(
      [
        ['content_touch', 'legacy-touch-1', contactId],
        ['disposition', 'legacy-key-1', contactId],
      ],
    );
    expect(copied.find((a) => a['handoff_kind'] === 'disposition')).toMatchObject({
      handoff_outcome: 'reject',
      handoff_reason_code: 'reject_bad_data',
      handoff_occurred_at: '2026-03-01T10:00:00.000Z',
    });

    const again = memoryIo();
    await runHubSpotSetup({ dryRun: false, migrate: true, basePath: `${emulator.url}/hubspot` }, again, env);
    expect(again.stdout()).toContain('Migrated handoff_disposition: 2 records, 0 copied, 1 already copied');
    expect(await activities()).toHaveLength(2);
  });

  it.each([
    ['no token in the environment', {}, 'set HUBSPOT_ACCESS_TOKEN'],
    [
      'a token the portal refuses',
      { HUBSPOT_ACCESS_TOKEN: 'wrong' },
      'could not read the HubSpot portal: UNAUTHORIZED',
    ],
  ])('prints one line and exits 1 with %s', async (_name, environment, message) => {
    const io = memoryIo();
    const run = runHubSpotSetup({ dryRun: true, basePath: `${emulator.url}/hubspot` }, io, environment);
    await expect(run).rejects.toMatchObject({ exitCode: 1 });
    expect(io.stderr()).toContain(message);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('is registered as `handoff hubspot setup` with --dry-run, --migrate and --base-path', async () => {
    const io = memoryIo();
    const code = await runCli(['hubspot', 'setup', '--help'], io);
    expect(code).toBe(0);
    expect(io.stdout()).toContain('--dry-run');
    expect(io.stdout()).toContain('--migrate');
    expect(io.stdout()).toContain('--base-path <url>');
  });
});

describe('handoff hubspot sync-owners', () => {
  it('creates the profiles a portal lacks, then finds everything unchanged', async () => {
    freshPortal();
    await runHubSpotSetup({ dryRun: false, basePath: `${emulator.url}/hubspot` }, memoryIo(), env);
    const owners = storeFor(emulator.db).owners().length;
    expect(owners).toBeGreaterThan(0);
    const dry = memoryIo();
    await runOwnerSync({ dryRun: true, basePath: `${emulator.url}/hubspot` }, dry, env);
    expect(dry.stdout()).toContain(`${owners} to create, 0 to update, 0 unchanged`);
    expect(dry.stdout()).toContain('Dry run: nothing was written.');

    const first = memoryIo();
    await runOwnerSync({ dryRun: false, basePath: `${emulator.url}/hubspot` }, first, env);
    expect(first.stderr()).toBe('');
    expect(first.stdout()).toContain(`Wrote ${owners} owner profiles.`);
    const second = memoryIo();
    await runOwnerSync({ dryRun: false, basePath: `${emulator.url}/hubspot` }, second, env);
    expect(second.stdout()).toContain(`0 to create, 0 to update, ${owners} unchanged`);
    expect(second.stdout()).toContain('Nothing to write.');
  });

  it('prints one line and exits 1 without a token', async () => {
    const io = memoryIo();
    const run = runOwnerSync({ dryRun: true, basePath: `${emulator.url}/hubspot` }, io, {});
    await expect(run).rejects.toMatchObject({ exitCode: 1 });
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('is registered as `handoff hubspot sync-owners`', async () => {
    const io = memoryIo();
    expect(await runCli(['hubspot', 'sync-owners', '--help'], io)).toBe(0);
    expect(io.stdout()).toContain('--dry-run');
  });
});
