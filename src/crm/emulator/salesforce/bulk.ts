import type { Database } from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import type { EmulatorResponse } from '../types';
import { findField, findObject, findRelationship } from './describe';
import type { ObjectDef } from './describe';
import { SfError, badRequest, notFound } from './errors';
import { makeId, normalizeId } from './ids';
import { runSoql } from './soql';
import type { OutputRecord } from './soql';
import type { SfEnv, SfRequest } from './request';
import { jsonBody } from './sobjects';
import { formatDateTime } from './values';

/**
 * Bulk API 2.0: ingest jobs (CSV upload, processed synchronously when the upload is marked complete, per-row
 * results as CSV) and query jobs (run when created, results paged with `Sforce-Locator` / `maxRecords`).
 * Jobs live in SQLite, so they survive a restart of the sandbox.
 */

export function migrateBulk(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS sf_bulk_jobs (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, kind TEXT NOT NULL, info TEXT NOT NULL, data TEXT NOT NULL DEFAULT '',
    results TEXT NOT NULL DEFAULT '')`);
}

const ingestCreate = z.object({
  object: z.string(),
  operation: z.enum(['insert', 'update', 'upsert', 'delete', 'hardDelete']),
  externalIdFieldName: z.string().optional(),
  contentType: z.literal('CSV').optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
  columnDelimiter: z.enum(['COMMA', 'TAB', 'SEMICOLON', 'PIPE', 'CARET', 'BACKQUOTE']).optional(),
  assignmentRuleId: z.string().optional(),
});

const queryCreate = z.object({
  operation: z.enum(['query', 'queryAll']),
  query: z.string(),
  contentType: z.literal('CSV').optional(),
  lineEnding: z.enum(['LF', 'CRLF']).optional(),
  columnDelimiter: z.enum(['COMMA', 'TAB', 'SEMICOLON', 'PIPE', 'CARET', 'BACKQUOTE']).optional(),
});

const stateChange = z.object({ state: z.enum(['UploadComplete', 'Aborted']) });

const DELIMITERS: Readonly<Record<string, string>> = {
  COMMA: ',',
  TAB: '\t',
  SEMICOLON: ';',
  PIPE: '|',
  CARET: '^',
  BACKQUOTE: '`',
};

type JobInfo = Record<string, unknown> & { id: string; state: string };

interface StoredJob {
  id: string;
  kind: 'ingest' | 'query';
  info: JobInfo;
  data: string;
  results: string;
}

interface IngestResults {
  readonly successful: readonly (readonly string[])[];
  readonly failed: readonly (readonly string[])[];
  readonly unprocessed: readonly (readonly string[])[];
  readonly header: readonly string[];
}

interface QueryResults {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function loadJob(db: Database, kind: 'ingest' | 'query', id: string | undefined): StoredJob {
  const row = db.prepare('SELECT * FROM sf_bulk_jobs WHERE id = ? AND kind = ?').get(id ?? '', kind) as
    { id: string; kind: 'ingest' | 'query'; info: string; data: string; results: string } | undefined;
  if (row === undefined) throw notFound('The requested resource does not exist');
  return { ...row, info: JSON.parse(row.info) as JobInfo };
}

function saveJob(db: Database, job: StoredJob): void {
  db.prepare('UPDATE sf_bulk_jobs SET info = ?, data = ?, results = ? WHERE id = ?').run(
    JSON.stringify(job.info),
    job.data,
    job.results,
    job.id,
  );
}

function newJob(env: SfEnv, kind: 'ingest' | 'query', info: Record<string, unknown>): JobInfo {
  const db = env.store.db;
  const seq = (
    db.prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM sf_bulk_jobs').get() as { seq: number }
  ).seq;
  const id = makeId('750', seq);
  const now = formatDateTime(env.now);
  const full: JobInfo = {
    id,
    ...info,
    createdById: env.store.integrationUserId(),
    createdDate: now,
    systemModstamp: now,
    state: kind === 'ingest' ? 'Open' : 'UploadComplete',
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(env.version),
  };
  db.prepare('INSERT INTO sf_bulk_jobs (id, seq, kind, info) VALUES (?, ?, ?, ?)').run(
    id,
    seq,
    kind,
    JSON.stringify(full),
  );
  return full;
}

function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function toCsv(rows: readonly (readonly string[])[], delimiter: string, lineEnding: string): string {
  return (
    rows.map((r) => r.map(csvCell).join(delimiter)).join(lineEnding) + (rows.length > 0 ? lineEnding : '')
  );
}

function csvResponse(text: string, headers: Record<string, string> = {}): EmulatorResponse {
  return { status: 200, headers: { 'Content-Type': 'text/csv', ...headers }, rawBody: text };
}

const delimiterOf = (info: JobInfo): string => DELIMITERS[String(info['columnDelimiter'] ?? 'COMMA')] ?? ',';
const lineEndingOf = (info: JobInfo): string => (info['lineEnding'] === 'CRLF' ? '\r\n' : '\n');

// ---------------------------------------------------------------- ingest

/** CSV headers name fields (`Email`) or parents by external id (`Content_Asset__r.External_Id__c`). */
function checkHeader(object: ObjectDef, header: readonly string[]): void {
  for (const column of header) {
    const [first, second, ...more] = column.split('.');
    const known =
      second === undefined
        ? findField(object, first ?? '') !== undefined
        : more.length === 0 && findRelationship(object, first ?? '') !== undefined;
    if (!known) throw badRequest('INVALIDBATCH', `InvalidBatch : Field name not found : ${column}`);
  }
}

function rowInput(header: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  header.forEach((column, i) => {
    const value = cells[i] ?? '';
    const [relationship, parentField] = column.split('.');
    if (parentField !== undefined && relationship !== undefined) {
      if (value !== '') input[relationship] = { [parentField]: value };
    } else {
      input[column] = value;
    }
  });
  return input;
}

/** `sf__Error`: each of the row's errors as `CODE:message:fields --`, one after another. */
function errorText(error: SfError): string {
  return error
    .all()
    .map((e) => `${e.errorCode}:${e.message}:${(e.fields ?? []).join(',')} --`)
    .join(' ');
}

function processIngest(env: SfEnv, job: StoredJob): void {
  const { store } = env;
  const info = job.info;
  const object = findObject(String(info['object']));
  if (object === undefined)
    throw badRequest('INVALIDJOB', `InvalidJob : Invalid object: ${String(info['object'])}`);
  let records: string[][];
  try {
    records = parse(job.data, {
      delimiter: delimiterOf(info),
      bom: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    throw badRequest(
      'INVALIDBATCH',
      `InvalidBatch : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const [header = [], ...rows] = records;
  checkHeader(object, header);
  const operation = String(info['operation']);
  const externalField = typeof info['externalIdFieldName'] === 'string' ? info['externalIdFieldName'] : 'Id';
  const idIndex = header.findIndex((h) => h.toLowerCase() === 'id');
  const successful: string[][] = [];
  const failed: string[][] = [];
  for (const cells of rows) {
    const input = rowInput(header, cells);
    try {
      const outcome = store.db.transaction((): { id: string; created: boolean } => {
        if (operation === 'insert') return { id: store.create(object, input, 'csv'), created: true };
        if (operation === 'upsert') {
          const f = findField(object, externalField);
          const value = f === undefined ? undefined : (input[f.name] ?? input[externalField]);
          if (typeof value !== 'string' || value === '') {
            throw badRequest('MISSING_ARGUMENT', `${externalField} not specified`, [externalField]);
          }
          return store.upsert(object, externalField, value, input, 'csv');
        }
        const rawId = idIndex < 0 ? '' : (cells[idIndex] ?? '');
        const id = normalizeId(rawId);
        if (id === null)
          throw badRequest('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${rawId}`, [
            'Id',
          ]);
        const rest = Object.fromEntries(Object.entries(input).filter(([key]) => key.toLowerCase() !== 'id'));
        if (operation === 'update') store.update(object, id, rest, 'csv');
        else store.delete(object, id);
        return { id, created: false };
      })();
      successful.push([outcome.id, String(outcome.created), ...cells]);
    } catch (error) {
      if (!(error instanceof SfError)) throw error;
      const rawId = idIndex < 0 ? '' : (cells[idIndex] ?? '');
      failed.push([rawId, errorText(error), ...cells]);
    }
  }
  const results: IngestResults = { successful, failed, unprocessed: [], header };
  job.results = JSON.stringify(results);
  job.info = {
    ...info,
    state: 'JobComplete',
    numberRecordsProcessed: rows.length,
    numberRecordsFailed: failed.length,
    retries: 0,
    totalProcessingTime: 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
    systemModstamp: formatDateTime(env.now),
  };
}

function routeIngest(req: SfRequest, env: SfEnv, rest: readonly string[]): EmulatorResponse {
  const db = env.store.db;
  if (rest.length === 0) {
    if (req.method === 'GET') {
      const jobs = (
        db.prepare("SELECT info FROM sf_bulk_jobs WHERE kind = 'ingest' ORDER BY seq").all() as {
          info: string;
        }[]
      ).map((r) => JSON.parse(r.info) as unknown);
      return { status: 200, body: { done: true, records: jobs, nextRecordsUrl: null } };
    }
    if (req.method !== 'POST') throw notFound();
    const body = jsonBody(req, ingestCreate);
    const object = findObject(body.object);
    if (object === undefined)
      throw badRequest('NOT_FOUND', `sObject type '${body.object}' is not supported.`);
    if (body.operation === 'upsert') {
      const f = findField(object, body.externalIdFieldName ?? '');
      if (f === undefined || !(f.externalId || f.type === 'id')) {
        throw badRequest(
          'INVALIDJOB',
          `InvalidJob : Field name not found or not an external ID: ${body.externalIdFieldName ?? ''}`,
        );
      }
    }
    const info = newJob(env, 'ingest', {
      operation: body.operation,
      object: object.name,
      ...(body.externalIdFieldName === undefined ? {} : { externalIdFieldName: body.externalIdFieldName }),
      lineEnding: body.lineEnding ?? 'LF',
      columnDelimiter: body.columnDelimiter ?? 'COMMA',
      jobType: 'V2Ingest',
    });
    info['contentUrl'] = `services/data/v${env.version}/jobs/ingest/${info.id}/batches`;
    saveJob(db, { id: info.id, kind: 'ingest', info, data: '', results: '' });
    return { status: 200, body: info };
  }
  const job = loadJob(db, 'ingest', rest[0]);
  const sub = rest[1];
  if (sub === undefined) {
    if (req.method === 'GET') return { status: 200, body: job.info };
    if (req.method === 'DELETE') {
      db.prepare('DELETE FROM sf_bulk_jobs WHERE id = ?').run(job.id);
      return { status: 204 };
    }
    if (req.method !== 'PATCH') throw notFound();
    const { state } = jsonBody(req, stateChange);
    if (job.info.state !== 'Open') {
      throw badRequest(
        'INVALIDJOBSTATE',
        `Job with id ${job.id} is in state ${job.info.state}, expected Open`,
      );
    }
    if (state === 'Aborted') {
      job.info = { ...job.info, state: 'Aborted' };
    } else {
      try {
        processIngest(env, job);
      } catch (error) {
        if (!(error instanceof SfError)) throw error;
        job.info = { ...job.info, state: 'Failed', errorMessage: error.message };
      }
    }
    saveJob(db, job);
    return { status: 200, body: { ...job.info, state } };
  }
  if (sub === 'batches' && req.method === 'PUT') {
    if (job.info.state !== 'Open') {
      throw badRequest('INVALIDJOBSTATE', `Job with id ${job.id} is not in state Open`);
    }
    job.data =
      job.data === '' ? req.rawBody : `${job.data}${lineEndingOf(job.info)}${withoutHeader(req.rawBody)}`;
    saveJob(db, job);
    return { status: 201 };
  }
  if (req.method !== 'GET' || !['successfulResults', 'failedResults', 'unprocessedrecords'].includes(sub)) {
    throw notFound();
  }
  if (job.results === '') {
    if (sub === 'unprocessedrecords') return csvResponse(job.data);
    throw badRequest('INVALIDJOBSTATE', `Job with id ${job.id} has not been processed`);
  }
  const results = JSON.parse(job.results) as IngestResults;
  const delimiter = delimiterOf(job.info);
  const lineEnding = lineEndingOf(job.info);
  if (sub === 'successfulResults') {
    return csvResponse(
      toCsv([['sf__Id', 'sf__Created', ...results.header], ...results.successful], delimiter, lineEnding),
    );
  }
  if (sub === 'failedResults') {
    return csvResponse(
      toCsv([['sf__Id', 'sf__Error', ...results.header], ...results.failed], delimiter, lineEnding),
    );
  }
  return csvResponse(toCsv([[...results.header], ...results.unprocessed], delimiter, lineEnding));
}

/** A second upload repeats the header row; keep only its data rows. */
function withoutHeader(csv: string): string {
  const newline = csv.indexOf('\n');
  return newline < 0 ? '' : csv.slice(newline + 1);
}

// ---------------------------------------------------------------- query

function cellOf(record: OutputRecord, dotted: string): string {
  let current: unknown = record;
  for (const part of dotted.split('.')) {
    if (typeof current !== 'object' || current === null) return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (current === null || current === undefined) return '';
  return typeof current === 'object' ? JSON.stringify(current) : String(current);
}

function routeQueryJobs(req: SfRequest, env: SfEnv, rest: readonly string[]): EmulatorResponse {
  const db = env.store.db;
  if (rest.length === 0) {
    if (req.method !== 'POST') throw notFound();
    const body = jsonBody(req, queryCreate);
    const result = runSoql(body.query, {
      store: env.store,
      now: env.now,
      version: env.version,
      includeDeleted: body.operation === 'queryAll',
    });
    if (result.columns.length === 0) {
      throw badRequest('API_ERROR', 'Bulk API 2.0 query jobs support neither COUNT() nor child subqueries');
    }
    const rows = result.records.map((r) => result.columns.map((c) => cellOf(r, c)));
    const info = newJob(env, 'query', {
      operation: body.operation,
      object: result.objectName,
      lineEnding: body.lineEnding ?? 'LF',
      columnDelimiter: body.columnDelimiter ?? 'COMMA',
      jobType: 'V2Query',
    });
    const results: QueryResults = { columns: result.columns, rows };
    saveJob(db, { id: info.id, kind: 'query', info, data: body.query, results: JSON.stringify(results) });
    return { status: 200, body: info };
  }
  const job = loadJob(db, 'query', rest[0]);
  const results = JSON.parse(job.results) as QueryResults;
  if (rest.length === 1) {
    if (req.method === 'DELETE') {
      db.prepare('DELETE FROM sf_bulk_jobs WHERE id = ?').run(job.id);
      return { status: 204 };
    }
    if (req.method === 'PATCH') {
      jsonBody(req, stateChange);
      job.info = { ...job.info, state: 'Aborted' };
      saveJob(db, job);
      return { status: 200, body: job.info };
    }
    if (req.method !== 'GET') throw notFound();
    // The job ran when it was created; the first poll reports it complete.
    if (job.info.state === 'UploadComplete') {
      job.info = {
        ...job.info,
        state: 'JobComplete',
        numberRecordsProcessed: results.rows.length,
        retries: 0,
        totalProcessingTime: 0,
        systemModstamp: formatDateTime(env.now),
      };
      saveJob(db, job);
    }
    return { status: 200, body: job.info };
  }
  if (rest[1] !== 'results' || req.method !== 'GET') throw notFound();
  if (job.info.state !== 'JobComplete') {
    throw badRequest('INVALIDJOBSTATE', `Job with id ${job.id} is not in state JobComplete`);
  }
  const locator = req.query.get('locator');
  const start =
    locator === null || locator === '' ? 0 : Number(Buffer.from(locator, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0 || start > results.rows.length) {
    throw badRequest('INVALID_LOCATOR', `Invalid locator: ${locator ?? ''}`);
  }
  const maxRecords = Number(req.query.get('maxRecords') ?? results.rows.length);
  if (!Number.isInteger(maxRecords) || maxRecords < 1) {
    throw badRequest('INVALIDPARAMETER', 'maxRecords must be a positive integer');
  }
  const end = Math.min(results.rows.length, start + maxRecords);
  const next = end < results.rows.length ? Buffer.from(String(end), 'utf8').toString('base64url') : 'null';
  const slice = results.rows.slice(start, end);
  return csvResponse(toCsv([results.columns, ...slice], delimiterOf(job.info), lineEndingOf(job.info)), {
    'Sforce-Locator': next,
    'Sforce-NumberOfRecords': String(slice.length),
  });
}

/** `/jobs/ingest/...` and `/jobs/query/...` */
export function routeJobs(req: SfRequest, env: SfEnv, rest: readonly string[]): EmulatorResponse {
  const [kind, ...more] = rest;
  if (kind === 'ingest') return routeIngest(req, env, more);
  if (kind === 'query') return routeQueryJobs(req, env, more);
  throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
}
