import type { Database, Statement } from 'better-sqlite3';
import { HUBSPOT_OBJECT_TYPE_IDS, type AssociationTypeSpec } from '../../hubspot/schema-names';

/** The emulated portal's id (custom objects' fully qualified names are `p123_<name>`). */
export const PORTAL_ID = 123;

export interface ObjectTypeInfo {
  readonly objectTypeId: string;
  /** `contacts` for standard objects, the schema name for custom objects. */
  readonly name: string;
  readonly singular: string;
  readonly fullyQualifiedName: string;
  readonly custom: boolean;
}

/** A property as the properties API returns it. */
export interface StoredProperty {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly fieldType: string;
  readonly groupName: string;
  readonly description: string;
  readonly options: readonly { label: string; value: string; displayOrder: number; hidden: boolean }[];
  readonly displayOrder: number;
  readonly calculated: boolean;
  readonly externalOptions: boolean;
  readonly hasUniqueValue: boolean;
  readonly hidden: boolean;
  readonly formField: boolean;
  readonly hubspotDefined?: boolean;
  readonly modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archived: boolean;
}

export interface StoredGroup {
  readonly name: string;
  readonly label: string;
  readonly displayOrder: number;
  readonly archived: boolean;
}

/** One value of a property's history, as `propertiesWithHistory` lists it. */
export interface PropertyHistoryEntry {
  readonly value: string;
  readonly timestamp: number;
  readonly sourceType: string;
}

export interface ObjectRow {
  readonly id: number;
  readonly typeId: string;
  readonly props: Record<string, string>;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archived: boolean;
}

export interface AssociationTypeRow extends AssociationTypeSpec {
  readonly fromTypeId: string;
  readonly toTypeId: string;
  readonly label: string | null;
  readonly inverseTypeId: number;
  /** The unlabelled type used by `associations/default`. */
  readonly isDefault: boolean;
}

export interface AssociationRow {
  readonly toId: number;
  readonly category: AssociationTypeSpec['associationCategory'];
  readonly typeId: number;
}

const STANDARD_TYPES: readonly ObjectTypeInfo[] = (
  Object.entries(HUBSPOT_OBJECT_TYPE_IDS) as [keyof typeof HUBSPOT_OBJECT_TYPE_IDS, string][]
).map(([name, objectTypeId]) => ({
  objectTypeId,
  name,
  singular: name === 'companies' ? 'company' : name.slice(0, -1),
  fullyQualifiedName: name,
  custom: false,
}));

const FIRST_OBJECT_ID = 100_000;

/** Creates the HubSpot tables (idempotent). */
export function migrateHubSpot(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS hs_objects (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      type_id TEXT NOT NULL,
      props TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      archived INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS hs_objects_type ON hs_objects (type_id, archived);
    CREATE TABLE IF NOT EXISTS hs_associations (
      from_type TEXT NOT NULL, from_id INTEGER NOT NULL, to_type TEXT NOT NULL, to_id INTEGER NOT NULL,
      category TEXT NOT NULL, type_id INTEGER NOT NULL,
      PRIMARY KEY (from_type, from_id, to_type, to_id, category, type_id)
    );
    CREATE TABLE IF NOT EXISTS hs_association_types (
      from_type TEXT NOT NULL, to_type TEXT NOT NULL, category TEXT NOT NULL, type_id INTEGER NOT NULL,
      label TEXT, inverse_type_id INTEGER NOT NULL, is_default INTEGER NOT NULL,
      PRIMARY KEY (from_type, to_type, category, type_id)
    );
    CREATE TABLE IF NOT EXISTS hs_properties (
      type_id TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (type_id, name)
    );
    CREATE TABLE IF NOT EXISTS hs_property_groups (
      type_id TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (type_id, name)
    );
    CREATE TABLE IF NOT EXISTS hs_schemas (
      object_type_id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, json TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS hs_owners (id TEXT PRIMARY KEY, json TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS hs_property_history (
      object_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, ts INTEGER NOT NULL, source TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS hs_property_history_by_object ON hs_property_history (object_id, name, ts);
  `);
}

/** Deletes every HubSpot row and restarts record ids, so a reseed gives the same ids as a fresh start. */
export function clearHubSpot(db: Database): void {
  db.exec(`
    DELETE FROM hs_objects; DELETE FROM hs_associations; DELETE FROM hs_association_types;
    DELETE FROM hs_properties; DELETE FROM hs_property_groups; DELETE FROM hs_schemas; DELETE FROM hs_owners;
    DELETE FROM hs_property_history;
    DELETE FROM sqlite_sequence WHERE name = 'hs_objects';
  `);
  db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('hs_objects', ?)").run(FIRST_OBJECT_ID);
}

interface RawObjectRow {
  id: number;
  type_id: string;
  props: string;
  created_at: number;
  updated_at: number;
  archived: number;
}

const toObjectRow = (r: RawObjectRow): ObjectRow => ({
  id: r.id,
  typeId: r.type_id,
  props: JSON.parse(r.props) as Record<string, string>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  archived: r.archived === 1,
});

/** Typed access to the HubSpot tables, with prepared statements and a property cache. */
export class HubSpotStore {
  private readonly propertyCache = new Map<string, Map<string, StoredProperty>>();
  private readonly stmt: Record<string, Statement>;

  constructor(readonly db: Database) {
    this.stmt = {
      getObject: db.prepare('SELECT * FROM hs_objects WHERE type_id = ? AND id = ?'),
      listObjects: db.prepare('SELECT * FROM hs_objects WHERE type_id = ? AND archived = 0 ORDER BY id'),
      insertObject: db.prepare(
        'INSERT INTO hs_objects (type_id, props, created_at, updated_at, archived) VALUES (?, ?, ?, ?, 0)',
      ),
      updateObject: db.prepare('UPDATE hs_objects SET props = ?, updated_at = ? WHERE id = ?'),
      objectById: db.prepare('SELECT * FROM hs_objects WHERE id = ?'),
      historyOf: db.prepare(
        'SELECT value, ts, source FROM hs_property_history WHERE object_id = ? AND name = ? ORDER BY ts DESC, rowid DESC',
      ),
      hasHistory: db.prepare('SELECT 1 FROM hs_property_history WHERE object_id = ? AND name = ? LIMIT 1'),
      insertHistory: db.prepare('INSERT INTO hs_property_history VALUES (?, ?, ?, ?, ?)'),
      archiveObject: db.prepare('UPDATE hs_objects SET archived = 1, updated_at = ? WHERE id = ?'),
      listAssoc: db.prepare(
        'SELECT to_id, category, type_id FROM hs_associations WHERE from_type = ? AND from_id = ? AND to_type = ? ORDER BY to_id, type_id',
      ),
      insertAssoc: db.prepare('INSERT OR IGNORE INTO hs_associations VALUES (?, ?, ?, ?, ?, ?)'),
      deleteAssoc: db.prepare(
        'DELETE FROM hs_associations WHERE from_type = ? AND from_id = ? AND to_type = ? AND to_id = ?',
      ),
      listAssocTypes: db.prepare('SELECT * FROM hs_association_types WHERE from_type = ? AND to_type = ?'),
      insertAssocType: db.prepare('INSERT OR REPLACE INTO hs_association_types VALUES (?, ?, ?, ?, ?, ?, ?)'),
      maxAssocTypeId: db.prepare('SELECT MAX(type_id) AS max FROM hs_association_types'),
      listProperties: db.prepare('SELECT json FROM hs_properties WHERE type_id = ? ORDER BY rowid'),
      upsertProperty: db.prepare('INSERT OR REPLACE INTO hs_properties VALUES (?, ?, ?)'),
      listGroups: db.prepare('SELECT json FROM hs_property_groups WHERE type_id = ? ORDER BY rowid'),
      upsertGroup: db.prepare('INSERT OR REPLACE INTO hs_property_groups VALUES (?, ?, ?)'),
      listSchemas: db.prepare('SELECT object_type_id, name, json FROM hs_schemas ORDER BY rowid'),
      insertSchema: db.prepare('INSERT INTO hs_schemas VALUES (?, ?, ?)'),
      updateSchema: db.prepare('UPDATE hs_schemas SET json = ? WHERE object_type_id = ?'),
      listOwners: db.prepare('SELECT json FROM hs_owners ORDER BY CAST(id AS INTEGER)'),
      insertOwner: db.prepare('INSERT OR REPLACE INTO hs_owners VALUES (?, ?)'),
    };
  }

  // ------------------------------------------------------------ object types

  objectTypes(): ObjectTypeInfo[] {
    const custom = (this.stmt['listSchemas'] as Statement).all() as {
      object_type_id: string;
      name: string;
    }[];
    return [
      ...STANDARD_TYPES,
      ...custom.map((s) => ({
        objectTypeId: s.object_type_id,
        name: s.name,
        singular: s.name,
        fullyQualifiedName: `p${PORTAL_ID}_${s.name}`,
        custom: true,
      })),
    ];
  }

  /** Resolves a path segment: `contacts`, `contact`, `0-1`, a custom name, `p123_<name>` or `2-…`. */
  resolveType(segment: string): ObjectTypeInfo | undefined {
    const key = decodeURIComponent(segment).toLowerCase();
    return this.objectTypes().find(
      (t) =>
        t.objectTypeId === key ||
        t.name.toLowerCase() === key ||
        t.singular.toLowerCase() === key ||
        t.fullyQualifiedName.toLowerCase() === key,
    );
  }

  schemaJson(objectTypeId: string): Record<string, unknown> | undefined {
    const rows = (this.stmt['listSchemas'] as Statement).all() as { object_type_id: string; json: string }[];
    const row = rows.find((r) => r.object_type_id === objectTypeId);
    return row ? (JSON.parse(row.json) as Record<string, unknown>) : undefined;
  }

  allSchemaJson(): Record<string, unknown>[] {
    const rows = (this.stmt['listSchemas'] as Statement).all() as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Record<string, unknown>);
  }

  insertSchema(objectTypeId: string, name: string, json: Record<string, unknown>): void {
    (this.stmt['insertSchema'] as Statement).run(objectTypeId, name, JSON.stringify(json));
  }

  updateSchema(objectTypeId: string, json: Record<string, unknown>): void {
    (this.stmt['updateSchema'] as Statement).run(JSON.stringify(json), objectTypeId);
  }

  nextCustomObjectTypeId(): string {
    const rows = (this.stmt['listSchemas'] as Statement).all() as { object_type_id: string }[];
    const max = rows.reduce((m, r) => Math.max(m, Number(r.object_type_id.slice(2))), 90_000);
    return `2-${max + 1}`;
  }

  // ------------------------------------------------------------ properties

  properties(typeId: string): Map<string, StoredProperty> {
    let cached = this.propertyCache.get(typeId);
    if (!cached) {
      const rows = (this.stmt['listProperties'] as Statement).all(typeId) as { json: string }[];
      cached = new Map(
        rows.map((r) => {
          const p = JSON.parse(r.json) as StoredProperty;
          return [p.name, p];
        }),
      );
      this.propertyCache.set(typeId, cached);
    }
    return cached;
  }

  putProperty(typeId: string, property: StoredProperty): void {
    (this.stmt['upsertProperty'] as Statement).run(typeId, property.name, JSON.stringify(property));
    this.propertyCache.delete(typeId);
  }

  groups(typeId: string): StoredGroup[] {
    const rows = (this.stmt['listGroups'] as Statement).all(typeId) as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as StoredGroup);
  }

  putGroup(typeId: string, group: StoredGroup): void {
    (this.stmt['upsertGroup'] as Statement).run(typeId, group.name, JSON.stringify(group));
  }

  forgetCaches(): void {
    this.propertyCache.clear();
  }

  // ------------------------------------------------------------ objects

  getObject(typeId: string, id: number): ObjectRow | undefined {
    const raw = (this.stmt['getObject'] as Statement).get(typeId, id) as RawObjectRow | undefined;
    return raw ? toObjectRow(raw) : undefined;
  }

  listObjects(typeId: string): ObjectRow[] {
    return ((this.stmt['listObjects'] as Statement).all(typeId) as RawObjectRow[]).map(toObjectRow);
  }

  private readonly byValue = new Map<string, Statement>();

  /**
   * The live records of a type whose property `name` holds `value`, ignoring case (as HubSpot matches unique values
   * and `idProperty` reads). An expression index per property keeps it a lookup, not a scan of every record: keyed
   * writes and reads on a large object (a portal's activities) stay fast.
   */
  findByProperty(typeId: string, name: string, value: string): ObjectRow[] {
    if (!/^[A-Za-z0-9_]+$/.test(name)) return [];
    let stmt = this.byValue.get(name);
    if (stmt === undefined) {
      const expression = `lower(json_extract(props, '$.${name}'))`;
      this.db.exec(
        `CREATE INDEX IF NOT EXISTS hs_objects_by_${name} ON hs_objects (type_id, ${expression}) WHERE archived = 0`,
      );
      stmt = this.db.prepare(
        `SELECT * FROM hs_objects WHERE type_id = ? AND archived = 0 AND ${expression} = lower(?) ORDER BY id`,
      );
      this.byValue.set(name, stmt);
    }
    return (stmt.all(typeId, value) as RawObjectRow[]).map(toObjectRow);
  }

  insertObject(
    typeId: string,
    props: Record<string, string>,
    createdAt: number,
    updatedAt = createdAt,
  ): number {
    const info = (this.stmt['insertObject'] as Statement).run(
      typeId,
      JSON.stringify(props),
      createdAt,
      updatedAt,
    );
    return Number(info.lastInsertRowid);
  }

  /** Replaces a record's properties; every changed value joins the property's history, as HubSpot keeps it. */
  updateObject(id: number, props: Record<string, string>, updatedAt: number): void {
    const before = (this.stmt['objectById'] as Statement).get(id) as RawObjectRow | undefined;
    if (before !== undefined) {
      const old = JSON.parse(before.props) as Record<string, string>;
      for (const name of new Set([...Object.keys(old), ...Object.keys(props)])) {
        const [was, now] = [old[name] ?? '', props[name] ?? ''];
        if (was === now) continue;
        // The value a record was created with has no history row until it first changes.
        if (was !== '' && (this.stmt['hasHistory'] as Statement).get(id, name) === undefined) {
          this.recordHistory(id, name, was, before.created_at, 'CRM_UI');
        }
        this.recordHistory(id, name, now, updatedAt, 'INTEGRATION');
      }
    }
    (this.stmt['updateObject'] as Statement).run(JSON.stringify(props), updatedAt, id);
  }

  /** Adds one value to a property's history (seeding writes a record's past this way). */
  recordHistory(id: number, name: string, value: string, at: number, source: string): void {
    (this.stmt['insertHistory'] as Statement).run(id, name, value, at, source);
  }

  /** A property's values, newest first; a value never changed is its one entry, from the record's creation. */
  propertyHistory(row: ObjectRow, name: string): PropertyHistoryEntry[] {
    const rows = (this.stmt['historyOf'] as Statement).all(row.id, name) as {
      value: string;
      ts: number;
      source: string;
    }[];
    if (rows.length > 0) return rows.map((r) => ({ value: r.value, timestamp: r.ts, sourceType: r.source }));
    const current = row.props[name];
    return current === undefined || current === ''
      ? []
      : [{ value: current, timestamp: row.createdAt, sourceType: 'CRM_UI' }];
  }

  archiveObject(id: number, at: number): void {
    (this.stmt['archiveObject'] as Statement).run(at, id);
  }

  // ------------------------------------------------------------ associations

  associationTypes(fromTypeId: string, toTypeId: string): AssociationTypeRow[] {
    const rows = (this.stmt['listAssocTypes'] as Statement).all(fromTypeId, toTypeId) as {
      from_type: string;
      to_type: string;
      category: AssociationTypeSpec['associationCategory'];
      type_id: number;
      label: string | null;
      inverse_type_id: number;
      is_default: number;
    }[];
    return rows.map((r) => ({
      fromTypeId: r.from_type,
      toTypeId: r.to_type,
      associationCategory: r.category,
      associationTypeId: r.type_id,
      label: r.label,
      inverseTypeId: r.inverse_type_id,
      isDefault: r.is_default === 1,
    }));
  }

  /** Every association type from an object type, to any type. */
  associationTypesFrom(fromTypeId: string): AssociationTypeRow[] {
    const targets = this.db
      .prepare('SELECT DISTINCT to_type FROM hs_association_types WHERE from_type = ? ORDER BY to_type')
      .all(fromTypeId) as { to_type: string }[];
    return targets.flatMap((t) => this.associationTypes(fromTypeId, t.to_type));
  }

  /** The association type with this id from an object type (HubSpot infers the target type from it). */
  associationTypeById(
    fromTypeId: string,
    category: AssociationTypeSpec['associationCategory'],
    typeId: number,
  ): AssociationTypeRow | undefined {
    const all = this.db
      .prepare(
        'SELECT to_type FROM hs_association_types WHERE from_type = ? AND category = ? AND type_id = ?',
      )
      .all(fromTypeId, category, typeId) as { to_type: string }[];
    const first = all[0];
    if (!first) return undefined;
    return this.associationTypes(fromTypeId, first.to_type).find(
      (t) => t.associationCategory === category && t.associationTypeId === typeId,
    );
  }

  /** Registers an association type and its inverse. */
  putAssociationType(
    fromTypeId: string,
    toTypeId: string,
    spec: AssociationTypeSpec,
    inverse: AssociationTypeSpec,
    label: string | null,
    isDefault: boolean,
  ): void {
    const insert = this.stmt['insertAssocType'] as Statement;
    const flag = isDefault ? 1 : 0;
    insert.run(
      fromTypeId,
      toTypeId,
      spec.associationCategory,
      spec.associationTypeId,
      label,
      inverse.associationTypeId,
      flag,
    );
    insert.run(
      toTypeId,
      fromTypeId,
      inverse.associationCategory,
      inverse.associationTypeId,
      label,
      spec.associationTypeId,
      flag,
    );
  }

  nextAssociationTypeId(): number {
    const row = (this.stmt['maxAssocTypeId'] as Statement).get() as { max: number | null };
    return Math.max(2000, (row.max ?? 0) + 1);
  }

  associations(fromTypeId: string, fromId: number, toTypeId: string): AssociationRow[] {
    const rows = (this.stmt['listAssoc'] as Statement).all(fromTypeId, fromId, toTypeId) as {
      to_id: number;
      category: AssociationTypeSpec['associationCategory'];
      type_id: number;
    }[];
    return rows.map((r) => ({ toId: r.to_id, category: r.category, typeId: r.type_id }));
  }

  /** Stores an association in both directions (the inverse type comes from the registered type). */
  associate(
    fromTypeId: string,
    fromId: number,
    toTypeId: string,
    toId: number,
    type: AssociationTypeRow,
  ): void {
    const insert = this.stmt['insertAssoc'] as Statement;
    insert.run(fromTypeId, fromId, toTypeId, toId, type.associationCategory, type.associationTypeId);
    insert.run(toTypeId, toId, fromTypeId, fromId, type.associationCategory, type.inverseTypeId);
  }

  dissociate(fromTypeId: string, fromId: number, toTypeId: string, toId: number): void {
    const del = this.stmt['deleteAssoc'] as Statement;
    del.run(fromTypeId, fromId, toTypeId, toId);
    del.run(toTypeId, toId, fromTypeId, fromId);
  }

  // ------------------------------------------------------------ owners

  owners(): Record<string, unknown>[] {
    const rows = (this.stmt['listOwners'] as Statement).all() as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as Record<string, unknown>);
  }

  putOwner(id: string, owner: Record<string, unknown>): void {
    (this.stmt['insertOwner'] as Statement).run(id, JSON.stringify(owner));
  }
}

const stores = new WeakMap<Database, HubSpotStore>();

/** One store per database connection (prepared statements are tied to it). */
export function storeFor(db: Database): HubSpotStore {
  let store = stores.get(db);
  if (!store) {
    store = new HubSpotStore(db);
    stores.set(db, store);
  }
  return store;
}
