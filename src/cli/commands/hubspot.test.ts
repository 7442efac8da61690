import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubspotApi } from '../../crm/emulator/hubspot/index';
import { storeFor } from '../../crm/emulator/hubspot/store';
import { startEmulator, type RunningEmulator } from '../../crm/emulator/server';
import { memoryIo } from '../io/cli-io';
import { runCli } from '../program';
import { runHubSpotSetup } from './hubspot';

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

  it('is registered as `handoff hubspot setup` with --dry-run and --base-path', async () => {
    const io = memoryIo();
    const code = await runCli(['hubspot', 'setup', '--help'], io);
    expect(code).toBe(0);
    expect(io.stdout()).toContain('--dry-run');
    expect(io.stdout()).toContain('--base-path <url>');
  });
});
