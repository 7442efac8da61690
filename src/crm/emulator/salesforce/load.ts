import type { Database } from 'better-sqlite3';
import type { SeedData, SeedLead } from '../types';
import {
  AccountFields,
  ContactFields,
  ContentAssetFields,
  ContentTouchFields,
  EngagementEventFields,
  LeadDispositionFields,
  LeadFields,
  OpportunityContactRoleFields,
  OpportunityFields,
  OpportunityStageNames,
  PersonFields,
  SObjects,
  UserFields,
} from '../../salesforce/schema-names';
import { findObject } from './describe';
import type { ObjectDef } from './describe';
import { SfStore, clearStore } from './store';
import { formatDate, formatDateTime, parseDate, parseDateTime } from './values';
import type { SfRow } from './values';

/**
 * Loads CRM-neutral seed data as a Salesforce org holds it: owners as Users, leads as Leads, and every lead that
 * reached a deal converted (Lead.IsConverted, a Contact with the same Handoff fields, an Account per company),
 * deals as Opportunities with contact roles, and assets, touches, engagement events and dispositions as Handoff's
 * custom objects. Seed ids become the external ids (`Handoff_External_Id__c` / `External_Id__c`).
 */

const DAY = 86_400_000;
const OPEN_DEAL_CLOSE_DAYS = 60;
const TO_STAGE: Readonly<Record<string, string | null>> = { accept: 'sal', recycle: 'inquiry', reject: null };

function object(name: string): ObjectDef {
  const found = findObject(name);
  if (found === undefined) throw new Error(`${name} is missing from the describe registry`);
  return found;
}

function dateTime(text: string): string {
  const ms = parseDateTime(text) ?? parseDate(text);
  if (ms === null) throw new Error(`Seed timestamp is not ISO-8601: ${text}`);
  return formatDateTime(ms);
}

const dateTimeOrNull = (text: string | null): string | null => (text === null ? null : dateTime(text));

function splitName(name: string): { first: string | null; last: string } {
  const parts = name.trim().split(/\s+/);
  const last = parts.pop() ?? name;
  return { first: parts.length > 0 ? parts.join(' ') : null, last };
}

function personFields(lead: SeedLead): SfRow {
  return {
    FirstName: lead.firstName,
    LastName: lead.lastName,
    Name: `${lead.firstName} ${lead.lastName}`.trim(),
    Email: lead.email,
    Title: lead.jobTitle,
    LeadSource: lead.source,
    [PersonFields.externalId]: lead.id,
    [PersonFields.stage]: lead.stage,
    [PersonFields.status]: lead.handoffStatus,
    [PersonFields.stageEnteredAt]: dateTime(lead.stageEnteredAt),
    [PersonFields.firstTouchAt]: dateTimeOrNull(lead.firstTouchAt),
    [PersonFields.seniority]: lead.seniority,
    [PersonFields.technologies]: lead.technologies.join(';'),
    [PersonFields.discoveryNeed]: lead.discovery.need,
    [PersonFields.discoveryBudget]: lead.discovery.budget,
    [PersonFields.discoveryAuthority]: lead.discovery.authority,
    [PersonFields.discoveryTimeline]: lead.discovery.timeline,
    [PersonFields.dispositionOutcome]: null,
    [PersonFields.dispositionReason]: null,
    [PersonFields.dispositionAt]: null,
    [PersonFields.lastDispositionKey]: null,
  };
}

export function loadSeed(db: Database, seed: SeedData): void {
  const earliest = Math.min(
    ...seed.leads.map((l) => parseDateTime(l.createdAt) ?? Number.POSITIVE_INFINITY),
    Date.UTC(2026, 0, 1),
  );
  const store = new SfStore(db, () => earliest);
  const User = object(SObjects.user);
  const Account = object(SObjects.account);
  const Lead = object(SObjects.lead);
  const Contact = object(SObjects.contact);
  const Opportunity = object(SObjects.opportunity);
  const Role = object(SObjects.opportunityContactRole);
  const Asset = object(SObjects.contentAsset);
  const Touch = object(SObjects.contentTouch);
  const Disposition = object(SObjects.leadDisposition);
  const Event = object(SObjects.engagementEvent);

  db.transaction(() => {
    clearStore(db);
    const integrationUser = store.integrationUserId();
    const audit = { CreatedById: integrationUser, LastModifiedById: integrationUser };

    const users = new Map(seed.owners.map((o) => [o.id, store.newId(User)]));
    const userOf = (id: string | null): string | null => (id === null ? null : (users.get(id) ?? null));
    for (const owner of seed.owners) {
      const { first, last } = splitName(owner.name);
      store.writeRaw(User, users.get(owner.id) ?? '', {
        ...audit,
        FirstName: first,
        LastName: last,
        Name: owner.name,
        Email: owner.email,
        Username: owner.email,
        Alias: owner.email.slice(0, 8),
        IsActive: true,
        [UserFields.managerId]: userOf(owner.managerId),
        [UserFields.role]: owner.role,
        [UserFields.externalId]: owner.id,
      });
    }

    const assets = new Map(seed.assets.map((a) => [a.id, store.newId(Asset)]));
    for (const asset of seed.assets) {
      store.writeRaw(
        Asset,
        assets.get(asset.id) ?? '',
        {
          ...audit,
          [ContentAssetFields.name]: asset.title.slice(0, 80),
          [ContentAssetFields.title]: asset.title,
          [ContentAssetFields.url]: asset.url,
          [ContentAssetFields.format]: asset.format,
          [ContentAssetFields.buyerStages]: asset.buyerStages.join(';'),
          [ContentAssetFields.useCases]: asset.useCases.join(';'),
          [ContentAssetFields.industries]: asset.industries.join(';'),
          [ContentAssetFields.personas]: asset.personas.join(';'),
          [ContentAssetFields.objectionTypes]: asset.objectionTypes.join(';'),
          [ContentAssetFields.status]: asset.status,
          [ContentAssetFields.externalId]: asset.id,
          OwnerId: userOf(asset.ownerId),
        },
        { createdDate: dateTime(asset.createdAt), lastModifiedDate: dateTime(asset.updatedAt) },
      );
    }

    const dealOfLead = new Map(seed.deals.map((d) => [d.leadId, d.id]));
    const converted = new Set(seed.deals.flatMap((d) => [d.leadId, ...d.contactIds]));
    const leads = new Map(seed.leads.map((l) => [l.id, store.newId(Lead)]));
    const contacts = new Map<string, string>();
    const accounts = new Map<string, string>();
    const accountOfLead = new Map<string, string>();
    const opportunities = new Map(seed.deals.map((d) => [d.id, store.newId(Opportunity)]));

    for (const lead of seed.leads) {
      const created = {
        createdDate: dateTime(lead.createdAt),
        lastModifiedDate: dateTime(lead.stageEnteredAt),
      };
      const isConverted = converted.has(lead.id);
      let contactId: string | null = null;
      let accountId: string | null = null;
      if (isConverted) {
        accountId = accounts.get(lead.company) ?? null;
        if (accountId === null) {
          accountId = store.newId(Account);
          accounts.set(lead.company, accountId);
          store.writeRaw(
            Account,
            accountId,
            {
              ...audit,
              [AccountFields.name]: lead.company,
              [AccountFields.industry]: lead.industry,
              [AccountFields.employees]: lead.employees,
              [AccountFields.annualRevenue]: lead.annualRevenue,
              [AccountFields.country]: lead.country,
              [AccountFields.externalId]: `account:${lead.company}`,
              OwnerId: userOf(lead.ownerId),
            },
            created,
          );
        }
        accountOfLead.set(lead.id, accountId);
        contactId = store.newId(Contact);
        contacts.set(lead.id, contactId);
        store.writeRaw(
          Contact,
          contactId,
          {
            ...audit,
            ...personFields(lead),
            [ContactFields.accountId]: accountId,
            [ContactFields.country]: lead.country,
            [ContactFields.company]: lead.company,
            [ContactFields.industry]: lead.industry,
            [ContactFields.employees]: lead.employees,
            [ContactFields.annualRevenue]: lead.annualRevenue,
            [ContactFields.leadCreatedAt]: dateTime(lead.createdAt),
            OwnerId: userOf(lead.ownerId),
          },
          created,
        );
      }
      const dealId = dealOfLead.get(lead.id);
      store.writeRaw(
        Lead,
        leads.get(lead.id) ?? '',
        {
          ...audit,
          ...personFields(lead),
          [LeadFields.company]: lead.company,
          [LeadFields.industry]: lead.industry,
          [LeadFields.employees]: lead.employees,
          [LeadFields.annualRevenue]: lead.annualRevenue,
          [LeadFields.country]: lead.country,
          [LeadFields.leadStatus]: isConverted ? 'Closed - Converted' : 'Open - Not Contacted',
          [LeadFields.isConverted]: isConverted,
          [LeadFields.convertedContactId]: contactId,
          [LeadFields.convertedAccountId]: accountId,
          [LeadFields.convertedOpportunityId]:
            dealId === undefined ? null : (opportunities.get(dealId) ?? null),
          OwnerId: userOf(lead.ownerId),
        },
        created,
      );
      // The status's past, as field history tracking recorded it on the lead (a converted lead's history stays
      // with the lead; the contact's starts at conversion).
      const history = lead.statusHistory ?? [];
      history.slice(1).forEach((change, i) => {
        const previous = history[i]?.status ?? null;
        store.writeHistory(
          Lead,
          leads.get(lead.id) ?? '',
          PersonFields.status,
          previous,
          change.status,
          dateTime(change.at),
        );
      });
    }

    for (const deal of seed.deals) {
      const opportunityId = opportunities.get(deal.id) ?? '';
      const stageName = OpportunityStageNames[deal.stage] ?? deal.stage;
      const closeMs =
        deal.closedAt !== null
          ? (parseDateTime(deal.closedAt) ?? 0)
          : (parseDateTime(deal.createdAt) ?? 0) + OPEN_DEAL_CLOSE_DAYS * DAY;
      const lower = stageName.toLowerCase();
      store.writeRaw(
        Opportunity,
        opportunityId,
        {
          ...audit,
          [OpportunityFields.name]: deal.name,
          [OpportunityFields.stageName]: stageName,
          [OpportunityFields.amount]: deal.amount,
          [OpportunityFields.closeDate]: formatDate(closeMs),
          [OpportunityFields.isClosed]: lower.startsWith('closed') || deal.won !== null,
          [OpportunityFields.isWon]: lower === 'closed won' || deal.won === true,
          [OpportunityFields.leadSource]: deal.source,
          [OpportunityFields.accountId]: accountOfLead.get(deal.leadId) ?? null,
          [OpportunityFields.externalId]: deal.id,
          [OpportunityFields.leadCreatedAt]: dateTime(deal.leadCreatedAt),
          [OpportunityFields.closedAt]: dateTimeOrNull(deal.closedAt),
          [OpportunityFields.sourceLeadId]: leads.get(deal.leadId) ?? null,
          OwnerId: userOf(deal.ownerId),
        },
        {
          createdDate: dateTime(deal.createdAt),
          lastModifiedDate: dateTime(deal.closedAt ?? deal.createdAt),
        },
      );
      const roleContacts = [deal.leadId, ...deal.contactIds.filter((c) => c !== deal.leadId)];
      for (const leadId of roleContacts) {
        const contactId = contacts.get(leadId);
        if (contactId === undefined) continue;
        store.writeRaw(
          Role,
          store.newId(Role),
          {
            ...audit,
            [OpportunityContactRoleFields.opportunityId]: opportunityId,
            [OpportunityContactRoleFields.contactId]: contactId,
            [OpportunityContactRoleFields.role]: leadId === deal.leadId ? 'Decision Maker' : 'Influencer',
            [OpportunityContactRoleFields.isPrimary]: leadId === deal.leadId,
          },
          { createdDate: dateTime(deal.createdAt) },
        );
      }
    }

    for (const event of seed.events) {
      const at = dateTime(event.at);
      store.writeRaw(
        Event,
        store.newId(Event),
        {
          ...audit,
          Name: store.autoNumber(Event),
          [EngagementEventFields.lead]: leads.get(event.leadId) ?? null,
          [EngagementEventFields.contact]: contacts.get(event.leadId) ?? null,
          [EngagementEventFields.type]: event.type,
          [EngagementEventFields.occurredAt]: at,
          [EngagementEventFields.contentAsset]:
            event.assetId === null ? null : (assets.get(event.assetId) ?? null),
          [EngagementEventFields.externalId]: event.id,
        },
        { createdDate: at },
      );
    }

    for (const touch of seed.touches) {
      const at = dateTime(touch.at);
      store.writeRaw(
        Touch,
        store.newId(Touch),
        {
          ...audit,
          Name: store.autoNumber(Touch),
          [ContentTouchFields.opportunity]: opportunities.get(touch.dealId) ?? null,
          [ContentTouchFields.lead]: leads.get(touch.leadId) ?? null,
          [ContentTouchFields.contact]: contacts.get(touch.leadId) ?? null,
          [ContentTouchFields.contentAsset]: assets.get(touch.assetId) ?? null,
          [ContentTouchFields.channel]: touch.channel,
          [ContentTouchFields.buyerStage]: touch.buyerStage,
          [ContentTouchFields.touchedAt]: at,
          [ContentTouchFields.sharedBy]: null,
          [ContentTouchFields.externalId]: touch.id,
        },
        { createdDate: at },
      );
    }

    const latest = new Map<string, (typeof seed.dispositions)[number]>();
    for (const disposition of seed.dispositions) {
      const at = dateTime(disposition.at);
      store.writeRaw(
        Disposition,
        store.newId(Disposition),
        {
          ...audit,
          Name: store.autoNumber(Disposition),
          [LeadDispositionFields.lead]: leads.get(disposition.leadId) ?? null,
          [LeadDispositionFields.contact]: contacts.get(disposition.leadId) ?? null,
          [LeadDispositionFields.outcome]: disposition.outcome,
          [LeadDispositionFields.reasonCode]: disposition.reasonCode,
          [LeadDispositionFields.notes]: disposition.notes,
          [LeadDispositionFields.disposedAt]: at,
          [LeadDispositionFields.disposedBy]: userOf(disposition.ownerId),
          [LeadDispositionFields.fromStage]: null,
          [LeadDispositionFields.toStage]: TO_STAGE[disposition.outcome] ?? null,
          [LeadDispositionFields.idempotencyKey]: disposition.idempotencyKey,
          [LeadDispositionFields.externalId]: disposition.id,
        },
        { createdDate: at },
      );
      const previous = latest.get(disposition.leadId);
      if (
        previous === undefined ||
        (parseDateTime(previous.at) ?? 0) <= (parseDateTime(disposition.at) ?? 0)
      ) {
        latest.set(disposition.leadId, disposition);
      }
    }
    for (const [leadId, disposition] of latest) {
      const stamp = {
        [PersonFields.dispositionOutcome]: disposition.outcome,
        [PersonFields.dispositionReason]: disposition.reasonCode,
        [PersonFields.dispositionAt]: dateTime(disposition.at),
        [PersonFields.lastDispositionKey]: disposition.idempotencyKey,
      };
      for (const [target, ids] of [
        [Lead, leads],
        [Contact, contacts],
      ] as const) {
        const id = ids.get(leadId);
        const row = id === undefined ? undefined : store.get(target, id);
        if (id === undefined || row === undefined) continue;
        store.writeRaw(
          target,
          id,
          { ...row, ...stamp },
          {
            createdDate: String(row['CreatedDate']),
            lastModifiedDate: String(row['LastModifiedDate']),
          },
        );
      }
    }
  })();
}
