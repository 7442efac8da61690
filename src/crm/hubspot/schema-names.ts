/**
 * Handoff's HubSpot data model: the one place that names HubSpot object types, `handoff_*` properties, custom
 * object schemas and association types. The emulator registers exactly these; the HubSpot adapter and
 * `handoff hubspot setup` read them from here.
 *
 * Choices: lead facts live on contacts and deals as `handoff_*` properties; content assets and activities are custom
 * objects. One activity object holds everything on a lead's timeline that Handoff reads back (engagement events,
 * content touches, dispositions, and the ledger of the tasks it created), so a lead's card reads all of it in one call.
 * Because HubSpot users have no manager field, each owner's role and manager, with a copy of the owner's name and
 * email (refreshed by `handoff hubspot sync-owners`), are kept on a `handoff_owner_profile` custom object: the card
 * then learns its owner in one call.
 * Properties whose options come from the playbook (stages, reason codes, taxonomy) are free text so one portal can run
 * any playbook; fixed vocabularies (status, outcome) are enumerations.
 */

import { LEAD_STATUSES } from '../../core/playbook/lead-statuses';

/** HubSpot's object type ids for the standard objects Handoff uses. */
export const HUBSPOT_OBJECT_TYPE_IDS = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tasks: '0-27',
  notes: '0-46',
} as const;

export type StandardObjectName = keyof typeof HUBSPOT_OBJECT_TYPE_IDS;

/** HubSpot-defined properties Handoff reads or writes (they exist in every portal). */
export const HUBSPOT_PROPERTIES = {
  /** Every object's last change, set by HubSpot. */
  lastModified: 'hs_lastmodifieddate',
  contact: {
    firstName: 'firstname',
    lastName: 'lastname',
    email: 'email',
    company: 'company',
    jobTitle: 'jobtitle',
    seniority: 'hs_seniority',
    industry: 'industry',
    annualRevenue: 'annualrevenue',
    country: 'country',
    owner: 'hubspot_owner_id',
    leadStatus: 'hs_lead_status',
    lifecycleStage: 'lifecyclestage',
  },
  deal: {
    name: 'dealname',
    amount: 'amount',
    stage: 'dealstage',
    pipeline: 'pipeline',
    closeDate: 'closedate',
    isClosed: 'hs_is_closed',
    isClosedWon: 'hs_is_closed_won',
    owner: 'hubspot_owner_id',
  },
  note: { body: 'hs_note_body', timestamp: 'hs_timestamp', owner: 'hubspot_owner_id' },
  task: {
    subject: 'hs_task_subject',
    body: 'hs_task_body',
    status: 'hs_task_status',
    priority: 'hs_task_priority',
    type: 'hs_task_type',
    timestamp: 'hs_timestamp',
    owner: 'hubspot_owner_id',
  },
} as const;

/** The property group every `handoff_*` property belongs to, on every object. */
export const HANDOFF_PROPERTY_GROUP = { name: 'handoff', label: 'Handoff' } as const;

/** `handoff_*` properties added to contacts. */
export const CONTACT_PROPERTIES = {
  stage: 'handoff_stage',
  status: 'handoff_status',
  stageEnteredAt: 'handoff_stage_entered_at',
  firstTouchAt: 'handoff_first_touch_at',
  source: 'handoff_source',
  employees: 'handoff_employees',
  technologies: 'handoff_technologies',
  discoveryNeed: 'handoff_discovery_need',
  discoveryBudget: 'handoff_discovery_budget',
  discoveryAuthority: 'handoff_discovery_authority',
  discoveryTimeline: 'handoff_discovery_timeline',
  slaPolicy: 'handoff_sla_policy',
  slaStartedAt: 'handoff_sla_started_at',
  slaStoppedAt: 'handoff_sla_stopped_at',
  externalId: 'handoff_external_id',
  // The last disposition applied (DispositionFields): the card shows it and the adapter writes it last.
  dispositionOutcome: 'handoff_disposition_outcome',
  dispositionReason: 'handoff_disposition_reason',
  dispositionNotes: 'handoff_disposition_notes',
  dispositionAt: 'handoff_disposition_at',
  recycleAt: 'handoff_recycle_at',
  dispositionKey: 'handoff_disposition_key',
} as const;

/** `handoff_*` properties added to deals. */
export const DEAL_PROPERTIES = {
  source: 'handoff_source',
  leadCreatedAt: 'handoff_lead_created_at',
  externalId: 'handoff_external_id',
} as const;

/** `handoff_*` properties added to tasks (escalations and content requests are tasks). */
export const TASK_PROPERTIES = {
  idempotencyKey: 'handoff_idempotency_key',
  kind: 'handoff_task_kind',
} as const;

/** Custom object names (HubSpot's `name`; the portal's fully qualified name is `p<portalId>_<name>`). */
export const CUSTOM_OBJECTS = {
  contentAsset: 'handoff_content_asset',
  activity: 'handoff_activity',
  ownerProfile: 'handoff_owner_profile',
} as const;

/**
 * Custom objects earlier versions of Handoff created, now folded into `handoff_activity`. `handoff hubspot setup`
 * reports them and `--migrate` copies their records over before archiving them.
 */
export const RETIRED_CUSTOM_OBJECTS = {
  disposition: 'handoff_disposition',
  engagementEvent: 'handoff_engagement_event',
  contentTouch: 'handoff_content_touch',
} as const;

export type CustomObjectName = (typeof CUSTOM_OBJECTS)[keyof typeof CUSTOM_OBJECTS];

export const CONTENT_ASSET_PROPERTIES = {
  externalId: 'handoff_external_id',
  title: 'handoff_title',
  url: 'handoff_url',
  format: 'handoff_format',
  buyerStages: 'handoff_buyer_stages',
  useCases: 'handoff_use_cases',
  industries: 'handoff_industries',
  personas: 'handoff_personas',
  objectionTypes: 'handoff_objection_types',
  status: 'handoff_status',
  owner: 'hubspot_owner_id',
} as const;

/**
 * What a `handoff_activity` records: something the lead did, an asset that touched the lead or a deal, a disposition
 * of the lead, or a task Handoff created (tasks cannot hold unique properties, so the activity holds the task's
 * idempotency key and the task's id: a retried or concurrent write finds it).
 */
export const ACTIVITY_KINDS = ['engagement_event', 'content_touch', 'disposition', 'task'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * A lead's tracked activity. The deal, contact and asset ids are HubSpot record ids copied onto the record when it
 * is written, so the cards learn them from one read without v4 association reads or an asset lookup; the
 * associations are kept too (the deal card lists a deal's activities through them, and HubSpot's UI shows them).
 */
export const ACTIVITY_PROPERTIES = {
  /** Unique: the seed's id, or the idempotency key of a share, a disposition or a task. */
  externalId: 'handoff_external_id',
  kind: 'handoff_kind',
  /** The event type for an engagement event, the channel for a content touch, the outcome for a disposition. */
  activityType: 'handoff_activity_type',
  occurredAt: 'handoff_occurred_at',
  assetExternalId: 'handoff_asset_external_id',
  /** The asset's HubSpot record id. */
  assetId: 'handoff_asset_id',
  /** The deal a content touch belongs to. */
  dealId: 'handoff_deal_id',
  /** The lead's contact: the lead card searches by it, and the deal card names each touch's lead with it. */
  contactId: 'handoff_contact_id',
  /** The owner id of the rep who shared the asset from the card (shares only). */
  sharedBy: 'handoff_shared_by',
  /** A content touch's buyer stage at the time (the playbook's stage map), for per-stage won-deal counts. */
  buyerStage: 'handoff_buyer_stage',
  owner: 'hubspot_owner_id',
  // Dispositions.
  outcome: 'handoff_outcome',
  reasonCode: 'handoff_reason_code',
  reasonLabel: 'handoff_reason_label',
  notes: 'handoff_notes',
  submissionId: 'handoff_submission_id',
  recycleAt: 'handoff_recycle_at',
  /** The timeline note written for this disposition, so a retried write never adds a second one. */
  noteId: 'handoff_note_id',
  // Tasks.
  /** The task written for this key. */
  taskId: 'handoff_task_id',
  /** 'true' from a disposition's or task's creation until everything it stands for is written. */
  writePending: 'handoff_write_pending',
} as const;

export const OWNER_PROFILE_PROPERTIES = {
  ownerId: 'handoff_owner_id',
  role: 'handoff_role',
  managerOwnerId: 'handoff_manager_owner_id',
  /** Copies of the owners API's first name, last name and email, refreshed by `handoff hubspot sync-owners`. */
  firstName: 'handoff_first_name',
  lastName: 'handoff_last_name',
  email: 'handoff_email',
} as const;

/** One end of an association type: HubSpot's category and numeric type id. */
export interface AssociationTypeSpec {
  readonly associationCategory: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
  readonly associationTypeId: number;
}

/** HubSpot's fixed association types between standard objects, one per direction. */
export const ASSOCIATION_TYPES = {
  contactToDeal: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 4 },
  dealToContact: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 },
  contactToNote: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 201 },
  noteToContact: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 },
  contactToTask: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 203 },
  taskToContact: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 },
  dealToNote: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 213 },
  noteToDeal: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 },
  dealToTask: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 215 },
  taskToDeal: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 216 },
} as const satisfies Record<string, AssociationTypeSpec>;

/** An object type by its HubSpot name: a standard object (plural) or a custom object name. */
export type ObjectName = StandardObjectName | CustomObjectName;

/** HubSpot's fixed association types as `[from, to, spec, inverse spec]`, so one list drives both directions. */
export const ASSOCIATION_PAIRS: readonly (readonly [
  ObjectName,
  ObjectName,
  AssociationTypeSpec,
  AssociationTypeSpec,
])[] = [
  ['contacts', 'deals', ASSOCIATION_TYPES.contactToDeal, ASSOCIATION_TYPES.dealToContact],
  ['contacts', 'notes', ASSOCIATION_TYPES.contactToNote, ASSOCIATION_TYPES.noteToContact],
  ['contacts', 'tasks', ASSOCIATION_TYPES.contactToTask, ASSOCIATION_TYPES.taskToContact],
  ['deals', 'notes', ASSOCIATION_TYPES.dealToNote, ASSOCIATION_TYPES.noteToDeal],
  ['deals', 'tasks', ASSOCIATION_TYPES.dealToTask, ASSOCIATION_TYPES.taskToDeal],
];

/**
 * Associations of Handoff's custom objects, as `[from, to]`. A portal assigns their USER_DEFINED type ids when
 * `setup` creates the schemas (each schema's `associatedObjects`), so no id is written here: the adapter reads them
 * once with `GET /crm/v4/associations/{from}/{to}/labels` (the unlabelled type) before its first write that needs one.
 */
export const CUSTOM_ASSOCIATIONS = {
  activityToContact: [CUSTOM_OBJECTS.activity, 'contacts'],
  activityToDeal: [CUSTOM_OBJECTS.activity, 'deals'],
  activityToAsset: [CUSTOM_OBJECTS.activity, CUSTOM_OBJECTS.contentAsset],
} as const satisfies Record<string, readonly [ObjectName, ObjectName]>;
export type CustomAssociation = keyof typeof CUSTOM_ASSOCIATIONS;

// ---------------------------------------------------------------- property and schema definitions

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
export type FieldType =
  'text' | 'textarea' | 'number' | 'date' | 'select' | 'checkbox' | 'booleancheckbox' | 'radio';

export interface PropertyOption {
  readonly label: string;
  readonly value: string;
  readonly displayOrder: number;
  readonly hidden: boolean;
}

/** A property as `POST /crm/v3/properties/{objectType}` takes it. */
export interface PropertyDefinition {
  readonly name: string;
  readonly label: string;
  readonly type: PropertyType;
  readonly fieldType: FieldType;
  readonly groupName: string;
  readonly description?: string;
  readonly options?: readonly PropertyOption[];
  readonly hasUniqueValue?: boolean;
}

const options = (...values: string[]): PropertyOption[] =>
  values.map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false }));

const group = HANDOFF_PROPERTY_GROUP.name;
const text = (name: string, label: string): PropertyDefinition => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  groupName: group,
});
const longText = (name: string, label: string): PropertyDefinition => ({
  name,
  label,
  type: 'string',
  fieldType: 'textarea',
  groupName: group,
});
const dateTime = (name: string, label: string): PropertyDefinition => ({
  name,
  label,
  type: 'datetime',
  fieldType: 'date',
  groupName: group,
});
const number = (name: string, label: string): PropertyDefinition => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  groupName: group,
});
const unique = (name: string, label: string): PropertyDefinition => ({
  ...text(name, label),
  hasUniqueValue: true,
});
/** Multi-valued text kept as HubSpot keeps checkbox values: `a;b;c`. */
const multi = (name: string, label: string): PropertyDefinition =>
  text(name, `${label} (semicolon-separated)`);

export { LEAD_STATUSES };
export const DISPOSITION_OUTCOMES = ['accept', 'reject', 'recycle'] as const;

export const CONTACT_PROPERTY_DEFINITIONS: readonly PropertyDefinition[] = [
  text(CONTACT_PROPERTIES.stage, 'Handoff stage'),
  {
    name: CONTACT_PROPERTIES.status,
    label: 'Handoff status',
    type: 'enumeration',
    fieldType: 'select',
    groupName: group,
    options: options(...LEAD_STATUSES),
  },
  dateTime(CONTACT_PROPERTIES.stageEnteredAt, 'Handoff stage entered at'),
  dateTime(CONTACT_PROPERTIES.firstTouchAt, 'Handoff first touch at'),
  text(CONTACT_PROPERTIES.source, 'Handoff source'),
  number(CONTACT_PROPERTIES.employees, 'Handoff employee count'),
  multi(CONTACT_PROPERTIES.technologies, 'Handoff technologies'),
  longText(CONTACT_PROPERTIES.discoveryNeed, 'Discovery: need'),
  longText(CONTACT_PROPERTIES.discoveryBudget, 'Discovery: budget'),
  longText(CONTACT_PROPERTIES.discoveryAuthority, 'Discovery: authority'),
  longText(CONTACT_PROPERTIES.discoveryTimeline, 'Discovery: timeline'),
  text(CONTACT_PROPERTIES.slaPolicy, 'Handoff SLA policy'),
  dateTime(CONTACT_PROPERTIES.slaStartedAt, 'Handoff SLA started at'),
  dateTime(CONTACT_PROPERTIES.slaStoppedAt, 'Handoff SLA stopped at'),
  unique(CONTACT_PROPERTIES.externalId, 'Handoff external id'),
  {
    name: CONTACT_PROPERTIES.dispositionOutcome,
    label: 'Handoff disposition outcome',
    type: 'enumeration',
    fieldType: 'select',
    groupName: group,
    options: options(...DISPOSITION_OUTCOMES),
  },
  text(CONTACT_PROPERTIES.dispositionReason, 'Handoff disposition reason'),
  longText(CONTACT_PROPERTIES.dispositionNotes, 'Handoff disposition notes'),
  dateTime(CONTACT_PROPERTIES.dispositionAt, 'Handoff disposition at'),
  dateTime(CONTACT_PROPERTIES.recycleAt, 'Handoff recycle at'),
  text(CONTACT_PROPERTIES.dispositionKey, 'Handoff last disposition key'),
];

export const DEAL_PROPERTY_DEFINITIONS: readonly PropertyDefinition[] = [
  text(DEAL_PROPERTIES.source, 'Handoff source'),
  dateTime(DEAL_PROPERTIES.leadCreatedAt, 'Handoff lead created at'),
  unique(DEAL_PROPERTIES.externalId, 'Handoff external id'),
];

export const TASK_PROPERTY_DEFINITIONS: readonly PropertyDefinition[] = [
  text(TASK_PROPERTIES.idempotencyKey, 'Handoff idempotency key'),
  text(TASK_PROPERTIES.kind, 'Handoff task kind'),
];

/** A custom object schema as `POST /crm/v3/schemas` takes it. */
export interface CustomObjectDefinition {
  readonly name: CustomObjectName;
  readonly labels: { readonly singular: string; readonly plural: string };
  readonly primaryDisplayProperty: string;
  readonly requiredProperties: readonly string[];
  readonly searchableProperties: readonly string[];
  readonly secondaryDisplayProperties: readonly string[];
  readonly properties: readonly PropertyDefinition[];
  readonly associatedObjects: readonly string[];
}

export const CUSTOM_OBJECT_DEFINITIONS: readonly CustomObjectDefinition[] = [
  {
    name: CUSTOM_OBJECTS.contentAsset,
    labels: { singular: 'Content asset', plural: 'Content assets' },
    primaryDisplayProperty: CONTENT_ASSET_PROPERTIES.title,
    requiredProperties: [CONTENT_ASSET_PROPERTIES.title, CONTENT_ASSET_PROPERTIES.externalId],
    searchableProperties: [CONTENT_ASSET_PROPERTIES.title, CONTENT_ASSET_PROPERTIES.externalId],
    secondaryDisplayProperties: [CONTENT_ASSET_PROPERTIES.format],
    properties: [
      unique(CONTENT_ASSET_PROPERTIES.externalId, 'External id'),
      text(CONTENT_ASSET_PROPERTIES.title, 'Title'),
      text(CONTENT_ASSET_PROPERTIES.url, 'URL'),
      text(CONTENT_ASSET_PROPERTIES.format, 'Format'),
      multi(CONTENT_ASSET_PROPERTIES.buyerStages, 'Buyer stages'),
      multi(CONTENT_ASSET_PROPERTIES.useCases, 'Use cases'),
      multi(CONTENT_ASSET_PROPERTIES.industries, 'Industries'),
      multi(CONTENT_ASSET_PROPERTIES.personas, 'Personas'),
      multi(CONTENT_ASSET_PROPERTIES.objectionTypes, 'Objection types'),
      {
        name: CONTENT_ASSET_PROPERTIES.status,
        label: 'Status',
        type: 'enumeration',
        fieldType: 'select',
        groupName: group,
        options: options('active', 'archived'),
      },
    ],
    associatedObjects: [],
  },
  {
    name: CUSTOM_OBJECTS.activity,
    labels: { singular: 'Handoff activity', plural: 'Handoff activities' },
    primaryDisplayProperty: ACTIVITY_PROPERTIES.activityType,
    requiredProperties: [
      ACTIVITY_PROPERTIES.externalId,
      ACTIVITY_PROPERTIES.kind,
      ACTIVITY_PROPERTIES.activityType,
      ACTIVITY_PROPERTIES.occurredAt,
    ],
    searchableProperties: [ACTIVITY_PROPERTIES.externalId, ACTIVITY_PROPERTIES.reasonCode],
    secondaryDisplayProperties: [ACTIVITY_PROPERTIES.kind, ACTIVITY_PROPERTIES.occurredAt],
    properties: [
      unique(ACTIVITY_PROPERTIES.externalId, 'External id or idempotency key'),
      {
        name: ACTIVITY_PROPERTIES.kind,
        label: 'Kind',
        type: 'enumeration',
        fieldType: 'select',
        groupName: group,
        options: options(...ACTIVITY_KINDS),
      },
      text(ACTIVITY_PROPERTIES.activityType, 'Event type, channel or outcome'),
      dateTime(ACTIVITY_PROPERTIES.occurredAt, 'Occurred at'),
      text(ACTIVITY_PROPERTIES.assetExternalId, 'Asset external id'),
      text(ACTIVITY_PROPERTIES.assetId, 'Asset record id'),
      text(ACTIVITY_PROPERTIES.dealId, 'Deal record id'),
      text(ACTIVITY_PROPERTIES.contactId, 'Contact record id'),
      text(ACTIVITY_PROPERTIES.sharedBy, 'Shared by (owner id)'),
      text(ACTIVITY_PROPERTIES.buyerStage, 'Buyer stage at the touch'),
      {
        name: ACTIVITY_PROPERTIES.outcome,
        label: 'Disposition outcome',
        type: 'enumeration',
        fieldType: 'select',
        groupName: group,
        options: options(...DISPOSITION_OUTCOMES),
      },
      text(ACTIVITY_PROPERTIES.reasonCode, 'Reason code'),
      text(ACTIVITY_PROPERTIES.reasonLabel, 'Reason label'),
      longText(ACTIVITY_PROPERTIES.notes, 'Notes'),
      text(ACTIVITY_PROPERTIES.submissionId, 'Submission id'),
      dateTime(ACTIVITY_PROPERTIES.recycleAt, 'Recycle at'),
      text(ACTIVITY_PROPERTIES.noteId, 'Timeline note id'),
      text(ACTIVITY_PROPERTIES.taskId, 'Task id'),
      {
        name: ACTIVITY_PROPERTIES.writePending,
        label: 'Write pending',
        type: 'bool',
        fieldType: 'booleancheckbox',
        groupName: group,
        options: [
          { label: 'True', value: 'true', displayOrder: 0, hidden: false },
          { label: 'False', value: 'false', displayOrder: 1, hidden: false },
        ],
      },
    ],
    associatedObjects: ['CONTACT', 'DEAL', CUSTOM_OBJECTS.contentAsset],
  },
  {
    name: CUSTOM_OBJECTS.ownerProfile,
    labels: { singular: 'Owner profile', plural: 'Owner profiles' },
    primaryDisplayProperty: OWNER_PROFILE_PROPERTIES.ownerId,
    requiredProperties: [OWNER_PROFILE_PROPERTIES.ownerId, OWNER_PROFILE_PROPERTIES.role],
    searchableProperties: [OWNER_PROFILE_PROPERTIES.ownerId],
    secondaryDisplayProperties: [OWNER_PROFILE_PROPERTIES.role],
    properties: [
      unique(OWNER_PROFILE_PROPERTIES.ownerId, 'Owner id'),
      {
        name: OWNER_PROFILE_PROPERTIES.role,
        label: 'Role',
        type: 'enumeration',
        fieldType: 'select',
        groupName: group,
        options: options('rep', 'manager', 'marketer'),
      },
      text(OWNER_PROFILE_PROPERTIES.managerOwnerId, 'Manager owner id'),
      text(OWNER_PROFILE_PROPERTIES.firstName, 'First name (copy from the owners API)'),
      text(OWNER_PROFILE_PROPERTIES.lastName, 'Last name (copy from the owners API)'),
      text(OWNER_PROFILE_PROPERTIES.email, 'Email (copy from the owners API)'),
    ],
    associatedObjects: [],
  },
];
