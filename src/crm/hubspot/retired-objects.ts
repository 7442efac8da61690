import * as z from 'zod';
import { parseAnswer } from './errors';
import { HubSpotCallFailed } from './retry';
import type { AssociationInput, HubSpotApi } from './hubspot-api';
import { HsBatchSchema, HsPageSchema, associatedIds, propertyText, type HsRecord } from './mapping';
import {
  ACTIVITY_PROPERTIES,
  CONTENT_ASSET_PROPERTIES,
  CUSTOM_ASSOCIATIONS,
  RETIRED_CUSTOM_OBJECTS,
  type ActivityKind,
  type CustomAssociation,
} from './schema-names';

// Custom objects earlier versions of Handoff created, now kinds of `handoff_activity`: how to copy their records over.
// `handoff hubspot setup` reports them; `--migrate` copies every record (idempotently: the copy's unique
// `handoff_external_id` is the old record's key) and leaves the old objects for the admin to delete once checked.

/** How one retired object's records become activities. */
interface RetiredObject {
  readonly name: string;
  readonly kind: ActivityKind;
  /** The old properties to read. */
  readonly properties: readonly string[];
  /** The old associations to read (object names as the old schema named them). */
  readonly associations: readonly ('contacts' | 'deals')[];
  /** The activity's properties from the old record (undefined when the record lacks its key: not copied). */
  toActivity(record: HsRecord, links: Links): Record<string, string> | undefined;
}

interface Links {
  readonly contactId: string | undefined;
  readonly dealId: string | undefined;
  readonly assetIdOf: (externalId: string) => string | undefined;
}

const text = propertyText;
const withValues = (values: Record<string, string | null | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined),
  );
const A = ACTIVITY_PROPERTIES;

const assetFields = (record: HsRecord, links: Links) => {
  const external = text(record, 'handoff_asset_external_id');
  return {
    [A.assetExternalId]: external,
    [A.assetId]: external === null ? undefined : links.assetIdOf(external),
  };
};

export const RETIRED_OBJECTS: readonly RetiredObject[] = [
  {
    name: RETIRED_CUSTOM_OBJECTS.disposition,
    kind: 'disposition',
    properties: [
      'handoff_external_id',
      'handoff_idempotency_key',
      'handoff_outcome',
      'handoff_reason_code',
      'handoff_reason_label',
      'handoff_notes',
      'handoff_disposed_at',
      'handoff_submission_id',
      'handoff_recycle_at',
      'handoff_note_id',
      'handoff_write_pending',
      'hubspot_owner_id',
    ],
    associations: ['contacts'],
    toActivity(record, links) {
      const key = text(record, 'handoff_idempotency_key');
      const outcome = text(record, 'handoff_outcome');
      const at = text(record, 'handoff_disposed_at') ?? text(record, 'hs_createdate');
      if (key === null || outcome === null || at === null) return undefined;
      return withValues({
        [A.externalId]: key,
        [A.kind]: 'disposition',
        [A.activityType]: outcome,
        [A.occurredAt]: at,
        [A.contactId]: links.contactId,
        [A.outcome]: outcome,
        [A.reasonCode]: text(record, 'handoff_reason_code'),
        [A.reasonLabel]: text(record, 'handoff_reason_label'),
        [A.notes]: text(record, 'handoff_notes'),
        [A.submissionId]: text(record, 'handoff_submission_id') ?? text(record, 'handoff_external_id'),
        [A.recycleAt]: text(record, 'handoff_recycle_at'),
        [A.noteId]: text(record, 'handoff_note_id'),
        [A.writePending]: text(record, 'handoff_write_pending'),
        [A.owner]: text(record, 'hubspot_owner_id'),
      });
    },
  },
  {
    name: RETIRED_CUSTOM_OBJECTS.engagementEvent,
    kind: 'engagement_event',
    properties: [
      'handoff_external_id',
      'handoff_event_type',
      'handoff_occurred_at',
      'handoff_asset_external_id',
    ],
    associations: ['contacts'],
    toActivity(record, links) {
      const key = text(record, 'handoff_external_id');
      const type = text(record, 'handoff_event_type');
      const at = text(record, 'handoff_occurred_at');
      if (key === null || type === null || at === null) return undefined;
      return withValues({
        [A.externalId]: key,
        [A.kind]: 'engagement_event',
        [A.activityType]: type,
        [A.occurredAt]: at,
        [A.contactId]: links.contactId,
        ...assetFields(record, links),
      });
    },
  },
  {
    name: RETIRED_CUSTOM_OBJECTS.contentTouch,
    kind: 'content_touch',
    properties: ['handoff_external_id', 'handoff_channel', 'handoff_touched_at', 'handoff_asset_external_id'],
    associations: ['contacts', 'deals'],
    toActivity(record, links) {
      const key = text(record, 'handoff_external_id');
      const channel = text(record, 'handoff_channel');
      const at = text(record, 'handoff_touched_at');
      if (key === null || channel === null || at === null) return undefined;
      return withValues({
        [A.externalId]: key,
        [A.kind]: 'content_touch',
        [A.activityType]: channel,
        [A.occurredAt]: at,
        [A.contactId]: links.contactId,
        [A.dealId]: links.dealId,
        ...assetFields(record, links),
      });
    },
  },
];

/** What one run found and did for one retired object. */
export interface MigrationCount {
  readonly object: string;
  readonly records: number;
  readonly copied: number;
  readonly alreadyCopied: number;
  /** Records without the key or the fields an activity requires: not copied, listed by id. */
  readonly skipped: readonly string[];
}

const BATCH = 100;
const LabelsSchema = z.object({
  results: z.array(
    z.object({ category: z.string(), typeId: z.number(), label: z.string().nullable().optional() }).loose(),
  ),
});

/** Every record of one object type, with the associations asked for. */
async function listAll(
  api: HubSpotApi,
  typeId: string,
  properties: readonly string[],
  associations: readonly string[],
): Promise<HsRecord[]> {
  const records: HsRecord[] = [];
  let after: string | undefined;
  do {
    const page = parseAnswer(
      HsPageSchema,
      await api.listObjects(typeId, properties, associations, after),
      `a page of ${typeId}`,
    );
    records.push(...page.results);
    after = page.paging?.next?.after;
  } while (after !== undefined);
  return records;
}

/**
 * Copies every record of the retired objects the portal has into `handoff_activity`, 100 at a time: a batch read by
 * `handoff_external_id` finds the copies an earlier run made, and only the rest are created, with their
 * associations. Safe to rerun; `run` wraps each call (retries).
 * @example const counts = await migrateRetiredObjects(api, typeIds, (op) => withRetry(op, policy))
 */
export async function migrateRetiredObjects(
  api: HubSpotApi,
  typeIds: ReadonlyMap<string, string>,
  run: <T>(op: () => Promise<T>) => Promise<T>,
): Promise<MigrationCount[]> {
  const activityType = typeIds.get(CUSTOM_ASSOCIATIONS.activityToContact[0]);
  const assetType = typeIds.get(CUSTOM_ASSOCIATIONS.activityToAsset[1]);
  if (activityType === undefined || assetType === undefined)
    throw new Error('handoff_activity and handoff_content_asset must exist before a migration');
  const present = RETIRED_OBJECTS.filter((o) => typeIds.has(o.name));
  if (present.length === 0) return [];

  const typeOf = (name: CustomAssociation | 'contacts' | 'deals'): string =>
    name === 'contacts' || name === 'deals' ? name : (typeIds.get(name) ?? name);
  const spec = async (name: CustomAssociation): Promise<Omit<AssociationInput, 'toId'>> => {
    const [, to] = CUSTOM_ASSOCIATIONS[name];
    const labels = parseAnswer(
      LabelsSchema,
      await run(() => api.getAssociationLabels(activityType, typeOf(to as 'contacts'))),
      'association labels',
    );
    const found = labels.results.find((t) => t.category === 'USER_DEFINED' && (t.label ?? null) === null);
    if (!found) throw new Error(`no association type from handoff_activity to ${to}`);
    return { associationCategory: 'USER_DEFINED', associationTypeId: found.typeId };
  };
  const [toContact, toDeal, toAsset] = await Promise.all([
    spec('activityToContact'),
    spec('activityToDeal'),
    spec('activityToAsset'),
  ]);
  const assets = await run(() => listAll(api, assetType, [CONTENT_ASSET_PROPERTIES.externalId], []));
  const assetByExternal = new Map(
    assets.flatMap((a) => {
      const external = text(a, CONTENT_ASSET_PROPERTIES.externalId);
      return external === null ? [] : [[external, a.id] as const];
    }),
  );

  const counts: MigrationCount[] = [];
  for (const retired of present) {
    const typeId = typeIds.get(retired.name) ?? retired.name;
    const records = await run(() => listAll(api, typeId, retired.properties, retired.associations));
    const skipped: string[] = [];
    const inputs: { properties: Record<string, string>; associations: AssociationInput[] }[] = [];
    for (const record of records) {
      const contactId = associatedIds(record, 'contacts')[0];
      const dealId = associatedIds(record, 'deals')[0];
      const properties = retired.toActivity(record, {
        contactId,
        dealId,
        assetIdOf: (e) => assetByExternal.get(e),
      });
      if (properties === undefined) {
        skipped.push(record.id);
        continue;
      }
      const assetId = properties[A.assetId];
      inputs.push({
        properties,
        associations: [
          ...(contactId !== undefined ? [{ toId: contactId, ...toContact }] : []),
          ...(dealId !== undefined ? [{ toId: dealId, ...toDeal }] : []),
          ...(assetId !== undefined ? [{ toId: assetId, ...toAsset }] : []),
        ],
      });
    }
    let copied = 0;
    let alreadyCopied = 0;
    for (let i = 0; i < inputs.length; i += BATCH) {
      const chunk = inputs.slice(i, i + BATCH);
      const keys = chunk.map((c) => c.properties[A.externalId] ?? '');
      const existing = parseAnswer(
        HsBatchSchema,
        await run(() => api.batchRead(activityType, keys, [A.externalId], A.externalId)),
        'the activities already copied',
      );
      const done = new Set(existing.results.map((r) => text(r, A.externalId)));
      const missing = chunk.filter((c) => !done.has(c.properties[A.externalId] ?? ''));
      alreadyCopied += chunk.length - missing.length;
      // One create at a time: a batch create fails whole on one duplicate. A 409 means the copy exists (this run's
      // own create whose answer was lost, or a concurrent run): it is copied either way.
      for (const input of missing) {
        try {
          await run(() => api.createObject(activityType, input.properties, input.associations));
        } catch (cause) {
          if (!(cause instanceof HubSpotCallFailed) || cause.failure.error.code !== 'CONFLICT') throw cause;
        }
        copied += 1;
      }
    }
    counts.push({ object: retired.name, records: records.length, copied, alreadyCopied, skipped });
  }
  return counts;
}
