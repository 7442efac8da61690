import * as z from 'zod';
import { route, type Route } from '../router';
import { HubSpotError, invalid, notFound } from './errors';
import { json, parseBody, requireType, type HsContext, type HsHandler } from './context';
import { createProperty, PropertyCreateSchema } from './properties-api';
import { systemProperties, toStoredProperty } from './properties';
import { PORTAL_ID, type HubSpotStore, type ObjectTypeInfo } from './store';

const LabelsSchema = z.object({ singular: z.string().min(1), plural: z.string().min(1) });

export const SchemaCreateSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'Object names must be lowercase letters, digits and underscores'),
  labels: LabelsSchema,
  description: z.string().optional(),
  primaryDisplayProperty: z.string().optional(),
  secondaryDisplayProperties: z.array(z.string()).default([]),
  requiredProperties: z.array(z.string()).default([]),
  searchableProperties: z.array(z.string()).default([]),
  properties: z.array(PropertyCreateSchema.extend({ groupName: z.string().min(1).optional() })).min(1),
  associatedObjects: z.array(z.string()).default([]),
});
const SchemaPatchSchema = SchemaCreateSchema.pick({
  labels: true,
  description: true,
  primaryDisplayProperty: true,
  secondaryDisplayProperties: true,
  requiredProperties: true,
  searchableProperties: true,
}).partial();
const AssociationDefinitionSchema = z.object({
  fromObjectTypeId: z.string().min(1),
  toObjectTypeId: z.string().min(1),
  name: z.string().optional(),
});

export type SchemaCreate = z.infer<typeof SchemaCreateSchema>;

/** Resolves `CONTACT`, `contacts`, `0-1`, a custom name… to an object type, or throws 400. */
function resolveAssociated(store: HubSpotStore, name: string): ObjectTypeInfo {
  const type = store.resolveType(name);
  if (!type) throw invalid(`Unable to associate with unknown object type ${name}`);
  return type;
}

/** Registers an unlabelled association type in both directions with fresh USER_DEFINED ids. */
export function defineAssociation(store: HubSpotStore, from: ObjectTypeInfo, to: ObjectTypeInfo): number {
  const existing = store.associationTypes(from.objectTypeId, to.objectTypeId).find((t) => t.isDefault);
  if (existing) return existing.associationTypeId;
  const id = store.nextAssociationTypeId();
  const inverse = from.objectTypeId === to.objectTypeId ? id : id + 1;
  store.putAssociationType(
    from.objectTypeId,
    to.objectTypeId,
    { associationCategory: 'USER_DEFINED', associationTypeId: id },
    { associationCategory: 'USER_DEFINED', associationTypeId: inverse },
    null,
    true,
  );
  return id;
}

/** Creates a custom object schema the way `POST /crm/v3/schemas` does; returns its object type id. */
export function createSchema(store: HubSpotStore, input: SchemaCreate, nowIso: string): string {
  if (store.resolveType(input.name)) {
    throw new HubSpotError(
      409,
      'OBJECT_ALREADY_EXISTS',
      `Object type with name ${input.name} already exists.`,
    );
  }
  const names = new Set(input.properties.map((p) => p.name));
  const referenced = [
    ...(input.primaryDisplayProperty ? [input.primaryDisplayProperty] : []),
    ...input.requiredProperties,
    ...input.searchableProperties,
    ...input.secondaryDisplayProperties,
  ];
  const unknown = referenced.filter((n) => !names.has(n));
  if (unknown.length > 0)
    throw invalid(`Properties referenced by the schema do not exist: ${unknown.join(', ')}`);
  const associated = input.associatedObjects.map((n) => resolveAssociated(store, n));
  const objectTypeId = store.nextCustomObjectTypeId();
  const defaultGroup = `${input.name}_information`;
  store.insertSchema(objectTypeId, input.name, {
    id: objectTypeId.slice(2),
    name: input.name,
    labels: input.labels,
    description: input.description ?? '',
    objectTypeId,
    fullyQualifiedName: `p${PORTAL_ID}_${input.name}`,
    primaryDisplayProperty: input.primaryDisplayProperty ?? input.properties[0]?.name ?? '',
    secondaryDisplayProperties: input.secondaryDisplayProperties,
    requiredProperties: input.requiredProperties,
    searchableProperties: input.searchableProperties,
    archived: false,
    createdAt: nowIso,
    updatedAt: nowIso,
  });
  store.putGroup(objectTypeId, { name: 'system', label: 'System', displayOrder: -1, archived: false });
  store.putGroup(objectTypeId, {
    name: defaultGroup,
    label: `${input.labels.singular} information`,
    displayOrder: 0,
    archived: false,
  });
  for (const def of systemProperties()) store.putProperty(objectTypeId, toStoredProperty(def, nowIso, true));
  for (const p of input.properties) {
    const groupName = p.groupName ?? defaultGroup;
    if (!store.groups(objectTypeId).some((g) => g.name === groupName)) {
      store.putGroup(objectTypeId, { name: groupName, label: groupName, displayOrder: 1, archived: false });
    }
    createProperty(store, objectTypeId, { ...p, groupName }, nowIso);
  }
  const self = store.resolveType(objectTypeId) as ObjectTypeInfo;
  for (const to of associated) defineAssociation(store, self, to);
  return objectTypeId;
}

/** A schema as the schemas API returns it: the stored definition plus properties and association definitions. */
export function schemaBody(store: HubSpotStore, objectTypeId: string): Record<string, unknown> {
  const meta = store.schemaJson(objectTypeId);
  if (!meta) throw notFound(`Unable to find object type ${objectTypeId}`);
  const createdAt = meta['createdAt'];
  return {
    ...meta,
    properties: [...store.properties(objectTypeId).values()].filter((p) => !p.archived),
    associations: store
      .associationTypesFrom(objectTypeId)
      .filter((t) => t.isDefault)
      .map((t) => ({
        id: String(t.associationTypeId),
        fromObjectTypeId: t.fromTypeId,
        toObjectTypeId: t.toTypeId,
        name: `${meta['name'] as string}_to_${store.resolveType(t.toTypeId)?.singular ?? t.toTypeId}`,
        createdAt,
        updatedAt: createdAt,
      })),
  };
}

function customType(ctx: HsContext, segment: string | undefined): ObjectTypeInfo {
  const type = requireType(ctx, segment);
  if (!type.custom) throw notFound(`Unable to find object type ${segment ?? ''}`);
  return type;
}

const list: HsHandler = (_p, ctx) =>
  json(200, {
    results: ctx.store.allSchemaJson().map((s) => schemaBody(ctx.store, s['objectTypeId'] as string)),
  });

const get: HsHandler = (p, ctx) => {
  const segment = p['objectType'] ?? '';
  const type = ctx.store.resolveType(segment);
  if (!type?.custom) throw notFound(`Unable to find object type ${segment}`);
  return json(200, schemaBody(ctx.store, type.objectTypeId));
};

const post: HsHandler = (_p, ctx) => {
  const input = parseBody(SchemaCreateSchema, ctx.req);
  const objectTypeId = ctx.store.db.transaction(() =>
    createSchema(ctx.store, input, new Date(ctx.now).toISOString()),
  )();
  return json(201, schemaBody(ctx.store, objectTypeId));
};

const patch: HsHandler = (p, ctx) => {
  const type = customType(ctx, p['objectType']);
  const input = parseBody(SchemaPatchSchema, ctx.req);
  const meta = ctx.store.schemaJson(type.objectTypeId) ?? {};
  const names = new Set(ctx.store.properties(type.objectTypeId).keys());
  const referenced = [
    ...(input.primaryDisplayProperty ? [input.primaryDisplayProperty] : []),
    ...(input.requiredProperties ?? []),
    ...(input.searchableProperties ?? []),
    ...(input.secondaryDisplayProperties ?? []),
  ];
  const unknown = referenced.filter((n) => !names.has(n));
  if (unknown.length > 0)
    throw invalid(`Properties referenced by the schema do not exist: ${unknown.join(', ')}`);
  ctx.store.updateSchema(type.objectTypeId, {
    ...meta,
    ...input,
    updatedAt: new Date(ctx.now).toISOString(),
  });
  return json(200, schemaBody(ctx.store, type.objectTypeId));
};

const postAssociation: HsHandler = (p, ctx) => {
  const type = customType(ctx, p['objectType']);
  const input = parseBody(AssociationDefinitionSchema, ctx.req);
  const from = resolveAssociated(ctx.store, input.fromObjectTypeId);
  const to = resolveAssociated(ctx.store, input.toObjectTypeId);
  if (from.objectTypeId !== type.objectTypeId && to.objectTypeId !== type.objectTypeId) {
    throw invalid(`The association must start or end at ${type.name}`);
  }
  const id = defineAssociation(ctx.store, from, to);
  const at = new Date(ctx.now).toISOString();
  return json(200, {
    id: String(id),
    fromObjectTypeId: from.objectTypeId,
    toObjectTypeId: to.objectTypeId,
    name: input.name ?? `${from.singular}_to_${to.singular}`,
    createdAt: at,
    updatedAt: at,
  });
};

export function schemaRoutes(): Route<HsHandler>[] {
  // HubSpot serves the schemas API under both paths; `@hubspot/api-client` 14 uses the second.
  return ['/crm/v3/schemas', '/crm-object-schemas/v3/schemas'].flatMap((base) => [
    route('GET', base, list),
    route('POST', base, post),
    route('GET', `${base}/:objectType`, get),
    route('PATCH', `${base}/:objectType`, patch),
    route('POST', `${base}/:objectType/associations`, postAssociation),
  ]);
}
