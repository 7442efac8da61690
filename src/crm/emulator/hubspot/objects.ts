import * as z from 'zod';
import { route, type Route } from '../router';
import { HubSpotError, invalid, notFound } from './errors';
import {
  json,
  listParam,
  noContent,
  parseBody,
  requireType,
  type HsContext,
  type HsHandler,
} from './context';
import { applyValues, defaultPropertyNames, normaliseWrite, propertyValue } from './properties';
import {
  SEARCH_RESULT_CAP,
  SearchRequestSchema,
  filterProblems,
  runSearch,
  type SearchAccess,
} from './search';
import type { AssociationTypeRow, ObjectRow, ObjectTypeInfo } from './store';

const BATCH_LIMIT = 100;
/** A batch read that asks for property histories takes at most 50 ids. */
const HISTORY_BATCH_LIMIT = 50;

const PropertiesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const AssociationInputSchema = z.object({
  to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
  types: z
    .array(
      z.object({
        associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
        associationTypeId: z.number().int(),
      }),
    )
    .min(1),
});
const CreateSchema = z.object({
  properties: PropertiesSchema.default({}),
  associations: z.array(AssociationInputSchema).default([]),
});
const UpdateSchema = z.object({ properties: PropertiesSchema });
const IdInput = z.object({ id: z.union([z.string(), z.number()]).transform(String) });
const batchOf = <S extends z.ZodType>(item: S) => z.object({ inputs: z.array(item).max(BATCH_LIMIT) });
const BatchReadSchema = batchOf(IdInput).extend({
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});
const BatchUpdateSchema = batchOf(
  IdInput.extend({ properties: PropertiesSchema, idProperty: z.string().optional() }),
);
const BatchUpsertSchema = batchOf(
  IdInput.extend({ properties: PropertiesSchema, idProperty: z.string().min(1) }),
);

type AssociationInput = z.infer<typeof AssociationInputSchema>;

const iso = (ms: number): string => new Date(ms).toISOString();

/** A record as the v3 objects API returns it. */
export function publicObject(
  ctx: HsContext,
  type: ObjectTypeInfo,
  row: ObjectRow,
  requested: readonly string[] | undefined,
  associationTypes: readonly string[] = [],
  withHistory: readonly string[] = [],
): Record<string, unknown> {
  const known = ctx.store.properties(type.objectTypeId);
  const names = new Set(
    defaultPropertyNames(type).filter((n) => requested === undefined || isAlwaysReturned(n)),
  );
  for (const name of requested ?? []) if (known.has(name)) names.add(name);
  const properties: Record<string, string | null> = {};
  for (const name of names) properties[name] = propertyValue(row, name);
  const result: Record<string, unknown> = {
    id: String(row.id),
    properties,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    archived: row.archived,
    ...(row.archived ? { archivedAt: iso(row.updatedAt) } : {}),
  };
  const historyOf = withHistory.filter((name) => known.has(name));
  if (historyOf.length > 0) {
    result['propertiesWithHistory'] = Object.fromEntries(
      historyOf.map((name) => [
        name,
        ctx.store
          .propertyHistory(row, name)
          .map((h) => ({ value: h.value, timestamp: iso(h.timestamp), sourceType: h.sourceType })),
      ]),
    );
  }
  if (associationTypes.length > 0) {
    const associations: Record<string, unknown> = {};
    for (const segment of associationTypes) {
      const toType = ctx.store.resolveType(segment);
      if (!toType) continue;
      const rows = ctx.store.associations(type.objectTypeId, row.id, toType.objectTypeId);
      if (rows.length === 0) continue;
      // HubSpot keys them by the target's name (`contacts`), or a custom object's fully qualified name, however
      // the request named the type.
      associations[toType.fullyQualifiedName] = {
        results: rows.map((a) => ({ id: String(a.toId), type: `${type.singular}_to_${toType.singular}` })),
      };
    }
    if (Object.keys(associations).length > 0) result['associations'] = associations;
  }
  return result;
}

const isAlwaysReturned = (name: string): boolean =>
  ['hs_object_id', 'createdate', 'lastmodifieddate', 'hs_lastmodifieddate'].includes(name);

/** Finds a live record by id, or by a unique property when `idProperty` is given. */
function findRecord(
  ctx: HsContext,
  type: ObjectTypeInfo,
  id: string,
  idProperty?: string,
): ObjectRow | undefined {
  if (idProperty && idProperty !== 'hs_object_id') {
    if (!ctx.store.properties(type.objectTypeId).has(idProperty)) {
      throw invalid(`Property "${idProperty}" does not exist`);
    }
    return ctx.store.findByProperty(type.objectTypeId, idProperty, id)[0];
  }
  if (!/^\d+$/.test(id)) return undefined;
  const row = ctx.store.getObject(type.objectTypeId, Number(id));
  return row && !row.archived ? row : undefined;
}

/** Properties whose values must be unique among live records of the type (contacts' email always is). */
function uniqueProperties(ctx: HsContext, type: ObjectTypeInfo): string[] {
  const names = [...ctx.store.properties(type.objectTypeId).values()]
    .filter((p) => p.hasUniqueValue)
    .map((p) => p.name);
  return type.objectTypeId === '0-1' ? ['email', ...names] : names;
}

/**
 * Checks that writes keep unique values unique — against stored records and within the batch — or throws 409.
 * Each write is `[record id or undefined for a create, the record's properties after the write]`.
 */
function checkUnique(
  ctx: HsContext,
  type: ObjectTypeInfo,
  writes: readonly (readonly [number | undefined, Readonly<Record<string, string>>])[],
): void {
  const uniques = uniqueProperties(ctx, type);
  if (uniques.length === 0) return;
  const writtenIds = new Set(writes.map(([id]) => id).filter((id) => id !== undefined));
  for (const name of uniques) {
    // Values this batch claims, so two records of one batch cannot share a value either.
    const claimed = new Map<string, number | undefined>();
    for (const [id, props] of writes) {
      const v = props[name];
      if (v === undefined) continue;
      const key = v.toLowerCase();
      const stored = ctx.store
        .findByProperty(type.objectTypeId, name, v)
        .find((row) => !writtenIds.has(row.id) && row.id !== id);
      if (claimed.has(key) || stored !== undefined) {
        const existing = claimed.has(key) ? claimed.get(key) : stored?.id;
        const message =
          type.objectTypeId === '0-1' && name === 'email'
            ? `Contact already exists. Existing ID: ${existing ?? ''}`
            : `A ${type.singular} with the value ${v} for the unique property ${name} already exists. Existing ID: ${existing ?? ''}`;
        throw new HubSpotError(409, 'CONFLICT', message, [
          {
            message,
            code: 'DUPLICATE_VALUE',
            context: { propertyName: [name], existingId: [String(existing ?? '')] },
          },
        ]);
      }
      claimed.set(key, id);
    }
  }
}

/** Resolves create-body associations to registered types and existing targets, or throws 400. */
function resolveAssociations(
  ctx: HsContext,
  type: ObjectTypeInfo,
  inputs: readonly AssociationInput[],
): { toTypeId: string; toId: number; assocType: AssociationTypeRow }[] {
  const resolved: { toTypeId: string; toId: number; assocType: AssociationTypeRow }[] = [];
  for (const input of inputs) {
    for (const spec of input.types) {
      if (spec.associationCategory === 'INTEGRATOR_DEFINED')
        throw invalid('INTEGRATOR_DEFINED associations are not supported');
      const assocType = ctx.store.associationTypeById(
        type.objectTypeId,
        spec.associationCategory,
        spec.associationTypeId,
      );
      if (!assocType) {
        throw invalid(
          `${spec.associationCategory} ${spec.associationTypeId} is not a valid association type from ${type.name}`,
        );
      }
      const target = /^\d+$/.test(input.to.id)
        ? ctx.store.getObject(assocType.toTypeId, Number(input.to.id))
        : undefined;
      if (!target || target.archived) {
        throw invalid(`One or more associations are invalid: object ${input.to.id} does not exist`);
      }
      resolved.push({ toTypeId: assocType.toTypeId, toId: target.id, assocType });
    }
  }
  return resolved;
}

interface PreparedCreate {
  readonly props: Record<string, string>;
  readonly associations: ReturnType<typeof resolveAssociations>;
}

function prepareCreate(
  ctx: HsContext,
  type: ObjectTypeInfo,
  input: z.infer<typeof CreateSchema>,
): PreparedCreate {
  const values = normaliseWrite(ctx.store, type, input.properties);
  return { props: applyValues({}, values), associations: resolveAssociations(ctx, type, input.associations) };
}

function insertPrepared(ctx: HsContext, type: ObjectTypeInfo, prepared: PreparedCreate): ObjectRow {
  const id = ctx.store.insertObject(type.objectTypeId, prepared.props, ctx.now);
  for (const a of prepared.associations)
    ctx.store.associate(type.objectTypeId, id, a.toTypeId, a.toId, a.assocType);
  return ctx.store.getObject(type.objectTypeId, id) as ObjectRow;
}

const batchResponse = (ctx: HsContext, results: unknown[], status = 'COMPLETE'): Record<string, unknown> => ({
  status,
  results,
  startedAt: iso(ctx.now),
  completedAt: iso(ctx.now),
});

// ---------------------------------------------------------------- handlers

const getById: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const q = ctx.req.query;
  const archived = q.get('archived') === 'true';
  const idProperty = q.get('idProperty') ?? undefined;
  const id = p['id'] ?? '';
  const row =
    archived && !idProperty
      ? ctx.store.getObject(type.objectTypeId, Number(id))
      : findRecord(ctx, type, id, idProperty);
  if (!row || row.archived !== archived) throw notFound();
  return json(
    200,
    publicObject(
      ctx,
      type,
      row,
      listParam(q, 'properties'),
      listParam(q, 'associations'),
      listParam(q, 'propertiesWithHistory') ?? [],
    ),
  );
};

const list: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const q = ctx.req.query;
  const limit = Math.min(Math.max(Number(q.get('limit') ?? 10) || 10, 1), 100);
  // `after` is where the next page starts: the id after the last one returned.
  const after = Number(q.get('after') ?? 0) || 0;
  const rows = ctx.store.listObjects(type.objectTypeId).filter((r) => r.id >= after);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return json(200, {
    results: page.map((r) =>
      publicObject(ctx, type, r, listParam(q, 'properties'), listParam(q, 'associations')),
    ),
    ...(rows.length > limit && last
      ? { paging: { next: { after: String(last.id + 1), link: `?after=${last.id + 1}` } } }
      : {}),
  });
};

const create: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(CreateSchema, ctx.req);
  const prepared = prepareCreate(ctx, type, input);
  checkUnique(ctx, type, [[undefined, prepared.props]]);
  const row = ctx.store.db.transaction(() => insertPrepared(ctx, type, prepared))();
  return json(201, publicObject(ctx, type, row, Object.keys(prepared.props)));
};

const update: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(UpdateSchema, ctx.req);
  const row = findRecord(ctx, type, p['id'] ?? '', ctx.req.query.get('idProperty') ?? undefined);
  if (!row) throw notFound();
  const values = normaliseWrite(ctx.store, type, input.properties);
  const next = applyValues(row.props, values);
  checkUnique(ctx, type, [[row.id, next]]);
  ctx.store.updateObject(row.id, next, ctx.now);
  const updated = ctx.store.getObject(type.objectTypeId, row.id) as ObjectRow;
  return json(200, publicObject(ctx, type, updated, Object.keys(next)));
};

const archive: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const row = findRecord(ctx, type, p['id'] ?? '');
  // HubSpot answers 204 for an id that is already archived or unknown.
  if (row) ctx.store.archiveObject(row.id, ctx.now);
  return noContent();
};

const batchRead: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(BatchReadSchema, ctx.req);
  if (input.propertiesWithHistory.length > 0 && input.inputs.length > HISTORY_BATCH_LIMIT) {
    throw invalid(
      `The maximum number of inputs supported in a batch request for property histories is ${HISTORY_BATCH_LIMIT}. Please reduce the number of items and try again`,
    );
  }
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const { id } of input.inputs) {
    const row = findRecord(ctx, type, id, input.idProperty);
    if (row) results.push(publicObject(ctx, type, row, input.properties, [], input.propertiesWithHistory));
    else missing.push(id);
  }
  if (missing.length === 0) return json(200, batchResponse(ctx, results));
  return json(207, {
    ...batchResponse(ctx, results),
    numErrors: 1,
    errors: [
      {
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        message: `Could not get some ${type.singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
        context: { ids: missing },
      },
    ],
  });
};

const batchCreate: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(batchOf(CreateSchema), ctx.req);
  const prepared = input.inputs.map((i) => prepareCreate(ctx, type, i));
  checkUnique(
    ctx,
    type,
    prepared.map((x) => [undefined, x.props] as const),
  );
  const rows = ctx.store.db.transaction(() => prepared.map((x) => insertPrepared(ctx, type, x)))();
  return json(
    201,
    batchResponse(
      ctx,
      rows.map((r, i) => publicObject(ctx, type, r, Object.keys(prepared[i]?.props ?? {}))),
    ),
  );
};

const batchUpdate: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(BatchUpdateSchema, ctx.req);
  const writes = input.inputs.map((i) => {
    const row = findRecord(ctx, type, i.id, i.idProperty);
    if (!row) throw notFound(`Object ${i.id} not found`);
    return [row, applyValues(row.props, normaliseWrite(ctx.store, type, i.properties))] as const;
  });
  checkUnique(
    ctx,
    type,
    writes.map(([row, next]) => [row.id, next] as const),
  );
  ctx.store.db.transaction(() => {
    for (const [row, next] of writes) ctx.store.updateObject(row.id, next, ctx.now);
  })();
  return json(
    200,
    batchResponse(
      ctx,
      writes.map(([row, next]) =>
        publicObject(
          ctx,
          type,
          ctx.store.getObject(type.objectTypeId, row.id) as ObjectRow,
          Object.keys(next),
        ),
      ),
    ),
  );
};

const batchUpsert: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(BatchUpsertSchema, ctx.req);
  const writes = input.inputs.map((i) => {
    const row = findRecord(ctx, type, i.id, i.idProperty);
    const values = normaliseWrite(ctx.store, type, { ...i.properties, [i.idProperty]: i.id });
    return [row, applyValues(row?.props ?? {}, values)] as const;
  });
  checkUnique(
    ctx,
    type,
    writes.map(([row, next]) => [row?.id, next] as const),
  );
  const results = ctx.store.db.transaction(() =>
    writes.map(([row, next]) => {
      if (row) ctx.store.updateObject(row.id, next, ctx.now);
      const id = row ? row.id : ctx.store.insertObject(type.objectTypeId, next, ctx.now);
      const stored = ctx.store.getObject(type.objectTypeId, id) as ObjectRow;
      return { ...publicObject(ctx, type, stored, Object.keys(next)), new: row === undefined };
    }),
  )();
  return json(200, batchResponse(ctx, results));
};

const batchArchive: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(batchOf(IdInput), ctx.req);
  ctx.store.db.transaction(() => {
    for (const { id } of input.inputs) {
      const row = findRecord(ctx, type, id);
      if (row) ctx.store.archiveObject(row.id, ctx.now);
    }
  })();
  return noContent();
};

const search: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const request = parseBody(SearchRequestSchema, ctx.req);
  const problems = filterProblems(request);
  if (problems.length > 0)
    throw invalid(
      problems.join(' '),
      problems.map((message) => ({ message, code: 'INVALID_FILTER' })),
    );
  if ((request.after ?? 0) >= SEARCH_RESULT_CAP) {
    throw invalid(
      `There was a problem with the request: search results are limited to ${SEARCH_RESULT_CAP} records; after=${request.after ?? 0} is past the cap. Narrow the filters instead of paging further.`,
    );
  }
  const known = ctx.store.properties(type.objectTypeId);
  const assocCache = new Map<string, Map<number, string[]>>();
  const access: SearchAccess<ObjectRow> = {
    propertyType: (name) => (name === 'hs_object_id' ? 'number' : known.get(name)?.type),
    value: propertyValue,
    associatedIds: (row, segment) => {
      const toType = ctx.store.resolveType(segment);
      if (!toType) return [];
      let byRow = assocCache.get(toType.objectTypeId);
      if (!byRow) {
        byRow = new Map();
        assocCache.set(toType.objectTypeId, byRow);
      }
      let ids = byRow.get(row.id);
      if (!ids) {
        ids = ctx.store
          .associations(type.objectTypeId, row.id, toType.objectTypeId)
          .map((a) => String(a.toId));
        byRow.set(row.id, ids);
      }
      return ids;
    },
    queryText: (row) =>
      ['firstname', 'lastname', 'email', 'dealname', 'company', 'hs_object_id']
        .map((n) => propertyValue(row, n))
        .filter((v): v is string => v !== null),
  };
  const page = runSearch(ctx.store.listObjects(type.objectTypeId), request, access);
  return json(200, {
    total: page.total,
    results: page.results.map((r) => publicObject(ctx, type, r, request.properties)),
    ...(page.nextAfter !== undefined
      ? { paging: { next: { after: page.nextAfter, link: `?after=${page.nextAfter}` } } }
      : {}),
  });
};

export function objectRoutes(): Route<HsHandler>[] {
  const base = '/crm/v3/objects/:type';
  return [
    route('POST', `${base}/search`, search),
    route('POST', `${base}/batch/read`, batchRead),
    route('POST', `${base}/batch/create`, batchCreate),
    route('POST', `${base}/batch/update`, batchUpdate),
    route('POST', `${base}/batch/upsert`, batchUpsert),
    route('POST', `${base}/batch/archive`, batchArchive),
    route('GET', base, list),
    route('POST', base, create),
    route('GET', `${base}/:id`, getById),
    route('PATCH', `${base}/:id`, update),
    route('DELETE', `${base}/:id`, archive),
  ];
}
