import type { Command } from 'commander';
import { normaliseHubSpotError } from '../../crm/hubspot/errors';
import { hubSpotApi, type HubSpotApi } from '../../crm/hubspot/hubspot-api';
import { readObjectTypeIds } from '../../crm/hubspot/object-types';
import { formatOwnerSyncItem, planOwnerSync, type OwnerSyncItem } from '../../crm/hubspot/sync-owners';
import { planHubSpotSetup, type SetupItem } from '../../crm/hubspot/setup';
import { CliExit, type CliIo } from '../io/cli-io';

export interface HubSpotSetupOptions {
  readonly dryRun: boolean;
  readonly migrate?: boolean;
  readonly basePath?: string;
}

/** One line per item: `create    property        contacts.handoff_stage (label)`. */
export function formatSetupItem(item: SetupItem): string {
  const changes = item.changes.length > 0 ? ` (${item.changes.join(', ')})` : '';
  const subject =
    item.kind === 'property' || item.kind === 'property group'
      ? `${item.objectName}.${item.name}`
      : item.name;
  return `${item.action.padEnd(10)}${item.kind.padEnd(16)}${subject}${changes}`;
}

/**
 * Creates or updates Handoff's property group, `handoff_*` properties and custom object schemas in a HubSpot portal,
 * printing the diff; writes nothing on `--dry-run` or when everything is unchanged. The token comes from
 * `HUBSPOT_ACCESS_TOKEN` only.
 * @example await runHubSpotSetup({ dryRun: true }, io, { HUBSPOT_ACCESS_TOKEN: 'pat-…' })
 */
export async function runHubSpotSetup(
  options: HubSpotSetupOptions,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  const api = portalApi(options, io, env);
  const plan = await planHubSpotSetup(api, undefined, { migrate: options.migrate === true });
  if (!plan.ok) {
    io.err(`handoff: could not read the HubSpot portal: ${plan.error.code}: ${plan.error.message}`);
    throw new CliExit(1);
  }
  for (const item of plan.data.items) io.out(formatSetupItem(item));
  const count = (action: SetupItem['action']) => plan.data.items.filter((i) => i.action === action).length;
  const [creates, updates, unchanged] = [count('create'), count('update'), count('unchanged')];
  const [retired, migrating] = [count('retired'), count('migrate')];
  io.out(`${creates} to create, ${updates} to update, ${unchanged} unchanged`);
  if (retired > 0) {
    io.out(
      `${retired} object${retired === 1 ? '' : 's'} from an earlier Handoff version: run with --migrate to copy ` +
        'their records into handoff_activity (the old objects are left for you to delete once checked).',
    );
  }
  if (options.dryRun) {
    io.out('Dry run: nothing was written.');
    await printObjectTypeIds(api, io);
    return;
  }
  if (creates + updates + migrating === 0) {
    io.out('Nothing to write.');
    await printObjectTypeIds(api, io);
    return;
  }
  const applied = await plan.data.apply();
  if (!applied.ok) {
    io.err(`handoff: HubSpot setup stopped: ${applied.error.code}: ${applied.error.message}`);
    throw new CliExit(1);
  }
  const { writes, migrated } = applied.data;
  io.out(`Wrote ${writes} change${writes === 1 ? '' : 's'}.`);
  for (const m of migrated) {
    const skipped = m.skipped.length > 0 ? `, ${m.skipped.length} skipped (${m.skipped.join(', ')})` : '';
    io.out(
      `Migrated ${m.object}: ${m.records} records, ${m.copied} copied, ${m.alreadyCopied} already copied${skipped}.`,
    );
  }
  await printObjectTypeIds(api, io);
}

/** The API for the portal whose private app token is in `HUBSPOT_ACCESS_TOKEN` (never a flag or a file). */
function portalApi(
  options: { readonly basePath?: string },
  io: CliIo,
  env: Readonly<Record<string, string | undefined>>,
): HubSpotApi {
  const token = env['HUBSPOT_ACCESS_TOKEN'];
  if (token === undefined || token.trim() === '') {
    io.err(
      'handoff: set HUBSPOT_ACCESS_TOKEN to a private app token (it is never read from a flag or a file)',
    );
    throw new CliExit(1);
  }
  return hubSpotApi({
    accessToken: token,
    ...(options.basePath !== undefined ? { basePath: options.basePath } : {}),
  });
}

export interface OwnerSyncOptions {
  readonly dryRun: boolean;
  readonly basePath?: string;
}

/**
 * Creates an owner profile for every HubSpot owner that has none and refreshes each profile's copy of its owner's
 * name and email, printing one line per owner; roles and managers are left as the admin set them.
 * @example await runOwnerSync({ dryRun: true }, io, { HUBSPOT_ACCESS_TOKEN: 'pat-…' })
 */
export async function runOwnerSync(
  options: OwnerSyncOptions,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  const plan = await planOwnerSync(portalApi(options, io, env));
  if (!plan.ok) {
    io.err(`handoff: could not read the HubSpot owners: ${plan.error.code}: ${plan.error.message}`);
    throw new CliExit(1);
  }
  for (const item of plan.data.items) io.out(formatOwnerSyncItem(item));
  const count = (action: OwnerSyncItem['action']) =>
    plan.data.items.filter((i) => i.action === action).length;
  const [creates, updates] = [count('create'), count('update')];
  const orphaned = count('orphaned');
  io.out(
    `${creates} to create, ${updates} to update, ${count('unchanged')} unchanged` +
      (orphaned > 0 ? `, ${orphaned} orphaned (profiles whose owner is gone: left as they are)` : ''),
  );
  if (options.dryRun) {
    io.out('Dry run: nothing was written.');
    return;
  }
  if (creates + updates === 0) {
    io.out('Nothing to write.');
    return;
  }
  const applied = await plan.data.apply();
  if (!applied.ok) {
    io.err(`handoff: the owner sync stopped: ${applied.error.code}: ${applied.error.message}`);
    throw new CliExit(1);
  }
  io.out(`Wrote ${applied.data} owner profile${applied.data === 1 ? '' : 's'}.`);
}

/** The portal's object type ids, as the HubSpot app's configuration takes them. */
async function printObjectTypeIds(api: HubSpotApi, io: CliIo): Promise<void> {
  try {
    const ids = await readObjectTypeIds(api);
    if (Object.keys(ids).length === 0) return;
    io.out(`Object type ids for the app's configuration: HUBSPOT_OBJECT_TYPE_IDS='${JSON.stringify(ids)}'`);
  } catch (cause) {
    const failure = normaliseHubSpotError(cause);
    io.err(`handoff: could not read the object type ids: ${failure.error.message}`);
  }
}

export function registerHubSpot(program: Command, io: CliIo): void {
  const hubspot = program.command('hubspot').description('HubSpot portal tasks');
  hubspot
    .command('setup')
    .description(
      'create or update the handoff_* properties, property group and custom objects (token: HUBSPOT_ACCESS_TOKEN)',
    )
    .option('--dry-run', 'print the diff without writing', false)
    .option(
      '--migrate',
      'copy the records of objects an earlier Handoff version created into handoff_activity',
    )
    .option('--base-path <url>', 'the HubSpot API base URL (e.g. the sandbox: http://127.0.0.1:5170/hubspot)')
    .action(async (opts: HubSpotSetupOptions) => {
      await runHubSpotSetup(opts, io);
    });
  hubspot
    .command('sync-owners')
    .description(
      'give every owner a profile and refresh its copy of their name and email (token: HUBSPOT_ACCESS_TOKEN)',
    )
    .option('--dry-run', 'print what would change without writing', false)
    .option('--base-path <url>', 'the HubSpot API base URL (e.g. the sandbox: http://127.0.0.1:5170/hubspot)')
    .action(async (opts: OwnerSyncOptions) => {
      await runOwnerSync(opts, io);
    });
  hubspot.exitOverride();
  for (const command of hubspot.commands) command.exitOverride();
}
