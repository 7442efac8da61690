import { formatIssues, type CoreError } from '../../core/shared/result';
import { CliExit, type CliIo } from './cli-io';

/** Prints an error value as the admin reads it — the message, then one `path: problem` line per issue — and exits 1. */
export function fail(io: CliIo, error: CoreError): never {
  io.err(`handoff: ${error.message}`);
  for (const line of formatIssues(error.issues)) io.err(`  ${line}`);
  throw new CliExit(1);
}

/** Unwraps a result or fails with its error. */
export function orFail<T>(io: CliIo, result: { ok: true; data: T } | { ok: false; error: CoreError }): T {
  if (!result.ok) fail(io, result.error);
  return result.data;
}
