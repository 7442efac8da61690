import * as z from 'zod';
import { route, type Route } from '../router';
import { HubSpotError, invalid, notFound } from './errors';
import { json, noContent, parseBody, requireType, type HsHandler } from './context';
import { toStoredProperty } from './properties';
import type { HubSpotStore, StoredProperty } from './store';

const OptionSchema = z.object({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().int().default(0),
  hidden: z.boolean().default(false),
  description: z.string().optional(),
});
const PropertyTypeSchema = z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool']);
const FieldTypeSchema = z.enum([
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'checkbox',
  'booleancheckbox',
  'radio',
  'file',
  'html',
  'phonenumber',
  'calculation_equation',
]);

export const PropertyCreateSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'Property names must be lowercase letters, digits and underscores'),
  label: z.string().min(1),
  type: PropertyTypeSchema,
  fieldType: FieldTypeSchema,
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z.array(OptionSchema).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});
const PropertyUpdateSchema = PropertyCreateSchema.omit({ name: true, hasUniqueValue: true }).partial();
const GroupCreateSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  displayOrder: z.number().int().default(-1),
});

export type PropertyCreate = z.infer<typeof PropertyCreateSchema>;

/** Adds a property after the checks HubSpot makes (unique name, existing group); used by the API and schemas. */
export function createProperty(
  store: HubSpotStore,
  typeId: string,
  input: PropertyCreate,
  nowIso: string,
): StoredProperty {
  const existing = store.properties(typeId).get(input.name);
  if (existing && !existing.archived) {
    throw new HubSpotError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`);
  }
  if (!store.groups(typeId).some((g) => g.name === input.groupName)) {
    throw invalid(`Property group '${input.groupName}' does not exist.`);
  }
  if (input.type === 'enumeration' && (input.options ?? []).length === 0 && input.fieldType !== 'checkbox') {
    throw invalid(`Enumeration property '${input.name}' needs options.`);
  }
  const property = toStoredProperty(
    {
      name: input.name,
      label: input.label,
      type: input.type,
      fieldType: input.fieldType,
      groupName: input.groupName,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.options !== undefined ? { options: input.options } : {}),
      ...(input.hasUniqueValue !== undefined ? { hasUniqueValue: input.hasUniqueValue } : {}),
    },
    nowIso,
    false,
    input.displayOrder ?? -1,
  );
  store.putProperty(typeId, {
    ...property,
    hidden: input.hidden ?? false,
    formField: input.formField ?? property.formField,
  });
  return store.properties(typeId).get(input.name) as StoredProperty;
}

const listProperties: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const archived = ctx.req.query.get('archived') === 'true';
  const results = [...ctx.store.properties(type.objectTypeId).values()].filter(
    (x) => x.archived === archived,
  );
  return json(200, { results });
};

const getProperty: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const property = ctx.store.properties(type.objectTypeId).get(p['name'] ?? '');
  if (!property || property.archived) throw notFound(`Unable to find property named ${p['name'] ?? ''}`);
  return json(200, property);
};

const postProperty: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(PropertyCreateSchema, ctx.req);
  return json(201, createProperty(ctx.store, type.objectTypeId, input, new Date(ctx.now).toISOString()));
};

const patchProperty: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(PropertyUpdateSchema, ctx.req);
  const current = ctx.store.properties(type.objectTypeId).get(p['name'] ?? '');
  if (!current || current.archived) throw notFound(`Unable to find property named ${p['name'] ?? ''}`);
  if (current.modificationMetadata.readOnlyDefinition) {
    throw invalid(`Property '${current.name}' is HubSpot-defined; its definition cannot be changed.`);
  }
  if (
    input.groupName !== undefined &&
    !ctx.store.groups(type.objectTypeId).some((g) => g.name === input.groupName)
  ) {
    throw invalid(`Property group '${input.groupName}' does not exist.`);
  }
  const next: StoredProperty = {
    ...current,
    ...(input.label !== undefined ? { label: input.label } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.fieldType !== undefined ? { fieldType: input.fieldType } : {}),
    ...(input.groupName !== undefined ? { groupName: input.groupName } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.options !== undefined ? { options: input.options } : {}),
    ...(input.displayOrder !== undefined ? { displayOrder: input.displayOrder } : {}),
    ...(input.hidden !== undefined ? { hidden: input.hidden } : {}),
    ...(input.formField !== undefined ? { formField: input.formField } : {}),
    updatedAt: new Date(ctx.now).toISOString(),
  };
  ctx.store.putProperty(type.objectTypeId, next);
  return json(200, next);
};

const archiveProperty: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const current = ctx.store.properties(type.objectTypeId).get(p['name'] ?? '');
  if (!current || current.archived) throw notFound(`Unable to find property named ${p['name'] ?? ''}`);
  if (current.modificationMetadata.readOnlyDefinition)
    throw invalid(`Property '${current.name}' cannot be archived.`);
  ctx.store.putProperty(type.objectTypeId, {
    ...current,
    archived: true,
    updatedAt: new Date(ctx.now).toISOString(),
  });
  return noContent();
};

const listGroups: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  return json(200, { results: ctx.store.groups(type.objectTypeId).filter((g) => !g.archived) });
};

const postGroup: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(GroupCreateSchema, ctx.req);
  if (ctx.store.groups(type.objectTypeId).some((g) => g.name === input.name && !g.archived)) {
    throw new HubSpotError(
      409,
      'OBJECT_ALREADY_EXISTS',
      `A property group named '${input.name}' already exists.`,
    );
  }
  const group = { name: input.name, label: input.label, displayOrder: input.displayOrder, archived: false };
  ctx.store.putGroup(type.objectTypeId, group);
  return json(201, group);
};

const GroupUpdateSchema = z.object({
  label: z.string().min(1).optional(),
  displayOrder: z.number().int().optional(),
});

const patchGroup: HsHandler = (p, ctx) => {
  const type = requireType(ctx, p['type']);
  const input = parseBody(GroupUpdateSchema, ctx.req);
  const current = ctx.store.groups(type.objectTypeId).find((g) => g.name === p['name'] && !g.archived);
  if (!current) throw notFound(`Unable to find property group ${p['name'] ?? ''}`);
  const group = {
    ...current,
    ...(input.label !== undefined ? { label: input.label } : {}),
    ...(input.displayOrder !== undefined ? { displayOrder: input.displayOrder } : {}),
  };
  ctx.store.putGroup(type.objectTypeId, group);
  return json(200, group);
};

export function propertyRoutes(): Route<HsHandler>[] {
  const base = '/crm/v3/properties/:type';
  return [
    route('GET', `${base}/groups`, listGroups),
    route('POST', `${base}/groups`, postGroup),
    route('PATCH', `${base}/groups/:name`, patchGroup),
    route('GET', base, listProperties),
    route('POST', base, postProperty),
    route('GET', `${base}/:name`, getProperty),
    route('PATCH', `${base}/:name`, patchProperty),
    route('DELETE', `${base}/:name`, archiveProperty),
  ];
}
