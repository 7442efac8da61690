import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { computeAssetUsage, type UsageTouch } from '../../core/content/asset-usage';
import type { DispositionPlan } from '../../core/disposition/types';
import type {
  ContentTouch,
  CreateEscalationTaskCommand,
  CrmPort,
  CrmResult,
  EscalationCandidate,
  EscalationQuery,
  FileContentRequestCommand,
  RecordContentShareCommand,
  WriteDispositionCommand,
  WriteOutcome,
} from '../port';
import { crmFailure, crmOk, normaliseHubSpotError, parseAnswer } from './errors';
import { hubSpotApi, type AssociationInput, type HubSpotApi } from './hubspot-api';
import {
  ACTIVITY_READ_PROPERTIES,
  ASSET_READ_PROPERTIES,
  DEAL_READ_PROPERTIES,
  DISPOSITION_READ_PROPERTIES,
  HsAssociationPageSchema,
  HsBatchSchema,
  HsOwnersSchema,
  HsPageSchema,
  HsRecordSchema,
  HsSearchSchema,
  activityAssetExternalIds,
  activityKind,
  assetExternalId,
  associatedIds,
  contactName,
  contactReadProperties,
  dealWon,
  dispositionComplete,
  ownerDirectory,
  propertyNames,
  propertyText,
  toAsset,
  toDealSummary,
  toEscalationCandidate,
  toEvent,
  toLeadSummary,
  toQualificationRecord,
  toStoredDisposition,
  toTouch,
  type HsOwner,
  type HsRecord,
  type OwnerDirectory,
} from './mapping';
import { escapeHtml, noteBody, noteHasKey } from './note-html';
import { HubSpotCallFailed, seededRandom, withRetry, type RetryPolicy } from './retry';
import {
  ACTIVITY_PROPERTIES,
  ASSOCIATION_TYPES,
  CONTACT_PROPERTIES,
  CUSTOM_OBJECTS,
  DISPOSITION_PROPERTIES,
  HUBSPOT_PROPERTIES,
  OWNER_PROFILE_PROPERTIES,
  TASK_PROPERTIES,
  type AssociationTypeSpec,
} from './schema-names';

export interface HubSpotAdapterOptions {
  /** A private app token. */
  readonly accessToken: string;
  /** e.g. `http://127.0.0.1:5170/hubspot` for the emulator; HubSpot's own API by default. */
  readonly basePath?: string;
  /** Retries after the first attempt for 429s, 5xx and dropped connections (default 4). */
  readonly maxRetries?: number;
  /** The first backoff step in ms when HubSpot sends no Retry-After (default 250). */
  readonly retryBaseMs?: number;
  /** The playbook's `propertyMap.hubspot`: neutral name → HubSpot property. */
  readonly propertyMap?: Record<string, string>;
  readonly now?: () => number;
}

/** Test seams: the calls behind the port and the retry policy's clock and randomness. */
export interface HubSpotPortSeams {
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Owners, owner profiles and assets are re-read after this long (default 5 minutes). */
  readonly directoryTtlMs?: number;
}

const BATCH_LIMIT = 100;
/** HubSpot's search API answers at most this many results for one query. */
export const SEARCH_RESULT_CAP = 10_000;
const SEARCH_PAGE_MAX = 200;
const DEFAULT_PAGE_SIZE = 100;
/** How long a 409 loser waits, step by step, for the writer holding a disposition key to finish (~3.75 s). */
const HOLDER_WAITS_MS = [250, 500, 1_000, 2_000] as const;
/** HubSpot record and owner ids are whole numbers; anything else would change the request's path or meaning. */
const HUBSPOT_ID = /^\d{1,20}$/;

/**
 * The HubSpot adapter over the real `@hubspot/api-client`.
 * @example const crm = createHubSpotAdapter({ accessToken: 'sandbox-token', basePath: 'http://127.0.0.1:5170/hubspot' }); await crm.getLeadHandoffContext('100014')
 */
export function createHubSpotAdapter(options: {
  accessToken: string;
  basePath?: string;
  maxRetries?: number;
  retryBaseMs?: number;
  propertyMap?: Record<string, string>;
  now?: () => number;
}): CrmPort {
  const api = hubSpotApi({
    accessToken: options.accessToken,
    ...(options.basePath !== undefined ? { basePath: options.basePath } : {}),
  });
  return createHubSpotPort(api, options);
}

interface Directory {
  readonly owners: OwnerDirectory;
  readonly assets: readonly HsRecord[];
  assetIdOf(externalId: string): string | undefined;
  /** Asset external ids a re-read did not find either (deleted assets): no further re-read for them. */
  readonly missing: Set<string>;
}

/**
 * The port over any implementation of the narrow HubSpot API (the real client in production, a stub in unit tests).
 * @example const crm = createHubSpotPort(hubSpotApi({ accessToken }), { now: () => Date.now() })
 */
export function createHubSpotPort(
  api: HubSpotApi,
  options: Omit<HubSpotAdapterOptions, 'accessToken' | 'basePath'> = {},
  seams: HubSpotPortSeams = {},
): CrmPort {
  const now = options.now ?? Date.now;
  const names = propertyNames(options.propertyMap ?? {});
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? 4,
    baseMs: options.retryBaseMs ?? 250,
    maxDelayMs: 8_000,
    maxTotalWaitMs: 30_000,
    random: seams.random ?? seededRandom(0x5eed),
    sleep: seams.sleep ?? ((ms) => sleep(ms)),
    now,
  };
  const ttl = seams.directoryTtlMs ?? 5 * 60_000;

  /** One HubSpot call, retried by the policy, its answer parsed; `n` is the attempt number. */
  const call = <S extends z.ZodType>(schema: S, what: string, op: (n: number) => Promise<unknown>) =>
    withRetry(async (n) => parseAnswer(schema, await op(n), what), policy);

  /** Runs a port method: everything thrown inside becomes a failure value. */
  const run = async <T>(body: () => Promise<T>): Promise<CrmResult<T>> => {
    try {
      return crmOk(await body());
    } catch (cause) {
      return cause instanceof HubSpotCallFailed ? cause.failure : normaliseHubSpotError(cause, now());
    }
  };
  const fail = (failure: ReturnType<typeof crmFailure>): never => {
    throw new HubSpotCallFailed(failure);
  };
  /** INVALID before any call for an id that is not a HubSpot id (an empty one would widen a read to a list). */
  const checkIds = (ids: Readonly<Record<string, string | null | readonly string[]>>): void => {
    for (const [what, value] of Object.entries(ids)) {
      const list = value === null ? [] : typeof value === 'string' ? [value] : value;
      const bad = list.find((id) => !HUBSPOT_ID.test(id));
      if (bad !== undefined)
        fail(crmFailure('INVALID', `${what} is not a HubSpot id: ${JSON.stringify(bad)}`));
    }
  };

  // ------------------------------------------------------------ reads

  const getRecord = (
    type: string,
    id: string,
    properties: readonly string[],
    associations: readonly string[],
  ) => call(HsRecordSchema, `${type} ${id}`, () => api.getObject(type, id, properties, associations));

  /** Batch reads in chunks of 100, concurrently; records that no longer exist are left out. */
  const batchRead = async (
    type: string,
    ids: readonly string[],
    properties: readonly string[],
    idProperty?: string,
  ): Promise<HsRecord[]> => {
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += BATCH_LIMIT) chunks.push(unique.slice(i, i + BATCH_LIMIT));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        call(HsBatchSchema, `a batch read of ${type}`, () =>
          api.batchRead(type, chunk, properties, idProperty),
        ),
      ),
    );
    return answers.flatMap((a) => a.results);
  };

  const listAll = async (
    type: string,
    properties: readonly string[],
    associations: readonly string[] = [],
  ): Promise<HsRecord[]> => {
    const records: HsRecord[] = [];
    let after: string | undefined;
    do {
      const page = await call(HsPageSchema, `a page of ${type}`, () =>
        api.listObjects(type, properties, associations, after),
      );
      records.push(...page.results);
      after = page.paging?.next?.after;
    } while (after !== undefined);
    return records;
  };

  const listOwners = async (): Promise<HsOwner[]> => {
    const owners: HsOwner[] = [];
    let after: string | undefined;
    do {
      const page = await call(HsOwnersSchema, 'the owners', () => api.listOwners(after));
      owners.push(...page.results);
      after = page.paging?.next?.after;
    } while (after !== undefined);
    return owners;
  };

  // Owners, their managers and the asset library change rarely: read once per adapter and kept for `ttl`.
  let directory: { readonly at: number; readonly value: Promise<Directory> } | undefined;
  const loadDirectory = async (): Promise<Directory> => {
    const [owners, profiles, assets] = await Promise.all([
      listOwners(),
      listAll(CUSTOM_OBJECTS.ownerProfile, Object.values(OWNER_PROFILE_PROPERTIES)),
      listAll(CUSTOM_OBJECTS.contentAsset, ASSET_READ_PROPERTIES),
    ]);
    const byExternal = new Map<string, string>();
    for (const a of assets) {
      const external = assetExternalId(a);
      if (external !== null) byExternal.set(external, a.id);
    }
    return {
      owners: ownerDirectory(owners, profiles),
      assets,
      assetIdOf: (e) => byExternal.get(e),
      missing: new Set(),
    };
  };
  const getDirectory = (reload = false): Promise<Directory> => {
    if (reload || directory === undefined || now() - directory.at > ttl) {
      const value = loadDirectory();
      const entry = { at: now(), value };
      directory = entry;
      value.catch(() => {
        if (directory === entry) directory = undefined;
      });
    }
    return directory.value;
  };
  /** The directory, re-read once if the activities name an asset it does not know (one added since it was read). */
  const directoryFor = async (activities: readonly HsRecord[], dir: Directory): Promise<Directory> => {
    const unknown = activityAssetExternalIds(activities).filter(
      (e) => dir.assetIdOf(e) === undefined && !dir.missing.has(e),
    );
    if (unknown.length === 0) return dir;
    const fresh = await getDirectory(true);
    for (const e of unknown) if (fresh.assetIdOf(e) === undefined) fresh.missing.add(e);
    return fresh;
  };

  // ------------------------------------------------------------ keyed writes

  const idempotent = (
    type: string,
    key: string,
    idProperty: string,
    properties: readonly string[] = [idProperty],
  ) => batchRead(type, [key], properties, idProperty).then((found) => found[0]);

  /** Searches tasks for a stored idempotency key (tasks cannot hold unique properties). */
  const taskByKey = async (key: string): Promise<HsRecord | undefined> => {
    const answer = await call(HsSearchSchema, 'a task search', () =>
      api.search('tasks', {
        filterGroups: [
          { filters: [{ propertyName: TASK_PROPERTIES.idempotencyKey, operator: 'EQ', value: key }] },
        ],
        sorts: [],
        properties: [TASK_PROPERTIES.idempotencyKey],
        limit: 1,
      }),
    );
    return answer.results[0];
  };

  /** Creates a task once per key: a retried attempt looks for the task its earlier attempt may have written. */
  const createTaskOnce = async (
    key: string,
    properties: Readonly<Record<string, string>>,
    associations: readonly AssociationInput[],
  ): Promise<WriteOutcome> => {
    const existing = await taskByKey(key);
    if (existing) return { id: existing.id, created: false };
    let found: HsRecord | undefined;
    const created = await call(HsRecordSchema, 'the new task', async (n) => {
      if (n > 1) found = await taskByKey(key);
      return found ?? api.createTask({ ...properties, [TASK_PROPERTIES.idempotencyKey]: key }, associations);
    });
    return { id: created.id, created: found === undefined };
  };

  const link = (toId: string, spec: AssociationTypeSpec): AssociationInput => ({ toId, ...spec });

  /**
   * Creates a record whose unique property holds `key`. `how` says who wrote it: this call (`created`), this call
   * with the answer lost, found by its retry (`retried`), or another call, met as a 409 on the key (`conflict`).
   */
  const createKeyed = async (
    type: string,
    idProperty: string,
    key: string,
    properties: Readonly<Record<string, string>>,
    associations: readonly AssociationInput[],
    readProperties: readonly string[] = [idProperty],
  ): Promise<{ readonly record: HsRecord; readonly how: 'created' | 'retried' | 'conflict' }> => {
    try {
      let found: HsRecord | undefined;
      const record = await call(HsRecordSchema, `the new ${type}`, async (n) => {
        // A retry after a lost answer finds the record its earlier attempt wrote.
        if (n > 1) found = await idempotent(type, key, idProperty, readProperties);
        return found ?? api.createObject(type, properties, associations);
      });
      return { record, how: found === undefined ? 'created' : 'retried' };
    } catch (cause) {
      if (!(cause instanceof HubSpotCallFailed) || cause.failure.error.code !== 'CONFLICT') throw cause;
      const existing = await idempotent(type, key, idProperty, readProperties);
      if (!existing) throw cause;
      return { record: existing, how: 'conflict' };
    }
  };

  /** The contact's notes that carry this disposition's key (only read when finishing an interrupted write). */
  const noteWithKey = async (contactId: string, key: string): Promise<string | undefined> => {
    const noteIds: string[] = [];
    let after: string | undefined;
    do {
      const page = await call(HsAssociationPageSchema, `notes of contact ${contactId}`, () =>
        api.getAssociations('contacts', contactId, 'notes', after),
      );
      noteIds.push(...page.results.map((r) => r.toObjectId));
      after = page.paging?.next?.after;
    } while (after !== undefined);
    const notes = await batchRead('notes', noteIds, [HUBSPOT_PROPERTIES.note.body]);
    return notes.find((n) => noteHasKey(propertyText(n, HUBSPOT_PROPERTIES.note.body) ?? '', key))?.id;
  };

  /** The contact's new values; `firstTouchAt` is the contact's current first touch (null when it has none). */
  const contactUpdate = (plan: DispositionPlan, firstTouchAt: string | null): Record<string, string> => {
    const f = names.fields;
    const v = plan.fields;
    const out: Record<string, string> = {
      [f.handoffStage]: v.handoffStage,
      [f.handoffStatus]: v.handoffStatus,
      [f.handoffDispositionOutcome]: v.handoffDispositionOutcome,
      [f.handoffDispositionReason]: v.handoffDispositionReason,
      [f.handoffDispositionNotes]: v.handoffDispositionNotes,
      [f.handoffDispositionAt]: v.handoffDispositionAt,
      // An empty value clears the property.
      [f.handoffRecycleAt]: v.handoffRecycleAt ?? '',
    };
    if (plan.sla.stop.policyIds.length > 0) out[CONTACT_PROPERTIES.slaStoppedAt] = plan.sla.stop.at;
    // Stage-entered and first touch as the Salesforce adapter writes them (the contract suite compares both).
    if (plan.sla.restart) {
      out[CONTACT_PROPERTIES.slaPolicy] = plan.sla.restart.policyId;
      out[CONTACT_PROPERTIES.slaStartedAt] = plan.sla.restart.triggeredAt;
      out[CONTACT_PROPERTIES.slaStoppedAt] = '';
      // Recycle: a new clock for marketing's response, untouched so far.
      out[CONTACT_PROPERTIES.stageEnteredAt] = plan.sla.restart.triggeredAt;
      out[CONTACT_PROPERTIES.firstTouchAt] = '';
    } else {
      if (plan.stageChange.from !== plan.stageChange.to)
        out[CONTACT_PROPERTIES.stageEnteredAt] = v.handoffDispositionAt;
      // The disposition is the rep's first touch unless a touch came first.
      if (plan.sla.stop.policyIds.length > 0 && firstTouchAt === null)
        out[CONTACT_PROPERTIES.firstTouchAt] = plan.sla.stop.at;
    }
    // Written last of all the contact's fields' values: the key says which disposition the fields came from.
    out[f.handoffDispositionKey] = plan.idempotencyKey;
    return out;
  };

  // One write per disposition key at a time in this adapter: a second submission waits and then finds it complete,
  // instead of resuming alongside the first and writing a second note.
  const writing = new Map<string, Promise<unknown>>();
  const oneAtATime = async <T>(key: string, body: () => Promise<T>): Promise<T> => {
    const mine = (writing.get(key) ?? Promise.resolve()).then(body, body);
    const settled = mine.catch(() => undefined);
    writing.set(key, settled);
    try {
      return await mine;
    } finally {
      if (writing.get(key) === settled) writing.delete(key);
    }
  };

  const DISPOSITION_KEY_READ = [DISPOSITION_PROPERTIES.idempotencyKey, DISPOSITION_PROPERTIES.writePending];

  /**
   * After a 409 on the key another call (another process) is writing this disposition: give it the time its three
   * remaining calls need, so two writers do not both write a note. Answers the record once it is complete, or
   * undefined if it stays pending (its writer died) and this call must finish the write.
   */
  const awaitHolder = async (key: string): Promise<HsRecord | undefined> => {
    for (const ms of HOLDER_WAITS_MS) {
      await policy.sleep(ms);
      const record = await idempotent(
        CUSTOM_OBJECTS.disposition,
        key,
        DISPOSITION_PROPERTIES.idempotencyKey,
        DISPOSITION_KEY_READ,
      );
      if (record && dispositionComplete(record)) return record;
    }
    return undefined;
  };

  /** The note, looked for first unless this call has just created the record (then no earlier run wrote one). */
  const writeNote = async (leadId: string, plan: DispositionPlan, lookFirst: boolean): Promise<string> => {
    const key = plan.idempotencyKey;
    const earlier = lookFirst ? await noteWithKey(leadId, key) : undefined;
    if (earlier !== undefined) return earlier;
    let found: string | undefined;
    const note = await call(HsRecordSchema, 'the new note', async (n) => {
      if (n > 1) found = await noteWithKey(leadId, key);
      if (found !== undefined) return { id: found, properties: {} };
      return api.createNote(
        {
          [HUBSPOT_PROPERTIES.note.body]: noteBody(plan.timelineNote, key),
          [HUBSPOT_PROPERTIES.note.timestamp]: plan.disposition.at,
          ...(plan.disposition.ownerId !== null
            ? { [HUBSPOT_PROPERTIES.note.owner]: plan.disposition.ownerId }
            : {}),
        },
        [link(leadId, ASSOCIATION_TYPES.noteToContact)],
      );
    });
    return note.id;
  };

  // ------------------------------------------------------------ the port

  const port: CrmPort = {
    crm: 'hubspot',

    getLeadHandoffContext: (leadId) =>
      run(async () => {
        checkIds({ leadId });
        const [contact, cached] = await Promise.all([
          getRecord('contacts', leadId, contactReadProperties(names), [
            CUSTOM_OBJECTS.activity,
            CUSTOM_OBJECTS.disposition,
          ]),
          getDirectory(),
        ]);
        // Events and touches are one object and each touch carries its deal id: one batch read covers both.
        const [activities, dispositions] = await Promise.all([
          batchRead(
            CUSTOM_OBJECTS.activity,
            associatedIds(contact, CUSTOM_OBJECTS.activity),
            ACTIVITY_READ_PROPERTIES,
          ),
          batchRead(
            CUSTOM_OBJECTS.disposition,
            associatedIds(contact, CUSTOM_OBJECTS.disposition),
            DISPOSITION_READ_PROPERTIES,
          ),
        ]);
        const dir = await directoryFor(activities, cached);
        const stored = dispositions
          .filter(dispositionComplete)
          .map((d) => toStoredDisposition(d, contact.id))
          .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || compareIds(b.id, a.id));
        return {
          lead: toLeadSummary(contact, names, dir.owners),
          record: toQualificationRecord(contact, names),
          events: activities
            .filter((a) => activityKind(a) === 'engagement_event')
            .map((e) => toEvent(e, dir.assetIdOf))
            .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
          touches: activities
            .filter((a) => activityKind(a) === 'content_touch')
            .map((t) => toTouch(t, dir.assetIdOf, { leadId: contact.id }))
            .sort(byTouchTime),
          dispositions: stored,
          appliedDispositionKeys: stored.map((d) => d.id),
        };
      }),

    getDealAttributionContext: (dealId) =>
      run(async () => {
        checkIds({ dealId });
        const [deal, cached] = await Promise.all([
          getRecord('deals', dealId, DEAL_READ_PROPERTIES, ['contacts', CUSTOM_OBJECTS.activity]),
          getDirectory(),
        ]);
        const c = HUBSPOT_PROPERTIES.contact;
        // Each touch names its lead's contact, so no touch → contact association read is needed.
        const [contacts, activities] = await Promise.all([
          batchRead('contacts', associatedIds(deal, 'contacts'), [c.firstName, c.lastName]),
          batchRead(
            CUSTOM_OBJECTS.activity,
            associatedIds(deal, CUSTOM_OBJECTS.activity),
            ACTIVITY_READ_PROPERTIES,
          ),
        ]);
        const touchRecords = activities.filter((a) => activityKind(a) === 'content_touch');
        const dir = await directoryFor(touchRecords, cached);
        const touches: ContentTouch[] = touchRecords
          .map((t) => toTouch(t, dir.assetIdOf, { dealId: deal.id }))
          .sort(byTouchTime);
        const touched = new Set(touches.map((t) => t.assetId));
        return {
          deal: toDealSummary(deal),
          contacts: contacts
            .map((x) => ({ id: x.id, name: contactName(x) }))
            .sort((a, b) => compareIds(a.id, b.id)),
          touches,
          assets: dir.assets.filter((a) => touched.has(a.id)).map(toAsset),
        };
      }),

    writeDisposition: ({ leadId, plan }: WriteDispositionCommand) =>
      run(() => {
        checkIds({ leadId });
        const key = plan.idempotencyKey;
        return oneAtATime(key, async () => {
          const keyProperty = DISPOSITION_PROPERTIES.idempotencyKey;
          const [existing, contact] = await Promise.all([
            idempotent(CUSTOM_OBJECTS.disposition, key, keyProperty, DISPOSITION_KEY_READ),
            // A missing contact is NOT_FOUND before anything is written.
            getRecord(
              'contacts',
              leadId,
              [names.fields.handoffDispositionKey, CONTACT_PROPERTIES.firstTouchAt],
              [],
            ),
          ]);
          // Only a complete record was written by an earlier call; a pending one is resumed below.
          if (existing && dispositionComplete(existing)) return { id: existing.id, created: false };
          let record = existing;
          // Whether this call's own create answered: then no earlier run can have left a note.
          let fresh = false;
          if (!record) {
            const d = plan.disposition;
            const p = DISPOSITION_PROPERTIES;
            const properties: Record<string, string> = {
              [p.idempotencyKey]: key,
              [p.outcome]: d.outcome,
              [p.reasonCode]: d.reasonCode,
              [p.reasonLabel]: d.reasonLabel,
              [p.notes]: d.notes,
              [p.disposedAt]: d.at,
              [p.submissionId]: d.submissionId,
              [p.writePending]: 'true',
              ...(d.recycleAt !== null ? { [p.recycleAt]: d.recycleAt } : {}),
              ...(d.ownerId !== null ? { [p.owner]: d.ownerId } : {}),
            };
            const written = await createKeyed(
              CUSTOM_OBJECTS.disposition,
              keyProperty,
              key,
              properties,
              [link(leadId, ASSOCIATION_TYPES.dispositionToContact)],
              DISPOSITION_KEY_READ,
            );
            // A pending record found by this call's retry is its own whose answer was lost: finish it. A 409 is
            // another writer's: wait for it, and resume only if it stays pending (that writer died).
            if (dispositionComplete(written.record)) return { id: written.record.id, created: false };
            if (written.how === 'conflict') {
              const done = await awaitHolder(key);
              if (done) return { id: done.id, created: false };
            }
            record = written.record;
            fresh = written.how === 'created';
          }
          const noteId = await writeNote(leadId, plan, !fresh);
          const firstTouchAt = propertyText(contact, CONTACT_PROPERTIES.firstTouchAt);
          await call(HsRecordSchema, `contact ${leadId}`, () =>
            api.updateObject('contacts', leadId, contactUpdate(plan, firstTouchAt)),
          );
          const recordId = record.id;
          await call(HsRecordSchema, `disposition ${recordId}`, () =>
            api.updateObject(CUSTOM_OBJECTS.disposition, recordId, {
              [DISPOSITION_PROPERTIES.noteId]: noteId,
              [DISPOSITION_PROPERTIES.writePending]: 'false',
            }),
          );
          // This call completed the write, whoever started it.
          return { id: recordId, created: true };
        });
      }),

    listContentLibrary: () =>
      run(async () => {
        const assets = await listAll(CUSTOM_OBJECTS.contentAsset, ASSET_READ_PROPERTIES);
        return assets.map(toAsset).sort((a, b) => compareIds(a.id, b.id));
      }),

    getContentUsage: (asOf) =>
      run(async () => {
        const asOfMs = Date.parse(asOf);
        if (Number.isNaN(asOfMs)) fail(crmFailure('INVALID', `asOf is not an instant: ${asOf}`));
        const [activities, cached] = await Promise.all([
          listAll(CUSTOM_OBJECTS.activity, ACTIVITY_READ_PROPERTIES),
          getDirectory(),
        ]);
        const touchRecords = activities.filter((a) => activityKind(a) === 'content_touch');
        const dir = await directoryFor(touchRecords, cached);
        const usage: UsageTouch[] = [];
        for (const t of touchRecords) {
          // A touch whose asset has left the library counts towards no asset.
          const external = propertyText(t, ACTIVITY_PROPERTIES.assetExternalId);
          if (external === null || dir.assetIdOf(external) === undefined) continue;
          const { assetId, dealId, channel, at } = toTouch(t, dir.assetIdOf);
          usage.push({ assetId, dealId, channel, at });
        }
        const dealIds = [...new Set(usage.flatMap((u) => (u.dealId === null ? [] : [u.dealId])))];
        const deals = await batchRead('deals', dealIds, [
          HUBSPOT_PROPERTIES.deal.isClosed,
          HUBSPOT_PROPERTIES.deal.isClosedWon,
        ]);
        return computeAssetUsage(
          usage,
          deals.map((d) => ({ id: d.id, won: dealWon(d) })),
          asOfMs,
        );
      }),

    recordContentShare: (command: RecordContentShareCommand) =>
      run(async () => {
        checkIds({ leadId: command.leadId, dealId: command.dealId, assetId: command.assetId });
        const keyProperty = ACTIVITY_PROPERTIES.externalId;
        const [existing, assets] = await Promise.all([
          idempotent(CUSTOM_OBJECTS.activity, command.idempotencyKey, keyProperty),
          batchRead(CUSTOM_OBJECTS.contentAsset, [command.assetId], ASSET_READ_PROPERTIES),
        ]);
        if (existing) return { id: existing.id, created: false };
        const asset = assets[0];
        if (!asset)
          return fail(crmFailure('NOT_FOUND', `content asset ${command.assetId} not found`, { status: 404 }));
        const p = ACTIVITY_PROPERTIES;
        // The deal and contact ids are copied onto the record so the cards need no association reads.
        const written = await createKeyed(
          CUSTOM_OBJECTS.activity,
          keyProperty,
          command.idempotencyKey,
          {
            [p.externalId]: command.idempotencyKey,
            [p.kind]: 'content_touch',
            [p.activityType]: command.channel,
            [p.occurredAt]: command.at,
            [p.assetExternalId]: assetExternalId(asset) ?? '',
            [p.contactId]: command.leadId,
            [p.sharedBy]: command.sharedBy,
            ...(command.dealId !== null ? { [p.dealId]: command.dealId } : {}),
          },
          [
            link(command.leadId, ASSOCIATION_TYPES.activityToContact),
            link(asset.id, ASSOCIATION_TYPES.activityToAsset),
            ...(command.dealId !== null ? [link(command.dealId, ASSOCIATION_TYPES.activityToDeal)] : []),
          ],
        );
        return { id: written.record.id, created: written.how === 'created' };
      }),

    fileContentRequest: ({ request, assigneeId }: FileContentRequestCommand) =>
      run(async () => {
        checkIds({ dealIds: request.dealIds, assigneeId });
        const t = HUBSPOT_PROPERTIES.task;
        const lines = [
          request.details,
          `Buyer stage: ${request.buyerStage}`,
          ...(request.useCase !== undefined ? [`Use case: ${request.useCase}`] : []),
          ...(request.objection !== undefined ? [`Objection: ${request.objection}`] : []),
          ...(request.competitiveContext !== undefined
            ? [`Competitive context: ${request.competitiveContext}`]
            : []),
          `Requested by ${request.requestedBy} at ${request.requestedAt}; ${request.priority}, due ${request.sla.dueAt} (${request.sla.policyId})`,
        ];
        return createTaskOnce(
          request.id,
          {
            [t.subject]: `Content request: ${request.title}`,
            [t.body]: htmlLines(lines.join('\n')),
            [t.status]: 'NOT_STARTED',
            [t.priority]: request.priority === 'rush' ? 'HIGH' : 'MEDIUM',
            [t.type]: 'TODO',
            [t.timestamp]: request.sla.dueAt,
            [t.owner]: assigneeId,
            [TASK_PROPERTIES.kind]: 'content_request',
          },
          request.dealIds.map((id) => link(id, ASSOCIATION_TYPES.taskToDeal)),
        );
      }),

    listEscalationCandidates: (query: EscalationQuery) =>
      run(async () => {
        const state = decodeCursor(query);
        if (state === undefined)
          return fail(crmFailure('INVALID', 'the cursor is not one this adapter gave out'));
        const pageSize = Math.min(Math.max(query.pageSize ?? DEFAULT_PAGE_SIZE, 1), SEARCH_PAGE_MAX);
        const entered = CONTACT_PROPERTIES.stageEnteredAt;
        const filters: Record<string, unknown>[] = [
          { propertyName: names.fields.handoffStage, operator: 'EQ', value: query.stage },
          { propertyName: entered, operator: 'LTE', value: query.enteredBefore },
          { propertyName: CONTACT_PROPERTIES.firstTouchAt, operator: 'NOT_HAS_PROPERTY' },
        ];
        if (state.from !== null) filters.push({ propertyName: entered, operator: 'GTE', value: state.from });
        if (state.skip.length > 0)
          filters.push({ propertyName: 'hs_object_id', operator: 'NOT_IN', values: state.skip });
        const [answer, dir] = await Promise.all([
          call(HsSearchSchema, 'the escalation search', () =>
            api.search('contacts', {
              filterGroups: [{ filters }],
              sorts: [{ propertyName: entered, direction: 'ASCENDING' }],
              properties: [
                HUBSPOT_PROPERTIES.contact.owner,
                names.fields.handoffStage,
                names.fields.handoffStatus,
                entered,
                CONTACT_PROPERTIES.firstTouchAt,
              ],
              limit: pageSize,
              ...(state.after > 0 ? { after: String(state.after) } : {}),
            }),
          ),
          getDirectory(),
        ]);
        const items: EscalationCandidate[] = answer.results.map((r) =>
          toEscalationCandidate(r, names, dir.owners),
        );
        return { items, nextCursor: nextCursor(state, items, answer.paging?.next !== undefined, pageSize) };
      }),

    createEscalationTask: (command: CreateEscalationTaskCommand) =>
      run(async () => {
        checkIds({ leadId: command.leadId, assigneeId: command.assigneeId });
        const t = HUBSPOT_PROPERTIES.task;
        return createTaskOnce(
          command.idempotencyKey,
          {
            [t.subject]: command.subject,
            [t.body]: htmlLines(command.body),
            [t.status]: 'NOT_STARTED',
            [t.priority]: command.level >= 2 ? 'HIGH' : 'MEDIUM',
            [t.type]: 'TODO',
            [t.timestamp]: command.dueAt,
            [t.owner]: command.assigneeId,
            [TASK_PROPERTIES.kind]: 'escalation',
          },
          [link(command.leadId, ASSOCIATION_TYPES.taskToContact)],
        );
      }),
  };
  return port;
}

/** Task bodies are HTML too: escaped text, newlines as <br>. */
const htmlLines = (text: string): string =>
  text
    .split(/\r\n|\r|\n/)
    .map(escapeHtml)
    .join('<br>');

/** HubSpot ids are whole numbers: compare them as numbers when they are. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

const byTouchTime = (a: ContentTouch, b: ContentTouch): number =>
  Date.parse(a.at) - Date.parse(b.at) || compareIds(a.id, b.id);

// ---------------------------------------------------------------- the escalation cursor

/**
 * Where the next page starts. HubSpot stops a search at 10,000 results, so the sweep pages with `after` inside a
 * window and, before a window reaches the cap, opens a new one at the last `stageEnteredAt` it returned, leaving out
 * the records already returned at exactly that instant (`skip`). `tail` is the run of ids at the last instant seen.
 */
const CursorSchema = z.object({
  v: z.literal(1),
  stage: z.string(),
  before: z.string(),
  from: z.string().nullable(),
  after: z.number().int().min(0).max(SEARCH_RESULT_CAP),
  skip: z.array(z.string()),
  tailAt: z.string().nullable(),
  tail: z.array(z.string()),
});
type CursorState = z.infer<typeof CursorSchema>;

function decodeCursor(query: EscalationQuery): CursorState | undefined {
  if (query.cursor === undefined) {
    return {
      v: 1,
      stage: query.stage,
      before: query.enteredBefore,
      from: null,
      after: 0,
      skip: [],
      tailAt: null,
      tail: [],
    };
  }
  try {
    const parsed = CursorSchema.safeParse(
      JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')),
    );
    if (!parsed.success || parsed.data.stage !== query.stage || parsed.data.before !== query.enteredBefore) {
      return undefined;
    }
    return parsed.data;
  } catch {
    return undefined;
  }
}

function nextCursor(
  state: CursorState,
  items: readonly EscalationCandidate[],
  more: boolean,
  pageSize: number,
): string | null {
  if (!more || items.length === 0) return null;
  let tailAt = state.tailAt;
  let tail = [...state.tail];
  for (const item of items) {
    if (tailAt !== null && Date.parse(item.stageEnteredAt) === Date.parse(tailAt)) tail.push(item.leadId);
    else {
      tailAt = item.stageEnteredAt;
      tail = [item.leadId];
    }
  }
  const after = state.after + items.length;
  const next: CursorState =
    after + pageSize <= SEARCH_RESULT_CAP
      ? { ...state, after, tailAt, tail }
      : // A new window at the last instant seen; what was returned at that instant is left out.
        { ...state, from: tailAt, after: 0, skip: tail, tailAt, tail };
  return Buffer.from(JSON.stringify(next), 'utf8').toString('base64url');
}
