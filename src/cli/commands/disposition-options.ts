import type { Command } from 'commander';
import { dispositionForm, type ReasonOption } from '../../core/disposition/disposition-form';
import { err } from '../../core/shared/result';
import type { CliIo } from '../io/cli-io';
import { fail, orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';
import { parseNow } from './qualify';

interface DispositionOptionsOptions {
  playbook?: string;
  stage: string;
  json?: boolean;
  now?: string;
}

/** `handoff disposition-options --stage sql`: the disposition form a rep sees on a record in that stage. */
export function registerDispositionOptions(program: Command, io: CliIo): void {
  program
    .command('disposition-options')
    .description(
      'show the disposition form for a record in a stage: allowed outcomes, reason codes, notes rules',
    )
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .requiredOption('--stage <id>', "the record's current stage id (e.g. sql)")
    .option('--json', 'print the form as JSON')
    .option(
      '--now <instant>',
      'date default recycle dates from this ISO-8601 instant (default: the current time)',
    )
    .addHelpText('after', '\nExample:\n  handoff disposition-options --stage mql --now 2026-03-12T15:00:00Z')
    .action((options: DispositionOptionsOptions) => {
      const nowMs = orFail(io, parseNow(options.now));
      const playbook = orFail(io, loadPlaybook(options.playbook));
      const stageIds = playbook.stages.map((s) => s.id);
      if (!stageIds.includes(options.stage)) {
        fail(
          io,
          err(
            'UNKNOWN_STAGE',
            `--stage: unknown stage "${options.stage}" (the playbook has ${stageIds.join(', ')})`,
          ).error,
        );
      }
      const form = dispositionForm(playbook, options.stage, nowMs);
      if (options.json) {
        io.out(JSON.stringify(form, null, 2));
        return;
      }
      const width = Math.max(...form.outcomes.flatMap((o) => o.reasons.map((r) => r.id.length)));
      const lines = [
        `Disposition form for a record in ${form.stageLabel} (notes up to ${form.maxNoteLength} characters):`,
      ];
      for (const option of form.outcomes) {
        const to = option.toStageLabel === null ? ' (leaves the funnel)' : ` → ${option.toStageLabel}`;
        if (!option.allowed) {
          lines.push(`  ${option.label}${to}: not offered — ${option.blockedReason ?? ''}`);
          continue;
        }
        lines.push(`  ${option.label}${to}`);
        for (const reason of option.reasons) {
          lines.push(
            `    ${reason.id.padEnd(width)}  ${[reason.label, ...requirements(reason)].join(' · ')}`,
          );
        }
      }
      io.out(lines.join('\n'));
    });
}

// What a submission citing this reason must carry, in words.
function requirements(reason: ReasonOption): string[] {
  const words: string[] = [];
  if (reason.notesRequired) words.push(`notes of ${reason.minNoteLength}+ characters`);
  if (reason.recycleDateRequired) words.push('a recycle date');
  if (reason.defaultRecycleAt !== null)
    words.push(`recycles ${reason.defaultRecycleAt.slice(0, 10)} unless dated`);
  if (reason.objection !== null) words.push(`objection: ${reason.objection}`);
  return words;
}
