/**
 * The Salesforce adapter: the CRM port over the narrow jsforce connection. Every SOQL statement comes from the typed
 * builder in `soql.ts`; every response is parsed with zod; every failure is a CrmResult from the one normaliser in
 * `errors.ts`; every write is an upsert by an external id or idempotency key, so the bounded retry in `retry.ts`
 * may repeat it. Names come from `schema-names.ts`. See README.md for the data model and the call budget per method.
 */
import * as z from 'zod';
import { computeAssetUsage, type UsageTouch } from '../../core/content/asset-usage';
import { AssetSchema, type Asset, type AssetUsage } from '../../core/content/library-schema';
import type { StoredDisposition } from '../../core/disposition/types';
import type { EngagementEvent, PropertyValue } from '../../core/qualification/record-schema';
import type {
  ContentTouch,
  CreateEscalationTaskCommand,
  CrmPort,
  CrmResult,
  DealAttributionContext,
  EscalationCandidate,
  EscalationQuery,
  FileContentRequestCommand,
  LeadHandoffContext,
  Owner,
  Page,
  RecordContentShareCommand,
  StatusChange,
  WriteDispositionCommand,
  WriteOutcome,
} from '../port';
import { PLAUSIBLE_EMAIL } from '../port';
import type { BulkUpsertOutcome, CompositeSubrequest, SalesforceConnection, SObjectRow } from './connection';
import { crmError, fromResponse, type CrmFailure } from './errors';
import {
  CompositeResponseSchema,
  CountResultSchema,
  DispositionRecordSchema,
  EventRecordSchema,
  SaveResultsSchema,
  TouchRecordSchema,
  UserRecordSchema,
  childList,
  queryResult,
  sfBoolean,
  sfInstant,
  sfInstantOrNull,
  sfNumber,
  sfText,
} from './records';
import { withRetry, type RetryPolicy } from './retry';
import {
  ChildRelationships,
  ContactFields,
  ContentAssetFields,
  ContentTouchFields,
  EngagementEventFields,
  KeyPrefixes,
  HistoryFields,
  LeadDispositionFields,
  LeadFields,
  OpportunityContactRoleFields,
  OpportunityFields,
  OpportunityStageNames,
  PersonFields,
  Picklists,
  Relationships,
  SObjects,
  SystemFields,
  TaskFields,
  TaskPicklistValues,
  UserFields,
} from './schema-names';
import {
  and,
  bool,
  buildCount,
  buildSelect,
  dateTime,
  eq,
  gt,
  gte,
  idLiteral,
  isFieldName,
  isIn,
  lte,
  nil,
  or,
  parseSalesforceId,
  text,
  type ChildQuery,
  type Condition,
  type SalesforceId,
  type SelectQuery,
  type Soql,
} from './soql';

export interface SalesforceAdapterOptions {
  readonly connection: SalesforceConnection;
  /** Retries after the first attempt for rate limits, 5xx and dropped connections; default 4. */
  readonly maxRetries?: number;
  /** The first retry wait, doubled each time; default 250 ms. */
  readonly retryBaseMs?: number;
  /** No retry waits longer than this; default 10 s. */
  readonly maxRetryDelayMs?: number;
  /** Neutral property name → Lead/Contact field API name, overriding or extending the defaults. */
  readonly propertyMap?: Record<string, string>;
  readonly now?: () => number;
  /** getContentUsage reads touches with Bulk API 2.0 above this many; default 10,000. */
  readonly bulkThreshold?: number;
}

/** The port plus the Bulk API 2.0 calls the attribution sync uses. */
export interface SalesforceAdapter extends CrmPort {
  /** Runs a builder-made SOQL query as a Bulk API 2.0 query job. */
  bulkQuery(soql: Soql): Promise<CrmResult<readonly Readonly<Record<string, unknown>>[]>>;
  /** Upserts rows by an external id with a Bulk API 2.0 ingest job; a rerun creates nothing new. */
  bulkUpsert(
    object: string,
    externalIdField: string,
    rows: readonly SObjectRow[],
  ): Promise<CrmResult<BulkUpsertOutcome>>;
}

// ---------------------------------------------------------------- names and defaults

const ID = SystemFields.id;
const path = (...parts: string[]): string => parts.join('.');
const OWNER_NAME = path(Relationships.owner, UserFields.name);
const OWNER_EMAIL = path(Relationships.owner, UserFields.email);
const OWNER_MANAGER = path(Relationships.owner, UserFields.managerId);
const ROLE_CONTACT_NAME = path(Relationships.contact, ContactFields.name);

const LEAD_PROPERTIES: Readonly<Record<string, string>> = {
  industry: LeadFields.industry,
  employees: LeadFields.employees,
  annualRevenue: LeadFields.annualRevenue,
  country: LeadFields.country,
  jobTitle: LeadFields.title,
  seniority: LeadFields.seniority,
  technologies: LeadFields.technologies,
  handoffStatus: LeadFields.status,
  discoveryNeed: LeadFields.discoveryNeed,
  discoveryBudget: LeadFields.discoveryBudget,
  discoveryAuthority: LeadFields.discoveryAuthority,
  discoveryTimeline: LeadFields.discoveryTimeline,
};

const CONTACT_PROPERTIES: Readonly<Record<string, string>> = {
  ...LEAD_PROPERTIES,
  industry: ContactFields.industry,
  employees: ContactFields.employees,
  annualRevenue: ContactFields.annualRevenue,
  country: ContactFields.country,
};

// Multi-select picklists reach the core as lists, as the HubSpot adapter hands them over (`a;b` → ['a', 'b']).
const LIST_PROPERTIES = new Set(['technologies']);

const STAGE_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(OpportunityStageNames).map(([id, name]) => [name.toLowerCase(), id]),
);

const TASK_KIND = {
  note: 'note',
  contentRequest: 'content_request',
  escalation: 'escalation',
} as const satisfies Record<string, (typeof Picklists.taskKind)[number]>;

const MAX_FETCH = 50_000;
const COLLECTION_LIMIT = 200;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 2000;
const KEY_SHAPE = /^[A-Za-z0-9_.:-]{1,200}$/;
const SUBJECT_MAX = 255;
// Task Description is plain text; keep tabs and newlines, drop every other control character.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Plain text safe for a Task Description or Subject: control characters removed, newlines kept.
 * @example plainText('a\u0000b\nc') // → 'ab\nc'
 */
export function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

// ---------------------------------------------------------------- record schemas built from the names

/** A `LeadHistory` / `ContactHistory` row of the handoff status (values are text: it is a picklist). */
const HistoryRecordSchema = z
  .object({
    [SystemFields.createdDate]: sfInstant,
    [HistoryFields.oldValue]: sfText,
    [HistoryFields.newValue]: sfText,
  })
  .loose();

const personBase = {
  [ID]: z.string(),
  [LeadFields.name]: sfText,
  [LeadFields.email]: sfText,
  [LeadFields.ownerId]: sfText,
  [Relationships.owner]: z
    .object({
      [UserFields.name]: sfText,
      [UserFields.email]: sfText,
      [UserFields.managerId]: sfText.optional(),
    })
    .nullable()
    .optional(),
  [SystemFields.createdDate]: sfInstant,
  [LeadFields.leadSource]: sfText,
  [PersonFields.stage]: sfText,
  [PersonFields.status]: sfText,
  [PersonFields.stageEnteredAt]: sfInstantOrNull,
  [PersonFields.firstTouchAt]: sfInstantOrNull,
  [PersonFields.lastDispositionKey]: sfText,
  [ChildRelationships.contentTouches]: childList(TouchRecordSchema),
  [ChildRelationships.engagementEvents]: childList(EventRecordSchema),
  [ChildRelationships.leadDispositions]: childList(DispositionRecordSchema),
  [ChildRelationships.histories]: childList(HistoryRecordSchema),
};

const LeadRecordSchema = z
  .object({
    ...personBase,
    [LeadFields.company]: sfText,
    [LeadFields.isConverted]: sfBoolean,
    [LeadFields.convertedContactId]: sfText,
  })
  .loose();

const ContactRecordSchema = z
  .object({
    ...personBase,
    [ContactFields.company]: sfText,
    [ContactFields.leadCreatedAt]: sfInstantOrNull,
  })
  .loose();

type PersonRecord = z.output<typeof ContactRecordSchema> | z.output<typeof LeadRecordSchema>;

const PrecheckSchema = z
  .object({
    [ID]: z.string(),
    [PersonFields.stage]: sfText,
    [PersonFields.firstTouchAt]: sfInstantOrNull,
    [LeadFields.isConverted]: sfBoolean.optional(),
    [LeadFields.convertedContactId]: sfText.optional(),
    [ChildRelationships.leadDispositions]: childList(z.object({ [ID]: z.string() })),
  })
  .loose();

const AssetRecordSchema = z
  .object({
    [ID]: z.string(),
    [ContentAssetFields.name]: sfText,
    [ContentAssetFields.title]: sfText,
    [ContentAssetFields.url]: sfText,
    [ContentAssetFields.format]: sfText,
    [ContentAssetFields.buyerStages]: sfText,
    [ContentAssetFields.useCases]: sfText,
    [ContentAssetFields.industries]: sfText,
    [ContentAssetFields.personas]: sfText,
    [ContentAssetFields.objectionTypes]: sfText,
    [ContentAssetFields.status]: sfText,
    [ContentAssetFields.ownerId]: sfText,
    [SystemFields.createdDate]: sfInstant,
    [SystemFields.lastModifiedDate]: sfInstant,
  })
  .loose();

const OpportunityRecordSchema = z
  .object({
    [ID]: z.string(),
    [OpportunityFields.name]: sfText,
    [OpportunityFields.amount]: sfNumber,
    [OpportunityFields.stageName]: sfText,
    [OpportunityFields.leadSource]: sfText,
    [OpportunityFields.ownerId]: sfText,
    [OpportunityFields.leadCreatedAt]: sfInstantOrNull,
    [OpportunityFields.closedAt]: sfInstantOrNull,
    [OpportunityFields.closeDate]: sfInstantOrNull,
    [OpportunityFields.isClosed]: sfBoolean,
    [OpportunityFields.isWon]: sfBoolean,
    [SystemFields.createdDate]: sfInstant,
    [ChildRelationships.opportunityContactRoles]: childList(
      z.object({
        [OpportunityContactRoleFields.contactId]: z.string(),
        [Relationships.contact]: z
          .object({ [ContactFields.name]: sfText })
          .nullable()
          .optional(),
      }),
    ),
    [ChildRelationships.contentTouches]: childList(TouchRecordSchema),
  })
  .loose();

const ClosedDealSchema = z.object({ [ID]: z.string(), [OpportunityFields.isWon]: sfBoolean });

const UsageTouchSchema = z.object({
  [ContentTouchFields.contentAsset]: z.string(),
  [ContentTouchFields.opportunity]: sfText,
  [ContentTouchFields.channel]: sfText,
  [ContentTouchFields.touchedAt]: sfInstant,
  [ContentTouchFields.buyerStage]: sfText,
});

const CandidateRecordSchema = z
  .object({
    [ID]: z.string(),
    [PersonFields.stage]: z.string(),
    [PersonFields.status]: sfText,
    [PersonFields.stageEnteredAt]: sfInstant,
    [PersonFields.firstTouchAt]: sfInstantOrNull,
    [PersonFields.dispositionOutcome]: sfText,
    [PersonFields.dispositionAt]: sfInstantOrNull,
    [LeadFields.name]: sfText,
    [LeadFields.ownerId]: sfText,
    [SystemFields.createdDate]: sfInstant,
    [ContactFields.leadCreatedAt]: sfInstantOrNull.optional(),
    // Selected only when the query asks for status history.
    [ChildRelationships.histories]: childList(HistoryRecordSchema).optional(),
  })
  .loose();

/** A converted Lead's status history, for the Contact it became. */
const ConvertedLeadHistorySchema = z
  .object({
    [LeadFields.convertedContactId]: z.string(),
    [ChildRelationships.histories]: childList(HistoryRecordSchema),
  })
  .loose();

/**
 * The status timeline from field history rows (of a converted lead and its contact together), oldest first: the
 * value it was created with (the first change's old value), then each change. No rows: unchanged since creation.
 */
function statusHistoryOf(
  records: readonly {
    readonly [ChildRelationships.histories]: readonly z.output<typeof HistoryRecordSchema>[];
  }[],
  createdAt: string,
  current: string | null,
): StatusChange[] {
  const rows = uniqueBy(
    records.flatMap((r) => r[ChildRelationships.histories]),
    (h) =>
      `${h[SystemFields.createdDate]}|${h[HistoryFields.oldValue] ?? ''}|${h[HistoryFields.newValue] ?? ''}`,
  ).sort((a, b) => Date.parse(a[SystemFields.createdDate]) - Date.parse(b[SystemFields.createdDate]));
  const first = rows[0];
  return [
    { at: createdAt, status: first === undefined ? current : first[HistoryFields.oldValue] },
    ...rows.map((h) => ({ at: h[SystemFields.createdDate], status: h[HistoryFields.newValue] })),
  ];
}

/** The disposition a person's own fields record, when both its outcome and its time are there. */
function latestDispositionOf(
  record: z.infer<typeof CandidateRecordSchema>,
): EscalationCandidate['latestDisposition'] {
  const outcome = record[PersonFields.dispositionOutcome];
  const at = record[PersonFields.dispositionAt];
  return outcome === null || at === null ? null : { outcome, at };
}

const CursorSchema = z.object({ at: z.iso.datetime(), id: z.string() }).strict();

// ---------------------------------------------------------------- small helpers

const splitList = (value: string | null): string[] =>
  value === null
    ? []
    : value
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');

function parsed<S extends z.ZodType>(schema: S, raw: unknown, what: string): CrmResult<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  return crmError(
    'INVALID',
    `unexpected Salesforce response for ${what}: ${issue === undefined ? 'invalid' : `${issue.path.join('.')}: ${issue.message}`}`,
    { crmCode: 'UNEXPECTED_RESPONSE' },
  );
}

const invalid = (message: string): CrmFailure => crmError('INVALID', message);

function checkedId(
  text: string,
  prefixes: readonly string[] | undefined,
  what: string,
): CrmResult<SalesforceId> {
  const id = parseSalesforceId(text, prefixes);
  return id.ok ? id : invalid(`${what}: ${id.error.message}`);
}

/** The id when it is a User id, else null (queues and malformed ids are not owners Handoff can assign to). */
function userIdOrNull(value: string | null): SalesforceId | null {
  if (value === null) return null;
  const id = parseSalesforceId(value, [KeyPrefixes.user]);
  return id.ok ? id.data : null;
}

function soqlOrFail(built: ReturnType<typeof buildSelect>): CrmResult<Soql> {
  return built.ok ? built : invalid(built.error.message);
}

function byAtThenId<T extends { readonly at: string; readonly id: string }>(a: T, b: T): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function touchOf(record: z.output<typeof TouchRecordSchema>): ContentTouch {
  return {
    id: record[ID],
    assetId: record[ContentTouchFields.contentAsset],
    dealId: record[ContentTouchFields.opportunity],
    leadId: record[ContentTouchFields.contact] ?? record[ContentTouchFields.lead],
    channel: record[ContentTouchFields.channel] ?? 'unknown',
    at: record[ContentTouchFields.touchedAt],
    buyerStage: record[ContentTouchFields.buyerStage],
  };
}

function eventOf(record: z.output<typeof EventRecordSchema>): EngagementEvent & { readonly id: string } {
  const assetId = record[EngagementEventFields.contentAsset];
  return {
    id: record[ID],
    type: record[EngagementEventFields.type],
    at: record[EngagementEventFields.occurredAt],
    ...(assetId === null ? {} : { assetId }),
  };
}

function dispositionOf(
  record: z.output<typeof DispositionRecordSchema>,
  recordId: string,
): StoredDisposition {
  const reasonCode = record[LeadDispositionFields.reasonCode];
  return {
    id: record[LeadDispositionFields.idempotencyKey],
    recordId,
    // Records loaded from elsewhere may lack the submission id and label: the external id (as the HubSpot adapter
    // falls back to) or the key, and the code stand in.
    submissionId:
      record[LeadDispositionFields.submissionId] ??
      record[LeadDispositionFields.externalId] ??
      record[LeadDispositionFields.idempotencyKey],
    outcome: record[LeadDispositionFields.outcome],
    reasonCode,
    reasonLabel: record[LeadDispositionFields.reasonLabel] ?? reasonCode,
    notes: record[LeadDispositionFields.notes] ?? '',
    at: record[LeadDispositionFields.disposedAt],
    recycleAt: record[LeadDispositionFields.recycleAt] ?? null,
    ownerId: record[LeadDispositionFields.disposedBy],
  };
}

function assetOf(record: z.output<typeof AssetRecordSchema>): CrmResult<Asset> {
  const candidate = {
    id: record[ID],
    title: record[ContentAssetFields.title] ?? record[ContentAssetFields.name] ?? '',
    url: record[ContentAssetFields.url] ?? '',
    format: record[ContentAssetFields.format] ?? '',
    buyerStages: splitList(record[ContentAssetFields.buyerStages]),
    useCases: splitList(record[ContentAssetFields.useCases]),
    industries: splitList(record[ContentAssetFields.industries]),
    personas: splitList(record[ContentAssetFields.personas]),
    objectionTypes: splitList(record[ContentAssetFields.objectionTypes]),
    status: record[ContentAssetFields.status] ?? 'active',
    ownerId: record[ContentAssetFields.ownerId] ?? '',
    createdAt: record[SystemFields.createdDate],
    updatedAt: record[SystemFields.lastModifiedDate],
  };
  return parsed(AssetSchema, candidate, `${SObjects.contentAsset} ${record[ID]}`);
}

const ASSET_FIELDS = [
  ID,
  ContentAssetFields.name,
  ContentAssetFields.title,
  ContentAssetFields.url,
  ContentAssetFields.format,
  ContentAssetFields.buyerStages,
  ContentAssetFields.useCases,
  ContentAssetFields.industries,
  ContentAssetFields.personas,
  ContentAssetFields.objectionTypes,
  ContentAssetFields.status,
  ContentAssetFields.ownerId,
  SystemFields.createdDate,
  SystemFields.lastModifiedDate,
];

const TOUCH_FIELDS = [
  ID,
  ContentTouchFields.contentAsset,
  ContentTouchFields.opportunity,
  ContentTouchFields.lead,
  ContentTouchFields.contact,
  ContentTouchFields.channel,
  ContentTouchFields.touchedAt,
  ContentTouchFields.buyerStage,
];

const touchesChild: ChildQuery = {
  relationship: ChildRelationships.contentTouches,
  fields: TOUCH_FIELDS,
  orderBy: [{ field: ContentTouchFields.touchedAt }, { field: ID }],
};

const eventsChild: ChildQuery = {
  relationship: ChildRelationships.engagementEvents,
  fields: [
    ID,
    EngagementEventFields.type,
    EngagementEventFields.occurredAt,
    EngagementEventFields.contentAsset,
  ],
  orderBy: [{ field: EngagementEventFields.occurredAt }, { field: ID }],
};

// The handoff status's field history (tracking is on for it): what SLA pause rules need to credit past pauses.
const historiesChild: ChildQuery = {
  relationship: ChildRelationships.histories,
  fields: [SystemFields.createdDate, HistoryFields.field, HistoryFields.oldValue, HistoryFields.newValue],
  where: eq(HistoryFields.field, text(PersonFields.status)),
  orderBy: [{ field: SystemFields.createdDate }],
};

const dispositionsChild: ChildQuery = {
  relationship: ChildRelationships.leadDispositions,
  fields: [
    ID,
    LeadDispositionFields.idempotencyKey,
    LeadDispositionFields.externalId,
    LeadDispositionFields.outcome,
    LeadDispositionFields.reasonCode,
    LeadDispositionFields.notes,
    LeadDispositionFields.disposedAt,
    LeadDispositionFields.disposedBy,
    LeadDispositionFields.submissionId,
    LeadDispositionFields.reasonLabel,
    LeadDispositionFields.recycleAt,
  ],
  orderBy: [
    { field: LeadDispositionFields.disposedAt, direction: 'DESC' },
    { field: ID, direction: 'DESC' },
  ],
};

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify({ at, id })).toString('base64url');
}

function decodeCursor(cursor: string): CrmResult<{ at: string; id: SalesforceId }> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid('the cursor is not one this adapter returned');
  }
  const shape = CursorSchema.safeParse(raw);
  if (!shape.success) return invalid('the cursor is not one this adapter returned');
  const id = parseSalesforceId(shape.data.id);
  if (!id.ok) return invalid('the cursor is not one this adapter returned');
  return { ok: true, data: { at: shape.data.at, id: id.data } };
}

// ---------------------------------------------------------------- the adapter

/**
 * The Salesforce implementation of the CRM port (plus Bulk API 2.0 helpers) over a narrow jsforce connection.
 * @example const crm = createSalesforceAdapter({ connection }); await crm.getLeadHandoffContext('00Q…') // → { ok: true, data: { lead, record, events, touches, … } }
 */
export function createSalesforceAdapter(options: SalesforceAdapterOptions): SalesforceAdapter {
  const conn = options.connection;
  const now = options.now ?? Date.now;
  const bulkThreshold = options.bulkThreshold ?? 10_000;
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? 4,
    baseMs: options.retryBaseMs ?? 250,
    maxDelayMs: options.maxRetryDelayMs ?? 10_000,
  };
  const mapProblem = Object.entries(options.propertyMap ?? {}).find(
    ([neutral, apiName]) => neutral.trim() === '' || !isFieldName(apiName) || apiName.includes('.'),
  );
  const leadProperties = { ...LEAD_PROPERTIES, ...(options.propertyMap ?? {}) };
  const contactProperties = { ...CONTACT_PROPERTIES, ...(options.propertyMap ?? {}) };
  const dataPath = (...segments: string[]): string =>
    `/services/data/v${conn.version}/${segments.map(encodeURIComponent).join('/')}`;

  /** A query through /query (autoFetch follows nextRecordsUrl and child pages), parsed, with retries. */
  async function query<S extends z.ZodType>(
    soql: CrmResult<Soql>,
    record: S,
    what: string,
  ): Promise<CrmResult<z.output<S>[]>> {
    if (!soql.ok) return soql;
    const schema = queryResult(record);
    return withRetry(
      () => conn.query(soql.data, { autoFetch: true, maxFetch: MAX_FETCH }),
      policy,
      (raw) => {
        const result = parsed(schema, raw, what);
        return result.ok ? { ok: true, data: result.data.records } : result;
      },
    );
  }

  async function upsertOne(
    object: string,
    externalIdField: string,
    row: SObjectRow,
  ): Promise<CrmResult<WriteOutcome>> {
    return withRetry(
      () => conn.upsert(object, externalIdField, [row], { allOrNone: true }),
      policy,
      (raw) => {
        const results = parsed(SaveResultsSchema, raw, `${object} upsert`);
        if (!results.ok) return results;
        const first = results.data[0];
        if (first === undefined) return invalid(`${object} upsert returned no result`);
        if (!first.success || first.id === undefined || first.id === null) {
          // Every error of the row: the first is the message, all their fields are issues.
          return fromResponse(400, first.errors);
        }
        return { ok: true, data: { id: first.id, created: first.created === true } };
      },
    );
  }

  function personSelect(object: 'Lead' | 'Contact', id: SalesforceId): CrmResult<Soql> {
    if (mapProblem !== undefined) return invalid(`propertyMap: "${mapProblem[1]}" is not a field API name`);
    const isLead = object === SObjects.lead;
    const properties = Object.values(isLead ? leadProperties : contactProperties);
    const fields = [
      ID,
      LeadFields.name,
      LeadFields.email,
      LeadFields.ownerId,
      OWNER_NAME,
      OWNER_EMAIL,
      // Lead.Owner is polymorphic (User or Queue), so its manager is read from User separately.
      ...(isLead ? [] : [OWNER_MANAGER, ContactFields.company, ContactFields.leadCreatedAt]),
      ...(isLead ? [LeadFields.company, LeadFields.isConverted, LeadFields.convertedContactId] : []),
      SystemFields.createdDate,
      LeadFields.leadSource,
      PersonFields.stage,
      PersonFields.status,
      PersonFields.stageEnteredAt,
      PersonFields.firstTouchAt,
      PersonFields.lastDispositionKey,
      ...properties,
    ];
    return soqlOrFail(
      buildSelect({
        fields: uniqueBy(fields, (f) => f.toLowerCase()),
        children: [touchesChild, eventsChild, dispositionsChild, historiesChild],
        from: object,
        where: eq(ID, idLiteral(id)),
      }),
    );
  }

  async function readPerson(
    object: 'Lead' | 'Contact',
    id: SalesforceId,
  ): Promise<CrmResult<PersonRecord | null>> {
    const schema = object === SObjects.lead ? LeadRecordSchema : ContactRecordSchema;
    const rows = await query(personSelect(object, id), schema, object);
    return rows.ok ? { ok: true, data: rows.data[0] ?? null } : rows;
  }

  /** The first User a condition finds, as an owner with their manager; null when none. */
  async function readOwnerWhere(where: Condition): Promise<CrmResult<Owner | null>> {
    const rows = await query(
      buildSelect({
        fields: [ID, UserFields.name, UserFields.email, UserFields.managerId],
        from: SObjects.user,
        where,
        orderBy: [{ field: ID }],
        limit: 1,
      }),
      UserRecordSchema,
      SObjects.user,
    );
    if (!rows.ok) return rows;
    const user = rows.data[0];
    return {
      ok: true,
      data:
        user === undefined
          ? null
          : {
              id: user[ID],
              name: user[UserFields.name] ?? '',
              email: user[UserFields.email] ?? '',
              managerId: user[UserFields.managerId],
            },
    };
  }

  function readOwner(ownerId: SalesforceId): Promise<CrmResult<Owner | null>> {
    return readOwnerWhere(eq(ID, idLiteral(ownerId)));
  }

  function propertiesOf(
    record: PersonRecord,
    map: Readonly<Record<string, string>>,
  ): Record<string, PropertyValue> {
    const raw = record as Record<string, unknown>;
    const out: Record<string, PropertyValue> = {};
    for (const [neutral, apiName] of Object.entries(map)) {
      const value = raw[apiName];
      if (LIST_PROPERTIES.has(neutral)) {
        out[neutral] =
          typeof value === 'string'
            ? value
                .split(';')
                .map((item) => item.trim())
                .filter((item) => item !== '')
            : [];
        continue;
      }
      out[neutral] =
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
    }
    return out;
  }

  function contextOf(
    record: PersonRecord,
    objectType: 'lead' | 'contact',
    owner: Owner | null,
    extra: readonly PersonRecord[],
  ): LeadHandoffContext {
    const all = [record, ...extra];
    const touches = uniqueBy(
      all.flatMap((r) => r[ChildRelationships.contentTouches].map(touchOf)),
      (t) => t.id,
    ).sort(byAtThenId);
    const events = uniqueBy(
      all.flatMap((r) => r[ChildRelationships.engagementEvents].map(eventOf)),
      (e) => e.id,
    )
      .sort(byAtThenId)
      .map(({ id: _id, ...event }) => event);
    const dispositions = uniqueBy(
      all.flatMap((r) => r[ChildRelationships.leadDispositions].map((d) => dispositionOf(d, record[ID]))),
      (d) => d.id,
    ).sort((a, b) => -byAtThenId(a, b));
    const lastKey = record[PersonFields.lastDispositionKey];
    const keys = uniqueBy(
      [...dispositions.map((d) => d.id), ...(lastKey === null ? [] : [lastKey])],
      (k) => k,
    );
    const isContact = objectType === 'contact';
    const contact = record as z.output<typeof ContactRecordSchema>;
    const lead = record as z.output<typeof LeadRecordSchema>;
    const createdAt =
      (isContact ? contact[ContactFields.leadCreatedAt] : null) ?? record[SystemFields.createdDate];
    return {
      lead: {
        id: record[ID],
        objectType,
        name: record[LeadFields.name] ?? '',
        email: record[LeadFields.email],
        company: isContact ? contact[ContactFields.company] : lead[LeadFields.company],
        source: record[LeadFields.leadSource],
        stage: record[PersonFields.stage],
        handoffStatus: record[PersonFields.status],
        owner,
        createdAt,
        stageEnteredAt: record[PersonFields.stageEnteredAt],
        firstTouchAt: record[PersonFields.firstTouchAt],
      },
      record: {
        id: record[ID],
        properties: propertiesOf(record, isContact ? contactProperties : leadProperties),
      },
      events,
      touches,
      dispositions,
      appliedDispositionKeys: keys,
      statusHistory: statusHistoryOf(all, createdAt, record[PersonFields.status]),
    };
  }

  function ownerFromRelationship(record: PersonRecord): Owner | null {
    const ownerId = record[LeadFields.ownerId];
    if (ownerId === null) return null;
    const rel = record[Relationships.owner];
    return {
      id: ownerId,
      name: rel?.[UserFields.name] ?? '',
      email: rel?.[UserFields.email] ?? '',
      managerId: rel?.[UserFields.managerId] ?? null,
    };
  }

  async function getLeadHandoffContext(leadId: string): Promise<CrmResult<LeadHandoffContext>> {
    const id = checkedId(leadId, [KeyPrefixes.lead, KeyPrefixes.contact], 'leadId');
    if (!id.ok) return id;
    if (id.data.startsWith(KeyPrefixes.contact)) {
      const contact = await readPerson(SObjects.contact, id.data);
      if (!contact.ok) return contact;
      if (contact.data === null) return crmError('NOT_FOUND', `no Contact ${id.data}`);
      return { ok: true, data: contextOf(contact.data, 'contact', ownerFromRelationship(contact.data), []) };
    }
    const leadResult = await readPerson(SObjects.lead, id.data);
    if (!leadResult.ok) return leadResult;
    const lead = leadResult.data as z.output<typeof LeadRecordSchema> | null;
    if (lead === null) return crmError('NOT_FOUND', `no Lead ${id.data}`);
    const convertedTo = lead[LeadFields.isConverted] ? lead[LeadFields.convertedContactId] : null;
    const contactId = convertedTo === null ? null : parseSalesforceId(convertedTo, [KeyPrefixes.contact]);
    if (contactId?.ok === true) {
      // A converted lead lives on as its Contact: read it there, keeping what was recorded on the Lead.
      const contact = await readPerson(SObjects.contact, contactId.data);
      if (!contact.ok) return contact;
      if (contact.data !== null) {
        return {
          ok: true,
          data: contextOf(contact.data, 'contact', ownerFromRelationship(contact.data), [lead]),
        };
      }
    }
    const ownerId = userIdOrNull(lead[LeadFields.ownerId]);
    const owner =
      ownerId === null ? { ok: true as const, data: ownerFromRelationship(lead) } : await readOwner(ownerId);
    if (!owner.ok) return owner;
    return { ok: true, data: contextOf(lead, 'lead', owner.data, []) };
  }

  async function retrieveAssets(ids: readonly SalesforceId[]): Promise<CrmResult<Asset[]>> {
    const chunks: SalesforceId[][] = [];
    for (let i = 0; i < ids.length; i += COLLECTION_LIMIT) chunks.push(ids.slice(i, i + COLLECTION_LIMIT));
    const schema = z.array(AssetRecordSchema.nullable());
    const results = await Promise.all(
      chunks.map((chunk) =>
        withRetry(
          () => conn.retrieve(SObjects.contentAsset, chunk, ASSET_FIELDS),
          policy,
          (raw) => parsed(schema, raw, SObjects.contentAsset),
        ),
      ),
    );
    const assets: Asset[] = [];
    for (const result of results) {
      if (!result.ok) return result;
      for (const record of result.data) {
        if (record === null) continue;
        const asset = assetOf(record);
        if (!asset.ok) return asset;
        assets.push(asset.data);
      }
    }
    return { ok: true, data: assets };
  }

  async function getDealAttributionContext(dealId: string): Promise<CrmResult<DealAttributionContext>> {
    const id = checkedId(dealId, [KeyPrefixes.opportunity], 'dealId');
    if (!id.ok) return id;
    const rows = await query(
      buildSelect({
        fields: [
          ID,
          OpportunityFields.name,
          OpportunityFields.amount,
          OpportunityFields.stageName,
          OpportunityFields.leadSource,
          OpportunityFields.ownerId,
          OpportunityFields.leadCreatedAt,
          OpportunityFields.closedAt,
          OpportunityFields.closeDate,
          OpportunityFields.isClosed,
          OpportunityFields.isWon,
          SystemFields.createdDate,
        ],
        children: [
          {
            relationship: ChildRelationships.opportunityContactRoles,
            fields: [OpportunityContactRoleFields.contactId, ROLE_CONTACT_NAME],
            orderBy: [{ field: OpportunityContactRoleFields.isPrimary, direction: 'DESC' }, { field: ID }],
          },
          touchesChild,
        ],
        from: SObjects.opportunity,
        where: eq(ID, idLiteral(id.data)),
      }),
      OpportunityRecordSchema,
      SObjects.opportunity,
    );
    if (!rows.ok) return rows;
    const deal = rows.data[0];
    if (deal === undefined) return crmError('NOT_FOUND', `no Opportunity ${id.data}`);
    const touches = deal[ChildRelationships.contentTouches].map(touchOf).sort(byAtThenId);
    const assetIds = uniqueBy(
      touches.map((t) => t.assetId),
      (a) => a,
    ).flatMap((a) => {
      const parsedId = parseSalesforceId(a);
      return parsedId.ok ? [parsedId.data] : [];
    });
    const assets = await retrieveAssets(assetIds);
    if (!assets.ok) return assets;
    const stageName = deal[OpportunityFields.stageName] ?? '';
    const closed = deal[OpportunityFields.isClosed];
    return {
      ok: true,
      data: {
        deal: {
          id: deal[ID],
          name: deal[OpportunityFields.name] ?? '',
          amount: deal[OpportunityFields.amount] ?? 0,
          stage: STAGE_IDS[stageName.toLowerCase()] ?? stageName,
          source: deal[OpportunityFields.leadSource],
          ownerId: deal[OpportunityFields.ownerId],
          leadCreatedAt: deal[OpportunityFields.leadCreatedAt],
          createdAt: deal[SystemFields.createdDate],
          closedAt: closed ? (deal[OpportunityFields.closedAt] ?? deal[OpportunityFields.closeDate]) : null,
          won: closed ? deal[OpportunityFields.isWon] : null,
        },
        contacts: uniqueBy(
          deal[ChildRelationships.opportunityContactRoles].map((role) => ({
            id: role[OpportunityContactRoleFields.contactId],
            name: role[Relationships.contact]?.[ContactFields.name] ?? '',
          })),
          (c) => c.id,
        ),
        touches,
        assets: assets.data,
      },
    };
  }

  async function listContentLibrary(): Promise<CrmResult<readonly Asset[]>> {
    const rows = await query(
      buildSelect({ fields: ASSET_FIELDS, from: SObjects.contentAsset, orderBy: [{ field: ID }] }),
      AssetRecordSchema,
      SObjects.contentAsset,
    );
    if (!rows.ok) return rows;
    const assets: Asset[] = [];
    for (const record of rows.data) {
      const asset = assetOf(record);
      if (!asset.ok) return asset;
      assets.push(asset.data);
    }
    return { ok: true, data: assets };
  }

  async function bulkQuery(soql: Soql): Promise<CrmResult<readonly Readonly<Record<string, unknown>>[]>> {
    return withRetry(
      () => conn.bulkQuery(soql),
      policy,
      (rows) => ({ ok: true, data: rows }),
    );
  }

  async function getContentUsage(asOf: string): Promise<CrmResult<readonly AssetUsage[]>> {
    const asOfMs = Date.parse(asOf);
    if (Number.isNaN(asOfMs)) return invalid(`asOf is not an ISO instant: ${asOf}`);
    // Touches at or before asOf (second precision; computeAssetUsage drops any later millisecond).
    const window = lte(ContentTouchFields.touchedAt, dateTime(asOfMs));
    const count = buildCount(SObjects.contentTouch, window);
    const touchSoql = buildSelect({
      fields: [
        ContentTouchFields.contentAsset,
        ContentTouchFields.opportunity,
        ContentTouchFields.channel,
        ContentTouchFields.touchedAt,
        ContentTouchFields.buyerStage,
      ],
      from: SObjects.contentTouch,
      where: window,
    });
    if (!count.ok || !touchSoql.ok) return invalid('could not build the usage queries');
    const [counted, deals] = await Promise.all([
      withRetry(
        () => conn.query(count.data),
        policy,
        (raw) => parsed(CountResultSchema, raw, 'COUNT()'),
      ),
      query(
        buildSelect({
          fields: [ID, OpportunityFields.isWon],
          from: SObjects.opportunity,
          where: eq(OpportunityFields.isClosed, bool(true)),
        }),
        ClosedDealSchema,
        SObjects.opportunity,
      ),
    ]);
    if (!counted.ok) return counted;
    if (!deals.ok) return deals;
    let touches: CrmResult<z.output<typeof UsageTouchSchema>[]>;
    if (counted.data.totalSize > bulkThreshold) {
      const rows = await bulkQuery(touchSoql.data);
      touches = rows.ok ? parsed(z.array(UsageTouchSchema), rows.data, 'bulk touches') : rows;
    } else {
      touches = await query(touchSoql, UsageTouchSchema, SObjects.contentTouch);
    }
    if (!touches.ok) return touches;
    const usageTouches: UsageTouch[] = touches.data.map((t) => ({
      assetId: t[ContentTouchFields.contentAsset],
      dealId: t[ContentTouchFields.opportunity],
      channel: t[ContentTouchFields.channel] ?? 'unknown',
      at: t[ContentTouchFields.touchedAt],
      buyerStage: t[ContentTouchFields.buyerStage],
    }));
    const usageDeals = deals.data.map((d) => ({ id: d[ID], won: d[OpportunityFields.isWon] }));
    return { ok: true, data: computeAssetUsage(usageTouches, usageDeals, asOfMs) };
  }

  async function listEscalationCandidates(q: EscalationQuery): Promise<CrmResult<Page<EscalationCandidate>>> {
    const pageSize = q.pageSize ?? DEFAULT_PAGE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
      return invalid(`pageSize must be an integer from 1 to ${MAX_PAGE}`);
    }
    const beforeMs = Date.parse(q.enteredBefore);
    if (Number.isNaN(beforeMs)) return invalid(`enteredBefore is not an ISO instant: ${q.enteredBefore}`);
    const sinceMs = q.enteredAfter === undefined ? null : Date.parse(q.enteredAfter);
    if (sinceMs !== null && Number.isNaN(sinceMs)) {
      return invalid(`enteredAfter is not an ISO instant: ${q.enteredAfter ?? ''}`);
    }
    const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor);
    if (cursor !== null && !cursor.ok) return cursor;
    const after: Condition[] =
      cursor === null
        ? []
        : [
            or(
              gt(PersonFields.stageEnteredAt, dateTime(Date.parse(cursor.data.at))),
              and(
                eq(PersonFields.stageEnteredAt, dateTime(Date.parse(cursor.data.at))),
                gt(ID, idLiteral(cursor.data.id)),
              ),
            ),
          ];
    const fields = [
      ID,
      LeadFields.name,
      PersonFields.stage,
      PersonFields.status,
      PersonFields.stageEnteredAt,
      PersonFields.firstTouchAt,
      PersonFields.dispositionOutcome,
      PersonFields.dispositionAt,
      LeadFields.ownerId,
      SystemFields.createdDate,
    ];
    const withHistory = q.withStatusHistory === true;
    const select = (object: 'Lead' | 'Contact'): SelectQuery => ({
      fields: object === SObjects.contact ? [...fields, ContactFields.leadCreatedAt] : fields,
      ...(withHistory ? { children: [historiesChild] } : {}),
      from: object,
      where: and(
        eq(PersonFields.stage, text(q.stage)),
        ...(q.includeTouched === true ? [] : [eq(PersonFields.firstTouchAt, nil)]),
        lte(PersonFields.stageEnteredAt, dateTime(beforeMs)),
        ...(sinceMs === null ? [] : [gte(PersonFields.stageEnteredAt, dateTime(sinceMs))]),
        ...(object === SObjects.lead ? [eq(LeadFields.isConverted, bool(false))] : []),
        ...after,
      ),
      orderBy: [{ field: PersonFields.stageEnteredAt }, { field: ID }],
      limit: pageSize + 1,
    });
    // Unconverted Leads and Contacts both carry handoff stages: one keyset over both, merged here.
    const [leads, contacts] = await Promise.all([
      query(buildSelect(select(SObjects.lead)), CandidateRecordSchema, SObjects.lead),
      query(buildSelect(select(SObjects.contact)), CandidateRecordSchema, SObjects.contact),
    ]);
    if (!leads.ok) return leads;
    if (!contacts.ok) return contacts;
    const merged = [...leads.data, ...contacts.data]
      .map((r) => ({ record: r, at: r[PersonFields.stageEnteredAt], id: r[ID] }))
      .sort(byAtThenId);
    const page = merged.slice(0, pageSize);
    const ownerIds = uniqueBy(
      page.flatMap((p) => {
        const owner = userIdOrNull(p.record[LeadFields.ownerId]);
        return owner === null ? [] : [owner];
      }),
      (o) => o,
    );
    const managers = new Map<string, string | null>();
    // A contact's history before conversion stays on its Lead: read those Leads' histories alongside the managers.
    const contactIds = withHistory
      ? page.flatMap((p) => {
          const id = parseSalesforceId(p.id, [KeyPrefixes.contact]);
          return id.ok ? [id.data] : [];
        })
      : [];
    const [users, converted] = await Promise.all([
      ownerIds.length === 0
        ? null
        : query(
            buildSelect({
              fields: [ID, UserFields.name, UserFields.email, UserFields.managerId],
              from: SObjects.user,
              where: isIn(ID, ownerIds.map(idLiteral)),
            }),
            UserRecordSchema,
            SObjects.user,
          ),
      contactIds.length === 0
        ? null
        : query(
            buildSelect({
              fields: [ID, LeadFields.convertedContactId],
              children: [historiesChild],
              from: SObjects.lead,
              where: isIn(LeadFields.convertedContactId, contactIds.map(idLiteral)),
            }),
            ConvertedLeadHistorySchema,
            SObjects.lead,
          ),
    ]);
    if (users !== null && !users.ok) return users;
    if (converted !== null && !converted.ok) return converted;
    for (const user of users?.data ?? []) managers.set(user[ID], user[UserFields.managerId]);
    const sourceLeads = new Map<string, (typeof converted & { ok: true })['data']>();
    for (const lead of converted?.data ?? []) {
      const contactId = lead[LeadFields.convertedContactId];
      sourceLeads.set(contactId, [...(sourceLeads.get(contactId) ?? []), lead]);
    }
    const last = page[page.length - 1];
    return {
      ok: true,
      data: {
        items: page.map(({ record }) => ({
          leadId: record[ID],
          name: record[LeadFields.name],
          ownerId: record[LeadFields.ownerId],
          managerId: managers.get(record[LeadFields.ownerId] ?? '') ?? null,
          stage: record[PersonFields.stage],
          handoffStatus: record[PersonFields.status],
          stageEnteredAt: record[PersonFields.stageEnteredAt],
          firstTouchAt: record[PersonFields.firstTouchAt],
          latestDisposition: latestDispositionOf(record),
          statusHistory: withHistory
            ? statusHistoryOf(
                [
                  { [ChildRelationships.histories]: record[ChildRelationships.histories] ?? [] },
                  ...(sourceLeads.get(record[ID]) ?? []),
                ],
                record[ContactFields.leadCreatedAt] ?? record[SystemFields.createdDate],
                record[PersonFields.status],
              )
            : [],
        })),
        nextCursor: merged.length > pageSize && last !== undefined ? encodeCursor(last.at, last.id) : null,
      },
    };
  }

  async function writeDisposition(command: WriteDispositionCommand): Promise<CrmResult<WriteOutcome>> {
    const { plan } = command;
    const id = checkedId(command.leadId, [KeyPrefixes.lead, KeyPrefixes.contact], 'leadId');
    if (!id.ok) return id;
    if (!KEY_SHAPE.test(plan.idempotencyKey))
      return invalid('the idempotency key must be 1–200 URL-safe characters');
    const outcomes: readonly string[] = Picklists.dispositionOutcome;
    if (!outcomes.includes(plan.disposition.outcome))
      return invalid(`unknown outcome ${plan.disposition.outcome}`);

    // One read: where the record lives now (a converted Lead is written through its Contact), its stage, its
    // first touch, and whether this key was already written. Then one composite write, all or nothing.
    const precheck = async (object: 'Lead' | 'Contact', target: SalesforceId) => {
      const isLead = object === SObjects.lead;
      return query(
        buildSelect({
          fields: [
            ID,
            PersonFields.stage,
            PersonFields.firstTouchAt,
            ...(isLead ? [LeadFields.isConverted, LeadFields.convertedContactId] : []),
          ],
          children: [
            {
              relationship: ChildRelationships.leadDispositions,
              fields: [ID],
              where: eq(LeadDispositionFields.idempotencyKey, text(plan.idempotencyKey)),
            },
          ],
          from: object,
          where: eq(ID, idLiteral(target)),
        }),
        PrecheckSchema,
        object,
      );
    };
    let object: 'Lead' | 'Contact' = id.data.startsWith(KeyPrefixes.lead) ? SObjects.lead : SObjects.contact;
    let rows = await precheck(object, id.data);
    if (!rows.ok) return rows;
    let current = rows.data[0];
    if (current === undefined) return crmError('NOT_FOUND', `no ${object} ${id.data}`);
    const sourceLeadId = object === SObjects.lead ? id.data : null;
    const convertedTo = current[LeadFields.convertedContactId];
    if (
      object === SObjects.lead &&
      current[LeadFields.isConverted] === true &&
      typeof convertedTo === 'string'
    ) {
      const contactId = parseSalesforceId(convertedTo, [KeyPrefixes.contact]);
      if (contactId.ok) {
        object = SObjects.contact;
        rows = await precheck(object, contactId.data);
        if (!rows.ok) return rows;
        current = rows.data[0];
        if (current === undefined) return crmError('NOT_FOUND', `no Contact ${contactId.data}`);
      }
    }
    const existing = current[ChildRelationships.leadDispositions][0];
    if (existing !== undefined) return { ok: true, data: { id: existing[ID], created: false } };
    if ((current[PersonFields.stage] ?? '') !== plan.stageChange.from) {
      return crmError(
        'CONFLICT',
        `the record is in stage ${current[PersonFields.stage] ?? '(none)'}, not ${plan.stageChange.from}: re-read and re-plan`,
        { crmCode: 'STAGE_CHANGED' },
      );
    }
    const targetId = current[ID];
    const { fields, sla, disposition } = plan;
    const stageMoved = plan.stageChange.to !== plan.stageChange.from;
    const person: Record<string, string | null> = {
      [PersonFields.stage]: fields.handoffStage,
      [PersonFields.status]: fields.handoffStatus,
      [PersonFields.dispositionOutcome]: fields.handoffDispositionOutcome,
      [PersonFields.dispositionReason]: fields.handoffDispositionReason,
      [PersonFields.dispositionAt]: fields.handoffDispositionAt,
      [PersonFields.lastDispositionKey]: fields.handoffDispositionKey,
    };
    if (sla.restart !== undefined) {
      // Recycle: a new clock starts for marketing's response, untouched so far.
      person[PersonFields.stageEnteredAt] = sla.restart.triggeredAt;
      person[PersonFields.firstTouchAt] = null;
    } else {
      if (stageMoved) person[PersonFields.stageEnteredAt] = fields.handoffDispositionAt;
      // The disposition completes the first-touch clock unless a touch already did.
      if (sla.stop.policyIds.length > 0 && current[PersonFields.firstTouchAt] === null) {
        person[PersonFields.firstTouchAt] = sla.stop.at;
      }
    }
    const isContact = object === SObjects.contact;
    const ownerId = userIdOrNull(disposition.ownerId);
    const record: SObjectRow = {
      [isContact ? LeadDispositionFields.contact : LeadDispositionFields.lead]: targetId,
      ...(isContact && sourceLeadId !== null ? { [LeadDispositionFields.lead]: sourceLeadId } : {}),
      [LeadDispositionFields.outcome]: disposition.outcome,
      [LeadDispositionFields.reasonCode]: disposition.reasonCode,
      [LeadDispositionFields.notes]: plainText(disposition.notes),
      [LeadDispositionFields.disposedAt]: disposition.at,
      [LeadDispositionFields.disposedBy]: ownerId,
      [LeadDispositionFields.fromStage]: plan.stageChange.from,
      [LeadDispositionFields.toStage]: plan.stageChange.to,
      [LeadDispositionFields.submissionId]: disposition.submissionId,
      [LeadDispositionFields.reasonLabel]: disposition.reasonLabel,
      [LeadDispositionFields.recycleAt]: disposition.recycleAt,
    };
    const note = plainText(plan.timelineNote);
    const task: SObjectRow = {
      [TaskFields.subject]: (note.split('\n')[0] ?? 'Disposition').slice(0, SUBJECT_MAX),
      [TaskFields.description]: note,
      [TaskFields.status]: TaskPicklistValues.statusCompleted,
      [TaskFields.priority]: TaskPicklistValues.priorityNormal,
      [TaskFields.activityDate]: new Date(now()).toISOString().slice(0, 10),
      [TaskFields.whoId]: targetId,
      [TaskFields.kind]: TASK_KIND.note,
      ...(ownerId === null ? {} : { [TaskFields.ownerId]: ownerId }),
    };
    const subrequests: CompositeSubrequest[] = [
      {
        method: 'PATCH',
        url: dataPath(
          'sobjects',
          SObjects.leadDisposition,
          LeadDispositionFields.idempotencyKey,
          plan.idempotencyKey,
        ),
        referenceId: 'disposition',
        body: record,
      },
      { method: 'PATCH', url: dataPath('sobjects', object, targetId), referenceId: 'record', body: person },
      {
        method: 'PATCH',
        url: dataPath(
          'sobjects',
          SObjects.task,
          TaskFields.idempotencyKey,
          `disposition-note:${plan.idempotencyKey}`,
        ),
        referenceId: 'note',
        body: task,
      },
    ];
    return withRetry(
      () => conn.composite(subrequests, { allOrNone: true }),
      policy,
      (raw) => {
        const answer = parsed(CompositeResponseSchema, raw, 'composite');
        if (!answer.ok) return answer;
        const responses = answer.data.compositeResponse;
        const failed =
          responses.find((r) => r.httpStatusCode >= 400 && !isHalted(r.body)) ??
          responses.find((r) => r.httpStatusCode >= 400);
        if (failed !== undefined) return fromResponse(failed.httpStatusCode, failed.body);
        const first = responses.find((r) => r.referenceId === 'disposition');
        const body = z.object({ id: z.string(), created: z.boolean().optional() }).safeParse(first?.body);
        if (first === undefined || !body.success)
          return invalid('the composite answer has no disposition id');
        return {
          ok: true,
          data: { id: body.data.id, created: first.httpStatusCode === 201 || body.data.created === true },
        };
      },
    );
  }

  async function recordContentShare(command: RecordContentShareCommand): Promise<CrmResult<WriteOutcome>> {
    const lead = checkedId(command.leadId, [KeyPrefixes.lead, KeyPrefixes.contact], 'leadId');
    if (!lead.ok) return lead;
    const deal =
      command.dealId === null ? null : checkedId(command.dealId, [KeyPrefixes.opportunity], 'dealId');
    if (deal !== null && !deal.ok) return deal;
    const asset = checkedId(command.assetId, undefined, 'assetId');
    if (!asset.ok) return asset;
    if (command.idempotencyKey.length === 0 || command.idempotencyKey.length > 255) {
      return invalid('the idempotency key must be 1–255 characters');
    }
    const at = Date.parse(command.at);
    if (Number.isNaN(at)) return invalid(`at is not an ISO instant: ${command.at}`);
    const sharedBy = userIdOrNull(command.sharedBy);
    const isContact = lead.data.startsWith(KeyPrefixes.contact);
    return upsertOne(SObjects.contentTouch, ContentTouchFields.externalId, {
      [ContentTouchFields.externalId]: command.idempotencyKey,
      [isContact ? ContentTouchFields.contact : ContentTouchFields.lead]: lead.data,
      [ContentTouchFields.opportunity]: deal === null ? null : deal.data,
      [ContentTouchFields.contentAsset]: asset.data,
      [ContentTouchFields.channel]: command.channel,
      [ContentTouchFields.buyerStage]: command.buyerStage,
      [ContentTouchFields.touchedAt]: new Date(at).toISOString(),
      [ContentTouchFields.sharedBy]: sharedBy,
    });
  }

  async function fileContentRequest(command: FileContentRequestCommand): Promise<CrmResult<WriteOutcome>> {
    const { request } = command;
    const assignee = checkedId(command.assigneeId, [KeyPrefixes.user], 'assigneeId');
    if (!assignee.ok) return assignee;
    const firstDeal = request.dealIds
      .map((d) => parseSalesforceId(d, [KeyPrefixes.opportunity]))
      .find((d) => d.ok);
    const lines = [
      request.details,
      '',
      `Buyer stage: ${request.buyerStage}`,
      ...(request.useCase === undefined ? [] : [`Use case: ${request.useCase}`]),
      ...(request.objection === undefined ? [] : [`Objection: ${request.objection}`]),
      ...(request.competitiveContext === undefined
        ? []
        : [`Competitive context: ${request.competitiveContext}`]),
      ...(request.dealIds.length === 0 ? [] : [`Deals: ${request.dealIds.join(', ')}`]),
      `Requested by ${request.requestedBy} at ${request.requestedAt}; due ${request.sla.dueAt} (${request.sla.policyId})`,
    ];
    return upsertOne(SObjects.task, TaskFields.idempotencyKey, {
      [TaskFields.idempotencyKey]: `content-request:${request.id}`.slice(0, 255),
      [TaskFields.subject]: plainText(`Content request: ${request.title}`).slice(0, SUBJECT_MAX),
      [TaskFields.description]: plainText(lines.join('\n')),
      [TaskFields.status]: TaskPicklistValues.statusNotStarted,
      [TaskFields.priority]:
        request.priority === 'rush' ? TaskPicklistValues.priorityHigh : TaskPicklistValues.priorityNormal,
      [TaskFields.activityDate]: request.sla.dueAt.slice(0, 10),
      [TaskFields.dueAt]: request.sla.dueAt,
      [TaskFields.ownerId]: assignee.data,
      [TaskFields.kind]: TASK_KIND.contentRequest,
      ...(firstDeal?.ok === true ? { [TaskFields.whatId]: firstDeal.data } : {}),
    });
  }

  async function createEscalationTask(
    command: CreateEscalationTaskCommand,
  ): Promise<CrmResult<WriteOutcome>> {
    const lead = checkedId(command.leadId, [KeyPrefixes.lead, KeyPrefixes.contact], 'leadId');
    if (!lead.ok) return lead;
    const assignee = checkedId(command.assigneeId, [KeyPrefixes.user], 'assigneeId');
    if (!assignee.ok) return assignee;
    const due = Date.parse(command.dueAt);
    if (Number.isNaN(due)) return invalid(`dueAt is not an ISO instant: ${command.dueAt}`);
    const key = `escalation:${command.idempotencyKey}`;
    if (command.idempotencyKey.length === 0 || key.length > 255) {
      return invalid('the idempotency key must be 1–240 characters');
    }
    return upsertOne(SObjects.task, TaskFields.idempotencyKey, {
      [TaskFields.idempotencyKey]: key,
      [TaskFields.subject]: plainText(command.subject).slice(0, SUBJECT_MAX),
      [TaskFields.description]: plainText(
        `${command.body}\n\nPolicy ${command.policyId}, level ${command.level}: ${command.action}`,
      ),
      [TaskFields.status]: TaskPicklistValues.statusNotStarted,
      [TaskFields.priority]: TaskPicklistValues.priorityHigh,
      [TaskFields.activityDate]: new Date(due).toISOString().slice(0, 10),
      [TaskFields.dueAt]: new Date(due).toISOString(),
      [TaskFields.whoId]: lead.data,
      [TaskFields.ownerId]: assignee.data,
      [TaskFields.kind]: TASK_KIND.escalation,
    });
  }

  async function bulkUpsert(
    object: string,
    externalIdField: string,
    rows: readonly SObjectRow[],
  ): Promise<CrmResult<BulkUpsertOutcome>> {
    if (!isFieldName(externalIdField) || !isFieldName(object))
      return invalid('object and field must be API names');
    if (rows.length === 0) return { ok: true, data: { created: 0, updated: 0, failed: [] } };
    return withRetry(
      () => conn.bulkUpsert(object, externalIdField, rows),
      policy,
      (outcome) => ({
        ok: true,
        data: outcome,
      }),
    );
  }

  async function findOwnerByEmail(email: string): Promise<CrmResult<Owner | null>> {
    if (!PLAUSIBLE_EMAIL.test(email)) return invalid(`not an email address: ${email}`);
    // SOQL compares text case-insensitively; the email is a strictly escaped literal like every value.
    return readOwnerWhere(eq(UserFields.email, text(email)));
  }

  return {
    crm: 'salesforce',
    findOwnerByEmail,
    getLeadHandoffContext,
    getDealAttributionContext,
    writeDisposition,
    listContentLibrary,
    getContentUsage,
    recordContentShare,
    fileContentRequest,
    listEscalationCandidates,
    createEscalationTask,
    bulkQuery,
    bulkUpsert,
  };
}

function isHalted(body: unknown): boolean {
  return (
    Array.isArray(body) &&
    body.some((e) => (e as { errorCode?: unknown } | null)?.errorCode === 'PROCESSING_HALTED')
  );
}
