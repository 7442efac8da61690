import type { Command } from 'commander';
import { formatIssues } from '../../core/shared/result';
import { CliExit, type CliIo } from '../io/cli-io';
import { DEFAULT_PLAYBOOK_PATH, loadPlaybook } from '../io/load-playbook';

export function registerValidate(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description(
      'check a playbook file: the schema and every cross-reference (no file: the default playbook)',
    )
    .argument('[file]', 'playbook file (.yaml, .yml or .json)')
    .action((file: string | undefined) => {
      const path = file ?? DEFAULT_PLAYBOOK_PATH;
      const result = loadPlaybook(path);
      if (!result.ok) {
        if (result.error.issues.length === 0) {
          io.err(`handoff: ${result.error.message}`);
        } else {
          io.err(`${path}: ${result.error.issues.length} problem(s)`);
          for (const line of formatIssues(result.error.issues)) io.err(line);
        }
        throw new CliExit(1);
      }
      const p = result.data;
      io.out(
        `${path}: valid — ${p.stages.length} stages, ${p.slaPolicies.length} SLA policies, ` +
          `${p.calendars.length} calendars, ${p.dispositions.reasonCodes.length} reason codes`,
      );
    });
}
