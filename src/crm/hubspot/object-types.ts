import * as z from 'zod';
import { crmFailure, parseAnswer } from './errors';
import type { HubSpotApi } from './hubspot-api';
import { HubSpotCallFailed } from './retry';
import { CUSTOM_OBJECTS, type CustomObjectName } from './schema-names';

// HubSpot addresses a custom object by the `objectTypeId` the portal gave it (`2-3465404`), not by its name. The
// HubSpot app is configured with the ids `handoff hubspot setup` prints, so a card read costs no lookup; without
// them the adapter lists the schemas once per adapter.

/** The portal's object type id of each Handoff custom object, e.g. `{ handoff_activity: '2-3465404' }`. */
export type ObjectTypeIds = Readonly<Partial<Record<CustomObjectName, string>>>;

const CUSTOM_NAMES: ReadonlySet<string> = new Set(Object.values(CUSTOM_OBJECTS));
const OBJECT_TYPE_ID = /^\d+-\d+$/;

const SchemaIds = z.object({
  results: z.array(z.object({ name: z.string(), objectTypeId: z.string() }).loose()),
});

/**
 * Parses `HUBSPOT_OBJECT_TYPE_IDS`-style configuration (JSON of name → id), checking every name and id.
 * @example parseObjectTypeIds('{"handoff_activity":"2-101"}') // → { ok: true, data: { handoff_activity: '2-101' } }
 */
export function parseObjectTypeIds(
  text: string,
): { ok: true; data: ObjectTypeIds } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the object type ids are not JSON' };
  }
  const parsed = z.record(z.string(), z.string()).safeParse(value);
  if (!parsed.success) return { ok: false, message: 'the object type ids must be a JSON object of strings' };
  const out: Partial<Record<CustomObjectName, string>> = {};
  for (const [name, id] of Object.entries(parsed.data)) {
    if (!CUSTOM_NAMES.has(name)) return { ok: false, message: `${name} is not a Handoff custom object` };
    if (!OBJECT_TYPE_ID.test(id)) return { ok: false, message: `${name}: ${id} is not an object type id` };
    out[name as CustomObjectName] = id;
  }
  return { ok: true, data: out };
}

/**
 * The narrow API with Handoff's custom object names replaced by the portal's object type ids in every call that
 * names an object type. Ids come from `configured`, else from one schema listing made by `readSchemas` when a call
 * first needs one (kept for the adapter's life; a failed listing is tried again by the next call).
 * @example const api = withObjectTypeIds(hubSpotApi({ accessToken }), { handoff_activity: '2-101' }, listSchemas)
 */
export function withObjectTypeIds(
  api: HubSpotApi,
  configured: ObjectTypeIds,
  readSchemas: () => Promise<unknown>,
): HubSpotApi {
  let listed: Promise<ReadonlyMap<string, string>> | undefined;
  const fromSchemas = (): Promise<ReadonlyMap<string, string>> => {
    if (listed === undefined) {
      const read = readSchemas().then((answer) => {
        const schemas = parseAnswer(SchemaIds, answer, 'the custom object schemas');
        return new Map(schemas.results.map((s) => [s.name, s.objectTypeId] as const));
      });
      listed = read;
      read.catch(() => {
        if (listed === read) listed = undefined;
      });
    }
    return listed;
  };
  const resolve = async (type: string): Promise<string> => {
    if (!CUSTOM_NAMES.has(type)) return type;
    const id = configured[type as CustomObjectName] ?? (await fromSchemas()).get(type);
    if (id === undefined) {
      throw new HubSpotCallFailed(
        crmFailure('INVALID', `the portal has no ${type} custom object: run \`handoff hubspot setup\` first`),
      );
    }
    return id;
  };
  const all = (types: readonly string[]) => Promise.all(types.map(resolve));
  return {
    ...api,
    getObject: async (type, id, properties, associations, propertiesWithHistory) =>
      api.getObject(await resolve(type), id, properties, await all(associations), propertiesWithHistory),
    batchRead: async (type, ids, properties, idProperty, propertiesWithHistory) =>
      api.batchRead(await resolve(type), ids, properties, idProperty, propertiesWithHistory),
    search: async (type, request) => api.search(await resolve(type), request),
    listObjects: async (type, properties, associations, after) =>
      api.listObjects(await resolve(type), properties, await all(associations), after),
    createObject: async (type, properties, associations) =>
      api.createObject(await resolve(type), properties, associations),
    updateObject: async (type, id, properties) => api.updateObject(await resolve(type), id, properties),
    getAssociations: async (fromType, id, toType, after) =>
      api.getAssociations(await resolve(fromType), id, await resolve(toType), after),
    getAssociationLabels: async (fromType, toType) =>
      api.getAssociationLabels(await resolve(fromType), await resolve(toType)),
  };
}

/**
 * The object type ids of the Handoff custom objects a portal has (what `setup` prints for the app's configuration).
 * @example const ids = await readObjectTypeIds(hubSpotApi({ accessToken })) // → { handoff_activity: '2-101', … }
 */
export async function readObjectTypeIds(api: HubSpotApi): Promise<ObjectTypeIds> {
  const schemas = parseAnswer(SchemaIds, await api.listSchemas(), 'the custom object schemas');
  const out: Partial<Record<CustomObjectName, string>> = {};
  for (const s of schemas.results)
    if (CUSTOM_NAMES.has(s.name)) out[s.name as CustomObjectName] = s.objectTypeId;
  return out;
}
