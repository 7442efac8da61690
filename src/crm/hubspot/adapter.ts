import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
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
  Owner,
  RecordContentShareCommand,
  StatusChange,
  WriteDispositionCommand,
  WriteOutcome,
} from '../port';
import { PLAUSIBLE_EMAIL } from '../port';
import { INVALID_ASSOCIATION, crmFailure, crmOk, normaliseHubSpotError, parseAnswer } from './errors';
import { hubSpotApi, type AssociationInput, type HubSpotApi } from './hubspot-api';
import {
  ACTIVITY_READ_PROPERTIES,
  ASSET_READ_PROPERTIES,
  DEAL_READ_PROPERTIES,
  HsAssociationLabelsSchema,
  HsAssociationPageSchema,
  HsBatchSchema,
  HsOwnerSchema,
  HsOwnersSchema,
  HsPageSchema,
  HsRecordSchema,
  HsSearchSchema,
  OWNER_PROFILE_READ_PROPERTIES,
  activityAssetExternalIds,
  activityAssetId,
  activityKind,
  assetExternalId,
  associatedIds,
  contactName,
  contactReadProperties,
  dealWon,
  managerDirectory,
  ownerFromApi,
  ownerFromProfile,
  propertyNames,
  propertyText,
  toAsset,
  toDealSummary,
  escalationCandidateProperties,
  historyOf,
  toEscalationCandidate,
  toEvent,
  toLeadSummary,
  toQualificationRecord,
  toStoredDisposition,
  toTouch,
  writeComplete,
  type AssetIdOf,
  type HsRecord,
  type ManagerDirectory,
} from './mapping';
import { escapeHtml, noteBody, noteHasKey } from './note-html';
import { withObjectTypeIds, type ObjectTypeIds } from './object-types';
import { HubSpotCallFailed, seededRandom, withRetry, type RetryPolicy } from './retry';
import {
  ACTIVITY_PROPERTIES,
  ASSOCIATION_TYPES,
  CONTACT_PROPERTIES,
  CONTENT_ASSET_PROPERTIES,
  CUSTOM_ASSOCIATIONS,
  CUSTOM_OBJECTS,
  HUBSPOT_PROPERTIES,
  OWNER_PROFILE_PROPERTIES,
  TASK_PROPERTIES,
  type AssociationTypeSpec,
  type CustomAssociation,
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
  /**
   * The portal's object type ids of Handoff's custom objects, as `handoff hubspot setup` prints them. Without them
   * the adapter lists the portal's schemas once, on its first call that needs one.
   */
  readonly objectTypeIds?: ObjectTypeIds;
  readonly now?: () => number;
}

/** Test seams: the calls behind the port and the retry policy's clock and randomness. */
export interface HubSpotPortSeams {
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Owners, owner profiles and the asset library are re-read after this long (default 5 minutes). */
  readonly directoryTtlMs?: number;
}

const BATCH_LIMIT = 100;
/** HubSpot takes at most 50 ids in a batch read that asks for property histories. */
const HISTORY_BATCH_LIMIT = 50;
/** HubSpot's search API answers at most this many results for one query. */
export const SEARCH_RESULT_CAP = 10_000;
const SEARCH_PAGE_MAX = 200;
/** A lead with more activities than one batch read takes, and no more than one search page, is read by search. */
const SEARCH_READ_MAX = SEARCH_PAGE_MAX;
const DEFAULT_PAGE_SIZE = 100;
/** How long a 409 loser waits, step by step, for the writer holding a disposition or task key to finish (~3.75 s). */
const HOLDER_WAITS_MS = [250, 500, 1_000, 2_000] as const;
/**
 * A pending keyed record changed this recently may still have its writer at work (another process that read no 409,
 * because it created the record before this call looked): this call waits for it as for a 409 before resuming.
 */
const PENDING_LEASE_MS = 60_000;
/** HubSpot record and owner ids are whole numbers; anything else would change the request's path or meaning. */
const HUBSPOT_ID = /^\d{1,20}$/;
/** What a key check reads of a keyed activity: enough to tell a complete write from a pending one. */
const KEYED_READ = [
  HUBSPOT_PROPERTIES.lastModified,
  ACTIVITY_PROPERTIES.externalId,
  ACTIVITY_PROPERTIES.kind,
  ACTIVITY_PROPERTIES.writePending,
  ACTIVITY_PROPERTIES.taskId,
];

/**
 * The HubSpot adapter over the real `@hubspot/api-client`.
 * @example const crm = createHubSpotAdapter({ accessToken: 'sandbox-token', basePath: 'http://127.0.0.1:5170/hubspot' }); await crm.getLeadHandoffContext('100014')
 */
export function createHubSpotAdapter(options: HubSpotAdapterOptions): CrmPort {
  const api = hubSpotApi({
    accessToken: options.accessToken,
    ...(options.basePath !== undefined ? { basePath: options.basePath } : {}),
  });
  return createHubSpotPort(api, options);
}

/** The asset library by external id, for activities written before they carried their asset's record id. */
interface AssetLibrary {
  readonly assetIdOf: AssetIdOf;
  /** Asset external ids a re-read did not find either (deleted assets): no further re-read for them. */
  readonly missing: Set<string>;
}

/** A value read once and kept for a while; a failed read is forgotten so the next call tries again. */
interface Cached<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

/**
 * The port over any implementation of the narrow HubSpot API (the real client in production, a stub in unit tests).
 * @example const crm = createHubSpotPort(hubSpotApi({ accessToken }), { now: () => Date.now() })
 */
export function createHubSpotPort(
  client: HubSpotApi,
  options: Omit<HubSpotAdapterOptions, 'accessToken' | 'basePath'> = {},
  seams: HubSpotPortSeams = {},
): CrmPort {
  const api = withObjectTypeIds(client, options.objectTypeIds ?? {}, () => client.listSchemas());
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
    withHistory: readonly string[] = [],
  ) =>
    call(HsRecordSchema, `${type} ${id}`, () =>
      api.getObject(type, id, properties, associations, withHistory),
    );

  /** Batch reads in chunks of 100 (50 with property histories), concurrently; records that no longer exist are left out. */
  const batchRead = async (
    type: string,
    ids: readonly string[],
    properties: readonly string[],
    idProperty?: string,
    withHistory: readonly string[] = [],
  ): Promise<HsRecord[]> => {
    const unique = [...new Set(ids)];
    const size = withHistory.length > 0 ? HISTORY_BATCH_LIMIT : BATCH_LIMIT;
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += size) chunks.push(unique.slice(i, i + size));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        call(HsBatchSchema, `a batch read of ${type}`, () =>
          api.batchRead(type, chunk, properties, idProperty, withHistory),
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

  /** A value kept for `ttl` per key; a failed read is dropped so the next caller reads again. */
  const cache = <T>() => {
    const entries = new Map<string, Cached<T>>();
    return (key: string, read: () => Promise<T>, reload = false): Promise<T> => {
      const hit = entries.get(key);
      if (!reload && hit !== undefined && now() - hit.at <= ttl) return hit.value;
      const entry = { at: now(), value: read() };
      entries.set(key, entry);
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.value;
    };
  };

  // Owners, managers and the asset library change rarely: each is read when first needed and kept for `ttl`.
  const ownerCache = cache<Owner | null>();
  const managerCache = cache<ManagerDirectory>();
  const libraryCache = cache<AssetLibrary>();

  /**
   * The owner with their manager: one batch read of the owner's profile, which carries copies of the owners API's
   * name and email (`handoff hubspot sync-owners`). A profile without the copies (never synced) or no profile costs
   * one more call, to the owners API; an owner the owners API does not know (deactivated) is null.
   */
  const ownerOf = (ownerId: string | null): Promise<Owner | null> => {
    if (ownerId === null || !HUBSPOT_ID.test(ownerId)) return Promise.resolve(null);
    return ownerCache(ownerId, async () => {
      const [profile] = await batchRead(
        CUSTOM_OBJECTS.ownerProfile,
        [ownerId],
        OWNER_PROFILE_READ_PROPERTIES,
        OWNER_PROFILE_PROPERTIES.ownerId,
      );
      const copied = profile ? ownerFromProfile(profile) : undefined;
      if (copied) return copied;
      try {
        const owner = await call(HsOwnerSchema, `owner ${ownerId}`, () => api.getOwner(ownerId));
        return ownerFromApi(owner, profile);
      } catch (cause) {
        if (cause instanceof HubSpotCallFailed && cause.failure.error.code === 'NOT_FOUND') return null;
        throw cause;
      }
    });
  };

  const managers = () =>
    managerCache('all', async () =>
      managerDirectory(await listAll(CUSTOM_OBJECTS.ownerProfile, OWNER_PROFILE_READ_PROPERTIES)),
    );

  const readLibrary = async (): Promise<AssetLibrary> => {
    const assets = await listAll(CUSTOM_OBJECTS.contentAsset, [CONTENT_ASSET_PROPERTIES.externalId]);
    const byExternal = new Map<string, string>();
    for (const a of assets) {
      const external = assetExternalId(a);
      if (external !== null) byExternal.set(external, a.id);
    }
    return { assetIdOf: (e) => byExternal.get(e), missing: new Set() };
  };
  const noLibrary: AssetLibrary = { assetIdOf: () => undefined, missing: new Set() };

  /**
   * What resolves the activities' assets: nothing when every activity carries its asset's record id (all written by
   * this version); else the asset library, listed once per `ttl` and re-listed once for an asset it does not know.
   */
  const libraryFor = async (activities: readonly HsRecord[]): Promise<AssetLibrary> => {
    const externals = activityAssetExternalIds(activities);
    if (externals.length === 0) return noLibrary;
    const cached = await libraryCache('library', readLibrary);
    const unknown = externals.filter((e) => cached.assetIdOf(e) === undefined && !cached.missing.has(e));
    if (unknown.length === 0) return cached;
    const fresh = await libraryCache('library', readLibrary, true);
    for (const e of unknown) if (fresh.assetIdOf(e) === undefined) fresh.missing.add(e);
    return fresh;
  };

  /**
   * The activities associated with a contact, read in one call up to 200: by id in one batch read up to 100, else
   * by one search on the contact id copied onto each activity. Search is eventually consistent, so any associated
   * activity it does not return yet is batch-read by id (an extra call only right after a write, or past 200).
   */
  const activitiesOf = async (contactId: string, ids: readonly string[]): Promise<HsRecord[]> => {
    if (ids.length <= BATCH_LIMIT || ids.length > SEARCH_READ_MAX)
      return batchRead(CUSTOM_OBJECTS.activity, ids, ACTIVITY_READ_PROPERTIES);
    const wanted = new Set(ids);
    const answer = await call(HsSearchSchema, `the activities of contact ${contactId}`, () =>
      api.search(CUSTOM_OBJECTS.activity, {
        filterGroups: [
          { filters: [{ propertyName: ACTIVITY_PROPERTIES.contactId, operator: 'EQ', value: contactId }] },
        ],
        sorts: [{ propertyName: ACTIVITY_PROPERTIES.occurredAt, direction: 'DESCENDING' }],
        properties: ACTIVITY_READ_PROPERTIES,
        limit: SEARCH_PAGE_MAX,
      }),
    );
    const found = answer.results.filter((r) => wanted.delete(r.id));
    const rest =
      wanted.size > 0 ? await batchRead(CUSTOM_OBJECTS.activity, [...wanted], ACTIVITY_READ_PROPERTIES) : [];
    return [...found, ...rest];
  };

  // Custom association type ids are the portal's: read once per pair with the v4 labels API, then kept.
  const associationTypes = new Map<CustomAssociation, Promise<AssociationTypeSpec>>();
  const readAssociationType = async (name: CustomAssociation): Promise<AssociationTypeSpec> => {
    const [from, to] = CUSTOM_ASSOCIATIONS[name];
    const answer = await call(HsAssociationLabelsSchema, `the ${from} → ${to} association types`, () =>
      api.getAssociationLabels(from, to),
    );
    // The unlabelled type is the one `setup` created with the schema; labelled ones are the portal's own.
    const found = answer.results
      .filter((t) => t.category === 'USER_DEFINED' && (t.label ?? null) === null)
      .sort((x, y) => x.typeId - y.typeId)[0];
    if (!found)
      return fail(
        crmFailure('INVALID', `no ${from} → ${to} association type: run \`handoff hubspot setup\` first`),
      );
    return { associationCategory: 'USER_DEFINED', associationTypeId: found.typeId };
  };
  const associationType = (name: CustomAssociation): Promise<AssociationTypeSpec> => {
    let spec = associationTypes.get(name);
    if (spec === undefined) {
      const read = readAssociationType(name);
      spec = read;
      associationTypes.set(name, read);
      read.catch(() => {
        if (associationTypes.get(name) === read) associationTypes.delete(name);
      });
    }
    return spec;
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

  /**
   * Creates a task once per key. Tasks cannot hold unique properties, so a `task` activity does: its unique
   * `handoff_external_id` is the key, and it is created (pending) before the task and completed with the task's id
   * after. A second writer meets a 409 on the key, or finds the key pending and lately changed, and waits for the
   * first; a resumed write (the first died between the two) looks for the task by its key before writing one.
   */
  const createTaskOnce = (
    key: string,
    kind: 'content_request' | 'escalation',
    properties: Readonly<Record<string, string>>,
    associations: readonly AssociationInput[],
    targets: readonly (readonly [type: string, id: string])[],
  ): Promise<WriteOutcome> =>
    oneAtATime(key, async () => {
      const taskIdOf = (record: HsRecord) => propertyText(record, ACTIVITY_PROPERTIES.taskId) ?? record.id;
      const existing = await keyedActivity(key);
      if (existing && writeComplete(existing)) return { id: taskIdOf(existing), created: false };
      if (existing && mayBeInFlight(existing)) {
        const done = await awaitHolder(key);
        if (done) return { id: taskIdOf(done), created: false };
      }
      let ledger = existing;
      let fresh = false;
      if (!ledger) {
        const p = ACTIVITY_PROPERTIES;
        // No association: the ledger entry stays off the lead's timeline and the deal's touches.
        const written = await createKeyed(
          CUSTOM_OBJECTS.activity,
          p.externalId,
          key,
          {
            [p.externalId]: key,
            [p.kind]: 'task',
            [p.activityType]: kind,
            [p.occurredAt]: new Date(now()).toISOString(),
            [p.writePending]: 'true',
          },
          [],
          KEYED_READ,
        );
        if (writeComplete(written.record)) return { id: taskIdOf(written.record), created: false };
        if (written.how === 'conflict') {
          const done = await awaitHolder(key);
          if (done) return { id: taskIdOf(done), created: false };
        }
        ledger = written.record;
        fresh = written.how === 'created';
      }
      // Only a resumed write can find a task its earlier run wrote; a fresh one skips the search.
      let found = fresh ? undefined : await taskByKey(key);
      const task =
        found ??
        (await withTargets(targets, () =>
          call(HsRecordSchema, 'the new task', async (n) => {
            if (n > 1) found = await taskByKey(key);
            return (
              found ?? api.createTask({ ...properties, [TASK_PROPERTIES.idempotencyKey]: key }, associations)
            );
          }),
        ));
      const ledgerId = ledger.id;
      await call(HsRecordSchema, `task ledger ${ledgerId}`, () =>
        api.updateObject(CUSTOM_OBJECTS.activity, ledgerId, {
          [ACTIVITY_PROPERTIES.taskId]: task.id,
          [ACTIVITY_PROPERTIES.writePending]: 'false',
        }),
      );
      return { id: task.id, created: true };
    });

  const link = (toId: string, spec: AssociationTypeSpec): AssociationInput => ({ toId, ...spec });
  /** An association to write with a new activity, its type id read from the portal. */
  const linkActivity = async (toId: string, name: CustomAssociation): Promise<AssociationInput> =>
    link(toId, await associationType(name));

  /**
   * Runs a create whose associations HubSpot may reject (400 "associations are invalid"). A rejection is explained
   * by looking the targets up: a missing one is NOT_FOUND, naming it; otherwise (a wrong type, no read access) the
   * rejection stands as INVALID.
   */
  const withTargets = async <T>(
    targets: readonly (readonly [type: string, id: string])[],
    create: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await create();
    } catch (cause) {
      if (!(cause instanceof HubSpotCallFailed) || cause.failure.details?.crmCode !== INVALID_ASSOCIATION)
        throw cause;
      for (const [type, id] of targets) {
        if ((await batchRead(type, [id], [])).length === 0)
          fail(
            crmFailure('NOT_FOUND', `${type} ${id} not found`, { status: 404, crmCode: INVALID_ASSOCIATION }),
          );
      }
      throw cause;
    }
  };

  /** The activity holding an idempotency key (a share's, a disposition's or a task's), if any. */
  const keyedActivity = (key: string, properties: readonly string[] = KEYED_READ) =>
    idempotent(CUSTOM_OBJECTS.activity, key, ACTIVITY_PROPERTIES.externalId, properties);

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

  /**
   * After a 409 on the key another call (another process) is writing this disposition or task: give it the time its
   * remaining calls need, so two writers do not both write a note or a task. Answers the record once it is complete,
   * or undefined if it stays pending (its writer died) and this call must finish the write.
   */
  const awaitHolder = async (key: string): Promise<HsRecord | undefined> => {
    for (const ms of HOLDER_WAITS_MS) {
      await policy.sleep(ms);
      const record = await keyedActivity(key);
      if (record && writeComplete(record)) return record;
    }
    return undefined;
  };

  /** Whether a pending record changed within the lease (an unreadable or future time counts as recent). */
  const mayBeInFlight = (record: HsRecord): boolean => {
    const changedMs = Date.parse(propertyText(record, HUBSPOT_PROPERTIES.lastModified) ?? '');
    return !(now() - changedMs > PENDING_LEASE_MS);
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
        // Everything on the lead's timeline is one object: the contact's associations list it all.
        const contact = await getRecord(
          'contacts',
          leadId,
          contactReadProperties(names),
          [CUSTOM_OBJECTS.activity],
          [names.fields.handoffStatus],
        );
        const [activities, owner] = await Promise.all([
          activitiesOf(contact.id, associatedIds(contact, CUSTOM_OBJECTS.activity)),
          ownerOf(propertyText(contact, HUBSPOT_PROPERTIES.contact.owner)),
        ]);
        const { assetIdOf } = await libraryFor(activities);
        const ofKind = (kind: string) => activities.filter((a) => activityKind(a) === kind);
        const stored = ofKind('disposition')
          .filter(writeComplete)
          .map((d) => toStoredDisposition(d, contact.id))
          .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || compareIds(b.id, a.id));
        return {
          lead: toLeadSummary(contact, names, owner),
          record: toQualificationRecord(contact, names),
          events: ofKind('engagement_event')
            .map((e) => toEvent(e, assetIdOf))
            .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
          touches: ofKind('content_touch')
            .map((t) => toTouch(t, assetIdOf, { leadId: contact.id }))
            .sort(byTouchTime),
          dispositions: stored,
          appliedDispositionKeys: stored.map((d) => d.id),
          statusHistory: historyOf(contact, names.fields.handoffStatus),
        };
      }),

    getDealAttributionContext: (dealId) =>
      run(async () => {
        checkIds({ dealId });
        const deal = await getRecord('deals', dealId, DEAL_READ_PROPERTIES, [
          'contacts',
          CUSTOM_OBJECTS.activity,
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
        const { assetIdOf } = await libraryFor(touchRecords);
        const touches: ContentTouch[] = touchRecords
          .map((t) => toTouch(t, assetIdOf, { dealId: deal.id }))
          .sort(byTouchTime);
        const assets = await batchRead(
          CUSTOM_OBJECTS.contentAsset,
          touches.map((t) => t.assetId),
          ASSET_READ_PROPERTIES,
        );
        return {
          deal: toDealSummary(deal),
          contacts: contacts
            .map((x) => ({ id: x.id, name: contactName(x) }))
            .sort((a, b) => compareIds(a.id, b.id)),
          touches,
          assets: assets.map(toAsset).sort((a, b) => compareIds(a.id, b.id)),
        };
      }),

    writeDisposition: ({ leadId, plan }: WriteDispositionCommand) =>
      run(() => {
        checkIds({ leadId });
        const key = plan.idempotencyKey;
        return oneAtATime(key, async () => {
          const [existing, contact] = await Promise.all([
            keyedActivity(key),
            // A missing contact is NOT_FOUND before anything is written.
            getRecord(
              'contacts',
              leadId,
              [names.fields.handoffDispositionKey, CONTACT_PROPERTIES.firstTouchAt],
              [],
            ),
          ]);
          // Only a complete record was written by an earlier call; a pending one is resumed below, once its writer,
          // if it changed the record lately, had the time to finish.
          if (existing && writeComplete(existing)) return { id: existing.id, created: false };
          if (existing && mayBeInFlight(existing)) {
            const done = await awaitHolder(key);
            if (done) return { id: done.id, created: false };
          }
          let record = existing;
          // Whether this call's own create answered: then no earlier run can have left a note.
          let fresh = false;
          if (!record) {
            const d = plan.disposition;
            const p = ACTIVITY_PROPERTIES;
            const properties: Record<string, string> = {
              [p.externalId]: key,
              [p.kind]: 'disposition',
              [p.activityType]: d.outcome,
              [p.occurredAt]: d.at,
              [p.contactId]: leadId,
              [p.outcome]: d.outcome,
              [p.reasonCode]: d.reasonCode,
              [p.reasonLabel]: d.reasonLabel,
              [p.notes]: d.notes,
              [p.submissionId]: d.submissionId,
              [p.writePending]: 'true',
              ...(d.recycleAt !== null ? { [p.recycleAt]: d.recycleAt } : {}),
              ...(d.ownerId !== null ? { [p.owner]: d.ownerId } : {}),
            };
            const contactLink = await linkActivity(leadId, 'activityToContact');
            const written = await withTargets([['contacts', leadId]], () =>
              createKeyed(CUSTOM_OBJECTS.activity, p.externalId, key, properties, [contactLink], KEYED_READ),
            );
            // A pending record found by this call's retry is its own whose answer was lost: finish it. A 409 is
            // another writer's: wait for it, and resume only if it stays pending (that writer died).
            if (writeComplete(written.record)) return { id: written.record.id, created: false };
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
            api.updateObject(CUSTOM_OBJECTS.activity, recordId, {
              [ACTIVITY_PROPERTIES.noteId]: noteId,
              [ACTIVITY_PROPERTIES.writePending]: 'false',
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
        const [activities, library] = await Promise.all([
          listAll(CUSTOM_OBJECTS.activity, ACTIVITY_READ_PROPERTIES),
          listAll(CUSTOM_OBJECTS.contentAsset, [CONTENT_ASSET_PROPERTIES.externalId]),
        ]);
        const touchRecords = activities.filter((a) => activityKind(a) === 'content_touch');
        const byExternal = new Map<string, string>();
        for (const a of library) {
          const external = assetExternalId(a);
          if (external !== null) byExternal.set(external, a.id);
        }
        const inLibrary = new Set(library.map((a) => a.id));
        const assetIdOf: AssetIdOf = (e) => byExternal.get(e);
        const usage: UsageTouch[] = [];
        for (const t of touchRecords) {
          // A touch whose asset has left the library counts towards no asset.
          const id = activityAssetId(t, assetIdOf);
          if (id === null || !inLibrary.has(id)) continue;
          const { assetId, dealId, channel, at, buyerStage } = toTouch(t, assetIdOf);
          usage.push({ assetId, dealId, channel, at, buyerStage });
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
        const links = await Promise.all([
          linkActivity(command.leadId, 'activityToContact'),
          linkActivity(asset.id, 'activityToAsset'),
          ...(command.dealId !== null ? [linkActivity(command.dealId, 'activityToDeal')] : []),
        ]);
        const targets: [string, string][] = [['contacts', command.leadId]];
        if (command.dealId !== null) targets.push(['deals', command.dealId]);
        const written = await withTargets(targets, () =>
          createKeyed(
            CUSTOM_OBJECTS.activity,
            keyProperty,
            command.idempotencyKey,
            {
              [p.externalId]: command.idempotencyKey,
              [p.kind]: 'content_touch',
              [p.activityType]: command.channel,
              [p.occurredAt]: command.at,
              [p.assetExternalId]: assetExternalId(asset) ?? '',
              [p.assetId]: asset.id,
              [p.contactId]: command.leadId,
              [p.sharedBy]: command.sharedBy,
              ...(command.dealId !== null ? { [p.dealId]: command.dealId } : {}),
              ...(command.buyerStage !== null ? { [p.buyerStage]: command.buyerStage } : {}),
            },
            links,
          ),
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
          'content_request',
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
          request.dealIds.map((id) => ['deals', id] as const),
        );
      }),

    listEscalationCandidates: (query: EscalationQuery) =>
      run(async () => {
        const state = decodeCursor(query);
        if (state === undefined)
          return fail(crmFailure('INVALID', 'the cursor is not one this adapter gave out'));
        for (const [name, value] of [
          ['enteredBefore', query.enteredBefore],
          ['enteredAfter', query.enteredAfter],
        ] as const) {
          if (value !== undefined && Number.isNaN(Date.parse(value)))
            return fail(crmFailure('INVALID', `${name} is not an ISO instant: ${value}`));
        }
        const pageSize = Math.min(Math.max(query.pageSize ?? DEFAULT_PAGE_SIZE, 1), SEARCH_PAGE_MAX);
        const entered = CONTACT_PROPERTIES.stageEnteredAt;
        const filters: Record<string, unknown>[] = [
          { propertyName: names.fields.handoffStage, operator: 'EQ', value: query.stage },
          { propertyName: entered, operator: 'LTE', value: query.enteredBefore },
        ];
        if (query.includeTouched !== true)
          filters.push({ propertyName: CONTACT_PROPERTIES.firstTouchAt, operator: 'NOT_HAS_PROPERTY' });
        // A window's start is never before the lookback: windows only move forward from it.
        const from = state.from ?? query.enteredAfter ?? null;
        if (from !== null) filters.push({ propertyName: entered, operator: 'GTE', value: from });
        if (state.skip.length > 0)
          filters.push({ propertyName: 'hs_object_id', operator: 'NOT_IN', values: state.skip });
        const [answer, dir] = await Promise.all([
          call(HsSearchSchema, 'the escalation search', () =>
            api.search('contacts', {
              filterGroups: [{ filters }],
              sorts: [{ propertyName: entered, direction: 'ASCENDING' }],
              properties: escalationCandidateProperties(names),
              limit: pageSize,
              ...(state.after > 0 ? { after: String(state.after) } : {}),
            }),
          ),
          managers(),
        ]);
        // Search answers carry no history: the page's status histories come from one batch read of its contacts.
        const status = names.fields.handoffStatus;
        const histories =
          query.withStatusHistory === true && answer.results.length > 0
            ? new Map(
                (
                  await batchRead(
                    'contacts',
                    answer.results.map((r) => r.id),
                    [],
                    undefined,
                    [status],
                  )
                ).map((r) => [r.id, historyOf(r, status)]),
              )
            : new Map<string, StatusChange[]>();
        const items: EscalationCandidate[] = answer.results.map((r) =>
          toEscalationCandidate(r, names, dir, histories.get(r.id) ?? []),
        );
        return { items, nextCursor: nextCursor(state, items, answer.paging?.next !== undefined, pageSize) };
      }),

    findOwnerByEmail: (email: string) =>
      run(async () => {
        if (!PLAUSIBLE_EMAIL.test(email))
          return fail(crmFailure('INVALID', `not an email address: ${email}`));
        const page = await call(HsOwnersSchema, `the owners with email ${email}`, () =>
          api.listOwners(undefined, email),
        );
        const owner = page.results.find((o) => (o.email ?? '').toLowerCase() === email.toLowerCase());
        return owner === undefined ? null : ownerOf(owner.id);
      }),

    createEscalationTask: (command: CreateEscalationTaskCommand) =>
      run(async () => {
        checkIds({ leadId: command.leadId, assigneeId: command.assigneeId });
        const t = HUBSPOT_PROPERTIES.task;
        return createTaskOnce(
          command.idempotencyKey,
          'escalation',
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
          [['contacts', command.leadId]],
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
  v: z.literal(2),
  stage: z.string(),
  before: z.string(),
  // The query's lookback and touch filter, so a cursor is only taken back by the query it came from.
  since: z.string().nullable(),
  touched: z.boolean(),
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
      v: 2,
      stage: query.stage,
      before: query.enteredBefore,
      since: query.enteredAfter ?? null,
      touched: query.includeTouched === true,
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
    if (
      !parsed.success ||
      parsed.data.stage !== query.stage ||
      parsed.data.before !== query.enteredBefore ||
      parsed.data.since !== (query.enteredAfter ?? null) ||
      parsed.data.touched !== (query.includeTouched === true)
    ) {
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
