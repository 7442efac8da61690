import { Option, type Command } from 'commander';
import { err } from '../../core/shared/result';
import type { EscalationAssignee } from '../../core/sla/escalation-plan';
import { parseInstant } from '../../core/time/instant';
import type { CrmName, CrmPort } from '../../crm/port';
import { runEscalationSweep, type SweepReport, type TaskOutcome } from '../../jobs/escalation-sweep';
import { CliExit, type CliIo } from '../io/cli-io';
import { connectCrm, CRM_ENV_HELP, type Env } from '../io/crm-connection';
import { fail, orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';

export interface EscalateOptions {
  readonly crm: CrmName;
  readonly playbook?: string;
  readonly now?: string;
  readonly lookbackDays?: string;
  readonly pageSize?: string;
  readonly concurrency?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly basePath?: string;
  readonly marketingOwner?: string;
  readonly marketingManager?: string;
}

const CRM_LABEL: Readonly<Record<CrmName, string>> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };
const DAY_MS = 86_400_000;

const HELP = `
Credentials come from the environment only:
  HubSpot:    ${CRM_ENV_HELP.hubspot}
  Salesforce: ${CRM_ENV_HELP.salesforce}

Every task is keyed by lead, policy, trigger and step: run it as often as you like (e.g. every 15 minutes from
cron or a CI schedule); a step is never filed twice. Exit code 1 when a read or any task write failed.

Examples:
  HUBSPOT_ACCESS_TOKEN=pat-… handoff escalate --crm hubspot --dry-run
  handoff sandbox &   # then, against the sandbox:
  HUBSPOT_ACCESS_TOKEN=sandbox-token handoff escalate --crm hubspot --base-path http://127.0.0.1:5170/hubspot
  SF_INSTANCE_URL=http://127.0.0.1:5170/salesforce SF_ACCESS_TOKEN=sandbox-token handoff escalate --crm salesforce`;

/**
 * `handoff escalate`: one SLA escalation sweep over a CRM, printing each task filed (or planned, on a dry run),
 * each step nobody can receive, and a summary.
 * @example await runEscalate({ crm: 'hubspot', dryRun: true }, io, { HUBSPOT_ACCESS_TOKEN: 'pat-…' })
 */
export async function runEscalate(
  options: EscalateOptions,
  io: CliIo,
  env: Env = process.env,
): Promise<void> {
  const nowMs = options.now === undefined ? Date.now() : orFail(io, parseInstant(options.now));
  const lookbackDays = positiveNumber(io, '--lookback-days', options.lookbackDays ?? '30');
  const pageSize = positiveInteger(io, '--page-size', options.pageSize ?? '100', 200);
  const concurrency = positiveInteger(io, '--concurrency', options.concurrency ?? '4', 16);
  if (options.marketingManager !== undefined && options.marketingOwner === undefined) {
    fail(io, err('INVALID_INPUT', '--marketing-manager needs --marketing-owner').error);
  }
  const playbook = orFail(io, loadPlaybook(options.playbook));
  const port = orFail(
    io,
    await connectCrm(options.crm, playbook, env, {
      ...(options.basePath === undefined ? {} : { hubspotBasePath: options.basePath }),
    }),
  );
  const marketing = await marketingRouting(port, options, io);
  const result = await runEscalationSweep(port, playbook, {
    nowMs,
    lookbackMs: lookbackDays * DAY_MS,
    pageSize,
    concurrency,
    dryRun: options.dryRun === true,
    ...(marketing === undefined ? {} : { routing: { marketing } }),
  });
  if (!result.ok) {
    fail(io, {
      ...result.error,
      message: `the sweep stopped reading ${CRM_LABEL[options.crm]}: ${result.error.code}: ${result.error.message}`,
    });
  }
  const report = result.data;
  if (options.json === true) io.out(JSON.stringify(report, null, 2));
  else io.out(describeReport(report, options.crm, nowMs, lookbackDays));
  if (report.tasks.some((t) => t.status === 'failed')) throw new CliExit(1);
}

/**
 * Who receives marketing-owned policies' steps: `--marketing-owner` as a CRM user id, or as an email the CRM resolves
 * (their manager then comes from the CRM too, unless `--marketing-manager` names one).
 */
async function marketingRouting(
  port: CrmPort,
  options: EscalateOptions,
  io: CliIo,
): Promise<EscalationAssignee | undefined> {
  const { marketingOwner, marketingManager } = options;
  if (marketingOwner === undefined) return undefined;
  if (!marketingOwner.includes('@')) return { ownerId: marketingOwner, managerId: marketingManager ?? null };
  const found = await port.findOwnerByEmail(marketingOwner);
  if (!found.ok) {
    fail(io, { ...found.error, message: `--marketing-owner: ${found.error.code}: ${found.error.message}` });
  }
  if (found.data === null) {
    fail(
      io,
      err(
        'INVALID_INPUT',
        `--marketing-owner: no ${CRM_LABEL[options.crm]} user has the email ${marketingOwner}`,
      ).error,
    );
  }
  return { ownerId: found.data.id, managerId: marketingManager ?? found.data.managerId };
}

function describeReport(report: SweepReport, crm: CrmName, nowMs: number, lookbackDays: number): string {
  const lines = [
    `Escalation sweep over ${CRM_LABEL[crm]} at ${new Date(nowMs).toISOString()} ` +
      `(clocks started in the last ${lookbackDays} days)${report.dryRun ? ', dry run: nothing written' : ''}`,
  ];
  for (const scope of report.scopes) {
    lines.push(
      `  read ${scope.stage} leads that entered ${scope.enteredAfter} … ${scope.enteredBefore}` +
        `${scope.includeTouched ? ', touched or not' : ', not yet touched'} (${scope.policyIds.join(', ')})`,
    );
  }
  for (const outcome of report.tasks) lines.push(describeTask(outcome));
  for (const u of report.unassigned) {
    lines.push(
      `${'unassigned'.padEnd(14)}L${u.level} ${u.action.padEnd(15)}${u.leadId}  ${u.policyId}: ${u.reason}`,
    );
  }
  const count = (status: TaskOutcome['status']) => report.tasks.filter((t) => t.status === status).length;
  const tally = report.dryRun
    ? `${count('planned')} to file`
    : `${count('created')} created, ${count('already_filed')} already filed, ${count('failed')} failed`;
  const unassigned = report.unassigned.length;
  lines.push(
    `Read ${report.scanned} lead${report.scanned === 1 ? '' : 's'}; ${report.tasks.length} escalation ` +
      `task${report.tasks.length === 1 ? '' : 's'}: ${tally}` +
      (unassigned > 0 ? `; ${unassigned} step${unassigned === 1 ? '' : 's'} with nobody to receive it` : '') +
      '.',
  );
  return lines.join('\n');
}

function describeTask(outcome: TaskOutcome): string {
  const { task } = outcome;
  const status = outcome.status === 'already_filed' ? 'already filed' : outcome.status;
  const line = `${status.padEnd(14)}L${task.level} ${task.action.padEnd(15)}${task.subject} → ${task.assigneeId}  (${task.policyId})`;
  return outcome.status === 'failed' ? `${line}: ${outcome.error.code}: ${outcome.error.message}` : line;
}

function positiveNumber(io: CliIo, flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    fail(io, err('INVALID_INPUT', `${flag} must be a positive number, not "${text}"`).error);
  return n;
}

function positiveInteger(io: CliIo, flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    fail(io, err('INVALID_INPUT', `${flag} must be a whole number from 1 to ${max}, not "${text}"`).error);
  }
  return n;
}

export function registerEscalate(program: Command, io: CliIo): void {
  program
    .command('escalate')
    .description('run the SLA escalation sweep: file one task per escalation step the open clocks reached')
    .addOption(
      new Option('--crm <crm>', 'the CRM to sweep').choices(['hubspot', 'salesforce']).makeOptionMandatory(),
    )
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .option('--now <iso>', 'the instant to evaluate at (default: now)')
    .option('--lookback-days <days>', 'leave clocks started longer ago than this alone', '30')
    .option('--page-size <n>', 'leads read per call (1–200)', '100')
    .option('--concurrency <n>', 'task writes in flight at once (1–16)', '4')
    .option(
      '--marketing-owner <email|id>',
      'who receives the steps of marketing-owned policies without an escalateTo in the playbook, by email or CRM ' +
        "user id (default: the lead's owner)",
    )
    .option(
      '--marketing-manager <id>',
      "the CRM user id who receives marketing's manager steps (default: the marketing owner's manager, by email)",
    )
    .option('--dry-run', 'print the tasks without filing them')
    .option('--json', 'print the report as JSON')
    .option(
      '--base-path <url>',
      'HubSpot only: the API base URL (e.g. the sandbox: http://127.0.0.1:5170/hubspot)',
    )
    .addHelpText('after', HELP)
    .action(async (opts: EscalateOptions) => {
      await runEscalate(opts, io);
    });
}
