import { Command, CommanderError } from 'commander';
import { CliExit, type CliIo } from './io/cli-io';
import { registerContent } from './commands/content';
import { registerDemo } from './commands/demo';
import { registerReport } from './commands/report';
import { registerAttribute } from './commands/attribute';
import { registerSandbox } from './commands/sandbox';
import { registerSchema } from './commands/schema';
import { registerSla } from './commands/sla';
import { registerValidate } from './commands/validate';
import { registerQualify } from './commands/qualify';
import { registerDisposition } from './commands/disposition';
import { registerDispositionOptions } from './commands/disposition-options';
import { registerHubSpot } from './commands/hubspot';
import { registerEscalate } from './commands/escalate';

type Register = (program: Command, io: CliIo) => void;

/** Every command of the `handoff` CLI, in the order `--help` lists them. */
const COMMANDS: Register[] = [
  registerDemo,
  registerValidate,
  registerSchema,
  registerQualify,
  registerSla,
  registerDisposition,
  registerDispositionOptions,
  registerContent,
  registerAttribute,
  registerReport,
  registerSandbox,
  registerHubSpot,
  registerEscalate,
];

/** Builds the CLI with its output sent to `io`, so tests run it in-process. */
export function createProgram(io: CliIo): Command {
  const program = new Command('handoff')
    .description(
      'Handoff: the sales–marketing handoff as an executable playbook, for HubSpot and Salesforce.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const register of COMMANDS) register(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns its exit code; unexpected failures print one line, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await createProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (cause) {
    if (cause instanceof CliExit) return cause.exitCode;
    if (cause instanceof CommanderError) return cause.exitCode;
    const message = cause instanceof Error ? cause.message : String(cause);
    io.err(`handoff: unexpected error: ${message}`);
    if (process.env['HANDOFF_DEBUG'] && cause instanceof Error && cause.stack) io.err(cause.stack);
    return 70;
  }
}
