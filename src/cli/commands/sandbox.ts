import { InvalidArgumentError, type Command } from 'commander';
import { hubspotApi } from '../../crm/emulator/hubspot/index';
import { salesforceApi } from '../../crm/emulator/salesforce/index';
import { startEmulator, type RunningEmulator } from '../../crm/emulator/server';
import type { FaultPatch } from '../../crm/emulator/faults';
import type { EmulatedApi } from '../../crm/emulator/types';
import { CliExit, type CliIo } from '../io/cli-io';

/** The API modules the sandbox hosts. To run HubSpot alone, drop `salesforceApi` from this list. */
export const SANDBOX_APIS: readonly EmulatedApi[] = [hubspotApi, salesforceApi];

export interface SandboxOptions {
  readonly port: number;
  readonly host: string;
  readonly db: string;
  readonly memory: boolean;
  readonly seed: number;
  readonly leads?: number;
  readonly deals?: number;
  readonly assets?: number;
  readonly latencyMs?: number;
  readonly rate429?: number;
  readonly rate5xx?: number;
  readonly rateDrop?: number;
  readonly rollingLimit?: number;
  readonly searchPerSecond?: number;
}

const integer =
  (min: number, max: number) =>
  (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return n;
  };

const rate = (text: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a rate from 0 to 1');
  return n;
};

/** What the sandbox prints once it listens: where each API is and how to reach it. */
export function describeSandbox(
  emulator: RunningEmulator,
  options: SandboxOptions,
  apis: readonly EmulatedApi[],
): string[] {
  const info = emulator.seedInfo;
  const lines = [
    `Handoff sandbox listening on ${emulator.url}`,
    `  data      ${options.memory ? 'in memory (lost on exit)' : options.db}` +
      (info.loaded
        ? ` — seeded with seed ${info.seed}: ${info.sizes.leads} leads, ${info.sizes.deals} deals, ${info.sizes.assets} assets`
        : ` — existing data kept (seed ${info.seed}); POST /_sandbox/reset to reseed`),
    `  token     ${emulator.token}   (Authorization: Bearer <token>; set HANDOFF_SANDBOX_TOKEN to change it)`,
  ];
  for (const api of apis) {
    if (api.name === 'hubspot') {
      lines.push(
        `  HubSpot   basePath    ${emulator.url}${api.prefix}   (new Client({ accessToken, basePath }))`,
      );
    } else {
      lines.push(
        `  Salesforce instanceUrl ${emulator.url}${api.prefix}   (new jsforce.Connection({ instanceUrl, accessToken, version: '62.0' }))`,
      );
    }
  }
  lines.push(
    `  admin     GET ${emulator.url}/_sandbox/stats · POST /_sandbox/reset · GET|POST /_sandbox/clock · GET|POST /_sandbox/faults`,
    'Press Ctrl+C to stop.',
  );
  return lines;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

/** Runs the sandbox until `until` resolves, then closes it. */
export async function runSandbox(
  options: SandboxOptions,
  io: CliIo,
  until: (emulator: RunningEmulator) => Promise<unknown> = untilSignal,
  apis: readonly EmulatedApi[] = SANDBOX_APIS,
): Promise<void> {
  const faults: FaultPatch = {
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.rate429 !== undefined ? { rate429: options.rate429 } : {}),
    ...(options.rate5xx !== undefined ? { rate5xx: options.rate5xx } : {}),
    ...(options.rateDrop !== undefined ? { rateDrop: options.rateDrop } : {}),
    ...(options.rollingLimit !== undefined ? { rollingLimit: options.rollingLimit } : {}),
    ...(options.searchPerSecond !== undefined ? { searchPerSecond: options.searchPerSecond } : {}),
    seed: options.seed,
  };
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      apis,
      port: options.port,
      host: options.host,
      dbPath: options.memory ? ':memory:' : options.db,
      seed: options.seed,
      sizes: {
        ...(options.leads !== undefined ? { leads: options.leads } : {}),
        ...(options.deals !== undefined ? { deals: options.deals } : {}),
        ...(options.assets !== undefined ? { assets: options.assets } : {}),
      },
      faults,
    });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    io.err(`handoff: the sandbox could not start: ${message}`);
    throw new CliExit(1);
  }
  for (const line of describeSandbox(emulator, options, apis)) io.out(line);
  const reason = await until(emulator);
  await emulator.close();
  io.out(`Sandbox stopped${typeof reason === 'string' ? ` (${reason})` : ''}.`);
}

export function registerSandbox(program: Command, io: CliIo): void {
  program
    .command('sandbox')
    .description('run the local CRM emulator (HubSpot and Salesforce APIs over SQLite) with seeded data')
    .option('--port <port>', 'port to listen on (0: any free port)', integer(0, 65_535), 5170)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--db <file>', 'SQLite file the data lives in (kept across restarts)', '.handoff/sandbox.db')
    .option('--memory', 'keep the data in memory only', false)
    .option('--seed <n>', 'seed for the generated data and the fault sequence', integer(0, 2 ** 31 - 1), 42)
    .option('--leads <n>', 'leads to generate (default 500)', integer(0, 100_000))
    .option('--deals <n>', 'deals to generate (default 150)', integer(0, 100_000))
    .option('--assets <n>', 'content assets to generate (default 40)', integer(0, 10_000))
    .option('--latency-ms <ms>', 'delay added to every API call', integer(0, 60_000))
    .option('--rate-429 <rate>', 'share of calls answered 429 (retryable rolling-limit body)', rate)
    .option('--rate-5xx <rate>', 'share of calls answered 5xx', rate)
    .option('--rate-drop <rate>', 'share of calls whose connection is dropped', rate)
    .option(
      '--rolling-limit <n>',
      "HubSpot's rolling limit: calls per 10 seconds (e.g. 190)",
      integer(1, 100_000),
    )
    .option(
      '--search-per-second <n>',
      "HubSpot's search limit: search requests per second (e.g. 5)",
      integer(1, 1_000),
    )
    .action(async (opts: SandboxOptions) => {
      await runSandbox(opts, io);
    });
}
