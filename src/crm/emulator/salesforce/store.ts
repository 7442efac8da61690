import type { Database } from 'better-sqlite3';
import { allObjects, findField, findObject, findRelationship, objectByKeyPrefix } from './describe';
import type { FieldDef, ObjectDef } from './describe';
import { SfError, badRequest, collected, notFound } from './errors';
import { makeId, normalizeId } from './ids';
import { formatDate, formatDateTime, parseDate, parseDateTime } from './values';
import type { FieldValue, SfRow } from './values';

/**
 * Generic sObject storage: one SQLite table per sObject (`sf_<Name>`: Id, fields JSON, system dates, IsDeleted),
 * with every write validated against the describe registry the way Salesforce validates it.
 */

/** Where a write comes from: JSON (REST) reports type errors as JSON_PARSER_ERROR, CSV (Bulk) per row. */
export type WriteSource = 'json' | 'csv';

export const INTEGRATION_USERNAME = 'integration@handoff.sandbox';
const SYSTEM_COLUMNS = ['Id', 'IsDeleted', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'] as const;

const table = (object: ObjectDef): string => `"sf_${object.name}"`;

export function migrateStore(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS sf_counters (name TEXT PRIMARY KEY, next INTEGER NOT NULL)`);
  for (const object of allObjects) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${table(object)} (
      Id TEXT PRIMARY KEY, fields TEXT NOT NULL, CreatedDate TEXT NOT NULL, LastModifiedDate TEXT NOT NULL,
      SystemModstamp TEXT NOT NULL, IsDeleted INTEGER NOT NULL DEFAULT 0)`);
    for (const f of object.fields) {
      if (f.type === 'id') continue;
      if (f.unique || f.externalId) {
        // Salesforce compares unique and external id values case-insensitively; deleted rows do not count.
        db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS "sf_${object.name}_${f.name}_unique" ON ${table(object)}
          (lower(json_extract(fields, '$.${f.name}'))) WHERE IsDeleted = 0`);
      } else if (f.type === 'reference' && !['CreatedById', 'LastModifiedById'].includes(f.name)) {
        db.exec(`CREATE INDEX IF NOT EXISTS "sf_${object.name}_${f.name}_ref" ON ${table(object)}
          (json_extract(fields, '$.${f.name}'))`);
      }
    }
  }
}

export function clearStore(db: Database): void {
  db.exec('DELETE FROM sf_counters');
  for (const object of allObjects) db.exec(`DELETE FROM ${table(object)}`);
}

interface StoredRow {
  Id: string;
  fields: string;
  CreatedDate: string;
  LastModifiedDate: string;
  SystemModstamp: string;
  IsDeleted: number;
}

function toRow(stored: StoredRow): SfRow {
  const fields = JSON.parse(stored.fields) as SfRow;
  return {
    ...fields,
    Id: stored.Id,
    IsDeleted: stored.IsDeleted === 1,
    CreatedDate: stored.CreatedDate,
    LastModifiedDate: stored.LastModifiedDate,
    SystemModstamp: stored.SystemModstamp,
  };
}

/**
 * One record's validation problems, collected so the answer lists them all as Salesforce's does: one error per bad
 * field in describe order, then one REQUIRED_FIELD_MISSING naming every missing field. JSON type errors and unknown
 * columns are not collected: Salesforce refuses such a body before it validates the record.
 */
class Problems {
  private readonly found: { readonly at: number; readonly field: string; readonly error: SfError }[] = [];

  constructor(private readonly object: ObjectDef) {}

  has(field: string): boolean {
    return this.found.some((p) => p.field === field);
  }

  /** `check()`'s value, or undefined after keeping its SfError as the problem of field `f`. */
  attempt<T>(f: FieldDef, check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof SfError) || error.errorCode === 'JSON_PARSER_ERROR') throw error;
      this.found.push({ at: this.object.fields.indexOf(f), field: f.name, error });
      return undefined;
    }
  }

  throwIfAny(missing: readonly FieldDef[]): void {
    const errors = [...this.found].sort((a, b) => a.at - b.at).map((p) => p.error);
    if (missing.length > 0) {
      const names = missing.map((f) => f.name);
      errors.push(
        badRequest('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names),
      );
    }
    const failure = collected(errors);
    if (failure !== undefined) throw failure;
  }
}

function isClosedStage(stageName: string): { isClosed: boolean; isWon: boolean } {
  const lower = stageName.toLowerCase();
  return { isClosed: lower.startsWith('closed'), isWon: lower === 'closed won' };
}

export class SfStore {
  constructor(
    readonly db: Database,
    private readonly now: () => number,
  ) {}

  nextNumber(name: string): number {
    const row = this.db
      .prepare(
        'INSERT INTO sf_counters (name, next) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET next = next + 1 RETURNING next',
      )
      .get(name) as { next: number };
    return row.next;
  }

  newId(object: ObjectDef): string {
    return makeId(object.keyPrefix, this.nextNumber(object.keyPrefix));
  }

  get(object: ObjectDef, id: string, includeDeleted = false): SfRow | undefined {
    const stored = this.db.prepare(`SELECT * FROM ${table(object)} WHERE Id = ?`).get(id) as
      StoredRow | undefined;
    if (stored === undefined || (!includeDeleted && stored.IsDeleted === 1)) return undefined;
    return toRow(stored);
  }

  /** Any record by id, whatever its type (for polymorphic lookups such as WhoId). */
  getAny(id: string): { object: ObjectDef; row: SfRow } | undefined {
    const object = objectByKeyPrefix(id);
    if (object === undefined) return undefined;
    const row = this.get(object, id);
    return row === undefined ? undefined : { object, row };
  }

  all(object: ObjectDef, includeDeleted = false): SfRow[] {
    const sql = `SELECT * FROM ${table(object)} ${includeDeleted ? '' : 'WHERE IsDeleted = 0'} ORDER BY Id`;
    return (this.db.prepare(sql).all() as StoredRow[]).map(toRow);
  }

  /** Rows whose reference or text field equals one of `values` (uses the field's index). */
  allWhere(object: ObjectDef, field: FieldDef, values: readonly string[], includeDeleted = false): SfRow[] {
    if (values.length === 0) return [];
    const placeholders = values.map(() => '?').join(', ');
    const expr =
      field.unique || field.externalId
        ? `lower(json_extract(fields, '$.${field.name}'))`
        : `json_extract(fields, '$.${field.name}')`;
    const args = field.unique || field.externalId ? values.map((v) => v.toLowerCase()) : values;
    const sql = `SELECT * FROM ${table(object)} WHERE ${expr} IN (${placeholders}) ${includeDeleted ? '' : 'AND IsDeleted = 0'} ORDER BY Id`;
    return (this.db.prepare(sql).all(...args) as StoredRow[]).map(toRow);
  }

  findIdByUnique(object: ObjectDef, field: FieldDef, value: string): string | undefined {
    const row = this.db
      .prepare(
        `SELECT Id FROM ${table(object)} WHERE lower(json_extract(fields, '$.${field.name}')) = ? AND IsDeleted = 0`,
      )
      .get(value.toLowerCase()) as { Id: string } | undefined;
    return row?.Id;
  }

  integrationUserId(): string {
    const user = findObject('User');
    const username = user === undefined ? undefined : findField(user, 'Username');
    if (user === undefined || username === undefined)
      throw new Error('User is missing from the describe registry');
    const existing = this.findIdByUnique(user, username, INTEGRATION_USERNAME);
    if (existing !== undefined) return existing;
    const id = this.newId(user);
    this.writeRaw(user, id, {
      FirstName: 'Handoff',
      LastName: 'Integration',
      Name: 'Handoff Integration',
      Username: INTEGRATION_USERNAME,
      Email: INTEGRATION_USERNAME,
      Alias: 'handoff',
      IsActive: true,
      ManagerId: null,
    });
    return id;
  }

  /** Writes a row as given (no validation); for seeding. Dates default to the clock. */
  writeRaw(
    object: ObjectDef,
    id: string,
    fields: SfRow,
    dates: { readonly createdDate?: string; readonly lastModifiedDate?: string } = {},
  ): void {
    const now = formatDateTime(this.now());
    const created = dates.createdDate ?? now;
    const modified = dates.lastModifiedDate ?? created;
    const system: ReadonlySet<string> = new Set(SYSTEM_COLUMNS);
    const stored: SfRow = Object.fromEntries(Object.entries(fields).filter(([key]) => !system.has(key)));
    stored['CreatedById'] ??= fields['CreatedById'] ?? null;
    stored['LastModifiedById'] ??= fields['LastModifiedById'] ?? null;
    this.db
      .prepare(
        `INSERT INTO ${table(object)} (Id, fields, CreatedDate, LastModifiedDate, SystemModstamp, IsDeleted)
         VALUES (?, ?, ?, ?, ?, 0)
         ON CONFLICT(Id) DO UPDATE SET fields = excluded.fields, LastModifiedDate = excluded.LastModifiedDate,
           SystemModstamp = excluded.SystemModstamp`,
      )
      .run(id, JSON.stringify(stored), created, modified, modified);
  }

  create(object: ObjectDef, input: Readonly<Record<string, unknown>>, source: WriteSource = 'json'): string {
    const { values, problems } = this.coerceAll(object, input, 'create', source);
    const userId = this.integrationUserId();
    const row: SfRow = {};
    for (const f of object.fields) {
      if (f.type === 'boolean' && !f.calculated) row[f.name] = false;
    }
    Object.assign(row, values);
    if (findField(object, 'OwnerId') !== undefined) row['OwnerId'] ??= userId;
    const defaults = object.fields.filter((f) => f.defaultedOnCreate && f.type === 'picklist');
    for (const f of defaults) row[f.name] ??= f.picklistValues[0] ?? null;
    if (object.autoNumberFormat !== null) row['Name'] = this.autoNumber(object);
    this.derive(object, row);
    const missing = object.fields.filter(
      (f) =>
        !f.nillable &&
        f.createable &&
        !f.defaultedOnCreate &&
        !problems.has(f.name) &&
        (row[f.name] === undefined || row[f.name] === null),
    );
    problems.throwIfAny(missing);
    const id = this.newId(object);
    this.checkUnique(object, row, id);
    row['CreatedById'] = userId;
    row['LastModifiedById'] = userId;
    this.writeRaw(object, id, row);
    // With field history tracking on, Salesforce notes the creation itself (Field 'created', no values).
    if (object.trackedFields.length > 0) this.writeHistory(object, id, 'created', null, null);
    return id;
  }

  /** One field history row (`LeadHistory`…), stamped with the clock and the integration user. */
  writeHistory(
    object: ObjectDef,
    parentId: string,
    field: string,
    oldValue: FieldValue | undefined,
    newValue: FieldValue | undefined,
    at?: string,
  ): void {
    if (object.history === null) return;
    const history = findObject(object.history.object);
    if (history === undefined) return;
    const userId = this.integrationUserId();
    const text = (v: FieldValue | undefined) => (v === undefined || v === null ? null : String(v));
    this.writeRaw(
      history,
      this.newId(history),
      {
        [object.history.parentField]: parentId,
        Field: field,
        OldValue: text(oldValue),
        NewValue: text(newValue),
        CreatedById: userId,
        LastModifiedById: userId,
      },
      at === undefined ? {} : { createdDate: at },
    );
  }

  update(
    object: ObjectDef,
    id: string,
    input: Readonly<Record<string, unknown>>,
    source: WriteSource = 'json',
  ): void {
    const existing = this.get(object, id, true);
    if (existing === undefined) throw notFound();
    if (existing['IsDeleted'] === true) throw badRequest('ENTITY_IS_DELETED', 'entity is deleted');
    const { values, problems } = this.coerceAll(object, input, 'update', source);
    const row: SfRow = { ...existing, ...values };
    this.derive(object, row);
    problems.throwIfAny(object.fields.filter((f) => !f.nillable && values[f.name] === null));
    this.checkUnique(object, row, id);
    row['LastModifiedById'] = this.integrationUserId();
    const now = formatDateTime(this.now());
    this.writeRaw(object, id, row, { createdDate: String(existing['CreatedDate']), lastModifiedDate: now });
    for (const name of object.trackedFields) {
      const [was, is] = [existing[name] ?? null, row[name] ?? null];
      if (was !== is) this.writeHistory(object, id, name, was, is, now);
    }
  }

  /** Upsert by an external id field: 201-style `created: true` when no record had the value. */
  upsert(
    object: ObjectDef,
    externalField: string,
    value: string,
    input: Readonly<Record<string, unknown>>,
    source: WriteSource = 'json',
  ): { id: string; created: boolean } {
    const f = findField(object, externalField);
    if (f === undefined) {
      throw notFound(`Provided external ID field does not exist or is not accessible: ${externalField}`);
    }
    if (!f.externalId && f.type !== 'id') {
      throw badRequest(
        'INVALID_FIELD',
        `Field ${f.name} is not an external ID field and cannot be used for upsert`,
      );
    }
    const body = Object.fromEntries(
      Object.entries(input).filter(([key]) => key.toLowerCase() !== f.name.toLowerCase()),
    );
    if (f.type === 'id') {
      const id = normalizeId(value);
      if (id === null || this.get(object, id) === undefined) throw notFound();
      this.update(object, id, body, source);
      return { id, created: false };
    }
    const matches = this.allWhere(object, f, [value]);
    if (matches.length > 1) {
      throw new SfError(300, 'MULTIPLE_CHOICES', `More than one record found for ${f.name} = ${value}`);
    }
    const match = matches[0];
    if (match !== undefined) {
      const id = String(match['Id']);
      this.update(object, id, body, source);
      return { id, created: false };
    }
    return { id: this.create(object, { ...body, [f.name]: value }, source), created: true };
  }

  delete(object: ObjectDef, id: string): void {
    const existing = this.get(object, id, true);
    if (existing === undefined) throw notFound();
    if (existing['IsDeleted'] === true) throw badRequest('ENTITY_IS_DELETED', 'entity is deleted');
    const now = formatDateTime(this.now());
    this.db
      .prepare(
        `UPDATE ${table(object)} SET IsDeleted = 1, LastModifiedDate = ?, SystemModstamp = ? WHERE Id = ?`,
      )
      .run(now, now, id);
  }

  /** The next auto-number `Name` of an object such as `Content_Touch__c` (`CT-000042`). */
  autoNumber(object: ObjectDef): string {
    const format = object.autoNumberFormat ?? '{0}';
    const n = this.nextNumber(`autonumber:${object.name}`);
    return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
  }

  /** Compound names and calculated fields Salesforce maintains itself. */
  private derive(object: ObjectDef, row: SfRow): void {
    if (['Lead', 'Contact', 'User'].includes(object.name)) {
      row['Name'] = [row['FirstName'], row['LastName']]
        .filter((p) => typeof p === 'string' && p !== '')
        .join(' ');
    }
    if (object.name === 'Opportunity' && typeof row['StageName'] === 'string') {
      const { isClosed, isWon } = isClosedStage(row['StageName']);
      row['IsClosed'] = isClosed;
      row['IsWon'] = isWon;
    }
  }

  private checkUnique(object: ObjectDef, row: SfRow, id: string): void {
    for (const f of object.fields) {
      if (!(f.unique || f.externalId) || f.type === 'id') continue;
      const value = row[f.name];
      if (value === null || value === undefined || value === '') continue;
      const other = this.findIdByUnique(object, f, String(value));
      if (other !== undefined && other !== id) {
        throw badRequest(
          'DUPLICATE_VALUE',
          `duplicate value found: ${f.name} duplicates value on record with id: ${other}`,
          [f.name],
        );
      }
    }
  }

  /** The input's values that passed, and the problems of those that did not. */
  private coerceAll(
    object: ObjectDef,
    input: Readonly<Record<string, unknown>>,
    mode: 'create' | 'update',
    source: WriteSource,
  ): { values: SfRow; problems: Problems } {
    const values: SfRow = {};
    const problems = new Problems(object);
    for (const [key, raw] of Object.entries(input)) {
      if (key === 'attributes') continue;
      const f = findField(object, key);
      if (f === undefined) {
        const relationship = findRelationship(object, key);
        if (relationship !== undefined && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
          const id = problems.attempt(relationship, () =>
            this.resolveByExternalId(relationship, raw as Record<string, unknown>),
          );
          if (id !== undefined) values[relationship.name] = id;
          continue;
        }
        throw badRequest('INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`, [key]);
      }
      if (f.type === 'id') continue;
      const value = problems.attempt(f, () => {
        if (!(mode === 'create' ? f.createable : f.updateable)) {
          throw badRequest(
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            `Unable to create/update fields: ${f.name}. Please check the security settings of this field and ` +
              `verify that it is read/write for your profile or permission set.`,
            [f.name],
          );
        }
        const coerced = coerceValue(f, raw, source);
        if (f.type === 'reference' && typeof coerced === 'string') this.checkReference(f, coerced);
        return coerced;
      });
      if (value !== undefined) values[f.name] = value;
    }
    return { values, problems };
  }

  private checkReference(f: FieldDef, id: string): void {
    const target = objectByKeyPrefix(id);
    if (target === undefined || !f.referenceTo.includes(target.name)) {
      throw badRequest('FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${id}`, [
        f.name,
      ]);
    }
    if (this.get(target, id) === undefined) {
      throw badRequest('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [f.name]);
    }
  }

  /** `"Content_Asset__r": { "External_Id__c": "asset-1" }` → the asset's Id. */
  private resolveByExternalId(relationship: FieldDef, value: Record<string, unknown>): string {
    const entries = Object.entries(value).filter(([k]) => k !== 'attributes');
    const target =
      relationship.referenceTo.length === 1 ? findObject(relationship.referenceTo[0] ?? '') : undefined;
    const entry = entries[0];
    const f = target === undefined || entry === undefined ? undefined : findField(target, entry[0]);
    if (
      target === undefined ||
      entry === undefined ||
      entries.length !== 1 ||
      f === undefined ||
      !f.externalId
    ) {
      throw badRequest(
        'INVALID_FIELD',
        `Foreign key external ID on ${relationship.relationshipName ?? relationship.name} must name exactly one ` +
          `external ID field of the parent`,
        [relationship.name],
      );
    }
    const id = this.findIdByUnique(target, f, String(entry[1]));
    if (id === undefined) {
      throw badRequest(
        'INVALID_FIELD',
        `Foreign key external ID: ${String(entry[1])} not found for field ${f.name} in entity ${target.name}`,
        [relationship.name],
      );
    }
    return id;
  }
}

function typeError(f: FieldDef, raw: unknown, source: WriteSource): SfError {
  const shown = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  if (source === 'csv') {
    return badRequest('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.label}: value not of required type: ${shown}`, [
      f.name,
    ]);
  }
  const token =
    typeof raw === 'string'
      ? 'VALUE_STRING'
      : typeof raw === 'number'
        ? 'VALUE_NUMBER'
        : typeof raw === 'boolean'
          ? 'VALUE_TRUE'
          : Array.isArray(raw)
            ? 'START_ARRAY'
            : 'START_OBJECT';
  return badRequest(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${f.type} from ${token} value ${shown} or request may be missing a required field`,
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The stored value for `raw`, or undefined when a CSV cell is empty (left unchanged, as Bulk API does). */
export function coerceValue(f: FieldDef, raw: unknown, source: WriteSource): FieldValue | undefined {
  if (source === 'csv' && typeof raw === 'string') {
    if (raw === '') return undefined;
    if (raw === '#N/A') return null;
  }
  if (raw === null) return null;
  switch (f.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
      if (source === 'csv' && (raw === '1' || raw === '0')) return raw === '1';
      throw typeError(f, raw, source);
    }
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const n =
        typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n) || (f.type === 'int' && !Number.isInteger(n))) throw typeError(f, raw, source);
      return n;
    }
    case 'date': {
      if (typeof raw !== 'string') throw typeError(f, raw, source);
      const ms = parseDate(raw) ?? parseDateTime(raw);
      if (ms === null) throw typeError(f, raw, source);
      return formatDate(ms);
    }
    case 'datetime': {
      if (typeof raw !== 'string') throw typeError(f, raw, source);
      const ms = parseDateTime(raw) ?? parseDate(raw);
      if (ms === null) throw typeError(f, raw, source);
      return formatDateTime(ms);
    }
    case 'reference':
    case 'id': {
      if (typeof raw !== 'string') throw typeError(f, raw, source);
      if (raw === '') return null;
      const id = normalizeId(raw);
      if (id === null) {
        throw badRequest('MALFORMED_ID', `${f.label}: id value of incorrect type: ${raw}`, [f.name]);
      }
      return id;
    }
    default: {
      if (typeof raw === 'object') throw typeError(f, raw, source);
      const text = String(raw);
      if (text === '' && source === 'json') return null;
      if (text.length > f.length) {
        throw badRequest(
          'STRING_TOO_LONG',
          `${f.label}: data value too large: ${text.slice(0, 80)} (max length=${f.length})`,
          [f.name],
        );
      }
      if (f.type === 'email' && !EMAIL.test(text)) {
        throw badRequest('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${text}`, [f.name]);
      }
      if (f.type === 'picklist') return picklistValue(f, text);
      return text;
    }
  }
}

/**
 * Salesforce matches a picklist value case-insensitively and stores the defined value (`ACCEPTED` → `accepted`); a
 * restricted picklist refuses anything else, an unrestricted one stores it as given.
 */
function picklistValue(f: FieldDef, text: string): string {
  const lower = text.toLowerCase();
  const defined = f.picklistValues.find((v) => v.toLowerCase() === lower);
  if (defined !== undefined) return defined;
  if (f.restricted) {
    throw badRequest(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `bad value for restricted picklist field: ${text}`,
      [f.name],
    );
  }
  return text;
}
