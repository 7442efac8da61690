// Helpers shared by the CLI tests: run the real program in-process, and write input files to a scratch folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from './io/cli-io';
import { runCli } from './program';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `handoff …args` in-process and captures its exit code and output. */
export async function runHandoff(...args: string[]): Promise<CliRun> {
  const io = memoryIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** A fresh temporary folder and a writer that puts a named file in it and returns its path. */
export function scratchFiles(prefix: string): { dir: string; file: (name: string, text: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
