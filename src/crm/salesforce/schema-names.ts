/**
 * The one place that names Handoff's Salesforce objects, fields and relationships.
 *
 * The Salesforce adapter (jsforce), the emulator and the SFDX package all import these names, so a rename happens
 * here and nowhere else. Conventions:
 * - Fields Handoff adds to standard objects (Lead, Contact, Account, Opportunity, User, Task) start with `Handoff_`.
 * - Handoff's own custom objects (`Content_Asset__c`, `Content_Touch__c`, `Lead_Disposition__c`,
 *   `Engagement_Event__c`) use plain field names; their lookups are named after the parent object, so the
 *   relationship name is the field name with `__r` (`Content_Asset__c` → `Content_Asset__r`).
 * - Every object Handoff writes carries an external id (`Handoff_External_Id__c` / `External_Id__c`) so Bulk API 2.0
 *   upserts rerun without duplicating, and every write that must happen once carries a unique idempotency key.
 * - Engagement events are a custom object (`Engagement_Event__c`) rather than Tasks or CampaignMembers: they are
 *   high-volume, typed, and must link to a content asset, which Tasks cannot do without polymorphic tricks.
 */
import { LEAD_STATUSES } from '../../core/playbook/lead-statuses';

export const SF_API_VERSION = '62.0';

export const SObjects = {
  lead: 'Lead',
  contact: 'Contact',
  account: 'Account',
  opportunity: 'Opportunity',
  opportunityContactRole: 'OpportunityContactRole',
  user: 'User',
  task: 'Task',
  contentAsset: 'Content_Asset__c',
  contentTouch: 'Content_Touch__c',
  leadDisposition: 'Lead_Disposition__c',
  engagementEvent: 'Engagement_Event__c',
  /** Field history of Lead and Contact (the package turns on history tracking for the handoff status). */
  leadHistory: 'LeadHistory',
  contactHistory: 'ContactHistory',
} as const;

/** Fields of `LeadHistory` / `ContactHistory` rows (one row per tracked field change). */
export const HistoryFields = {
  leadId: 'LeadId',
  contactId: 'ContactId',
  field: 'Field',
  oldValue: 'OldValue',
  newValue: 'NewValue',
} as const;

export type SObjectName = (typeof SObjects)[keyof typeof SObjects];

/** Handoff fields shared by Lead and Contact (same API names on both, so one LWC serves both record pages). */
export const PersonFields = {
  externalId: 'Handoff_External_Id__c',
  stage: 'Handoff_Stage__c',
  status: 'Handoff_Status__c',
  stageEnteredAt: 'Handoff_Stage_Entered_At__c',
  firstTouchAt: 'Handoff_First_Touch_At__c',
  seniority: 'Handoff_Seniority__c',
  technologies: 'Handoff_Technologies__c',
  discoveryNeed: 'Handoff_Discovery_Need__c',
  discoveryBudget: 'Handoff_Discovery_Budget__c',
  discoveryAuthority: 'Handoff_Discovery_Authority__c',
  discoveryTimeline: 'Handoff_Discovery_Timeline__c',
  dispositionOutcome: 'Handoff_Disposition_Outcome__c',
  dispositionReason: 'Handoff_Disposition_Reason__c',
  dispositionAt: 'Handoff_Disposition_At__c',
  /** The idempotency key of the last disposition applied to the record (checked before re-applying one). */
  lastDispositionKey: 'Handoff_Last_Disposition_Key__c',
} as const;

/** Lead's own standard fields Handoff reads. */
export const LeadFields = {
  ...PersonFields,
  firstName: 'FirstName',
  lastName: 'LastName',
  name: 'Name',
  email: 'Email',
  company: 'Company',
  title: 'Title',
  industry: 'Industry',
  employees: 'NumberOfEmployees',
  annualRevenue: 'AnnualRevenue',
  country: 'Country',
  leadSource: 'LeadSource',
  /** The org's standard lead status; Handoff's own status is `status` (`Handoff_Status__c`). */
  leadStatus: 'Status',
  ownerId: 'OwnerId',
  isConverted: 'IsConverted',
  convertedContactId: 'ConvertedContactId',
  convertedAccountId: 'ConvertedAccountId',
  convertedOpportunityId: 'ConvertedOpportunityId',
  createdDate: 'CreatedDate',
} as const;

export const ContactFields = {
  ...PersonFields,
  firstName: 'FirstName',
  lastName: 'LastName',
  name: 'Name',
  email: 'Email',
  title: 'Title',
  accountId: 'AccountId',
  country: 'MailingCountry',
  leadSource: 'LeadSource',
  ownerId: 'OwnerId',
  /** Contact has no Company/Industry/size fields of its own: Handoff copies them from the converted lead. */
  company: 'Handoff_Company__c',
  industry: 'Handoff_Industry__c',
  employees: 'Handoff_Employees__c',
  annualRevenue: 'Handoff_Annual_Revenue__c',
  leadCreatedAt: 'Handoff_Lead_Created_At__c',
} as const;

export const AccountFields = {
  externalId: 'Handoff_External_Id__c',
  name: 'Name',
  industry: 'Industry',
  employees: 'NumberOfEmployees',
  annualRevenue: 'AnnualRevenue',
  country: 'BillingCountry',
  ownerId: 'OwnerId',
} as const;

export const OpportunityFields = {
  externalId: 'Handoff_External_Id__c',
  name: 'Name',
  stageName: 'StageName',
  amount: 'Amount',
  closeDate: 'CloseDate',
  isClosed: 'IsClosed',
  isWon: 'IsWon',
  leadSource: 'LeadSource',
  ownerId: 'OwnerId',
  accountId: 'AccountId',
  leadCreatedAt: 'Handoff_Lead_Created_At__c',
  closedAt: 'Handoff_Closed_At__c',
  sourceLeadId: 'Handoff_Source_Lead__c',
} as const;

export const OpportunityContactRoleFields = {
  opportunityId: 'OpportunityId',
  contactId: 'ContactId',
  role: 'Role',
  isPrimary: 'IsPrimary',
} as const;

export const UserFields = {
  externalId: 'Handoff_External_Id__c',
  name: 'Name',
  firstName: 'FirstName',
  lastName: 'LastName',
  email: 'Email',
  username: 'Username',
  alias: 'Alias',
  isActive: 'IsActive',
  managerId: 'ManagerId',
  role: 'Handoff_Role__c',
} as const;

/** Tasks carry content requests, escalations and timeline notes. */
export const TaskFields = {
  subject: 'Subject',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  activityDate: 'ActivityDate',
  whoId: 'WhoId',
  whatId: 'WhatId',
  ownerId: 'OwnerId',
  kind: 'Handoff_Kind__c',
  dueAt: 'Handoff_Due_At__c',
  idempotencyKey: 'Handoff_Idempotency_Key__c',
} as const;

export const ContentAssetFields = {
  externalId: 'External_Id__c',
  name: 'Name',
  title: 'Title__c',
  url: 'Url__c',
  format: 'Format__c',
  buyerStages: 'Buyer_Stages__c',
  useCases: 'Use_Cases__c',
  industries: 'Industries__c',
  personas: 'Personas__c',
  objectionTypes: 'Objection_Types__c',
  status: 'Status__c',
  ownerId: 'OwnerId',
} as const;

export const ContentTouchFields = {
  externalId: 'External_Id__c',
  opportunity: 'Opportunity__c',
  lead: 'Lead__c',
  contact: 'Contact__c',
  contentAsset: 'Content_Asset__c',
  channel: 'Channel__c',
  touchedAt: 'Touched_At__c',
  sharedBy: 'Shared_By__c',
  /** The buyer stage at the touch (the playbook's stage map), for per-stage won-deal counts. */
  buyerStage: 'Buyer_Stage__c',
} as const;

export const LeadDispositionFields = {
  idempotencyKey: 'Idempotency_Key__c',
  externalId: 'External_Id__c',
  lead: 'Lead__c',
  contact: 'Contact__c',
  outcome: 'Outcome__c',
  reasonCode: 'Reason_Code__c',
  notes: 'Notes__c',
  disposedAt: 'Disposed_At__c',
  disposedBy: 'Disposed_By__c',
  fromStage: 'From_Stage__c',
  toStage: 'To_Stage__c',
  submissionId: 'Submission_Id__c',
  reasonLabel: 'Reason_Label__c',
  recycleAt: 'Recycle_At__c',
} as const;

export const EngagementEventFields = {
  externalId: 'External_Id__c',
  lead: 'Lead__c',
  contact: 'Contact__c',
  type: 'Type__c',
  occurredAt: 'Occurred_At__c',
  contentAsset: 'Content_Asset__c',
} as const;

/** Parent relationship names (for SOQL paths such as `Content_Asset__r.Title__c`). */
export const Relationships = {
  owner: 'Owner',
  manager: 'Manager',
  account: 'Account',
  opportunity: 'Opportunity',
  contact: 'Contact',
  who: 'Who',
  what: 'What',
  touchOpportunity: 'Opportunity__r',
  touchLead: 'Lead__r',
  touchContact: 'Contact__r',
  touchAsset: 'Content_Asset__r',
  touchSharedBy: 'Shared_By__r',
  dispositionLead: 'Lead__r',
  dispositionContact: 'Contact__r',
  dispositionBy: 'Disposed_By__r',
  eventLead: 'Lead__r',
  eventContact: 'Contact__r',
  eventAsset: 'Content_Asset__r',
  opportunitySourceLead: 'Handoff_Source_Lead__r',
} as const;

/** Child relationship names (for subqueries such as `(SELECT Id FROM Content_Touches__r)`). */
export const ChildRelationships = {
  contentTouches: 'Content_Touches__r',
  leadDispositions: 'Lead_Dispositions__r',
  engagementEvents: 'Engagement_Events__r',
  contacts: 'Contacts',
  opportunities: 'Opportunities',
  opportunityContactRoles: 'OpportunityContactRoles',
  tasks: 'Tasks',
  /** LeadHistory under Lead, ContactHistory under Contact. */
  histories: 'Histories',
} as const;

/** Opportunity `StageName` values for the default playbook's deal stage ids (and back). */
export const OpportunityStageNames: Readonly<Record<string, string>> = {
  discovery: 'Discovery',
  evaluation: 'Evaluation',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  closed_won: 'Closed Won',
  closed_lost: 'Closed Lost',
};

/** Picklist values Handoff's metadata declares. */
export const Picklists = {
  handoffStage: ['inquiry', 'mql', 'sql', 'sal'],
  handoffStatus: LEAD_STATUSES,
  dispositionOutcome: ['accept', 'reject', 'recycle'],
  assetStatus: ['active', 'archived'],
  userRole: ['rep', 'manager', 'marketer'],
  taskKind: ['content_request', 'escalation', 'note'],
} as const;

/** System fields every sObject has. */
export const SystemFields = {
  id: 'Id',
  createdDate: 'CreatedDate',
  lastModifiedDate: 'LastModifiedDate',
} as const;

/** Standard Task picklist values Handoff writes (the org's defaults; Handoff's own kinds are `Picklists.taskKind`). */
export const TaskPicklistValues = {
  statusNotStarted: 'Not Started',
  statusCompleted: 'Completed',
  priorityHigh: 'High',
  priorityNormal: 'Normal',
} as const;

/** Standard key prefixes of the objects whose ids Handoff checks (custom objects' prefixes differ per org). */
export const KeyPrefixes = {
  lead: '00Q',
  contact: '003',
  opportunity: '006',
  user: '005',
} as const;
