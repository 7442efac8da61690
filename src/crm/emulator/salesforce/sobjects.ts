import * as z from 'zod';
import type { EmulatorResponse } from '../types';
import { describeJson, findField, findObject, globalDescribeEntry, allObjects } from './describe';
import type { ObjectDef } from './describe';
import { SfError, badRequest, notFound } from './errors';
import { normalizeId } from './ids';
import type { SfRow } from './values';
import type { SfEnv, SfRequest } from './request';

/** sObject REST: describe, CRUD by id, upsert by external id, and sObject Collections with allOrNone. */

const MAX_COLLECTION = 200;

const recordBody = z.record(z.string(), z.unknown());
const collectionBody = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(recordBody),
});
const retrieveBody = z.object({ ids: z.array(z.string()), fields: z.array(z.string()) });

export function objectOr404(name: string | undefined): ObjectDef {
  const object = name === undefined ? undefined : findObject(name);
  if (object === undefined) throw notFound();
  return object;
}

/** A body the route needs as a JSON object (JSON_PARSER_ERROR otherwise, as Salesforce answers). */
export function jsonBody<T>(req: SfRequest, schema: z.ZodType<T>): T {
  if (req.body === undefined) {
    throw badRequest(
      'JSON_PARSER_ERROR',
      req.rawBody.trim() === '' ? 'The request body is empty' : `Unexpected character in request body`,
    );
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || 'the top level'}`;
    throw badRequest(
      'JSON_PARSER_ERROR',
      `Cannot deserialize the request body${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

export function recordJson(
  object: ObjectDef,
  row: SfRow,
  version: string,
  fields?: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: {
      type: object.name,
      url: `/services/data/v${version}/sobjects/${object.name}/${String(row['Id'])}`,
    },
  };
  const names =
    fields === undefined
      ? object.fields.map((f) => f.name)
      : fields.map((name) => {
          const f = findField(object, name);
          if (f === undefined) {
            throw badRequest('INVALID_FIELD', `No such column '${name}' on entity '${object.name}'`, [name]);
          }
          return f.name;
        });
  for (const name of names) out[name] = row[name] ?? null;
  return out;
}

function fieldsParam(req: SfRequest): string[] | undefined {
  const raw = req.query.get('fields');
  return raw === null || raw.trim() === ''
    ? undefined
    : raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

function idOr404(text: string | undefined): string {
  const id = text === undefined ? null : normalizeId(text);
  if (id === null) throw notFound();
  return id;
}

const methodNotAllowed = (method: string, allowed: string): SfError =>
  new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`);

/** `/sobjects[/<T>[/describe | /<id> | /<field>/<value>]]` */
export function routeSobjects(req: SfRequest, env: SfEnv, rest: readonly string[]): EmulatorResponse {
  const { version, store } = env;
  if (rest.length === 0) {
    if (req.method !== 'GET') throw methodNotAllowed(req.method, 'GET');
    return {
      status: 200,
      body: {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: allObjects.map((o) => globalDescribeEntry(o, version)),
      },
    };
  }
  const object = objectOr404(rest[0]);
  if (rest.length === 1) {
    if (req.method === 'GET') {
      return { status: 200, body: { objectDescribe: globalDescribeEntry(object, version), recentItems: [] } };
    }
    if (req.method !== 'POST') throw methodNotAllowed(req.method, 'GET,POST');
    const body = jsonBody(req, recordBody);
    if ('Id' in body || 'id' in body) {
      throw badRequest('INVALID_FIELD', 'Cannot specify Id in an insert call', ['Id']);
    }
    const id = store.create(object, body);
    return {
      status: 201,
      headers: { Location: `/services/data/v${version}/sobjects/${object.name}/${id}` },
      body: { id, success: true, errors: [] },
    };
  }
  if (rest.length === 2 && rest[1] === 'describe') {
    if (req.method !== 'GET') throw methodNotAllowed(req.method, 'GET');
    return { status: 200, body: describeJson(object, version) };
  }
  if (rest.length === 2) {
    const id = idOr404(rest[1]);
    switch (req.method) {
      case 'GET': {
        const row = store.get(object, id);
        if (row === undefined) throw notFound();
        return { status: 200, body: recordJson(object, row, version, fieldsParam(req)) };
      }
      case 'PATCH':
        store.update(object, id, jsonBody(req, recordBody));
        return { status: 204 };
      case 'DELETE':
        store.delete(object, id);
        return { status: 204 };
      default:
        throw methodNotAllowed(req.method, 'GET,PATCH,DELETE');
    }
  }
  if (rest.length === 3) {
    const fieldName = rest[1] ?? '';
    const value = decodeURIComponent(rest[2] ?? '');
    const f = findField(object, fieldName);
    if (f === undefined || !(f.externalId || f.type === 'id')) {
      throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
    }
    if (req.method === 'PATCH' || req.method === 'POST') {
      const { id, created } = store.upsert(object, f.name, value, jsonBody(req, recordBody));
      return { status: created ? 201 : 200, body: { id, success: true, errors: [], created } };
    }
    const matches =
      f.type === 'id' ? [store.get(object, idOr404(value))] : store.allWhere(object, f, [value]);
    const found = matches.filter((r): r is SfRow => r !== undefined);
    if (found.length > 1) {
      return {
        status: 300,
        body: found.map((r) => `/services/data/v${version}/sobjects/${object.name}/${String(r['Id'])}`),
      };
    }
    const row = found[0];
    if (row === undefined) throw notFound();
    if (req.method === 'GET')
      return { status: 200, body: recordJson(object, row, version, fieldsParam(req)) };
    if (req.method === 'DELETE') {
      store.delete(object, String(row['Id']));
      return { status: 204 };
    }
    throw methodNotAllowed(req.method, 'GET,PATCH,POST,DELETE');
  }
  throw notFound();
}

// ---------------------------------------------------------------- collections

interface RowResult {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: readonly string[] }[];
  created?: boolean;
}

class RollBack extends Error {}

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/**
 * Runs one operation per row, each in its own savepoint. With allOrNone, any failure rolls back every row and the
 * rows that had succeeded report ALL_OR_NONE_OPERATION_ROLLED_BACK, keeping their id only when the request named it
 * (update, delete): a rolled-back insert or upsert created nothing to point at. JSON type errors fail the request.
 */
function runRows<T>(
  env: SfEnv,
  allOrNone: boolean,
  items: readonly T[],
  idsNamed: boolean,
  op: (item: T) => RowResult,
): RowResult[] {
  const results: RowResult[] = [];
  const all = env.store.db.transaction(() => {
    for (const item of items) {
      try {
        results.push(env.store.db.transaction(() => op(item))());
      } catch (error) {
        if (!(error instanceof SfError) || error.errorCode === 'JSON_PARSER_ERROR') throw error;
        const failure: RowResult = { success: false, errors: error.all().map((e) => e.toCollectionItem()) };
        const id = (error as SfError & { recordId?: string }).recordId;
        if (id !== undefined) failure.id = id;
        results.push(failure);
      }
    }
    if (allOrNone && results.some((r) => !r.success)) throw new RollBack();
  });
  try {
    all();
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return results.map((r) =>
      r.success
        ? { ...(r.id === undefined || !idsNamed ? {} : { id: r.id }), success: false, errors: [ROLLED_BACK] }
        : r,
    );
  }
  return results;
}

function withRecordId(id: string, fn: () => RowResult): RowResult {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SfError) Object.assign(error, { recordId: id });
    throw error;
  }
}

function rowObject(record: Record<string, unknown>): ObjectDef {
  const attributes = record['attributes'];
  const type =
    typeof attributes === 'object' && attributes !== null
      ? (attributes as Record<string, unknown>)['type']
      : undefined;
  if (typeof type !== 'string') throw badRequest('INVALID_TYPE', 'Must specify a type in attributes');
  const object = findObject(type);
  if (object === undefined) throw badRequest('INVALID_TYPE', `sObject type '${type}' is not supported.`);
  return object;
}

function withoutId(record: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...record };
  delete copy['id'];
  delete copy['Id'];
  return copy;
}

function limitCollection(count: number): void {
  if (count > MAX_COLLECTION) {
    throw badRequest(
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`,
    );
  }
}

/** `/composite/sobjects[/<T>[/<ExternalIdField>]]` */
export function routeCollections(req: SfRequest, env: SfEnv, rest: readonly string[]): EmulatorResponse {
  const { store, version } = env;
  if (rest.length === 0 && req.method === 'POST') {
    const body = jsonBody(req, collectionBody);
    limitCollection(body.records.length);
    const results = runRows(env, body.allOrNone ?? false, body.records, false, (record) => {
      const object = rowObject(record);
      if ('Id' in record || 'id' in record) {
        throw badRequest('INVALID_FIELD', 'Cannot specify Id in an insert call', ['Id']);
      }
      return { id: store.create(object, record), success: true, errors: [] };
    });
    return { status: 200, body: results };
  }
  if (rest.length === 0 && req.method === 'PATCH') {
    const body = jsonBody(req, collectionBody);
    limitCollection(body.records.length);
    const results = runRows(env, body.allOrNone ?? false, body.records, true, (record) => {
      const rawId = record['id'] ?? record['Id'];
      if (typeof rawId !== 'string')
        throw badRequest('MISSING_ARGUMENT', 'Id not specified in an update call');
      const id = normalizeId(rawId);
      if (id === null) throw badRequest('MALFORMED_ID', `Invalid id: ${rawId}`, ['Id']);
      return withRecordId(id, () => {
        store.update(rowObject(record), id, withoutId(record));
        return { id, success: true, errors: [] };
      });
    });
    return { status: 200, body: results };
  }
  if (rest.length === 0 && req.method === 'DELETE') {
    const ids = (req.query.get('ids') ?? '').split(',').filter((s) => s !== '');
    limitCollection(ids.length);
    const allOrNone = req.query.get('allOrNone') === 'true';
    const results = runRows(env, allOrNone, ids, true, (rawId) => {
      const id = normalizeId(rawId);
      if (id === null) throw badRequest('MALFORMED_ID', `Invalid id: ${rawId}`);
      return withRecordId(id, () => {
        const object = objectOr404ByPrefix(id);
        store.delete(object, id);
        return { id, success: true, errors: [] };
      });
    });
    return { status: 200, body: results };
  }
  const object = objectOr404(rest[0]);
  if (rest.length === 1 && (req.method === 'GET' || req.method === 'POST')) {
    const { ids, fields } =
      req.method === 'GET'
        ? { ids: (req.query.get('ids') ?? '').split(','), fields: fieldsParam(req) ?? [] }
        : jsonBody(req, retrieveBody);
    if (fields.length === 0) throw badRequest('MISSING_ARGUMENT', 'fields is required', ['fields']);
    limitCollection(ids.length);
    const rows = ids.map((raw) => {
      const id = normalizeId(raw.trim());
      const row = id === null ? undefined : store.get(object, id);
      return row === undefined ? null : recordJson(object, row, version, fields);
    });
    return { status: 200, body: rows };
  }
  if (rest.length === 2 && req.method === 'PATCH') {
    const externalField = rest[1] ?? '';
    const body = jsonBody(req, collectionBody);
    limitCollection(body.records.length);
    const results = runRows(env, body.allOrNone ?? false, body.records, false, (record) => {
      const rowType = rowObject(record);
      if (rowType.name !== object.name) {
        throw badRequest('INVALID_TYPE', `Record type ${rowType.name} does not match ${object.name}`);
      }
      const f = findField(object, externalField);
      const value = f === undefined ? undefined : record[f.name];
      if (f === undefined || value === undefined || value === null) {
        throw badRequest('MISSING_ARGUMENT', `${externalField} not specified`, [externalField]);
      }
      const { id, created } = store.upsert(object, f.name, String(value), record);
      return { id, success: true, errors: [], created };
    });
    return { status: 200, body: results };
  }
  throw notFound();
}

function objectOr404ByPrefix(id: string): ObjectDef {
  const object = allObjects.find((o) => o.keyPrefix === id.slice(0, 3));
  if (object === undefined) throw badRequest('MALFORMED_ID', `Invalid id: ${id}`);
  return object;
}
