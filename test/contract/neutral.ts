// Port results in seed terms: CRM ids mapped back to seed ids, so HubSpot's answer, Salesforce's answer and the
// seed itself can be compared. `instants: 'iso'` also rewrites timestamps to one format (for comparing with the
// seed); the direct parity test keeps them raw, so a format difference between the adapters shows up there.
import type { Asset, AssetUsage } from '../../src/core/content/library-schema';
import { computeAssetUsage } from '../../src/core/content/asset-usage';
import type { StoredDisposition } from '../../src/core/disposition/types';
import type { EngagementEvent } from '../../src/core/qualification/record-schema';
import type { SeedData } from '../../src/crm/emulator/types';
import type {
  ContentTouch,
  DealAttributionContext,
  EscalationCandidate,
  LeadHandoffContext,
  LeadSummary,
  Owner,
} from '../../src/crm/port';
import type { IdBook } from './crm-harness';

export interface NeutralOptions {
  readonly instants: 'raw' | 'iso';
}

/** A seed id, or a marker naming the CRM id the seed never created (so a mismatch reads clearly). */
export const seedIdOf = (ids: IdBook, id: string | null): string | null =>
  id === null ? null : (ids.seedOf(id) ?? `<not from the seed: ${id}>`);

const byJson = <T>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

function instantOf(options: NeutralOptions) {
  return (text: string | null): string | null => {
    if (text === null || options.instants === 'raw') return text;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? `<not an instant: ${text}>` : new Date(ms).toISOString();
  };
}

export type NeutralLead = Omit<LeadSummary, 'objectType'>;

export function neutralOwner(owner: Owner | null, ids: IdBook): Owner | null {
  if (owner === null) return null;
  return { ...owner, id: seedIdOf(ids, owner.id) ?? '', managerId: seedIdOf(ids, owner.managerId) };
}

export function neutralLead(lead: LeadSummary, ids: IdBook, options: NeutralOptions): NeutralLead {
  const at = instantOf(options);
  // objectType is where the CRMs legitimately differ (HubSpot contact, Salesforce Lead); the suites check it apart.
  return {
    name: lead.name,
    email: lead.email,
    company: lead.company,
    source: lead.source,
    stage: lead.stage,
    handoffStatus: lead.handoffStatus,
    id: seedIdOf(ids, lead.id) ?? '',
    owner: neutralOwner(lead.owner, ids),
    createdAt: at(lead.createdAt) ?? '',
    stageEnteredAt: at(lead.stageEnteredAt),
    firstTouchAt: at(lead.firstTouchAt),
  };
}

export function neutralEvents(events: readonly EngagementEvent[], ids: IdBook, options: NeutralOptions) {
  const at = instantOf(options);
  return byJson(
    events.map((e) => ({
      type: e.type,
      at: at(e.at) ?? '',
      ...(e.assetId === undefined ? {} : { assetId: seedIdOf(ids, e.assetId) ?? '' }),
    })),
  );
}

/** Touches the seed did not create (shares written by a test) get one marker id, since their CRM ids differ. */
export function neutralTouches(touches: readonly ContentTouch[], ids: IdBook, options: NeutralOptions) {
  const at = instantOf(options);
  return byJson(
    touches.map((t) => ({
      id: ids.seedOf(t.id) ?? '<written by the test>',
      assetId: seedIdOf(ids, t.assetId) ?? '',
      dealId: seedIdOf(ids, t.dealId),
      leadId: seedIdOf(ids, t.leadId),
      channel: t.channel,
      at: at(t.at) ?? '',
      buyerStage: t.buyerStage,
    })),
  );
}

export function neutralDispositions(
  dispositions: readonly StoredDisposition[],
  ids: IdBook,
  options: NeutralOptions,
): StoredDisposition[] {
  const at = instantOf(options);
  // Newest first is promised, so the order is kept.
  return dispositions.map((d) => ({
    ...d,
    recordId: seedIdOf(ids, d.recordId) ?? '',
    ownerId: seedIdOf(ids, d.ownerId),
    at: at(d.at) ?? '',
    recycleAt: at(d.recycleAt),
  }));
}

export function neutralLeadContext(context: LeadHandoffContext, ids: IdBook, options: NeutralOptions) {
  return {
    lead: neutralLead(context.lead, ids, options),
    record: { id: seedIdOf(ids, context.record.id), properties: context.record.properties },
    events: neutralEvents(context.events, ids, options),
    touches: neutralTouches(context.touches, ids, options),
    dispositions: neutralDispositions(context.dispositions, ids, options),
    appliedDispositionKeys: [...context.appliedDispositionKeys].sort(),
    statusHistory: context.statusHistory.map((h) => ({
      at: instantOf(options)(h.at) ?? '',
      status: h.status,
    })),
  };
}

/** The seed lead's status timeline as a CRM's field history gives it back (unchanged: its one value since creation). */
export function expectedStatusHistory(seed: SeedData, leadId: string) {
  const lead = seedLead(seed, leadId);
  const history = lead.statusHistory ?? [{ at: lead.createdAt, status: lead.handoffStatus }];
  return history.map((h) => ({ at: iso(h.at), status: h.status }));
}

export function neutralAsset(asset: Asset, ids: IdBook, options: NeutralOptions): Asset {
  const at = instantOf(options);
  return {
    ...asset,
    id: seedIdOf(ids, asset.id) ?? '',
    ownerId: seedIdOf(ids, asset.ownerId) ?? '',
    createdAt: at(asset.createdAt) ?? '',
    updatedAt: at(asset.updatedAt) ?? '',
  };
}

export function neutralDealContext(context: DealAttributionContext, ids: IdBook, options: NeutralOptions) {
  const at = instantOf(options);
  const { deal } = context;
  return {
    deal: {
      ...deal,
      id: seedIdOf(ids, deal.id) ?? '',
      ownerId: seedIdOf(ids, deal.ownerId),
      leadCreatedAt: at(deal.leadCreatedAt),
      createdAt: at(deal.createdAt) ?? '',
      closedAt: at(deal.closedAt),
    },
    contacts: byJson(context.contacts.map((c) => ({ id: seedIdOf(ids, c.id) ?? '', name: c.name }))),
    touches: neutralTouches(context.touches, ids, options),
    assets: byJson(context.assets.map((a) => neutralAsset(a, ids, options))),
  };
}

export function neutralUsage(usage: readonly AssetUsage[], ids: IdBook, options: NeutralOptions) {
  const at = instantOf(options);
  return byJson(
    usage.map((u) => ({ ...u, assetId: seedIdOf(ids, u.assetId) ?? '', lastUsedAt: at(u.lastUsedAt) })),
  );
}

export function neutralCandidate(candidate: EscalationCandidate, ids: IdBook, options: NeutralOptions) {
  const at = instantOf(options);
  return {
    ...candidate,
    leadId: seedIdOf(ids, candidate.leadId) ?? '',
    ownerId: seedIdOf(ids, candidate.ownerId),
    managerId: seedIdOf(ids, candidate.managerId),
    stageEnteredAt: at(candidate.stageEnteredAt) ?? '',
    firstTouchAt: at(candidate.firstTouchAt),
  };
}

// ---------------------------------------------------------------- what the seed says the answers are

const iso = (text: string): string => new Date(Date.parse(text)).toISOString();

export function seedLead(seed: SeedData, leadId: string) {
  const lead = seed.leads.find((l) => l.id === leadId);
  if (!lead) throw new Error(`no seed lead ${leadId}`);
  return lead;
}

export function seedOwner(seed: SeedData, ownerId: string): Owner {
  const owner = seed.owners.find((o) => o.id === ownerId);
  if (!owner) throw new Error(`no seed owner ${ownerId}`);
  return { id: owner.id, name: owner.name, email: owner.email, managerId: owner.managerId };
}

export function expectedLeadSummary(seed: SeedData, leadId: string): NeutralLead {
  const lead = seedLead(seed, leadId);
  return {
    id: lead.id,
    name: `${lead.firstName} ${lead.lastName}`,
    email: lead.email,
    company: lead.company,
    source: lead.source,
    stage: lead.stage,
    handoffStatus: lead.handoffStatus,
    owner: seedOwner(seed, lead.ownerId),
    createdAt: iso(lead.createdAt),
    stageEnteredAt: iso(lead.stageEnteredAt),
    firstTouchAt: lead.firstTouchAt === null ? null : iso(lead.firstTouchAt),
  };
}

export function expectedEvents(seed: SeedData, leadId: string) {
  return byJson(
    seed.events
      .filter((e) => e.leadId === leadId)
      .map((e) => ({ type: e.type, at: iso(e.at), ...(e.assetId === null ? {} : { assetId: e.assetId }) })),
  );
}

export function expectedTouches(seed: SeedData, where: { leadId?: string; dealId?: string }) {
  return byJson(
    seed.touches
      .filter(
        (t) =>
          (where.leadId === undefined || t.leadId === where.leadId) &&
          (where.dealId === undefined || t.dealId === where.dealId),
      )
      .map((t) => ({
        id: t.id,
        assetId: t.assetId,
        dealId: t.dealId,
        leadId: t.leadId,
        channel: t.channel,
        at: iso(t.at),
        buyerStage: t.buyerStage,
      })),
  );
}

/** The parts of a stored disposition the seed determines (labels and submission ids are not in the seed). */
export function expectedDispositions(seed: SeedData, leadId: string) {
  return seed.dispositions
    .filter((d) => d.leadId === leadId)
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((d) => ({
      id: d.idempotencyKey,
      recordId: d.leadId,
      outcome: d.outcome,
      reasonCode: d.reasonCode,
      notes: d.notes,
      at: iso(d.at),
      ownerId: d.ownerId,
    }));
}

export function expectedAsset(seed: SeedData, assetId: string): Asset {
  const a = seed.assets.find((x) => x.id === assetId);
  if (!a) throw new Error(`no seed asset ${assetId}`);
  return {
    id: a.id,
    title: a.title,
    url: a.url,
    format: a.format,
    buyerStages: [...a.buyerStages],
    useCases: [...a.useCases],
    industries: [...a.industries],
    personas: [...a.personas],
    objectionTypes: [...a.objectionTypes],
    status: a.status,
    ownerId: a.ownerId,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

export function expectedUsage(seed: SeedData, asOfMs: number): AssetUsage[] {
  return byJson(
    computeAssetUsage(
      // A seed touch is a usage touch (asset, deal, channel, time, buyer stage).
      seed.touches,
      seed.deals.map((d) => ({ id: d.id, won: d.won })),
      asOfMs,
    ),
  );
}
