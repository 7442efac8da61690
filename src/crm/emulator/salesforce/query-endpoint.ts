import type { Database } from 'better-sqlite3';
import type { EmulatorResponse } from '../types';
import { SfError, badRequest } from './errors';
import { makeId } from './ids';
import { runSoql } from './soql';
import type { SoqlContext } from './soql';

/**
 * `GET /query?q=`, `GET /queryAll?q=` and `GET /query/<locator>` (queryMore). Results beyond one batch are kept in
 * SQLite under a cursor id; the locator is `<cursor>-<position>`, the last segment of `nextRecordsUrl`, which is
 * what jsforce passes back.
 */

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
const KEPT_CURSORS = 100;

export function migrateCursors(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS sf_query_cursors (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, records TEXT NOT NULL, totalSize INTEGER NOT NULL,
    batchSize INTEGER NOT NULL, endpoint TEXT NOT NULL)`);
}

/** The batch size from `Sforce-Query-Options: batchSize=N` (200–2000; Salesforce treats it as a hint). */
export function batchSizeFrom(header: string | undefined): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (m === null) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

function page(
  records: readonly unknown[],
  totalSize: number,
  start: number,
  batchSize: number,
  cursor: string,
  endpoint: string,
  version: string,
): EmulatorResponse {
  const end = start + batchSize;
  const done = end >= records.length;
  const body: Record<string, unknown> = { totalSize, done, records: records.slice(start, end) };
  if (!done) body['nextRecordsUrl'] = `/services/data/v${version}/${endpoint}/${cursor}-${end}`;
  return { status: 200, body };
}

export function runQuery(
  db: Database,
  soql: string | null,
  endpoint: 'query' | 'queryAll',
  batchHeader: string | undefined,
  ctx: SoqlContext,
): EmulatorResponse {
  if (soql === null || soql.trim() === '') {
    throw badRequest('MALFORMED_QUERY', 'A query string has to be specified');
  }
  const result = runSoql(soql, ctx);
  const batchSize = batchSizeFrom(batchHeader);
  if (result.records.length <= batchSize) {
    return { status: 200, body: { totalSize: result.totalSize, done: true, records: result.records } };
  }
  const seqRow = db.prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM sf_query_cursors').get() as {
    seq: number;
  };
  const cursor = makeId('01g', seqRow.seq).slice(0, 15);
  db.prepare(
    'INSERT INTO sf_query_cursors (id, seq, records, totalSize, batchSize, endpoint) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(cursor, seqRow.seq, JSON.stringify(result.records), result.totalSize, batchSize, endpoint);
  db.prepare('DELETE FROM sf_query_cursors WHERE seq <= ?').run(seqRow.seq - KEPT_CURSORS);
  return page(result.records, result.totalSize, 0, batchSize, cursor, endpoint, ctx.version);
}

export function queryMore(db: Database, locator: string, version: string): EmulatorResponse {
  const m = /^([A-Za-z0-9]+)-(\d+)$/.exec(locator);
  const row =
    m === null
      ? undefined
      : (db.prepare('SELECT * FROM sf_query_cursors WHERE id = ?').get(m[1]) as
          | { id: string; records: string; totalSize: number; batchSize: number; endpoint: string }
          | undefined);
  const start = Number(m?.[2] ?? NaN);
  if (row === undefined || !Number.isInteger(start)) {
    throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  const records = JSON.parse(row.records) as unknown[];
  if (start > records.length) throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return page(records, row.totalSize, start, row.batchSize, row.id, row.endpoint, version);
}
