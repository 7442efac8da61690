import type { Database } from 'better-sqlite3';
import {
  ACTIVITY_PROPERTIES,
  ASSOCIATION_PAIRS,
  ASSOCIATION_TYPES,
  CONTACT_PROPERTIES,
  CUSTOM_ASSOCIATIONS,
  CONTACT_PROPERTY_DEFINITIONS,
  CONTENT_ASSET_PROPERTIES,
  CUSTOM_OBJECTS,
  CUSTOM_OBJECT_DEFINITIONS,
  DEAL_PROPERTIES,
  DEAL_PROPERTY_DEFINITIONS,
  HANDOFF_PROPERTY_GROUP,
  HUBSPOT_OBJECT_TYPE_IDS,
  OWNER_PROFILE_PROPERTIES,
  TASK_PROPERTY_DEFINITIONS,
  type AssociationTypeSpec,
  type CustomAssociation,
  type PropertyDefinition,
} from '../../hubspot/schema-names';
import type { SeedData, SeedLead } from '../types';
import { BUILTIN_PROPERTIES, builtinGroups, systemProperties, toStoredProperty } from './properties';
import { createSchema, defineAssociation } from './schemas';
import { clearHubSpot, storeFor, type AssociationTypeRow, type HubSpotStore } from './store';

/** When the emulated portal's own definitions (properties, groups, schemas) say they were created. */
const PORTAL_CREATED_AT = '2025-01-01T00:00:00.000Z';
const FIRST_OWNER_ID = 80_000_001;
const FIRST_USER_ID = 9_000_001;

const HANDOFF_PROPERTIES_BY_TYPE: Readonly<Record<string, readonly PropertyDefinition[]>> = {
  [HUBSPOT_OBJECT_TYPE_IDS.contacts]: CONTACT_PROPERTY_DEFINITIONS,
  [HUBSPOT_OBJECT_TYPE_IDS.deals]: DEAL_PROPERTY_DEFINITIONS,
  [HUBSPOT_OBJECT_TYPE_IDS.tasks]: TASK_PROPERTY_DEFINITIONS,
};

const LIFECYCLE_BY_STAGE: Readonly<Record<SeedLead['stage'], string>> = {
  inquiry: 'lead',
  mql: 'marketingqualifiedlead',
  sql: 'salesqualifiedlead',
  sal: 'opportunity',
};

const ms = (isoText: string): number => Date.parse(isoText);

/** Drops nulls and empty strings: HubSpot stores no value rather than an empty one. */
function props(values: Readonly<Record<string, string | number | null | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values))
    if (v !== null && v !== undefined && v !== '') out[k] = String(v);
  return out;
}

/** Registers the portal: HubSpot's own properties, Handoff's properties, custom object schemas, association types. */
function registerDefinitions(store: HubSpotStore): void {
  for (const typeId of Object.values(HUBSPOT_OBJECT_TYPE_IDS)) {
    for (const [i, name] of builtinGroups(typeId).entries()) {
      store.putGroup(typeId, { name, label: name, displayOrder: i, archived: false });
    }
    for (const def of [...systemProperties(), ...(BUILTIN_PROPERTIES[typeId] ?? [])]) {
      store.putProperty(typeId, toStoredProperty(def, PORTAL_CREATED_AT, true));
    }
    const handoff = HANDOFF_PROPERTIES_BY_TYPE[typeId] ?? [];
    if (handoff.length > 0) {
      store.putGroup(typeId, { ...HANDOFF_PROPERTY_GROUP, displayOrder: 10, archived: false });
      for (const def of handoff) store.putProperty(typeId, toStoredProperty(def, PORTAL_CREATED_AT, false));
    }
  }
  for (const def of CUSTOM_OBJECT_DEFINITIONS) {
    // Associations are defined below: HubSpot's fixed ones, then the custom ones with ids the portal picks.
    createSchema(
      store,
      {
        ...def,
        requiredProperties: [...def.requiredProperties],
        searchableProperties: [...def.searchableProperties],
        secondaryDisplayProperties: [...def.secondaryDisplayProperties],
        properties: def.properties.map((p) => ({ ...p, options: p.options?.map((o) => ({ ...o })) })),
        associatedObjects: [],
      },
      PORTAL_CREATED_AT,
    );
  }
  for (const [from, to, spec, inverse] of ASSOCIATION_PAIRS) {
    store.putAssociationType(typeIdOf(store, from), typeIdOf(store, to), spec, inverse, null, true);
  }
  // As a portal does when `setup` creates the schemas: fresh USER_DEFINED ids, which the adapter must look up.
  for (const [from, to] of Object.values(CUSTOM_ASSOCIATIONS)) {
    const fromType = store.resolveType(from);
    const toType = store.resolveType(to);
    if (!fromType || !toType) throw new Error(`unknown object type ${from} or ${to}`);
    defineAssociation(store, fromType, toType);
  }
}

/** The portal's unlabelled type id for one of Handoff's custom associations. */
function customAssociationType(store: HubSpotStore, name: CustomAssociation): AssociationTypeSpec {
  const [from, to] = CUSTOM_ASSOCIATIONS[name];
  const found = store.associationTypes(typeIdOf(store, from), typeIdOf(store, to)).find((t) => t.isDefault);
  if (!found) throw new Error(`association ${from} → ${to} is not registered`);
  return { associationCategory: found.associationCategory, associationTypeId: found.associationTypeId };
}

function typeIdOf(store: HubSpotStore, name: string): string {
  const type = store.resolveType(name);
  if (!type) throw new Error(`unknown object type ${name}`);
  return type.objectTypeId;
}

/** Deletes every HubSpot row and loads the CRM-neutral seed as a HubSpot portal. */
export function loadHubSpotSeed(db: Database, seed: SeedData): void {
  const store = storeFor(db);
  db.transaction(() => {
    clearHubSpot(db);
    store.forgetCaches();
    registerDefinitions(store);
    loadRecords(store, seed);
  })();
  store.forgetCaches();
}

function loadRecords(store: HubSpotStore, seed: SeedData): void {
  const contactsType = HUBSPOT_OBJECT_TYPE_IDS.contacts;
  const dealsType = HUBSPOT_OBJECT_TYPE_IDS.deals;
  const assetType = typeIdOf(store, CUSTOM_OBJECTS.contentAsset);
  const activityType = typeIdOf(store, CUSTOM_OBJECTS.activity);
  const toContact = customAssociationType(store, 'activityToContact');
  const toDeal = customAssociationType(store, 'activityToDeal');
  const toAsset = customAssociationType(store, 'activityToAsset');
  const profileType = typeIdOf(store, CUSTOM_OBJECTS.ownerProfile);
  const assocTypes = new Map<string, AssociationTypeRow>();
  const assocType = (fromTypeId: string, toTypeId: string, spec: AssociationTypeSpec): AssociationTypeRow => {
    const key = `${fromTypeId}|${toTypeId}|${spec.associationTypeId}`;
    let found = assocTypes.get(key);
    if (!found) {
      found = store
        .associationTypes(fromTypeId, toTypeId)
        .find((t) => t.associationTypeId === spec.associationTypeId);
      if (!found) throw new Error(`association type ${spec.associationTypeId} is not registered`);
      assocTypes.set(key, found);
    }
    return found;
  };
  const link = (
    fromTypeId: string,
    fromId: number,
    toTypeId: string,
    toId: number,
    spec: AssociationTypeSpec,
  ) => store.associate(fromTypeId, fromId, toTypeId, toId, assocType(fromTypeId, toTypeId, spec));

  const ownerIds = new Map<string, string>();
  const teamIds = new Map<string, number>();
  seed.owners.forEach((owner, i) => ownerIds.set(owner.id, String(FIRST_OWNER_ID + i)));
  seed.owners.forEach((owner, i) => {
    const [firstName = owner.name, ...rest] = owner.name.split(' ');
    // Teams: each manager leads a sales team; marketers share the marketing team.
    const teamLead = owner.role === 'manager' ? owner.id : owner.managerId;
    const teamKey = teamLead ?? 'marketing';
    if (!teamIds.has(teamKey)) teamIds.set(teamKey, 7001 + teamIds.size);
    const lead = seed.owners.find((o) => o.id === teamLead);
    const id = ownerIds.get(owner.id) as string;
    store.putOwner(id, {
      id,
      email: owner.email,
      type: 'PERSON',
      firstName,
      lastName: rest.join(' '),
      userId: FIRST_USER_ID + i,
      userIdIncludingInactive: FIRST_USER_ID + i,
      createdAt: PORTAL_CREATED_AT,
      updatedAt: PORTAL_CREATED_AT,
      archived: false,
      teams: [
        {
          id: String(teamIds.get(teamKey)),
          name: lead ? `Sales — ${lead.name}` : 'Marketing',
          primary: true,
        },
      ],
    });
    store.insertObject(
      profileType,
      props({
        [OWNER_PROFILE_PROPERTIES.ownerId]: id,
        [OWNER_PROFILE_PROPERTIES.role]: owner.role,
        [OWNER_PROFILE_PROPERTIES.managerOwnerId]: owner.managerId ? ownerIds.get(owner.managerId) : null,
        // As `handoff hubspot sync-owners` copies them from the owners API.
        [OWNER_PROFILE_PROPERTIES.firstName]: firstName,
        [OWNER_PROFILE_PROPERTIES.lastName]: rest.join(' '),
        [OWNER_PROFILE_PROPERTIES.email]: owner.email,
      }),
      ms(PORTAL_CREATED_AT),
    );
  });
  const owner = (seedOwnerId: string): string | undefined => ownerIds.get(seedOwnerId);

  const assetIds = new Map<string, number>();
  for (const a of seed.assets) {
    const id = store.insertObject(
      assetType,
      props({
        [CONTENT_ASSET_PROPERTIES.externalId]: a.id,
        [CONTENT_ASSET_PROPERTIES.title]: a.title,
        [CONTENT_ASSET_PROPERTIES.url]: a.url,
        [CONTENT_ASSET_PROPERTIES.format]: a.format,
        [CONTENT_ASSET_PROPERTIES.buyerStages]: a.buyerStages.join(';'),
        [CONTENT_ASSET_PROPERTIES.useCases]: a.useCases.join(';'),
        [CONTENT_ASSET_PROPERTIES.industries]: a.industries.join(';'),
        [CONTENT_ASSET_PROPERTIES.personas]: a.personas.join(';'),
        [CONTENT_ASSET_PROPERTIES.objectionTypes]: a.objectionTypes.join(';'),
        [CONTENT_ASSET_PROPERTIES.status]: a.status,
        [CONTENT_ASSET_PROPERTIES.owner]: owner(a.ownerId),
      }),
      ms(a.createdAt),
      ms(a.updatedAt),
    );
    assetIds.set(a.id, id);
  }

  const contactIds = new Map<string, number>();
  for (const l of seed.leads) {
    const slaStage = l.stage === 'sql' || l.stage === 'mql';
    const slaPolicy = l.stage === 'sql' ? 'sql-first-touch' : 'mql-disposition';
    const open = l.handoffStatus === 'open' || l.handoffStatus === 'waiting_on_prospect';
    const id = store.insertObject(
      contactsType,
      props({
        firstname: l.firstName,
        lastname: l.lastName,
        email: l.email,
        company: l.company,
        jobtitle: l.jobTitle,
        hs_seniority: l.seniority,
        industry: l.industry,
        annualrevenue: l.annualRevenue,
        country: l.country,
        lifecyclestage: LIFECYCLE_BY_STAGE[l.stage],
        hubspot_owner_id: owner(l.ownerId),
        [CONTACT_PROPERTIES.externalId]: l.id,
        [CONTACT_PROPERTIES.stage]: l.stage,
        [CONTACT_PROPERTIES.status]: l.handoffStatus,
        [CONTACT_PROPERTIES.stageEnteredAt]: l.stageEnteredAt,
        [CONTACT_PROPERTIES.firstTouchAt]: l.firstTouchAt,
        [CONTACT_PROPERTIES.source]: l.source,
        [CONTACT_PROPERTIES.employees]: l.employees,
        [CONTACT_PROPERTIES.technologies]: l.technologies.join(';'),
        [CONTACT_PROPERTIES.discoveryNeed]: l.discovery.need,
        [CONTACT_PROPERTIES.discoveryBudget]: l.discovery.budget,
        [CONTACT_PROPERTIES.discoveryAuthority]: l.discovery.authority,
        [CONTACT_PROPERTIES.discoveryTimeline]: l.discovery.timeline,
        [CONTACT_PROPERTIES.slaPolicy]: slaStage && open ? slaPolicy : null,
        [CONTACT_PROPERTIES.slaStartedAt]: slaStage && open ? l.stageEnteredAt : null,
        [CONTACT_PROPERTIES.slaStoppedAt]: slaStage && open && l.stage === 'sql' ? l.firstTouchAt : null,
      }),
      ms(l.createdAt),
      Math.max(ms(l.stageEnteredAt), l.firstTouchAt ? ms(l.firstTouchAt) : 0),
    );
    contactIds.set(l.id, id);
    // The status's past, as HubSpot's property history keeps it (a status never changed needs no rows).
    const history = l.statusHistory ?? [];
    if (history.length > 1) {
      for (const h of history)
        store.recordHistory(id, CONTACT_PROPERTIES.status, h.status, ms(h.at), 'CRM_UI');
    }
  }

  for (const e of seed.events) {
    const contactId = contactIds.get(e.leadId);
    if (contactId === undefined) continue;
    const assetId = e.assetId ? assetIds.get(e.assetId) : undefined;
    const id = store.insertObject(
      activityType,
      props({
        [ACTIVITY_PROPERTIES.externalId]: e.id,
        [ACTIVITY_PROPERTIES.kind]: 'engagement_event',
        [ACTIVITY_PROPERTIES.activityType]: e.type,
        [ACTIVITY_PROPERTIES.occurredAt]: e.at,
        [ACTIVITY_PROPERTIES.assetExternalId]: e.assetId,
        [ACTIVITY_PROPERTIES.assetId]: assetId,
        [ACTIVITY_PROPERTIES.contactId]: contactId,
      }),
      ms(e.at),
    );
    link(activityType, id, contactsType, contactId, toContact);
    if (assetId !== undefined) link(activityType, id, assetType, assetId, toAsset);
  }

  const dealIds = new Map<string, number>();
  for (const d of seed.deals) {
    const closeDate = d.closedAt ?? new Date(ms(d.createdAt) + 60 * 86_400_000).toISOString();
    const id = store.insertObject(
      dealsType,
      props({
        dealname: d.name,
        amount: d.amount,
        dealstage: d.stage,
        pipeline: 'default',
        closedate: closeDate,
        hs_is_closed: String(d.closedAt !== null),
        hs_is_closed_won: String(d.won === true),
        hubspot_owner_id: owner(d.ownerId),
        [DEAL_PROPERTIES.externalId]: d.id,
        [DEAL_PROPERTIES.source]: d.source,
        [DEAL_PROPERTIES.leadCreatedAt]: d.leadCreatedAt,
      }),
      ms(d.createdAt),
      d.closedAt ? ms(d.closedAt) : ms(d.createdAt),
    );
    dealIds.set(d.id, id);
    for (const contact of d.contactIds) {
      const contactId = contactIds.get(contact);
      if (contactId !== undefined)
        link(contactsType, contactId, dealsType, id, ASSOCIATION_TYPES.contactToDeal);
    }
  }

  for (const t of seed.touches) {
    const dealId = dealIds.get(t.dealId);
    const contactId = contactIds.get(t.leadId);
    const assetId = assetIds.get(t.assetId);
    // The deal and contact ids are copied onto the activity as the adapter's shares copy them.
    const id = store.insertObject(
      activityType,
      props({
        [ACTIVITY_PROPERTIES.externalId]: t.id,
        [ACTIVITY_PROPERTIES.kind]: 'content_touch',
        [ACTIVITY_PROPERTIES.activityType]: t.channel,
        [ACTIVITY_PROPERTIES.occurredAt]: t.at,
        [ACTIVITY_PROPERTIES.assetExternalId]: t.assetId,
        [ACTIVITY_PROPERTIES.assetId]: assetId,
        [ACTIVITY_PROPERTIES.dealId]: dealId,
        [ACTIVITY_PROPERTIES.contactId]: contactId,
        [ACTIVITY_PROPERTIES.buyerStage]: t.buyerStage,
      }),
      ms(t.at),
    );
    if (dealId !== undefined) link(activityType, id, dealsType, dealId, toDeal);
    if (contactId !== undefined) link(activityType, id, contactsType, contactId, toContact);
    if (assetId !== undefined) link(activityType, id, assetType, assetId, toAsset);
  }

  for (const d of seed.dispositions) {
    const contactId = contactIds.get(d.leadId);
    const p = ACTIVITY_PROPERTIES;
    // A disposition is an activity whose unique external id is its idempotency key, as the adapter writes it.
    const id = store.insertObject(
      activityType,
      props({
        [p.externalId]: d.idempotencyKey,
        [p.kind]: 'disposition',
        [p.activityType]: d.outcome,
        [p.occurredAt]: d.at,
        [p.contactId]: contactId,
        [p.outcome]: d.outcome,
        [p.reasonCode]: d.reasonCode,
        [p.notes]: d.notes,
        [p.submissionId]: d.id,
        [p.owner]: owner(d.ownerId),
      }),
      ms(d.at),
    );
    if (contactId !== undefined) link(activityType, id, contactsType, contactId, toContact);
  }

  // The contact's own fields record its latest disposition, as the adapter's write leaves them.
  const latest = new Map<string, (typeof seed.dispositions)[number]>();
  for (const d of seed.dispositions) {
    const previous = latest.get(d.leadId);
    if (previous === undefined || ms(previous.at) <= ms(d.at)) latest.set(d.leadId, d);
  }
  for (const [leadId, d] of latest) {
    const contactId = contactIds.get(leadId);
    const row = contactId === undefined ? undefined : store.getObject(contactsType, contactId);
    if (contactId === undefined || row === undefined) continue;
    const stamp = props({
      [CONTACT_PROPERTIES.dispositionOutcome]: d.outcome,
      [CONTACT_PROPERTIES.dispositionReason]: d.reasonCode,
      [CONTACT_PROPERTIES.dispositionNotes]: d.notes,
      [CONTACT_PROPERTIES.dispositionAt]: d.at,
      [CONTACT_PROPERTIES.dispositionKey]: d.idempotencyKey,
    });
    store.updateObject(contactId, { ...row.props, ...stamp }, Math.max(row.updatedAt, ms(d.at)));
  }
}
