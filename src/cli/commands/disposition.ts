import type { Command } from 'commander';
import { disposition } from '../../core/disposition/disposition';
import { DispositionStateSchema } from '../../core/disposition/submission-schema';
import { err } from '../../core/shared/result';
import { zodIssues } from '../../core/shared/zod-issues';
import type { CliIo } from '../io/cli-io';
import { fail, orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';
import { readDataFile } from '../io/read-data-file';
import { parseNow } from './qualify';

const HELP = `
Files:
  --state   the record now: { "recordId": "lead-42", "stage": "sql", "ownerId"?: "...", "appliedKeys"?: ["..."] }
  --input   the rep's submission: { "submissionId": "form-1", "outcome": "accept" | "reject" | "recycle",
            "reasonCode": "accept_meeting_booked", "notes"?: "...", "recycleAt"?: "2026-06-01T09:00:00Z" }

Example:
  handoff disposition --state state.json --input submission.json --now 2026-03-12T15:00:00Z`;

interface DispositionOptions {
  playbook?: string;
  state: string;
  input: string;
  json?: boolean;
  now?: string;
}

export function registerDisposition(program: Command, io: CliIo): void {
  program
    .command('disposition')
    .description(
      'validate an accept / reject / recycle and print what it writes (fields, SLA, timeline note)',
    )
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .requiredOption('--state <file>', "the record's current state (.json or .yaml)")
    .requiredOption('--input <file>', 'the submission (.json or .yaml)')
    .option('--json', 'print the plan as JSON')
    .option('--now <instant>', 'decide as of this ISO-8601 instant (default: the current time)')
    .addHelpText('after', HELP)
    .action((options: DispositionOptions) => {
      const nowMs = orFail(io, parseNow(options.now));
      const playbook = orFail(io, loadPlaybook(options.playbook));
      const stateData = orFail(io, readDataFile(options.state));
      const state = DispositionStateSchema.safeParse(stateData);
      if (!state.success) {
        fail(
          io,
          err('INVALID_STATE', `${options.state}: the record state is invalid`, zodIssues(state.error)).error,
        );
      }
      const submission = orFail(io, readDataFile(options.input));
      const plan = orFail(io, disposition(submission, state.data, playbook, nowMs));
      if (options.json) {
        io.out(JSON.stringify(plan, null, 2));
        return;
      }
      if (plan.alreadyApplied) {
        io.out(`already applied (key ${plan.idempotencyKey}): nothing to write`);
        return;
      }
      const lines = [
        `${plan.disposition.outcome} ${plan.disposition.reasonCode}: stage ${plan.stageChange.from} → ${plan.stageChange.to}`,
        `idempotency key: ${plan.idempotencyKey}`,
        'fields:',
        ...Object.entries(plan.fields).map(([name, value]) => `  ${name}: ${value ?? '(cleared)'}`),
        `SLA: stop ${plan.sla.stop.policyIds.join(', ') || '(no clock)'} at ${plan.sla.stop.at}`,
        ...(plan.sla.restart
          ? [`SLA: start ${plan.sla.restart.policyId} at ${plan.sla.restart.triggeredAt}`]
          : []),
        'timeline note:',
        ...plan.timelineNote.split('\n').map((line) => `  ${line}`),
      ];
      io.out(lines.join('\n'));
    });
}
