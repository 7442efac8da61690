/**
 * Handoff's HubSpot data model: the one place that names HubSpot object types, `handoff_*` properties, custom
 * object schemas and association types. The emulator registers exactly these; the HubSpot adapter and
 * `handoff hubspot setup` read them from here.
 *
 * Choices: lead facts live on contacts and deals as `handoff_*` properties; content assets, activities (engagement
 * events and content touches in one object, so a lead's card reads them in one batch call) and dispositions are
 * custom objects; owners come from the owners API, and because HubSpot users have no manager field, each owner's role
 * and manager are recorded on a `handoff_owner_profile` custom object.
 * Properties whose options come from the playbook (stages, reason codes, taxonomy) are free text so one portal can run
 * any playbook; fixed vocabularies (status, outcome) are enumerations.
 */

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
  disposition: 'handoff_disposition',
  ownerProfile: 'handoff_owner_profile',
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

/** What a `handoff_activity` records: something the lead did, or an asset that touched the lead or a deal. */
export const ACTIVITY_KINDS = ['engagement_event', 'content_touch'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * A lead's tracked activity. The deal and contact ids are HubSpot record ids copied onto the record when it is
 * written, so the lead and deal cards learn them from the batch read without a v4 association read; the associations
 * are kept too (the deal card lists a deal's activities through them, and HubSpot's UI shows them).
 */
export const ACTIVITY_PROPERTIES = {
  /** Unique: the seed's id, or a share's idempotency key. */
  externalId: 'handoff_external_id',
  kind: 'handoff_kind',
  /** The event type for an engagement event, the channel for a content touch. */
  activityType: 'handoff_activity_type',
  occurredAt: 'handoff_occurred_at',
  assetExternalId: 'handoff_asset_external_id',
  /** The deal a content touch belongs to. */
  dealId: 'handoff_deal_id',
  /** The lead's contact, so the deal card names each touch's lead. */
  contactId: 'handoff_contact_id',
  /** The owner id of the rep who shared the asset from the card (shares only). */
  sharedBy: 'handoff_shared_by',
} as const;

export const DISPOSITION_PROPERTIES = {
  externalId: 'handoff_external_id',
  outcome: 'handoff_outcome',
  reasonCode: 'handoff_reason_code',
  notes: 'handoff_notes',
  disposedAt: 'handoff_disposed_at',
  owner: 'hubspot_owner_id',
  idempotencyKey: 'handoff_idempotency_key',
  submissionId: 'handoff_submission_id',
  reasonLabel: 'handoff_reason_label',
  recycleAt: 'handoff_recycle_at',
  /** The timeline note written for this disposition, so a retried write never adds a second one. */
  noteId: 'handoff_note_id',
  /** 'true' from the disposition's creation until its note and contact update are written. */
  writePending: 'handoff_write_pending',
} as const;

export const OWNER_PROFILE_PROPERTIES = {
  ownerId: 'handoff_owner_id',
  role: 'handoff_role',
  managerOwnerId: 'handoff_manager_owner_id',
} as const;

/** One end of an association type: HubSpot's category and numeric type id. */
export interface AssociationTypeSpec {
  readonly associationCategory: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
  readonly associationTypeId: number;
}

/**
 * Association types, one per direction. The HUBSPOT_DEFINED ids are HubSpot's fixed ids. The USER_DEFINED ids are
 * the ones the emulator assigns to custom object associations; a real portal assigns its own, so the adapter must
 * read them with `GET /crm/v4/associations/{from}/{to}/labels` and use these only as the emulator's values.
 */
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
  activityToDeal: { associationCategory: 'USER_DEFINED', associationTypeId: 1001 },
  dealToActivity: { associationCategory: 'USER_DEFINED', associationTypeId: 1002 },
  activityToContact: { associationCategory: 'USER_DEFINED', associationTypeId: 1003 },
  contactToActivity: { associationCategory: 'USER_DEFINED', associationTypeId: 1004 },
  activityToAsset: { associationCategory: 'USER_DEFINED', associationTypeId: 1005 },
  assetToActivity: { associationCategory: 'USER_DEFINED', associationTypeId: 1006 },
  dispositionToContact: { associationCategory: 'USER_DEFINED', associationTypeId: 1007 },
  contactToDisposition: { associationCategory: 'USER_DEFINED', associationTypeId: 1008 },
} as const satisfies Record<string, AssociationTypeSpec>;

/** An object type by its HubSpot name: a standard object (plural) or a custom object name. */
export type ObjectName = StandardObjectName | CustomObjectName;

/** Every association type as `[from, to, spec, inverse spec]`, so one list drives both directions. */
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
  [CUSTOM_OBJECTS.activity, 'deals', ASSOCIATION_TYPES.activityToDeal, ASSOCIATION_TYPES.dealToActivity],
  [
    CUSTOM_OBJECTS.activity,
    'contacts',
    ASSOCIATION_TYPES.activityToContact,
    ASSOCIATION_TYPES.contactToActivity,
  ],
  [
    CUSTOM_OBJECTS.activity,
    CUSTOM_OBJECTS.contentAsset,
    ASSOCIATION_TYPES.activityToAsset,
    ASSOCIATION_TYPES.assetToActivity,
  ],
  [
    CUSTOM_OBJECTS.disposition,
    'contacts',
    ASSOCIATION_TYPES.dispositionToContact,
    ASSOCIATION_TYPES.contactToDisposition,
  ],
];

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

export const LEAD_STATUSES = ['open', 'accepted', 'disqualified', 'recycled', 'waiting_on_prospect'] as const;
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
    searchableProperties: [ACTIVITY_PROPERTIES.externalId],
    secondaryDisplayProperties: [ACTIVITY_PROPERTIES.kind, ACTIVITY_PROPERTIES.occurredAt],
    properties: [
      unique(ACTIVITY_PROPERTIES.externalId, 'External id'),
      {
        name: ACTIVITY_PROPERTIES.kind,
        label: 'Kind',
        type: 'enumeration',
        fieldType: 'select',
        groupName: group,
        options: options(...ACTIVITY_KINDS),
      },
      text(ACTIVITY_PROPERTIES.activityType, 'Event type or channel'),
      dateTime(ACTIVITY_PROPERTIES.occurredAt, 'Occurred at'),
      text(ACTIVITY_PROPERTIES.assetExternalId, 'Asset external id'),
      text(ACTIVITY_PROPERTIES.dealId, 'Deal record id'),
      text(ACTIVITY_PROPERTIES.contactId, 'Contact record id'),
      text(ACTIVITY_PROPERTIES.sharedBy, 'Shared by (owner id)'),
    ],
    associatedObjects: ['CONTACT', 'DEAL', CUSTOM_OBJECTS.contentAsset],
  },
  {
    name: CUSTOM_OBJECTS.disposition,
    labels: { singular: 'Disposition', plural: 'Dispositions' },
    primaryDisplayProperty: DISPOSITION_PROPERTIES.reasonCode,
    requiredProperties: [DISPOSITION_PROPERTIES.outcome, DISPOSITION_PROPERTIES.reasonCode],
    searchableProperties: [DISPOSITION_PROPERTIES.idempotencyKey, DISPOSITION_PROPERTIES.reasonCode],
    secondaryDisplayProperties: [DISPOSITION_PROPERTIES.outcome],
    properties: [
      unique(DISPOSITION_PROPERTIES.externalId, 'External id'),
      {
        name: DISPOSITION_PROPERTIES.outcome,
        label: 'Outcome',
        type: 'enumeration',
        fieldType: 'select',
        groupName: group,
        options: options(...DISPOSITION_OUTCOMES),
      },
      text(DISPOSITION_PROPERTIES.reasonCode, 'Reason code'),
      longText(DISPOSITION_PROPERTIES.notes, 'Notes'),
      dateTime(DISPOSITION_PROPERTIES.disposedAt, 'Disposed at'),
      unique(DISPOSITION_PROPERTIES.idempotencyKey, 'Idempotency key'),
      text(DISPOSITION_PROPERTIES.submissionId, 'Submission id'),
      text(DISPOSITION_PROPERTIES.reasonLabel, 'Reason label'),
      dateTime(DISPOSITION_PROPERTIES.recycleAt, 'Recycle at'),
      text(DISPOSITION_PROPERTIES.noteId, 'Timeline note id'),
      {
        name: DISPOSITION_PROPERTIES.writePending,
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
    associatedObjects: ['CONTACT'],
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
    ],
    associatedObjects: [],
  },
];
