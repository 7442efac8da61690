import * as z from 'zod';
import { AssetSchema, type Asset } from '../../core/content/library-schema';
import type { DispositionFields, StoredDisposition } from '../../core/disposition/types';
import {
  EngagementEventSchema,
  type EngagementEvent,
  type PropertyValue,
  type QualificationRecord,
} from '../../core/qualification/record-schema';
import type {
  ContentTouch,
  DealSummary,
  EscalationCandidate,
  LeadSummary,
  Owner,
  StatusChange,
} from '../port';
import { parseAnswer } from './errors';
import {
  ACTIVITY_KINDS,
  ACTIVITY_PROPERTIES,
  CONTACT_PROPERTIES,
  CONTENT_ASSET_PROPERTIES,
  DEAL_PROPERTIES,
  HUBSPOT_PROPERTIES,
  OWNER_PROFILE_PROPERTIES,
  type ActivityKind,
} from './schema-names';

// The one mapping between HubSpot records and the port's and the core's types, with the playbook's propertyMap.

// ---------------------------------------------------------------- answers as the adapter relies on them

const Id = z.union([z.string(), z.number()]).transform(String);
const Properties = z.record(z.string(), z.string().nullable().optional());

// The client turns timestamps into Dates; a stub or the raw API gives ISO text.
const Timestamp = z
  .union([z.date(), z.string()])
  .transform((t) => (typeof t === 'string' ? t : t.toISOString()));

export const HsRecordSchema = z.object({
  id: Id,
  properties: Properties,
  associations: z.record(z.string(), z.object({ results: z.array(z.object({ id: Id })) }).loose()).optional(),
  propertiesWithHistory: z
    .record(
      z.string(),
      z.array(z.object({ value: z.string().nullable().optional(), timestamp: Timestamp }).loose()),
    )
    .optional(),
});
export type HsRecord = z.infer<typeof HsRecordSchema>;

export const HsBatchSchema = z.object({ results: z.array(HsRecordSchema) });

const Paging = z
  .object({ next: z.object({ after: z.string() }).loose().optional() })
  .loose()
  .optional();

export const HsPageSchema = z.object({ results: z.array(HsRecordSchema), paging: Paging });
export const HsSearchSchema = HsPageSchema.extend({ total: z.number().int() });

export const HsAssociationPageSchema = z.object({
  results: z.array(z.object({ toObjectId: Id }).loose()),
  paging: Paging,
});

export const HsOwnerSchema = z
  .object({
    id: Id,
    email: z.string().nullable().optional(),
    firstName: z.string().nullable().optional(),
    lastName: z.string().nullable().optional(),
  })
  .loose();
export type HsOwner = z.infer<typeof HsOwnerSchema>;

export const HsOwnersSchema = z.object({ results: z.array(HsOwnerSchema), paging: Paging });

/** `GET /crm/v4/associations/{from}/{to}/labels`. */
export const HsAssociationLabelsSchema = z.object({
  results: z.array(
    z
      .object({
        category: z.string(),
        typeId: z.number().int(),
        label: z.string().nullable().optional(),
      })
      .loose(),
  ),
});

// ---------------------------------------------------------------- property names

/** The record properties the default playbook reads, neutral name → HubSpot property. */
export const DEFAULT_RECORD_PROPERTIES: Readonly<Record<string, string>> = {
  industry: HUBSPOT_PROPERTIES.contact.industry,
  employees: CONTACT_PROPERTIES.employees,
  annualRevenue: HUBSPOT_PROPERTIES.contact.annualRevenue,
  country: HUBSPOT_PROPERTIES.contact.country,
  jobTitle: HUBSPOT_PROPERTIES.contact.jobTitle,
  seniority: HUBSPOT_PROPERTIES.contact.seniority,
  technologies: CONTACT_PROPERTIES.technologies,
  handoffStatus: CONTACT_PROPERTIES.status,
  discoveryNeed: CONTACT_PROPERTIES.discoveryNeed,
  discoveryBudget: CONTACT_PROPERTIES.discoveryBudget,
  discoveryAuthority: CONTACT_PROPERTIES.discoveryAuthority,
  discoveryTimeline: CONTACT_PROPERTIES.discoveryTimeline,
};

/** The disposition's record fields (the core's DispositionFields), neutral name → HubSpot contact property. */
export const DEFAULT_DISPOSITION_FIELDS: Readonly<Record<keyof DispositionFields, string>> = {
  handoffStage: CONTACT_PROPERTIES.stage,
  handoffStatus: CONTACT_PROPERTIES.status,
  handoffDispositionOutcome: CONTACT_PROPERTIES.dispositionOutcome,
  handoffDispositionReason: CONTACT_PROPERTIES.dispositionReason,
  handoffDispositionNotes: CONTACT_PROPERTIES.dispositionNotes,
  handoffDispositionAt: CONTACT_PROPERTIES.dispositionAt,
  handoffRecycleAt: CONTACT_PROPERTIES.recycleAt,
  handoffDispositionKey: CONTACT_PROPERTIES.dispositionKey,
};

const NUMERIC = new Set(['employees', 'annualRevenue']);
const LISTS = new Set(['technologies']);

export interface PropertyNames {
  /** Neutral record property → HubSpot contact property. */
  readonly record: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<keyof DispositionFields, string>>;
}

/**
 * The built-in names with the playbook's `propertyMap.hubspot` overrides applied (a name the map adds is read too).
 * @example propertyNames({ industry: 'custom_industry' }).record.industry // → 'custom_industry'
 */
export function propertyNames(overrides: Readonly<Record<string, string>> = {}): PropertyNames {
  const fields = { ...DEFAULT_DISPOSITION_FIELDS };
  for (const key of Object.keys(fields) as (keyof DispositionFields)[]) {
    const override = overrides[key];
    if (override !== undefined) fields[key] = override;
  }
  const record: Record<string, string> = { ...DEFAULT_RECORD_PROPERTIES };
  for (const [neutral, name] of Object.entries(overrides)) {
    if (!(neutral in DEFAULT_DISPOSITION_FIELDS) || neutral in DEFAULT_RECORD_PROPERTIES)
      record[neutral] = name;
  }
  return { record, fields };
}

/** Every contact property the adapter reads for a lead. */
export function contactReadProperties(names: PropertyNames): string[] {
  const c = HUBSPOT_PROPERTIES.contact;
  return [
    ...new Set([
      c.firstName,
      c.lastName,
      c.email,
      c.company,
      c.owner,
      'createdate',
      CONTACT_PROPERTIES.stage,
      CONTACT_PROPERTIES.status,
      CONTACT_PROPERTIES.source,
      CONTACT_PROPERTIES.stageEnteredAt,
      CONTACT_PROPERTIES.firstTouchAt,
      names.fields.handoffStage,
      names.fields.handoffStatus,
      ...Object.values(names.record),
    ]),
  ];
}

// ---------------------------------------------------------------- values

const text = (record: HsRecord, name: string): string | null => {
  const value = record.properties[name];
  return value === undefined || value === null || value === '' ? null : value;
};

/** HubSpot's multi-valued text (`a;b;c`) as a list. */
export const splitList = (value: string | null): string[] =>
  value === null
    ? []
    : value
        .split(';')
        .map((v) => v.trim())
        .filter(Boolean);

function neutralValue(neutral: string, raw: string | null): PropertyValue {
  if (raw === null) return LISTS.has(neutral) ? [] : null;
  if (NUMERIC.has(neutral)) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  }
  return LISTS.has(neutral) ? splitList(raw) : raw;
}

/** A contact under the playbook's neutral property names. */
export function toQualificationRecord(contact: HsRecord, names: PropertyNames): QualificationRecord {
  const properties: Record<string, PropertyValue> = {};
  for (const [neutral, name] of Object.entries(names.record)) {
    properties[neutral] = neutralValue(neutral, text(contact, name));
  }
  return { id: contact.id, properties };
}

/** Who manages whom, from Handoff's owner profiles (HubSpot users have no manager field). */
export interface ManagerDirectory {
  managerOf(ownerId: string | null): string | null;
}

const personName = (...parts: (string | null | undefined)[]): string =>
  parts.filter((p) => p !== null && p !== undefined && p !== '').join(' ');

/** The managers the owner profiles name. */
export function managerDirectory(profiles: readonly HsRecord[]): ManagerDirectory {
  const managers = new Map<string, string | null>();
  for (const p of profiles) {
    const id = text(p, OWNER_PROFILE_PROPERTIES.ownerId);
    if (id !== null) managers.set(id, text(p, OWNER_PROFILE_PROPERTIES.managerOwnerId));
  }
  return { managerOf: (ownerId) => (ownerId === null ? null : (managers.get(ownerId) ?? null)) };
}

/**
 * An owner from Handoff's owner profile alone: its copies of the owner's name and email, and the manager. Undefined
 * when the profile has no copy yet (never synced), so the caller asks the owners API instead.
 */
export function ownerFromProfile(profile: HsRecord): Owner | undefined {
  const p = OWNER_PROFILE_PROPERTIES;
  const id = text(profile, p.ownerId);
  const email = text(profile, p.email);
  if (id === null || email === null) return undefined;
  return {
    id,
    name: personName(text(profile, p.firstName), text(profile, p.lastName)),
    email,
    managerId: text(profile, p.managerOwnerId),
  };
}

/** An owner from the owners API, with the manager its profile names (if any). */
export function ownerFromApi(owner: HsOwner, profile: HsRecord | undefined): Owner {
  return {
    id: owner.id,
    name: personName(owner.firstName, owner.lastName),
    email: owner.email ?? '',
    managerId: profile ? text(profile, OWNER_PROFILE_PROPERTIES.managerOwnerId) : null,
  };
}

/** A contact as the port's lead summary. */
export function toLeadSummary(contact: HsRecord, names: PropertyNames, owner: Owner | null): LeadSummary {
  const c = HUBSPOT_PROPERTIES.contact;
  const name = [text(contact, c.firstName), text(contact, c.lastName)].filter((p) => p !== null).join(' ');
  return {
    id: contact.id,
    objectType: 'contact',
    name,
    email: text(contact, c.email),
    company: text(contact, c.company),
    source: text(contact, CONTACT_PROPERTIES.source),
    stage: text(contact, names.fields.handoffStage),
    handoffStatus: text(contact, names.fields.handoffStatus),
    owner,
    createdAt: text(contact, 'createdate') ?? '',
    stageEnteredAt: text(contact, CONTACT_PROPERTIES.stageEnteredAt),
    firstTouchAt: text(contact, CONTACT_PROPERTIES.firstTouchAt),
  };
}

export const ACTIVITY_READ_PROPERTIES = Object.values(ACTIVITY_PROPERTIES);
export const OWNER_PROFILE_READ_PROPERTIES = Object.values(OWNER_PROFILE_PROPERTIES);
export const ASSET_READ_PROPERTIES = [
  ...Object.values(CONTENT_ASSET_PROPERTIES),
  'createdate',
  'hs_lastmodifieddate',
];
export const DEAL_READ_PROPERTIES = [
  ...Object.values(HUBSPOT_PROPERTIES.deal),
  ...Object.values(DEAL_PROPERTIES),
  'createdate',
];

const ActivityKindSchema = z.enum(ACTIVITY_KINDS);

/**
 * What an activity records, or null for a kind this version does not know (left off the cards rather than failing
 * them, so a newer writer cannot break an older reader).
 */
export function activityKind(activity: HsRecord): ActivityKind | null {
  const parsed = ActivityKindSchema.safeParse(text(activity, ACTIVITY_PROPERTIES.kind));
  return parsed.success ? parsed.data : null;
}

/**
 * The asset external ids of the activities that do not carry their asset's record id (written before it was
 * copied onto them): only those need the asset library to name their asset.
 */
export const activityAssetExternalIds = (activities: readonly HsRecord[]): string[] =>
  activities.flatMap((a) => {
    const external = text(a, ACTIVITY_PROPERTIES.assetExternalId);
    return external === null || text(a, ACTIVITY_PROPERTIES.assetId) !== null ? [] : [external];
  });

/** Resolves an asset's external id to its HubSpot record id, when the caller knows the library. */
export type AssetIdOf = (externalId: string) => string | undefined;
const noLibrary: AssetIdOf = () => undefined;

/** The activity's asset as a HubSpot record id: the copy on the activity, else looked up by external id. */
export function activityAssetId(activity: HsRecord, assetIdOf: AssetIdOf = noLibrary): string | null {
  const copied = text(activity, ACTIVITY_PROPERTIES.assetId);
  if (copied !== null) return copied;
  const external = text(activity, ACTIVITY_PROPERTIES.assetExternalId);
  return external === null ? null : (assetIdOf(external) ?? null);
}

/** An engagement event (an activity of kind `engagement_event`); its asset is named by the asset's HubSpot id. */
export function toEvent(activity: HsRecord, assetIdOf: AssetIdOf = noLibrary): EngagementEvent {
  const assetId = activityAssetId(activity, assetIdOf);
  return parseAnswer(
    EngagementEventSchema,
    {
      type: text(activity, ACTIVITY_PROPERTIES.activityType),
      at: text(activity, ACTIVITY_PROPERTIES.occurredAt),
      ...(assetId !== null ? { assetId } : {}),
    },
    `engagement event ${activity.id}`,
  );
}

const TouchSchema = z.object({
  id: z.string(),
  assetId: z.string().min(1),
  dealId: z.string().nullable(),
  leadId: z.string().nullable(),
  channel: z.string().min(1),
  at: z.string().min(1),
  buyerStage: z.string().nullable(),
});

/**
 * A content touch (an activity of kind `content_touch`) with the ids of its asset, deal and lead. The deal and lead
 * come from the ids copied onto the activity, unless the caller read them from an association (`links`).
 */
export function toTouch(
  activity: HsRecord,
  assetIdOf: AssetIdOf = noLibrary,
  links: { readonly dealId?: string; readonly leadId?: string } = {},
): ContentTouch {
  return parseAnswer(
    TouchSchema,
    {
      id: activity.id,
      assetId: activityAssetId(activity, assetIdOf),
      dealId: links.dealId ?? text(activity, ACTIVITY_PROPERTIES.dealId),
      leadId: links.leadId ?? text(activity, ACTIVITY_PROPERTIES.contactId),
      channel: text(activity, ACTIVITY_PROPERTIES.activityType),
      at: text(activity, ACTIVITY_PROPERTIES.occurredAt),
      buyerStage: text(activity, ACTIVITY_PROPERTIES.buyerStage),
    },
    `content touch ${activity.id}`,
  );
}

const StoredDispositionSchema = z.object({
  id: z.string().min(1),
  recordId: z.string(),
  submissionId: z.string(),
  outcome: z.enum(['accept', 'reject', 'recycle']),
  reasonCode: z.string().min(1),
  reasonLabel: z.string(),
  notes: z.string(),
  at: z.string().min(1),
  recycleAt: z.string().nullable(),
  ownerId: z.string().nullable(),
});

/** A disposition (an activity of kind `disposition`) as the core stores it; `id` is the idempotency key. */
export function toStoredDisposition(record: HsRecord, contactId: string): StoredDisposition {
  const p = ACTIVITY_PROPERTIES;
  const reasonCode = text(record, p.reasonCode);
  return parseAnswer(
    StoredDispositionSchema,
    {
      id: text(record, p.externalId),
      recordId: contactId,
      submissionId: text(record, p.submissionId) ?? text(record, p.externalId) ?? '',
      outcome: text(record, p.outcome),
      reasonCode,
      reasonLabel: text(record, p.reasonLabel) ?? reasonCode ?? '',
      notes: text(record, p.notes) ?? '',
      at: text(record, p.occurredAt),
      recycleAt: text(record, p.recycleAt),
      ownerId: text(record, p.owner),
    },
    `disposition ${record.id}`,
  );
}

/** Whether everything a disposition or task activity stands for is written (seeded records have no pending flag). */
export const writeComplete = (record: HsRecord): boolean =>
  text(record, ACTIVITY_PROPERTIES.writePending) !== 'true';

/** A content asset; its id is the HubSpot record id. */
export function toAsset(record: HsRecord): Asset {
  const p = CONTENT_ASSET_PROPERTIES;
  return parseAnswer(
    AssetSchema,
    {
      id: record.id,
      title: text(record, p.title),
      url: text(record, p.url),
      format: text(record, p.format),
      buyerStages: splitList(text(record, p.buyerStages)),
      useCases: splitList(text(record, p.useCases)),
      industries: splitList(text(record, p.industries)),
      personas: splitList(text(record, p.personas)),
      objectionTypes: splitList(text(record, p.objectionTypes)),
      status: text(record, p.status),
      ownerId: text(record, p.owner),
      createdAt: text(record, 'createdate'),
      updatedAt: text(record, 'hs_lastmodifieddate') ?? text(record, 'createdate'),
    },
    `content asset ${record.id}`,
  );
}

export const assetExternalId = (record: HsRecord): string | null =>
  text(record, CONTENT_ASSET_PROPERTIES.externalId);

/** A deal as the port's deal summary. */
export function toDealSummary(deal: HsRecord): DealSummary {
  const d = HUBSPOT_PROPERTIES.deal;
  const closed = text(deal, d.isClosed) === 'true';
  const amount = Number(text(deal, d.amount) ?? 0);
  return {
    id: deal.id,
    name: text(deal, d.name) ?? '',
    amount: Number.isFinite(amount) ? amount : 0,
    stage: text(deal, d.stage) ?? '',
    source: text(deal, DEAL_PROPERTIES.source),
    ownerId: text(deal, d.owner),
    leadCreatedAt: text(deal, DEAL_PROPERTIES.leadCreatedAt),
    createdAt: text(deal, 'createdate') ?? '',
    closedAt: closed ? text(deal, d.closeDate) : null,
    won: closed ? text(deal, d.isClosedWon) === 'true' : null,
  };
}

/** A deal's outcome for closed-loop usage: null while open. */
export function dealWon(deal: HsRecord): boolean | null {
  const d = HUBSPOT_PROPERTIES.deal;
  return text(deal, d.isClosed) === 'true' ? text(deal, d.isClosedWon) === 'true' : null;
}

export const contactName = (contact: HsRecord): string =>
  [text(contact, HUBSPOT_PROPERTIES.contact.firstName), text(contact, HUBSPOT_PROPERTIES.contact.lastName)]
    .filter((p) => p !== null)
    .join(' ');

/** A property's past values from `propertiesWithHistory` (newest first there), oldest first; '' is no value. */
export function historyOf(record: HsRecord, name: string): StatusChange[] {
  return (record.propertiesWithHistory?.[name] ?? [])
    .map((h) => ({
      at: h.timestamp,
      status: h.value === undefined || h.value === null || h.value === '' ? null : h.value,
    }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** A contact found by the escalation search. */
export function toEscalationCandidate(
  contact: HsRecord,
  names: PropertyNames,
  managers: ManagerDirectory,
  statusHistory: readonly StatusChange[] = [],
): EscalationCandidate {
  const ownerId = text(contact, HUBSPOT_PROPERTIES.contact.owner);
  const name = contactName(contact);
  return {
    leadId: contact.id,
    name: name === '' ? null : name,
    ownerId,
    managerId: managers.managerOf(ownerId),
    stage: text(contact, names.fields.handoffStage) ?? '',
    handoffStatus: text(contact, names.fields.handoffStatus),
    stageEnteredAt: text(contact, CONTACT_PROPERTIES.stageEnteredAt) ?? '',
    firstTouchAt: text(contact, CONTACT_PROPERTIES.firstTouchAt),
    latestDisposition: latestDispositionOf(contact, names),
    statusHistory,
  };
}

/** The disposition a contact's own fields record, when both its outcome and its time are there. */
function latestDispositionOf(
  contact: HsRecord,
  names: PropertyNames,
): EscalationCandidate['latestDisposition'] {
  const outcome = text(contact, names.fields.handoffDispositionOutcome);
  const at = text(contact, names.fields.handoffDispositionAt);
  return outcome === null || at === null ? null : { outcome, at };
}

/** The contact properties `toEscalationCandidate` reads. */
export function escalationCandidateProperties(names: PropertyNames): string[] {
  return [
    HUBSPOT_PROPERTIES.contact.firstName,
    HUBSPOT_PROPERTIES.contact.lastName,
    HUBSPOT_PROPERTIES.contact.owner,
    names.fields.handoffStage,
    names.fields.handoffStatus,
    names.fields.handoffDispositionOutcome,
    names.fields.handoffDispositionAt,
    CONTACT_PROPERTIES.stageEnteredAt,
    CONTACT_PROPERTIES.firstTouchAt,
  ];
}

/** The ids a record lists under one association key (HubSpot may key custom objects by their qualified name). */
export function associatedIds(record: HsRecord, objectName: string): string[] {
  const all = record.associations ?? {};
  const entry =
    all[objectName] ??
    Object.entries(all).find(([key]) => key.endsWith(`_${objectName}`) || key === objectName)?.[1];
  return [...new Set((entry?.results ?? []).map((r) => r.id))];
}

/** A text property, or null when HubSpot stores no value. */
export const propertyText = text;
