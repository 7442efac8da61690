import type { Command } from 'commander';
import * as z from 'zod';
import { leadSlaClocks, type LeadSlaClock } from '../../core/sla/lead-clocks';
import { err } from '../../core/shared/result';
import { zodIssues } from '../../core/shared/zod-issues';
import { formatBusinessDuration } from '../../core/time/duration';
import { parseInstant } from '../../core/time/instant';
import type { CliIo } from '../io/cli-io';
import { fail, orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';
import { readDataFile } from '../io/read-data-file';

// An instant with an offset, as the CRMs export them; checked by the core's reader so both agree on what is valid.
const Instant = z.string().refine((text) => parseInstant(text).ok, {
  message: 'expected an ISO-8601 instant with an offset, e.g. 2026-03-12T14:00:00Z',
});

const LeadFactsSchema = z
  .object({
    id: z.string().min(1),
    stage: z.string().min(1).nullable(),
    stageEnteredAt: Instant.nullable(),
    firstTouchAt: Instant.nullable().default(null),
    handoffStatus: z.string().nullable().default(null),
    dispositions: z
      .array(z.object({ outcome: z.enum(['accept', 'reject', 'recycle']), at: Instant }).loose())
      .default([]),
  })
  .loose();
const LeadsFileSchema = z.array(LeadFactsSchema);

const HELP = `
Input: a JSON or YAML list of leads as the CRM port reads them, e.g.
  [{ "id": "lead-42", "stage": "sql", "stageEnteredAt": "2026-03-12T14:00:00Z", "firstTouchAt": null,
     "handoffStatus": "open", "dispositions": [{ "outcome": "recycle", "at": "2026-03-01T15:00:00Z" }] }]

Example:
  handoff sla clocks --input leads.json --now 2026-03-12T15:00:00Z`;

/** `handoff sla clocks`: every SLA clock on each lead of an export, as the lead card shows them. */
export function registerSlaClocks(sla: Command, io: CliIo): void {
  sla
    .command('clocks')
    .description(
      'print the SLA clocks on each lead of a file: which policies run, their state and escalation',
    )
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .requiredOption('--input <file>', 'leads (.json or .yaml): id, stage, stageEnteredAt, firstTouchAt, …')
    .requiredOption('--now <iso>', 'the instant to evaluate at')
    .option('--json', 'print JSON')
    .addHelpText('after', HELP)
    .action((opts: { playbook?: string; input: string; now: string; json?: boolean }) => {
      const nowMs = orFail(io, parseInstant(opts.now));
      const playbook = orFail(io, loadPlaybook(opts.playbook));
      const parsed = LeadsFileSchema.safeParse(orFail(io, readDataFile(opts.input)));
      if (!parsed.success) {
        fail(io, err('INVALID_INPUT', `${opts.input}: the leads are invalid`, zodIssues(parsed.error)).error);
      }
      const results = parsed.data.map((lead) => ({
        id: lead.id,
        clocks: leadSlaClocks(playbook, lead, nowMs),
      }));
      if (opts.json) {
        io.out(JSON.stringify(results, null, 2));
        return;
      }
      io.out(results.map(({ id, clocks }) => describeLead(id, clocks)).join('\n'));
    });
}

function describeLead(id: string, clocks: readonly LeadSlaClock[]): string {
  if (clocks.length === 0) return `${id}: no SLA clock`;
  return [`${id}:`, ...clocks.map((clock) => `  ${describe(clock)}`)].join('\n');
}

function describe({ policyId, state }: LeadSlaClock): string {
  const parts = [policyId, state.status];
  if (state.status === 'met') parts.push(`met at ${state.completedAt ?? ''}`);
  else if (state.status === 'breached')
    parts.push(`${formatBusinessDuration(state.sinceTargetMs)} past target`);
  else
    parts.push(
      `${formatBusinessDuration(state.remainingMs)} left`,
      `due ${state.dueAt ?? 'when the pause ends'}`,
    );
  if (state.escalation !== null) parts.push(`escalated: ${state.escalation.label}`);
  if (state.nextEscalation !== null && state.nextEscalationAt !== null)
    parts.push(`next: ${state.nextEscalation.label} at ${state.nextEscalationAt}`);
  return parts.join(' · ');
}
