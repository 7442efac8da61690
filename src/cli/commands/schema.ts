import type { Command } from 'commander';
import { playbookJsonSchema } from '../../core/playbook/json-schema';
import type { CliIo } from '../io/cli-io';

export function registerSchema(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description("print the playbook's JSON Schema (point your editor at it for autocompletion)")
    .action(() => {
      io.out(JSON.stringify(playbookJsonSchema(), null, 2));
    });
}
