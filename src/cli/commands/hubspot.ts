import type { Command } from 'commander';
import { hubSpotApi } from '../../crm/hubspot/hubspot-api';
import { planHubSpotSetup, type SetupItem } from '../../crm/hubspot/setup';
import { CliExit, type CliIo } from '../io/cli-io';

export interface HubSpotSetupOptions {
  readonly dryRun: boolean;
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
  const token = env['HUBSPOT_ACCESS_TOKEN'];
  if (token === undefined || token.trim() === '') {
    io.err(
      'handoff: set HUBSPOT_ACCESS_TOKEN to a private app token (it is never read from a flag or a file)',
    );
    throw new CliExit(1);
  }
  const api = hubSpotApi({
    accessToken: token,
    ...(options.basePath !== undefined ? { basePath: options.basePath } : {}),
  });
  const plan = await planHubSpotSetup(api);
  if (!plan.ok) {
    io.err(`handoff: could not read the HubSpot portal: ${plan.error.code}: ${plan.error.message}`);
    throw new CliExit(1);
  }
  for (const item of plan.data.items) io.out(formatSetupItem(item));
  const count = (action: SetupItem['action']) => plan.data.items.filter((i) => i.action === action).length;
  const [creates, updates, unchanged] = [count('create'), count('update'), count('unchanged')];
  io.out(`${creates} to create, ${updates} to update, ${unchanged} unchanged`);
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
    io.err(`handoff: HubSpot setup stopped: ${applied.error.code}: ${applied.error.message}`);
    throw new CliExit(1);
  }
  io.out(`Wrote ${applied.data} change${applied.data === 1 ? '' : 's'}.`);
}

export function registerHubSpot(program: Command, io: CliIo): void {
  const hubspot = program.command('hubspot').description('HubSpot portal tasks');
  hubspot
    .command('setup')
    .description(
      'create or update the handoff_* properties, property group and custom objects (token: HUBSPOT_ACCESS_TOKEN)',
    )
    .option('--dry-run', 'print the diff without writing', false)
    .option('--base-path <url>', 'the HubSpot API base URL (e.g. the sandbox: http://127.0.0.1:5170/hubspot)')
    .action(async (opts: HubSpotSetupOptions) => {
      await runHubSpotSetup(opts, io);
    });
  hubspot.exitOverride();
  for (const command of hubspot.commands) command.exitOverride();
}
