import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { extname } from 'node:path';
import type { Playbook } from '../../core/playbook/schema';
import { compileQualifier } from '../../core/qualification/qualify';
import {
  EngagementEventSchema,
  RecordWithEventsSchema,
  type RecordWithEvents,
} from '../../core/qualification/record-schema';
import type { Qualification } from '../../core/qualification/types';
import { err, ok, type FieldIssue, type Result } from '../../core/shared/result';
import { zodIssues } from '../../core/shared/zod-issues';
import type { CliIo } from '../io/cli-io';
import { orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';
import { readDataFile, readTextFile } from '../io/read-data-file';

const HELP = `
Input formats:
  JSON  an array of { "id", "properties": { "industry": "Software", ... }, "events": [{ "type", "at" }] },
        or { "records": [ ... ] }. Event times are ISO-8601 instants with an offset.
  CSV   one row per record; the header names the properties (industry, employees, jobTitle, ...), an "id"
        column is required, and an optional "events" column lists type@instant pairs separated by ";":
          id,industry,employees,jobTitle,events
          lead-1,Healthcare,"1,200",VP Marketing,webinar_attended@2026-03-05T16:00:00Z;page_view@2026-03-06T09:00:00Z
        Empty cells are missing properties; lists (technologies) may be written "Salesforce;HubSpot".

Examples:
  handoff qualify --input leads.csv
  handoff qualify --playbook my-playbook.yaml --input leads.json --now 2026-03-12T15:00:00Z --json`;

interface QualifyOptions {
  playbook?: string;
  input: string;
  json?: boolean;
  now?: string;
}

export function registerQualify(program: Command, io: CliIo): void {
  program
    .command('qualify')
    .description(
      'qualify records against the playbook: stage criteria, highest stage, next step, fit and engagement',
    )
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .requiredOption('--input <file>', 'records to qualify (.json or .csv)')
    .option('--json', 'print the full qualification of every record as JSON')
    .option('--now <instant>', 'evaluate as of this ISO-8601 instant (default: the current time)')
    .addHelpText('after', HELP)
    .action((options: QualifyOptions) => {
      const nowMs = orFail(io, parseNow(options.now));
      const playbook: Playbook = orFail(io, loadPlaybook(options.playbook));
      const records = orFail(io, readRecords(options.input));
      const qualifyRecord = compileQualifier(playbook);
      const results = records.map((record) => qualifyRecord(record, record.events, nowMs));
      if (options.json) {
        io.out(JSON.stringify({ now: new Date(nowMs).toISOString(), results }, null, 2));
      } else {
        io.out(renderTable(results, playbook));
      }
    });
}

/** Reads `--now`, or the clock when it is absent (only the shell reads the clock; the core takes `now`). */
export function parseNow(text: string | undefined): Result<number> {
  if (text === undefined) return ok(Date.now());
  if (!EngagementEventSchema.shape.at.safeParse(text).success) {
    return err(
      'INVALID_NOW',
      `--now: "${text}" is not an ISO-8601 instant with an offset (e.g. 2026-03-12T15:00:00Z)`,
    );
  }
  return ok(Date.parse(text));
}

/** Reads and validates a JSON or CSV export; every bad record is reported with its row and field path. */
export function readRecords(path: string): Result<RecordWithEvents[]> {
  return extname(path).toLowerCase() === '.csv' ? readCsvRecords(path) : readJsonRecords(path);
}

function readJsonRecords(path: string): Result<RecordWithEvents[]> {
  const data = readDataFile(path);
  if (!data.ok) return data;
  const value = data.data;
  const isWrapped =
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'records' in value;
  const list: unknown = isWrapped ? (value as { records: unknown }).records : value;
  const prefix = isWrapped ? 'records' : '';
  if (!Array.isArray(list)) {
    return err('INVALID_INPUT', `${path}: expected an array of records or { "records": [...] }`);
  }
  const records: RecordWithEvents[] = [];
  const issues: FieldIssue[] = [];
  list.forEach((item: unknown, i) => {
    const parsed = RecordWithEventsSchema.safeParse(item);
    if (parsed.success) records.push(parsed.data);
    else
      for (const issue of zodIssues(parsed.error)) {
        const at = `${prefix}[${i}]`;
        issues.push({
          path: issue.path === '' ? at : `${at}${issue.path.startsWith('[') ? '' : '.'}${issue.path}`,
          message: issue.message,
        });
      }
  });
  if (issues.length > 0)
    return err('INVALID_INPUT', `${path}: ${issues.length} problem(s) in the records`, issues);
  return ok(records);
}

function readCsvRecords(path: string): Result<RecordWithEvents[]> {
  const text = readTextFile(path);
  if (!text.ok) return text;
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text.data, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return err('FILE_NOT_PARSEABLE', `${path}: not valid CSV (${detail})`);
  }
  const records: RecordWithEvents[] = [];
  const issues: FieldIssue[] = [];
  rows.forEach(({ record: row, info }) => {
    // The line where the row ends: the header is line 1, so the first record is row 2.
    const rowLabel = `row ${info.lines}`;
    const { id, events: eventsCell, ...rest } = row;
    const properties: Record<string, string | null> = {};
    for (const [name, cell] of Object.entries(rest)) properties[name] = cell === '' ? null : cell;
    const events: { type: string; at: string }[] = [];
    const cellIssues: FieldIssue[] = [];
    (eventsCell ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .forEach((part, j) => {
        const at = part.lastIndexOf('@');
        if (at <= 0) cellIssues.push({ path: `events[${j}]`, message: `"${part}" is not type@instant` });
        else events.push({ type: part.slice(0, at).trim(), at: part.slice(at + 1).trim() });
      });
    const parsed = RecordWithEventsSchema.safeParse({ id: id ?? '', properties, events });
    const all = parsed.success ? cellIssues : [...cellIssues, ...zodIssues(parsed.error)];
    for (const issue of all)
      issues.push({ path: `${rowLabel}: ${issue.path || 'row'}`, message: issue.message });
    if (parsed.success && cellIssues.length === 0) records.push(parsed.data);
  });
  if (issues.length > 0)
    return err('INVALID_INPUT', `${path}: ${issues.length} problem(s) in the rows`, issues);
  if (rows.length === 0)
    return err('INVALID_INPUT', `${path}: no records (a header row and at least one row)`);
  return ok(records);
}

function renderTable(results: readonly Qualification[], playbook: Playbook): string {
  const stageLabel = (id: string | null) =>
    id === null ? '—' : (playbook.stages.find((s) => s.id === id)?.label ?? id);
  const header = ['id', 'stage', 'fit', 'engagement', 'next'];
  const rows = results.map((r) => [
    r.recordId,
    stageLabel(r.highestStage),
    String(r.fit.score),
    String(r.engagement.score),
    r.next === null ? 'every stage met' : `${r.next.label}: ${r.next.summary}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
