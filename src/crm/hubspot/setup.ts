import * as z from 'zod';
import type { CrmResult } from '../port';
import { crmOk, normaliseHubSpotError, parseAnswer } from './errors';
import type { HubSpotApi } from './hubspot-api';
import { RETIRED_OBJECTS, migrateRetiredObjects, type MigrationCount } from './retired-objects';
import { HubSpotCallFailed, commandRetryPolicy, withRetry, type RetryPolicy } from './retry';
import {
  CONTACT_PROPERTY_DEFINITIONS,
  CUSTOM_OBJECT_DEFINITIONS,
  DEAL_PROPERTY_DEFINITIONS,
  HANDOFF_PROPERTY_GROUP,
  HUBSPOT_OBJECT_TYPE_IDS,
  TASK_PROPERTY_DEFINITIONS,
  type CustomObjectDefinition,
  type PropertyDefinition,
} from './schema-names';

// `handoff hubspot setup`: reads what the portal has, compares it with schema-names.ts, and writes only differences.

/** `retired`: an object earlier versions created, reported; `migrate`: its records are copied on `--migrate`. */
export type SetupAction = 'create' | 'update' | 'unchanged' | 'retired' | 'migrate';

export interface SetupItem {
  readonly action: SetupAction;
  readonly kind: 'property group' | 'property' | 'custom object' | 'association' | 'retired object';
  /** The object the item belongs to: `contacts`, or a custom object's name. */
  readonly objectName: string;
  readonly name: string;
  /** For updates: the attributes that differ. */
  readonly changes: readonly string[];
}

export interface SetupResult {
  /** Creates and updates written. */
  readonly writes: number;
  /** Per retired object: the records found and copied (empty without `migrate`). */
  readonly migrated: readonly MigrationCount[];
}

export interface SetupPlan {
  readonly items: readonly SetupItem[];
  /** Writes the creates and updates in order, then copies the retired objects' records when asked. */
  apply(): Promise<CrmResult<SetupResult>>;
}

export interface SetupOptions {
  /** Copy the records of retired Handoff objects into `handoff_activity`. */
  readonly migrate?: boolean;
}

const Option = z.object({ label: z.string(), value: z.string() }).loose();
const Property = z
  .object({
    name: z.string(),
    label: z.string(),
    type: z.string(),
    fieldType: z.string(),
    groupName: z.string(),
    description: z.string().optional(),
    options: z.array(Option).optional(),
  })
  .loose();
const Properties = z.object({ results: z.array(Property) });
const Groups = z.object({ results: z.array(z.object({ name: z.string(), label: z.string() }).loose()) });
const Schema = z
  .object({
    objectTypeId: z.string(),
    name: z.string(),
    labels: z.object({ singular: z.string().optional(), plural: z.string().optional() }).loose(),
    primaryDisplayProperty: z.string().optional(),
    requiredProperties: z.array(z.string()).default([]),
    searchableProperties: z.array(z.string()).default([]),
    secondaryDisplayProperties: z.array(z.string()).default([]),
    properties: z.array(Property).default([]),
    associations: z
      .array(z.object({ fromObjectTypeId: z.string(), toObjectTypeId: z.string() }).loose())
      .default([]),
  })
  .loose();
const Schemas = z.object({ results: z.array(Schema) });
type ExistingProperty = z.infer<typeof Property>;

const STANDARD: readonly (readonly [string, readonly PropertyDefinition[]])[] = [
  ['contacts', CONTACT_PROPERTY_DEFINITIONS],
  ['deals', DEAL_PROPERTY_DEFINITIONS],
  ['tasks', TASK_PROPERTY_DEFINITIONS],
];

/** `CONTACT` / `DEAL` as schema definitions name standard objects, to their object type ids. */
const STANDARD_TARGETS: Readonly<Record<string, string>> = {
  CONTACT: HUBSPOT_OBJECT_TYPE_IDS.contacts,
  COMPANY: HUBSPOT_OBJECT_TYPE_IDS.companies,
  DEAL: HUBSPOT_OBJECT_TYPE_IDS.deals,
};

const sameList = (a: readonly string[], b: readonly string[]) =>
  [...a].sort().join('\n') === [...b].sort().join('\n');

/** The attributes of a property that differ from its definition (unique values cannot change, so are not compared). */
export function propertyChanges(definition: PropertyDefinition, existing: ExistingProperty): string[] {
  const changes: string[] = [];
  if (existing.label !== definition.label) changes.push('label');
  if (existing.type !== definition.type) changes.push('type');
  if (existing.fieldType !== definition.fieldType) changes.push('fieldType');
  if (existing.groupName !== definition.groupName) changes.push('groupName');
  if ((existing.description ?? '') !== (definition.description ?? '')) changes.push('description');
  const options = (list: readonly { label: string; value: string }[] | undefined) =>
    (list ?? []).map((o) => `${o.value}=${o.label}`);
  if (definition.options !== undefined && !sameList(options(existing.options), options(definition.options))) {
    changes.push('options');
  }
  return changes;
}

const propertyBody = (d: PropertyDefinition): Record<string, unknown> => ({
  name: d.name,
  label: d.label,
  type: d.type,
  fieldType: d.fieldType,
  groupName: d.groupName,
  ...(d.description !== undefined ? { description: d.description } : {}),
  ...(d.options !== undefined ? { options: d.options.map((o) => ({ ...o })) } : {}),
  ...(d.hasUniqueValue !== undefined ? { hasUniqueValue: d.hasUniqueValue } : {}),
});

function schemaChanges(definition: CustomObjectDefinition, existing: z.infer<typeof Schema>): string[] {
  const changes: string[] = [];
  if (
    existing.labels.singular !== definition.labels.singular ||
    existing.labels.plural !== definition.labels.plural
  ) {
    changes.push('labels');
  }
  if (existing.primaryDisplayProperty !== definition.primaryDisplayProperty)
    changes.push('primaryDisplayProperty');
  if (!sameList(existing.requiredProperties, definition.requiredProperties))
    changes.push('requiredProperties');
  if (!sameList(existing.searchableProperties, definition.searchableProperties))
    changes.push('searchableProperties');
  if (!sameList(existing.secondaryDisplayProperties, definition.secondaryDisplayProperties)) {
    changes.push('secondaryDisplayProperties');
  }
  return changes;
}

const DEFAULT_POLICY: RetryPolicy = commandRetryPolicy(0x5e7);

/**
 * Reads the portal's property groups, `handoff_*` properties and custom object schemas and compares them with
 * schema-names.ts: each item is to create, to update, or unchanged. `apply()` writes only the differences.
 * @example const plan = await planHubSpotSetup(hubSpotApi({ accessToken })); if (plan.ok) await plan.data.apply()
 */
export async function planHubSpotSetup(
  api: HubSpotApi,
  policy: RetryPolicy = DEFAULT_POLICY,
  options: SetupOptions = {},
): Promise<CrmResult<SetupPlan>> {
  const call = <S extends z.ZodType>(schema: S, what: string, op: () => Promise<unknown>) =>
    withRetry(async () => parseAnswer(schema, await op(), what), policy);
  try {
    const items: SetupItem[] = [];
    const writes: (() => Promise<unknown>)[] = [];
    const add = (item: SetupItem, write: () => Promise<unknown>) => {
      items.push(item);
      if (item.action !== 'unchanged') writes.push(write);
    };
    const group = HANDOFF_PROPERTY_GROUP;

    /** The group and properties of one object type (standard, or an existing custom object). */
    const planProperties = async (
      objectName: string,
      typeId: string,
      definitions: readonly PropertyDefinition[],
    ) => {
      const [groups, properties] = await Promise.all([
        call(Groups, `the property groups of ${objectName}`, () => api.listGroups(typeId)),
        call(Properties, `the properties of ${objectName}`, () => api.listProperties(typeId)),
      ]);
      const existingGroup = groups.results.find((g) => g.name === group.name);
      const groupChanges =
        existingGroup !== undefined && existingGroup.label !== group.label ? ['label'] : [];
      add(
        {
          action: existingGroup === undefined ? 'create' : groupChanges.length > 0 ? 'update' : 'unchanged',
          kind: 'property group',
          objectName,
          name: group.name,
          changes: groupChanges,
        },
        () =>
          existingGroup === undefined
            ? api.createGroup(typeId, { name: group.name, label: group.label })
            : api.updateGroup(typeId, group.name, { label: group.label }),
      );
      for (const definition of definitions) {
        const existing = properties.results.find((p) => p.name === definition.name);
        const changes = existing === undefined ? [] : propertyChanges(definition, existing);
        // The name identifies the property and unique values cannot change after creation: neither is sent.
        const update = Object.fromEntries(
          Object.entries(propertyBody(definition)).filter(([k]) => k !== 'name' && k !== 'hasUniqueValue'),
        );
        add(
          {
            action: existing === undefined ? 'create' : changes.length > 0 ? 'update' : 'unchanged',
            kind: 'property',
            objectName,
            name: definition.name,
            changes,
          },
          () =>
            existing === undefined
              ? api.createProperty(typeId, propertyBody(definition))
              : api.updateProperty(typeId, definition.name, update),
        );
      }
    };

    for (const [objectName, definitions] of STANDARD) {
      await planProperties(objectName, objectName, definitions);
    }

    const schemas = await call(Schemas, 'the custom object schemas', () => api.listSchemas());
    // Type ids of custom objects, including those this run creates (filled in as the writes run).
    const typeIds = new Map(schemas.results.map((s) => [s.name, s.objectTypeId] as const));
    const targetOf = (name: string) => STANDARD_TARGETS[name] ?? typeIds.get(name) ?? name;
    for (const definition of CUSTOM_OBJECT_DEFINITIONS) {
      const existing = schemas.results.find((s) => s.name === definition.name);
      if (existing === undefined) {
        add(
          {
            action: 'create',
            kind: 'custom object',
            objectName: definition.name,
            name: definition.name,
            changes: [],
          },
          async () => {
            const created = parseAnswer(
              Schema,
              await api.createSchema({
                name: definition.name,
                labels: { ...definition.labels },
                primaryDisplayProperty: definition.primaryDisplayProperty,
                requiredProperties: [...definition.requiredProperties],
                searchableProperties: [...definition.searchableProperties],
                secondaryDisplayProperties: [...definition.secondaryDisplayProperties],
                properties: definition.properties.map(propertyBody),
                associatedObjects: definition.associatedObjects.map(targetOf),
              }),
              `the new schema ${definition.name}`,
            );
            typeIds.set(definition.name, created.objectTypeId);
            // HubSpot creates the schema's property group labelled with its name: give it Handoff's label.
            await withRetry(
              () => api.updateGroup(created.objectTypeId, group.name, { label: group.label }),
              policy,
            );
          },
        );
        continue;
      }
      const changes = schemaChanges(definition, existing);
      add(
        {
          action: changes.length > 0 ? 'update' : 'unchanged',
          kind: 'custom object',
          objectName: definition.name,
          name: definition.name,
          changes,
        },
        () =>
          api.updateSchema(existing.objectTypeId, {
            labels: { ...definition.labels },
            primaryDisplayProperty: definition.primaryDisplayProperty,
            requiredProperties: [...definition.requiredProperties],
            searchableProperties: [...definition.searchableProperties],
            secondaryDisplayProperties: [...definition.secondaryDisplayProperties],
          }),
      );
      await planProperties(definition.name, existing.objectTypeId, definition.properties);
      for (const target of definition.associatedObjects) {
        const linked = existing.associations.some(
          (a) => a.toObjectTypeId === targetOf(target) || a.fromObjectTypeId === targetOf(target),
        );
        add(
          {
            action: linked ? 'unchanged' : 'create',
            kind: 'association',
            objectName: definition.name,
            name: `${definition.name} → ${target}`,
            changes: [],
          },
          () => api.createSchemaAssociation(existing.objectTypeId, existing.objectTypeId, targetOf(target)),
        );
      }
    }

    // Objects earlier versions created, now kinds of handoff_activity: reported, and copied on `--migrate`.
    const retired = RETIRED_OBJECTS.filter((o) => typeIds.has(o.name));
    for (const object of retired) {
      items.push({
        action: options.migrate === true ? 'migrate' : 'retired',
        kind: 'retired object',
        objectName: object.name,
        name: `${object.name} → handoff_activity (${object.kind})`,
        changes: [],
      });
    }

    return crmOk({
      items,
      async apply() {
        let written = 0;
        try {
          for (const write of writes) {
            await withRetry(write, policy);
            written += 1;
          }
          const migrated =
            options.migrate === true && retired.length > 0
              ? await migrateRetiredObjects(api, typeIds, (op) => withRetry(op, policy))
              : [];
          return crmOk({ writes: written, migrated });
        } catch (cause) {
          return cause instanceof HubSpotCallFailed ? cause.failure : normaliseHubSpotError(cause);
        }
      },
    });
  } catch (cause) {
    return cause instanceof HubSpotCallFailed ? cause.failure : normaliseHubSpotError(cause);
  }
}
