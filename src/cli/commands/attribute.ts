import { Option, type Command } from 'commander';
import type { ModelRun } from '../../core/attribution/attribute-all';
import { attribute } from '../../core/attribution/attribute';
import { attributionReport } from '../../core/attribution/credits';
import { isoInstantToMs } from '../../core/attribution/iso-instant';
import { MODEL_IDS, type ModelId } from '../../core/attribution/models';
import type { CoreError } from '../../core/shared/result';
import type { CliIo } from '../io/cli-io';
import { fail, orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';
import { readDataFile } from '../io/read-data-file';

interface AttributeFlags {
  model: ModelId | 'all';
  input: string;
  asOf?: string;
  halfLifeDays?: string;
  playbook?: string;
  json?: boolean;
}

// A file with a million bad rows would otherwise bury the first problems; the count says how many were left out.
const MAX_ISSUES_SHOWN = 50;

export function registerAttribute(program: Command, io: CliIo): void {
  program
    .command('attribute')
    .description(
      'credit revenue to the touches (assets, channels) that led to each deal, under one model or all',
    )
    .addOption(
      new Option('--model <model>', 'attribution model, or "all" for every model side by side')
        .choices([...MODEL_IDS, 'all'])
        .makeOptionMandatory(),
    )
    .requiredOption('--input <file>', 'JSON or YAML file with { deals: [...], touches: [...] }')
    .option('--as-of <iso>', 'when open deals end, e.g. 2026-07-01T00:00:00Z (default: now)')
    .option('--half-life-days <days>', "time_decay half-life in days (default: the playbook's, 7)")
    .option('--playbook <file>', 'playbook with the custom model shares (default: the built-in playbook)')
    .option('--json', 'print the attribution as JSON')
    .action((flags: AttributeFlags) => {
      const asOf = flags.asOf === undefined ? new Date() : new Date(isoInstantToMs(flags.asOf));
      if (Number.isNaN(asOf.getTime())) {
        fail(io, {
          code: 'INVALID_OPTION',
          message: `--as-of "${flags.asOf}" is not an ISO-8601 date-time with a time zone, e.g. 2026-07-01T00:00:00Z`,
          issues: [],
        });
      }
      const playbook = orFail(io, loadPlaybook(flags.playbook));
      const settings = { ...playbook.attribution };
      if (flags.halfLifeDays !== undefined) {
        const days = Number(flags.halfLifeDays);
        if (!(days > 0) || !Number.isFinite(days)) {
          fail(io, {
            code: 'INVALID_OPTION',
            message: `--half-life-days "${flags.halfLifeDays}" is not a positive number of days`,
            issues: [],
          });
        }
        settings.halfLifeDays = days;
      }
      const input = orFail(io, readDataFile(flags.input));
      const result = attribute(input, { model: flags.model, asOf, settings });
      if (!result.ok) fail(io, capIssues(result.error, flags.input));
      const { index, runs } = result.data;
      if (flags.json) {
        const reports = runs.map((run) => attributionReport(index, run));
        io.out(JSON.stringify(flags.model === 'all' ? reports : reports[0], null, 2));
        return;
      }
      io.out(flags.model === 'all' ? sideBySide(runs) : singleModel(runs[0] as ModelRun));
    });
}

function capIssues(error: CoreError, file: string): CoreError {
  const shown = error.issues.slice(0, MAX_ISSUES_SHOWN);
  const hidden = error.issues.length - shown.length;
  return {
    ...error,
    message: `${file}: ${error.message} (${error.issues.length} problem${error.issues.length === 1 ? '' : 's'})`,
    issues: hidden > 0 ? [...shown, { path: '', message: `…and ${hidden} more` }] : shown,
  };
}

function singleModel(run: ModelRun): string {
  const total = run.attributed.amount;
  const share = (amount: number) => (total > 0 ? `${((amount / total) * 100).toFixed(1)} %` : '–');
  return [
    `${run.spec.id} — ${run.spec.label}`,
    `${deals(run.attributed.deals)} attributed (${money(total)}), ` +
      `${run.unattributed.deals} unattributed (${money(run.unattributed.amount)})`,
    '',
    table(
      ['asset', 'amount', 'share', 'deals'],
      run.byAsset.map((t) => [t.assetId, money(t.amount), share(t.amount), String(t.deals)]),
    ),
    '',
    table(
      ['channel', 'amount', 'share', 'deals'],
      run.byChannel.map((t) => [t.channel, money(t.amount), share(t.amount), String(t.deals)]),
    ),
    '',
    `unattributed: ${deals(run.unattributed.deals)}, ${money(run.unattributed.amount)} (no touch before the close or as-of date)`,
  ].join('\n');
}

function sideBySide(runs: readonly ModelRun[]): string {
  const first = runs[0] as ModelRun;
  const matrix = (key: 'byAsset' | 'byChannel', label: string) => {
    const amounts = runs.map(
      (run) =>
        new Map<string, number>(
          key === 'byAsset'
            ? run.byAsset.map((t) => [t.assetId, t.amount])
            : run.byChannel.map((t) => [t.channel, t.amount]),
        ),
    );
    const ids = [...new Set(runs.flatMap((run) => [...(amounts[runs.indexOf(run)]?.keys() ?? [])]))].sort(
      (a, b) => (amounts[0]?.get(b) ?? 0) - (amounts[0]?.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
    );
    return table(
      [label, ...runs.map((run) => run.spec.id)],
      ids.map((id) => [id, ...amounts.map((byId) => money(byId.get(id) ?? 0))]),
    );
  };
  return [
    'models:',
    ...runs.map((run) => `  ${run.spec.id.padEnd(13)} ${run.spec.label}`),
    '',
    `${deals(first.attributed.deals)} attributed (${money(first.attributed.amount)}), ` +
      `${first.unattributed.deals} unattributed (${money(first.unattributed.amount)})`,
    '',
    matrix('byChannel', 'channel'),
    '',
    matrix('byAsset', 'asset'),
  ].join('\n');
}

function deals(count: number): string {
  return `${count} deal${count === 1 ? '' : 's'}`;
}

function money(amount: number): string {
  return Math.round(amount).toLocaleString('en-US');
}

// The first column is left-aligned (names), the others right-aligned (numbers).
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
