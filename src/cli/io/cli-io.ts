/** Where a command writes; tests capture it, the real CLI writes to the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Thrown by a command to stop with an exit code after it has printed its own message (never a stack trace). */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Collects output in memory, for tests. */
export function memoryIo(): CliIo & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const errs: string[] = [];
  return {
    out: (text) => out.push(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => errs.push(text.endsWith('\n') ? text : `${text}\n`),
    stdout: () => out.join(''),
    stderr: () => errs.join(''),
  };
}
