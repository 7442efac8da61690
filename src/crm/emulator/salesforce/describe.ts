import {
  AccountFields,
  ChildRelationships,
  ContactFields,
  ContentAssetFields,
  ContentTouchFields,
  EngagementEventFields,
  HistoryFields,
  LeadDispositionFields,
  LeadFields,
  OpportunityContactRoleFields,
  OpportunityFields,
  Picklists,
  PersonFields,
  SObjects,
  TaskFields,
  UserFields,
} from '../../salesforce/schema-names';

/** The describe registry: every emulated sObject and its fields, used to validate writes and evaluate SOQL. */

export type SfFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'url'
  | 'phone'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface FieldDef {
  readonly name: string;
  readonly label: string;
  readonly type: SfFieldType;
  readonly length: number;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate: boolean;
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  /** The name of the list on the parent object (`Content_Touches__r`), when the parent exposes one. */
  readonly childRelationshipName: string | null;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly calculated: boolean;
  readonly autoNumber: boolean;
  readonly picklistValues: readonly string[];
  /** A restricted picklist refuses values outside `picklistValues`; an unrestricted one stores any text. */
  readonly restricted: boolean;
}

export interface ChildRelationshipDef {
  readonly childSObject: string;
  readonly field: string;
  readonly relationshipName: string;
}

export interface ObjectDef {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  /** Format of the auto-number `Name`, e.g. `CT-{000000}`; null when Name is typed in. */
  readonly autoNumberFormat: string | null;
  readonly fields: readonly FieldDef[];
  readonly fieldsByLowerName: ReadonlyMap<string, FieldDef>;
  readonly childRelationships: readonly ChildRelationshipDef[];
  /** Fields whose changes the store records in `history` (Salesforce's field history tracking). */
  readonly trackedFields: readonly string[];
  /** The history sObject and its lookup to this object, when fields are tracked. */
  readonly history: { readonly object: string; readonly parentField: string } | null;
}

type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>> & { required?: boolean };

function field(name: string, type: SfFieldType, options: FieldOptions = {}): FieldDef {
  const { required = false, ...rest } = options;
  const defaultLength =
    type === 'textarea' ? 32768 : type === 'id' || type === 'reference' ? 18 : type === 'string' ? 255 : 0;
  return {
    name,
    label: name.replace(/__c$/, '').replace(/_/g, ' '),
    type,
    length: defaultLength,
    nillable: !required && type !== 'boolean',
    createable: true,
    updateable: true,
    defaultedOnCreate: type === 'boolean',
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    externalId: false,
    unique: false,
    calculated: false,
    autoNumber: false,
    picklistValues: [],
    restricted: false,
    ...rest,
  };
}

const text = (name: string, length = 255, options: FieldOptions = {}): FieldDef =>
  field(name, 'string', { length, ...options });
const externalId = (name: string): FieldDef => text(name, 255, { externalId: true, unique: true });
const picklist = (name: string, values: readonly string[], options: FieldOptions = {}): FieldDef =>
  field(name, 'picklist', { length: 255, picklistValues: values, ...options });
/**
 * Which of Handoff's picklists its package deploys as restricted: the fixed outcome/status vocabularies are; stage
 * ids are not, since every playbook brings its own. A new entry in `Picklists` fails to compile until it is decided.
 * Standard picklists (Lead Status, Task Status…) stay unrestricted here: their values belong to the org, not Handoff.
 */
const RESTRICTED: Readonly<Record<keyof typeof Picklists, boolean>> = {
  handoffStage: false,
  handoffStatus: true,
  dispositionOutcome: true,
  assetStatus: true,
  userRole: true,
  taskKind: true,
};
const handoffPicklist = (
  name: string,
  vocabulary: keyof typeof Picklists,
  options: FieldOptions = {},
): FieldDef => picklist(name, Picklists[vocabulary], { restricted: RESTRICTED[vocabulary], ...options });
const multipicklist = (name: string, values: readonly string[] = []): FieldDef =>
  field(name, 'multipicklist', { length: 4099, picklistValues: values });
const readOnly: FieldOptions = { createable: false, updateable: false };
const lookup = (
  name: string,
  referenceTo: readonly string[],
  relationshipName: string,
  childRelationshipName: string | null,
  options: FieldOptions = {},
): FieldDef => field(name, 'reference', { referenceTo, relationshipName, childRelationshipName, ...options });

function systemFields(): FieldDef[] {
  return [
    field('Id', 'id', { ...readOnly, nillable: false, defaultedOnCreate: true, unique: true }),
    field('IsDeleted', 'boolean', readOnly),
    field('CreatedDate', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
    lookup('CreatedById', [SObjects.user], 'CreatedBy', null, { ...readOnly, defaultedOnCreate: true }),
    field('LastModifiedDate', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
    lookup('LastModifiedById', [SObjects.user], 'LastModifiedBy', null, {
      ...readOnly,
      defaultedOnCreate: true,
    }),
    field('SystemModstamp', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  ];
}

const ownerField = (): FieldDef =>
  lookup('OwnerId', [SObjects.user], 'Owner', null, { nillable: false, defaultedOnCreate: true });

function personHandoffFields(): FieldDef[] {
  return [
    externalId(PersonFields.externalId),
    handoffPicklist(PersonFields.stage, 'handoffStage'),
    handoffPicklist(PersonFields.status, 'handoffStatus'),
    field(PersonFields.stageEnteredAt, 'datetime'),
    field(PersonFields.firstTouchAt, 'datetime'),
    picklist(PersonFields.seniority, []),
    multipicklist(PersonFields.technologies),
    field(PersonFields.discoveryNeed, 'textarea', { length: 1000 }),
    field(PersonFields.discoveryBudget, 'textarea', { length: 1000 }),
    field(PersonFields.discoveryAuthority, 'textarea', { length: 1000 }),
    field(PersonFields.discoveryTimeline, 'textarea', { length: 1000 }),
    handoffPicklist(PersonFields.dispositionOutcome, 'dispositionOutcome'),
    text(PersonFields.dispositionReason, 80),
    field(PersonFields.dispositionAt, 'datetime'),
    text(PersonFields.lastDispositionKey, 255),
  ];
}

const compoundName = (): FieldDef => text('Name', 121, { ...readOnly, calculated: true });

interface ObjectSpec {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly autoNumberFormat?: string;
  readonly fields: readonly FieldDef[];
  readonly trackedFields?: readonly string[];
  readonly history?: { readonly object: string; readonly parentField: string };
}

/** A field history sObject (`LeadHistory`): read-only rows the store writes when a tracked field changes. */
function historySpec(name: string, keyPrefix: string, parent: string, parentField: string): ObjectSpec {
  return {
    name,
    label: `${parent} History`,
    labelPlural: `${parent} History`,
    keyPrefix,
    fields: [
      lookup(parentField, [parent], parent, ChildRelationships.histories, readOnly),
      text(HistoryFields.field, 255, readOnly),
      text(HistoryFields.oldValue, 255, readOnly),
      text(HistoryFields.newValue, 255, readOnly),
    ],
  };
}

const TRACKED_PERSON_FIELDS = [PersonFields.status, PersonFields.stage];

const specs: readonly ObjectSpec[] = [
  {
    name: SObjects.user,
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    fields: [
      compoundName(),
      text(UserFields.firstName, 40),
      text(UserFields.lastName, 80, { required: true }),
      field(UserFields.email, 'email', { length: 128, required: true }),
      text(UserFields.username, 80, { required: true, unique: true }),
      text(UserFields.alias, 8),
      field(UserFields.isActive, 'boolean'),
      lookup(UserFields.managerId, [SObjects.user], 'Manager', null),
      handoffPicklist(UserFields.role, 'userRole'),
      externalId(UserFields.externalId),
    ],
  },
  {
    name: SObjects.account,
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    fields: [
      text(AccountFields.name, 255, { required: true }),
      picklist(AccountFields.industry, []),
      field(AccountFields.employees, 'int'),
      field(AccountFields.annualRevenue, 'currency'),
      text(AccountFields.country, 80),
      ownerField(),
      externalId(AccountFields.externalId),
    ],
  },
  {
    name: SObjects.lead,
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    trackedFields: TRACKED_PERSON_FIELDS,
    history: { object: SObjects.leadHistory, parentField: HistoryFields.leadId },
    fields: [
      compoundName(),
      text(LeadFields.firstName, 40),
      text(LeadFields.lastName, 80, { required: true }),
      field(LeadFields.email, 'email', { length: 80 }),
      text(LeadFields.company, 255, { required: true }),
      text(LeadFields.title, 128),
      picklist(LeadFields.industry, []),
      field(LeadFields.employees, 'int'),
      field(LeadFields.annualRevenue, 'currency'),
      text(LeadFields.country, 80),
      picklist(LeadFields.leadSource, []),
      picklist(LeadFields.leadStatus, ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted'], {
        nillable: false,
        defaultedOnCreate: true,
      }),
      ownerField(),
      field(LeadFields.isConverted, 'boolean', readOnly),
      lookup(LeadFields.convertedContactId, [SObjects.contact], 'ConvertedContact', null, readOnly),
      lookup(LeadFields.convertedAccountId, [SObjects.account], 'ConvertedAccount', null, readOnly),
      lookup(
        LeadFields.convertedOpportunityId,
        [SObjects.opportunity],
        'ConvertedOpportunity',
        null,
        readOnly,
      ),
      ...personHandoffFields(),
    ],
  },
  {
    name: SObjects.contact,
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    trackedFields: TRACKED_PERSON_FIELDS,
    history: { object: SObjects.contactHistory, parentField: HistoryFields.contactId },
    fields: [
      compoundName(),
      text(ContactFields.firstName, 40),
      text(ContactFields.lastName, 80, { required: true }),
      field(ContactFields.email, 'email', { length: 80 }),
      text(ContactFields.title, 128),
      lookup(ContactFields.accountId, [SObjects.account], 'Account', ChildRelationships.contacts),
      text(ContactFields.country, 80),
      picklist(ContactFields.leadSource, []),
      ownerField(),
      text(ContactFields.company, 255),
      text(ContactFields.industry, 255),
      field(ContactFields.employees, 'int'),
      field(ContactFields.annualRevenue, 'currency'),
      field(ContactFields.leadCreatedAt, 'datetime'),
      ...personHandoffFields(),
    ],
  },
  {
    name: SObjects.opportunity,
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    fields: [
      text(OpportunityFields.name, 120, { required: true }),
      picklist(OpportunityFields.stageName, [], { required: true }),
      field(OpportunityFields.amount, 'currency'),
      field(OpportunityFields.closeDate, 'date', { required: true }),
      field(OpportunityFields.isClosed, 'boolean', { ...readOnly, calculated: true }),
      field(OpportunityFields.isWon, 'boolean', { ...readOnly, calculated: true }),
      picklist(OpportunityFields.leadSource, []),
      ownerField(),
      lookup(OpportunityFields.accountId, [SObjects.account], 'Account', ChildRelationships.opportunities),
      externalId(OpportunityFields.externalId),
      field(OpportunityFields.leadCreatedAt, 'datetime'),
      field(OpportunityFields.closedAt, 'datetime'),
      lookup(OpportunityFields.sourceLeadId, [SObjects.lead], 'Handoff_Source_Lead__r', null),
    ],
  },
  {
    name: SObjects.opportunityContactRole,
    label: 'Opportunity Contact Role',
    labelPlural: 'Opportunity Contact Roles',
    keyPrefix: '00K',
    fields: [
      lookup(
        OpportunityContactRoleFields.opportunityId,
        [SObjects.opportunity],
        'Opportunity',
        ChildRelationships.opportunityContactRoles,
        { required: true },
      ),
      lookup(
        OpportunityContactRoleFields.contactId,
        [SObjects.contact],
        'Contact',
        'OpportunityContactRoles',
        {
          required: true,
        },
      ),
      picklist(OpportunityContactRoleFields.role, [
        'Decision Maker',
        'Evaluator',
        'Influencer',
        'Business User',
      ]),
      field(OpportunityContactRoleFields.isPrimary, 'boolean'),
    ],
  },
  {
    name: SObjects.task,
    label: 'Task',
    labelPlural: 'Tasks',
    keyPrefix: '00T',
    fields: [
      text(TaskFields.subject, 255),
      field(TaskFields.description, 'textarea', { length: 32000 }),
      picklist(TaskFields.status, ['Not Started', 'In Progress', 'Completed'], {
        nillable: false,
        defaultedOnCreate: true,
      }),
      picklist(TaskFields.priority, ['High', 'Normal', 'Low'], { nillable: false, defaultedOnCreate: true }),
      field(TaskFields.activityDate, 'date'),
      lookup(TaskFields.whoId, [SObjects.lead, SObjects.contact], 'Who', ChildRelationships.tasks),
      lookup(
        TaskFields.whatId,
        [SObjects.opportunity, SObjects.account, SObjects.contentAsset],
        'What',
        ChildRelationships.tasks,
      ),
      ownerField(),
      handoffPicklist(TaskFields.kind, 'taskKind'),
      field(TaskFields.dueAt, 'datetime'),
      externalId(TaskFields.idempotencyKey),
    ],
  },
  {
    name: SObjects.contentAsset,
    label: 'Content Asset',
    labelPlural: 'Content Assets',
    keyPrefix: 'a00',
    fields: [
      text(ContentAssetFields.name, 80, { required: true }),
      text(ContentAssetFields.title, 255),
      field(ContentAssetFields.url, 'url', { length: 1000 }),
      picklist(ContentAssetFields.format, []),
      multipicklist(ContentAssetFields.buyerStages),
      multipicklist(ContentAssetFields.useCases),
      multipicklist(ContentAssetFields.industries),
      multipicklist(ContentAssetFields.personas),
      multipicklist(ContentAssetFields.objectionTypes),
      handoffPicklist(ContentAssetFields.status, 'assetStatus'),
      ownerField(),
      externalId(ContentAssetFields.externalId),
    ],
  },
  {
    name: SObjects.contentTouch,
    label: 'Content Touch',
    labelPlural: 'Content Touches',
    keyPrefix: 'a01',
    autoNumberFormat: 'CT-{000000}',
    fields: [
      text('Name', 80, { ...readOnly, autoNumber: true }),
      lookup(
        ContentTouchFields.opportunity,
        [SObjects.opportunity],
        'Opportunity__r',
        ChildRelationships.contentTouches,
      ),
      lookup(ContentTouchFields.lead, [SObjects.lead], 'Lead__r', ChildRelationships.contentTouches),
      lookup(ContentTouchFields.contact, [SObjects.contact], 'Contact__r', ChildRelationships.contentTouches),
      lookup(
        ContentTouchFields.contentAsset,
        [SObjects.contentAsset],
        'Content_Asset__r',
        ChildRelationships.contentTouches,
        { required: true },
      ),
      picklist(ContentTouchFields.channel, []),
      picklist(ContentTouchFields.buyerStage, []),
      field(ContentTouchFields.touchedAt, 'datetime', { required: true }),
      lookup(ContentTouchFields.sharedBy, [SObjects.user], 'Shared_By__r', null),
      externalId(ContentTouchFields.externalId),
    ],
  },
  {
    name: SObjects.leadDisposition,
    label: 'Lead Disposition',
    labelPlural: 'Lead Dispositions',
    keyPrefix: 'a02',
    autoNumberFormat: 'LD-{000000}',
    fields: [
      text('Name', 80, { ...readOnly, autoNumber: true }),
      lookup(LeadDispositionFields.lead, [SObjects.lead], 'Lead__r', ChildRelationships.leadDispositions),
      lookup(
        LeadDispositionFields.contact,
        [SObjects.contact],
        'Contact__r',
        ChildRelationships.leadDispositions,
      ),
      handoffPicklist(LeadDispositionFields.outcome, 'dispositionOutcome', { required: true }),
      text(LeadDispositionFields.reasonCode, 80, { required: true }),
      field(LeadDispositionFields.notes, 'textarea', { length: 32768 }),
      field(LeadDispositionFields.disposedAt, 'datetime', { required: true }),
      lookup(LeadDispositionFields.disposedBy, [SObjects.user], 'Disposed_By__r', null),
      handoffPicklist(LeadDispositionFields.fromStage, 'handoffStage'),
      handoffPicklist(LeadDispositionFields.toStage, 'handoffStage'),
      text(LeadDispositionFields.submissionId, 255),
      text(LeadDispositionFields.reasonLabel, 255),
      field(LeadDispositionFields.recycleAt, 'datetime'),
      text(LeadDispositionFields.idempotencyKey, 255, { externalId: true, unique: true, required: true }),
      externalId(LeadDispositionFields.externalId),
    ],
  },
  {
    name: SObjects.engagementEvent,
    label: 'Engagement Event',
    labelPlural: 'Engagement Events',
    keyPrefix: 'a03',
    autoNumberFormat: 'EE-{000000}',
    fields: [
      text('Name', 80, { ...readOnly, autoNumber: true }),
      lookup(EngagementEventFields.lead, [SObjects.lead], 'Lead__r', ChildRelationships.engagementEvents),
      lookup(
        EngagementEventFields.contact,
        [SObjects.contact],
        'Contact__r',
        ChildRelationships.engagementEvents,
      ),
      picklist(EngagementEventFields.type, [], { required: true }),
      field(EngagementEventFields.occurredAt, 'datetime', { required: true }),
      lookup(
        EngagementEventFields.contentAsset,
        [SObjects.contentAsset],
        'Content_Asset__r',
        'Engagement_Events__r',
      ),
      externalId(EngagementEventFields.externalId),
    ],
  },
  // Salesforce gives every field history object the key prefix 017; the emulator needs one per object.
  historySpec(SObjects.leadHistory, '017', SObjects.lead, HistoryFields.leadId),
  historySpec(SObjects.contactHistory, '0Z7', SObjects.contact, HistoryFields.contactId),
];

function build(allSpecs: readonly ObjectSpec[]): ReadonlyMap<string, ObjectDef> {
  const children = new Map<string, ChildRelationshipDef[]>();
  for (const spec of allSpecs) {
    for (const f of spec.fields) {
      if (f.type !== 'reference' || f.childRelationshipName === null) continue;
      for (const parent of f.referenceTo) {
        const list = children.get(parent) ?? [];
        list.push({ childSObject: spec.name, field: f.name, relationshipName: f.childRelationshipName });
        children.set(parent, list);
      }
    }
  }
  const byLowerName = new Map<string, ObjectDef>();
  for (const spec of allSpecs) {
    const fields = [...systemFields(), ...spec.fields];
    byLowerName.set(spec.name.toLowerCase(), {
      name: spec.name,
      label: spec.label,
      labelPlural: spec.labelPlural,
      keyPrefix: spec.keyPrefix,
      custom: spec.name.endsWith('__c'),
      autoNumberFormat: spec.autoNumberFormat ?? null,
      fields,
      fieldsByLowerName: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
      childRelationships: children.get(spec.name) ?? [],
      trackedFields: spec.trackedFields ?? [],
      history: spec.history ?? null,
    });
  }
  return byLowerName;
}

const registry = build(specs);

/** Every emulated sObject, in dependency order (parents first). */
export const allObjects: readonly ObjectDef[] = [...registry.values()];

/** The sObject by API name, case-insensitively (as Salesforce resolves names). */
export function findObject(name: string): ObjectDef | undefined {
  return registry.get(name.toLowerCase());
}

export function findField(object: ObjectDef, name: string): FieldDef | undefined {
  return object.fieldsByLowerName.get(name.toLowerCase());
}

/** The reference field whose relationship name is `relationshipName` (`Owner` → `OwnerId`). */
export function findRelationship(object: ObjectDef, relationshipName: string): FieldDef | undefined {
  const lower = relationshipName.toLowerCase();
  return object.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
}

export function findChildRelationship(
  object: ObjectDef,
  relationshipName: string,
): ChildRelationshipDef | undefined {
  const lower = relationshipName.toLowerCase();
  return object.childRelationships.find((c) => c.relationshipName.toLowerCase() === lower);
}

export function objectByKeyPrefix(id: string): ObjectDef | undefined {
  const prefix = id.slice(0, 3);
  return allObjects.find((o) => o.keyPrefix === prefix);
}

/** The JSON a `GET /sobjects/<T>/describe` returns (the subset of Salesforce's shape clients read). */
export function describeJson(object: ObjectDef, version: string): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    searchable: true,
    fields: object.fields.map((f) => ({
      name: f.name,
      label: f.label,
      type: f.type,
      length: f.length,
      nillable: f.nillable,
      createable: f.createable,
      updateable: f.updateable,
      defaultedOnCreate: f.defaultedOnCreate,
      referenceTo: f.referenceTo,
      relationshipName: f.relationshipName,
      externalId: f.externalId,
      unique: f.unique,
      idLookup: f.type === 'id' || f.externalId,
      calculated: f.calculated,
      autoNumber: f.autoNumber,
      custom: f.name.endsWith('__c'),
      restrictedPicklist: f.restricted,
      picklistValues: f.picklistValues.map((value) => ({
        value,
        label: value,
        active: true,
        defaultValue: false,
      })),
    })),
    childRelationships: object.childRelationships.map((c) => ({
      childSObject: c.childSObject,
      field: c.field,
      relationshipName: c.relationshipName,
      cascadeDelete: false,
    })),
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  };
}

/** The JSON of one entry in `GET /sobjects` (describeGlobal). */
export function globalDescribeEntry(object: ObjectDef, version: string): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    queryable: true,
    createable: true,
    updateable: true,
    deletable: true,
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  };
}
