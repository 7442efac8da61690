import * as z from 'zod';
import { route, type Route } from '../router';
import { invalid, notFound } from './errors';
import { json, noContent, parseBody, requireType, type HsContext, type HsHandler } from './context';
import type { AssociationRow, AssociationTypeRow, ObjectRow, ObjectTypeInfo } from './store';

const SpecSchema = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
  associationTypeId: z.number().int(),
});
const Id = z.union([z.string(), z.number()]).transform(String);
const BatchReadSchema = z.object({
  inputs: z.array(z.object({ id: Id, after: z.string().optional() })).max(1000),
});
const BatchCreateSchema = z.object({
  inputs: z
    .array(
      z.object({ from: z.object({ id: Id }), to: z.object({ id: Id }), types: z.array(SpecSchema).min(1) }),
    )
    .max(100),
});
const BatchDefaultSchema = z.object({
  inputs: z.array(z.object({ from: z.object({ id: Id }), to: z.object({ id: Id }) })).max(100),
});

function liveRecord(ctx: HsContext, type: ObjectTypeInfo, id: string): ObjectRow {
  const row = /^\d+$/.test(id) ? ctx.store.getObject(type.objectTypeId, Number(id)) : undefined;
  if (!row || row.archived) throw notFound(`${type.singular} ${id} not found`);
  return row;
}

function defaultType(ctx: HsContext, from: ObjectTypeInfo, to: ObjectTypeInfo): AssociationTypeRow {
  const found = ctx.store.associationTypes(from.objectTypeId, to.objectTypeId).find((t) => t.isDefault);
  if (!found) throw invalid(`No default association type exists from ${from.name} to ${to.name}`);
  return found;
}

function typeBySpec(
  ctx: HsContext,
  from: ObjectTypeInfo,
  to: ObjectTypeInfo,
  spec: z.infer<typeof SpecSchema>,
): AssociationTypeRow {
  const found = ctx.store
    .associationTypes(from.objectTypeId, to.objectTypeId)
    .find(
      (t) =>
        t.associationCategory === spec.associationCategory && t.associationTypeId === spec.associationTypeId,
    );
  if (!found) {
    throw invalid(
      `${spec.associationCategory} ${spec.associationTypeId} is not a valid association type between ${from.name} and ${to.name}`,
    );
  }
  return found;
}

/** Groups association rows by target, as v4 returns them. */
function groupByTarget(
  ctx: HsContext,
  from: ObjectTypeInfo,
  to: ObjectTypeInfo,
  rows: readonly AssociationRow[],
) {
  const labels = new Map(
    ctx.store
      .associationTypes(from.objectTypeId, to.objectTypeId)
      .map((t) => [`${t.associationCategory}:${t.associationTypeId}`, t.label] as const),
  );
  const byTarget = new Map<number, { category: string; typeId: number; label: string | null }[]>();
  for (const r of rows) {
    const list = byTarget.get(r.toId) ?? [];
    list.push({
      category: r.category,
      typeId: r.typeId,
      label: labels.get(`${r.category}:${r.typeId}`) ?? null,
    });
    byTarget.set(r.toId, list);
  }
  return [...byTarget].map(([toObjectId, associationTypes]) => ({ toObjectId, associationTypes }));
}

const getPage: HsHandler = (p, ctx) => {
  const from = requireType(ctx, p['from']);
  const to = requireType(ctx, p['to']);
  const row = liveRecord(ctx, from, p['id'] ?? '');
  const limit = Math.min(Math.max(Number(ctx.req.query.get('limit') ?? 500) || 500, 1), 500);
  const offset = Number(ctx.req.query.get('after') ?? 0) || 0;
  const all = groupByTarget(
    ctx,
    from,
    to,
    ctx.store.associations(from.objectTypeId, row.id, to.objectTypeId),
  );
  const next = offset + limit;
  return json(200, {
    results: all.slice(offset, next),
    ...(next < all.length ? { paging: { next: { after: String(next), link: `?after=${next}` } } } : {}),
  });
};

const createDefault: HsHandler = (p, ctx) => {
  const from = requireType(ctx, p['from']);
  const to = requireType(ctx, p['to']);
  const fromRow = liveRecord(ctx, from, p['id'] ?? '');
  const toRow = liveRecord(ctx, to, p['toId'] ?? '');
  const type = defaultType(ctx, from, to);
  ctx.store.associate(from.objectTypeId, fromRow.id, to.objectTypeId, toRow.id, type);
  const spec = { associationCategory: type.associationCategory, associationTypeId: type.associationTypeId };
  return json(200, {
    status: 'COMPLETE',
    results: [{ from: { id: String(fromRow.id) }, to: { id: String(toRow.id) }, associationSpec: spec }],
    startedAt: new Date(ctx.now).toISOString(),
    completedAt: new Date(ctx.now).toISOString(),
  });
};

const createLabelled: HsHandler = (p, ctx) => {
  const from = requireType(ctx, p['from']);
  const to = requireType(ctx, p['to']);
  const specs = parseBody(z.array(SpecSchema).min(1), ctx.req);
  const fromRow = liveRecord(ctx, from, p['id'] ?? '');
  const toRow = liveRecord(ctx, to, p['toId'] ?? '');
  const types = specs.map((s) => typeBySpec(ctx, from, to, s));
  ctx.store.db.transaction(() => {
    for (const t of types) ctx.store.associate(from.objectTypeId, fromRow.id, to.objectTypeId, toRow.id, t);
  })();
  const labels = ctx.store
    .associationTypes(from.objectTypeId, to.objectTypeId)
    .filter((t) =>
      ctx.store
        .associations(from.objectTypeId, fromRow.id, to.objectTypeId)
        .some((a) => a.toId === toRow.id && a.typeId === t.associationTypeId && t.label !== null),
    )
    .map((t) => t.label as string);
  return json(201, {
    fromObjectTypeId: from.objectTypeId,
    fromObjectId: fromRow.id,
    toObjectTypeId: to.objectTypeId,
    toObjectId: toRow.id,
    labels,
  });
};

const remove: HsHandler = (p, ctx) => {
  const from = requireType(ctx, p['from']);
  const to = requireType(ctx, p['to']);
  const fromRow = liveRecord(ctx, from, p['id'] ?? '');
  if (/^\d+$/.test(p['toId'] ?? ''))
    ctx.store.dissociate(from.objectTypeId, fromRow.id, to.objectTypeId, Number(p['toId']));
  return noContent();
};

const batchRead: HsHandler = (p, ctx) => {
  const from = requireType(ctx, p['from']);
  const to = requireType(ctx, p['to']);
  const input = parseBody(BatchReadSchema, ctx.req);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const { id } of input.inputs) {
    const row = /^\d+$/.test(id) ? ctx.store.getObject(from.objectTypeId, Number(id)) : undefined;
    const assoc =
      row && !row.archived ? ctx.store.associations(from.objectTypeId, row.id, to.objectTypeId) : [];
    if (assoc.length > 0) results.push({ from: { id }, to: groupByTarget(ctx, from, to, assoc) });
    else {
      errors.push({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        message: `No ${to.singular} is associated with ${from.singular} ${id}.`,
        context: { fromObjectId: [id] },
      });
    }
  }
  const body = {
    status: 'COMPLETE',
    results,
    startedAt: new Date(ctx.now).toISOString(),
    completedAt: new Date(ctx.now).toISOString(),
  };
  return errors.length === 0 ? json(200, body) : json(207, { ...body, numErrors: errors.length, errors });
};

const batchCreate: HsHandler = (p, ctx) => {
  const from = requireType(ctx, p['from']);
  const to = requireType(ctx, p['to']);
  const input = parseBody(BatchCreateSchema, ctx.req);
  const writes = input.inputs.map((i) => ({
    fromRow: liveRecord(ctx, from, i.from.id),
    toRow: liveRecord(ctx, to, i.to.id),
    types: i.types.map((s) => typeBySpec(ctx, from, to, s)),
  }));
  ctx.store.db.transaction(() => {
    for (const w of writes) {
      for (const t of w.types)
        ctx.store.associate(from.objectTypeId, w.fromRow.id, to.objectTypeId, w.toRow.id, t);
    }
  })();
  return json(201, {
    status: 'COMPLETE',
    results: writes.map((w) => ({
      fromObjectTypeId: from.objectTypeId,
      fromObjectId: w.fromRow.id,
      toObjectTypeId: to.objectTypeId,
      toObjectId: w.toRow.id,
      labels: w.types.map((t) => t.label).filter((l): l is string => l !== null),
    })),
    startedAt: new Date(ctx.now).toISOString(),
    completedAt: new Date(ctx.now).toISOString(),
  });
};

const batchDefault: HsHandler = (p, ctx) => {
  const from = requireType(ctx, p['from']);
  const to = requireType(ctx, p['to']);
  const input = parseBody(BatchDefaultSchema, ctx.req);
  const type = defaultType(ctx, from, to);
  const writes = input.inputs.map(
    (i) => [liveRecord(ctx, from, i.from.id), liveRecord(ctx, to, i.to.id)] as const,
  );
  ctx.store.db.transaction(() => {
    for (const [f, t] of writes) ctx.store.associate(from.objectTypeId, f.id, to.objectTypeId, t.id, type);
  })();
  const spec = { associationCategory: type.associationCategory, associationTypeId: type.associationTypeId };
  return json(200, {
    status: 'COMPLETE',
    results: writes.map(([f, t]) => ({
      from: { id: String(f.id) },
      to: { id: String(t.id) },
      associationSpec: spec,
    })),
    startedAt: new Date(ctx.now).toISOString(),
    completedAt: new Date(ctx.now).toISOString(),
  });
};

const labels: HsHandler = (p, ctx) => {
  const from = requireType(ctx, p['from']);
  const to = requireType(ctx, p['to']);
  return json(200, {
    results: ctx.store
      .associationTypes(from.objectTypeId, to.objectTypeId)
      .map((t) => ({ category: t.associationCategory, typeId: t.associationTypeId, label: t.label })),
  });
};

export function associationRoutes(): Route<HsHandler>[] {
  const obj = '/crm/v4/objects/:from/:id/associations';
  const batch = '/crm/v4/associations/:from/:to';
  return [
    route('GET', `${obj}/:to`, getPage),
    route('PUT', `${obj}/default/:to/:toId`, createDefault),
    route('PUT', `${obj}/:to/:toId`, createLabelled),
    route('DELETE', `${obj}/:to/:toId`, remove),
    route('POST', `${batch}/batch/read`, batchRead),
    route('POST', `${batch}/batch/create`, batchCreate),
    route('POST', `${batch}/batch/associate/default`, batchDefault),
    route('GET', `${batch}/labels`, labels),
  ];
}
