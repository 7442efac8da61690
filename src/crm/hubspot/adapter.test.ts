import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmPort } from '../port';
import { createHubSpotAdapter, createHubSpotPort } from './adapter';
import { hubSpotApi, type HubSpotApi } from './hubspot-api';
import acceptMeeting from './__fixtures__/accept-meeting.json';
import hostileNotes from './__fixtures__/hostile-notes.json';
import {
  ACTIVITY_PROPERTIES,
  CONTACT_PROPERTIES,
  CONTENT_ASSET_PROPERTIES,
  CUSTOM_ASSOCIATIONS,
  CUSTOM_OBJECTS,
  HUBSPOT_PROPERTIES,
  OWNER_PROFILE_PROPERTIES,
  type ActivityKind,
  type CustomAssociation,
} from './schema-names';
import { NOW_MS, planFor, startTestHubSpot, type TestHubSpot } from './test-emulator';

// The adapter over the real @hubspot/api-client against the emulator.

let hs: TestHubSpot;
let crm: CrmPort;
const NOW = new Date(NOW_MS).toISOString();

beforeAll(async () => {
  hs = await startTestHubSpot();
  crm = createHubSpotAdapter({
    accessToken: hs.emulator.token,
    basePath: hs.basePath,
    retryBaseMs: 1,
    now: () => NOW_MS,
  });
});

afterAll(async () => {
  await hs.emulator.close();
});

const leadWith = (predicate: (leadId: string) => boolean) => {
  const lead = hs.seed.leads.find((l) => predicate(l.id));
  if (!lead) throw new Error('no seeded lead fits');
  return lead;
};

/** A seeded lead in `stage` that has no disposition yet. */
const freshLead = (stage: string, skip: readonly string[] = []) =>
  leadWith((id) => {
    const lead = hs.seed.leads.find((l) => l.id === id);
    return lead?.stage === stage && !skip.includes(id) && !hs.seed.dispositions.some((d) => d.leadId === id);
  });

describe('reads', () => {
  it('reads a lead with its owner, record, events, touches and dispositions as the seed has them', async () => {
    const lead = leadWith(
      (id) => hs.seed.touches.some((t) => t.leadId === id) && hs.seed.events.some((e) => e.leadId === id),
    );
    const contactId = await hs.idOf('contacts', lead.id);
    const result = await crm.getLeadHandoffContext(contactId);
    if (!result.ok) throw new Error(result.error.message);
    const context = result.data;
    const owner = hs.seed.owners.find((o) => o.id === lead.ownerId);
    expect(context.lead).toMatchObject({
      id: contactId,
      objectType: 'contact',
      name: `${lead.firstName} ${lead.lastName}`,
      email: lead.email,
      stage: lead.stage,
      handoffStatus: lead.handoffStatus,
      source: lead.source,
    });
    expect(context.lead.owner).toMatchObject({ name: owner?.name, email: owner?.email });
    expect(context.record.properties).toMatchObject({
      industry: lead.industry,
      employees: lead.employees,
      technologies: [...lead.technologies],
      handoffStatus: lead.handoffStatus,
    });
    expect(context.events).toHaveLength(hs.seed.events.filter((e) => e.leadId === lead.id).length);
    expect(context.touches).toHaveLength(hs.seed.touches.filter((t) => t.leadId === lead.id).length);
    const touch = hs.seed.touches.find((t) => t.leadId === lead.id);
    expect(context.touches.map((t) => t.dealId)).toContain(await hs.idOf('deals', touch?.dealId ?? ''));
    expect(context.touches.map((t) => t.assetId)).toContain(
      await hs.idOf(CUSTOM_OBJECTS.contentAsset, touch?.assetId ?? ''),
    );
  });

  it('reads a lead’s seeded dispositions newest first with their idempotency keys', async () => {
    const lead = leadWith((id) => hs.seed.dispositions.some((d) => d.leadId === id));
    const contactId = await hs.idOf('contacts', lead.id);
    const result = await crm.getLeadHandoffContext(contactId);
    if (!result.ok) throw new Error(result.error.message);
    const seeded = hs.seed.dispositions
      .filter((d) => d.leadId === lead.id)
      .sort((a, b) => b.at.localeCompare(a.at));
    expect(result.data.dispositions.map((d) => [d.id, d.outcome, d.reasonCode, d.notes, d.recordId])).toEqual(
      seeded.map((d) => [d.idempotencyKey, d.outcome, d.reasonCode, d.notes, contactId]),
    );
    expect(result.data.appliedDispositionKeys).toEqual(seeded.map((d) => d.idempotencyKey));
  });

  it('reads a deal with its contacts, touches and the assets they touched', async () => {
    const deal = hs.seed.deals.find((d) => hs.seed.touches.some((t) => t.dealId === d.id));
    const dealId = await hs.idOf('deals', deal?.id ?? '');
    const result = await crm.getDealAttributionContext(dealId);
    if (!result.ok) throw new Error(result.error.message);
    const touches = hs.seed.touches.filter((t) => t.dealId === deal?.id);
    expect(result.data.deal).toMatchObject({
      id: dealId,
      name: deal?.name,
      amount: deal?.amount,
      won: deal?.won,
    });
    expect(result.data.contacts).toHaveLength(deal?.contactIds.length ?? -1);
    expect(result.data.touches).toHaveLength(touches.length);
    expect(result.data.assets.map((a) => a.title).sort()).toEqual(
      [...new Set(touches.map((t) => hs.seed.assets.find((a) => a.id === t.assetId)?.title))].sort(),
    );
    expect(result.data.touches.every((t) => t.leadId !== null && t.dealId === dealId)).toBe(true);
  });

  it('lists the content library with every seeded asset', async () => {
    const result = await crm.listContentLibrary();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.map((a) => a.title).sort()).toEqual(hs.seed.assets.map((a) => a.title).sort());
  });

  it('computes closed-loop content usage from every touch and its deal outcome', async () => {
    const result = await crm.getContentUsage(NOW);
    if (!result.ok) throw new Error(result.error.message);
    const won = new Set(hs.seed.deals.filter((d) => d.won === true).map((d) => d.id));
    const wonTouchedDeals = new Set(
      hs.seed.touches.filter((t) => won.has(t.dealId)).map((t) => `${t.assetId}|${t.dealId}`),
    );
    expect(result.data.reduce((sum, u) => sum + u.wonDealsTouched, 0)).toBe(wonTouchedDeals.size);
    expect(new Set(result.data.map((u) => u.assetId)).size).toBe(
      new Set(hs.seed.touches.map((t) => t.assetId)).size,
    );
  });

  it.each([
    ['a lead that does not exist', () => crm.getLeadHandoffContext('999999999')],
    ['a deal that does not exist', () => crm.getDealAttributionContext('999999999')],
    [
      'a share of an asset that does not exist',
      () =>
        crm.recordContentShare({
          leadId: '999999999',
          dealId: null,
          assetId: '999999999',
          channel: 'share',
          sharedBy: '1',
          buyerStage: null,
          at: NOW,
          idempotencyKey: 'share-missing-asset',
        }),
    ],
    [
      'a disposition on a lead that does not exist',
      () => crm.writeDisposition({ leadId: '999999999', plan: planFor(acceptMeeting, '999999999', 'sql') }),
    ],
    [
      'a share to a lead that does not exist (HubSpot rejects the association; the lookup names the lead)',
      async () =>
        crm.recordContentShare({
          leadId: '999999998',
          dealId: null,
          assetId: await hs.idOf(CUSTOM_OBJECTS.contentAsset, hs.seed.assets[0]?.id ?? ''),
          channel: 'share',
          sharedBy: '1',
          buyerStage: null,
          at: NOW,
          idempotencyKey: 'share-missing-lead',
        }),
    ],
    [
      'an escalation task on a lead that does not exist',
      () =>
        crm.createEscalationTask({
          leadId: '999999997',
          assigneeId: '80000001',
          policyId: 'sql-first-touch',
          level: 1,
          action: 'remind_owner',
          subject: 'Follow up',
          body: 'Follow up',
          dueAt: NOW,
          idempotencyKey: 'escalation-missing-lead',
        }),
    ],
  ])('answers NOT_FOUND for %s', async (_name, read) => {
    const result = await read();
    expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
  });

  it('keeps an association HubSpot rejects for another reason INVALID (every target exists)', async () => {
    const contactId = await hs.idOf('contacts', hs.seed.leads[0]?.id ?? '');
    // The emulator rejects a deal id that is not a deal: a stand-in for HubSpot's other rejections (a wrong type,
    // a token that cannot read the target), where no target is missing.
    const api = hubSpotApi({ accessToken: hs.emulator.token, basePath: hs.basePath });
    const rejecting: HubSpotApi = {
      ...api,
      createTask: () =>
        Promise.reject(
          Object.assign(new Error('HTTP-Code: 400'), {
            code: 400,
            body: {
              status: 'error',
              category: 'VALIDATION_ERROR',
              message: 'One or more associations are invalid',
            },
            headers: {},
          }),
        ),
    };
    const port = createHubSpotPort(rejecting, { objectTypeIds: hs.objectTypeIds, maxRetries: 0 });
    const result = await port.createEscalationTask({
      leadId: contactId,
      assigneeId: '80000001',
      policyId: 'sql-first-touch',
      level: 1,
      action: 'remind_owner',
      subject: 'Follow up',
      body: 'Follow up',
      dueAt: NOW,
      idempotencyKey: 'escalation-rejected-association',
    });
    expect(result.ok ? 'ok' : [result.error.code, result.details?.crmCode]).toEqual([
      'INVALID',
      'INVALID_ASSOCIATION',
    ]);
  });

  it('answers a malformed content usage date as INVALID', async () => {
    const result = await crm.getContentUsage('yesterday-ish');
    expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
  });
});

/** The emulated portal's type id for one of Handoff's custom associations, read as the adapter reads it. */
async function customType(name: CustomAssociation) {
  const [from, to] = CUSTOM_ASSOCIATIONS[name];
  const answer = await hs.client.crm.associations.v4.schema.definitionsApi.getAll(from, to);
  const found = answer.results.find((t) => t.category === 'USER_DEFINED' && !t.label);
  if (!found) throw new Error(`no ${from} → ${to} association type`);
  return { associationCategory: 'USER_DEFINED', associationTypeId: found.typeId } as const;
}

/** A seeded owner's HubSpot owner id, and whether their profile carries the owner's name and email. */
async function ownerWithProfile(copied: boolean): Promise<string> {
  const owner = hs.seed.owners.find((o) => o.role === 'rep');
  if (!owner) throw new Error('no rep in the seed');
  const page = await hs.client.crm.owners.ownersApi.getPage(owner.email);
  const ownerId = page.results[0]?.id;
  if (ownerId === undefined) throw new Error(`no HubSpot owner for ${owner.email}`);
  if (!copied) {
    // A second owner profile without the copies: a portal where `sync-owners` has not run yet.
    const bare = hs.seed.owners.find((o) => o.role === 'marketer');
    const bareId = (await hs.client.crm.owners.ownersApi.getPage(bare?.email)).results[0]?.id ?? '';
    const [profile] = (
      await hs.client.crm.objects.batchApi.read(CUSTOM_OBJECTS.ownerProfile, {
        inputs: [{ id: bareId }],
        idProperty: OWNER_PROFILE_PROPERTIES.ownerId,
        properties: [],
        propertiesWithHistory: [],
      })
    ).results;
    await hs.client.crm.objects.basicApi.update(CUSTOM_OBJECTS.ownerProfile, profile?.id ?? '', {
      properties: {
        [OWNER_PROFILE_PROPERTIES.firstName]: '',
        [OWNER_PROFILE_PROPERTIES.lastName]: '',
        [OWNER_PROFILE_PROPERTIES.email]: '',
      },
    });
    return bareId;
  }
  return ownerId;
}

interface LeadShape {
  readonly touches: number;
  readonly events: number;
  readonly disposition: boolean;
  readonly dealId?: string;
  readonly ownerId?: string;
  /** Activities written before they carried their asset's record id. */
  readonly legacy?: boolean;
}

/** Writes a contact straight through the client, with `touches` and `events` activities and maybe a disposition. */
async function buildLead(name: string, counts: LeadShape): Promise<string> {
  const contact = await hs.client.crm.contacts.basicApi.create({
    properties: {
      firstname: 'Calls',
      lastname: name,
      [CONTACT_PROPERTIES.externalId]: `calls-${name}`,
      ...(counts.ownerId !== undefined ? { [HUBSPOT_PROPERTIES.contact.owner]: counts.ownerId } : {}),
    },
    associations: [],
  });
  const assetExternal = hs.seed.assets[0]?.id ?? '';
  const assetId = await hs.idOf(CUSTOM_OBJECTS.contentAsset, assetExternal);
  const [toContact, toAsset, toDeal] = await Promise.all([
    customType('activityToContact'),
    customType('activityToAsset'),
    customType('activityToDeal'),
  ]);
  const activity = (kind: ActivityKind, i: number) => ({
    properties: {
      [ACTIVITY_PROPERTIES.externalId]: `calls-${name}-${kind}-${i}`,
      [ACTIVITY_PROPERTIES.kind]: kind,
      [ACTIVITY_PROPERTIES.activityType]: kind === 'content_touch' ? 'email' : 'webinar_attended',
      [ACTIVITY_PROPERTIES.occurredAt]: new Date(NOW_MS - (i + 1) * 60_000).toISOString(),
      [ACTIVITY_PROPERTIES.assetExternalId]: assetExternal,
      ...(counts.legacy === true ? {} : { [ACTIVITY_PROPERTIES.assetId]: assetId }),
      [ACTIVITY_PROPERTIES.contactId]: contact.id,
      ...(kind === 'content_touch' && counts.dealId !== undefined
        ? { [ACTIVITY_PROPERTIES.dealId]: counts.dealId }
        : {}),
    },
    associations: [
      { to: { id: contact.id }, types: [toContact] },
      { to: { id: assetId }, types: [toAsset] },
      ...(kind === 'content_touch' && counts.dealId !== undefined
        ? [{ to: { id: counts.dealId }, types: [toDeal] }]
        : []),
    ],
  });
  const inputs = [
    ...Array.from({ length: counts.touches }, (_, i) => activity('content_touch', i)),
    ...Array.from({ length: counts.events }, (_, i) => activity('engagement_event', i)),
  ];
  for (let i = 0; i < inputs.length; i += 100) {
    await hs.client.crm.objects.batchApi.create(CUSTOM_OBJECTS.activity, {
      inputs: inputs.slice(i, i + 100),
    } as never);
  }
  if (counts.disposition) {
    await hs.client.crm.objects.basicApi.create(CUSTOM_OBJECTS.activity, {
      properties: {
        [ACTIVITY_PROPERTIES.externalId]: `calls-${name}-disposition`,
        [ACTIVITY_PROPERTIES.kind]: 'disposition',
        [ACTIVITY_PROPERTIES.activityType]: 'accept',
        [ACTIVITY_PROPERTIES.occurredAt]: NOW,
        [ACTIVITY_PROPERTIES.contactId]: contact.id,
        [ACTIVITY_PROPERTIES.outcome]: 'accept',
        [ACTIVITY_PROPERTIES.reasonCode]: 'accept_meeting_booked',
      },
      associations: [{ to: { id: contact.id }, types: [toContact] }],
    } as never);
  }
  return contact.id;
}

const CONTACT_GET = 'GET /hubspot/crm/v3/objects/contacts/:id';
const DEAL_GET = 'GET /hubspot/crm/v3/objects/deals/:id';
const OWNER_GET = 'GET /hubspot/crm/v3/owners/:id';
const batchReadOf = (type: string) => `POST /hubspot/crm/v3/objects/${type}/batch/read`;
const searchOf = (type: string) => `POST /hubspot/crm/v3/objects/${type}/search`;
const pageOf = (type: string) => `GET /hubspot/crm/v3/objects/${type}`;
const ACTIVITY_BATCH = batchReadOf(CUSTOM_OBJECTS.activity);
/** Calls to the v4 labels API (`GET …/associations/{from}/{to}/labels`), whatever the pair. */
const labelReads = (byEndpoint: Record<string, number>): number =>
  Object.entries(byEndpoint)
    .filter(([endpoint]) => endpoint.endsWith('/labels'))
    .reduce((sum, [, n]) => sum + n, 0);
const PROFILE_BATCH = batchReadOf(CUSTOM_OBJECTS.ownerProfile);

/** A new adapter: what an app function has on its first call (nothing cached). */
const freshAdapter = () =>
  createHubSpotAdapter({
    accessToken: hs.emulator.token,
    basePath: hs.basePath,
    retryBaseMs: 1,
    now: () => NOW_MS,
    objectTypeIds: hs.objectTypeIds,
  });

describe('API calls per card read, from a fresh adapter (nothing cached: a new app-function call)', () => {
  it.each<[string, LeadShape & { readonly profile?: 'copied' | 'bare' }, Record<string, number>]>([
    [
      'no touches, no events and a disposition, owned by a rep with a synced profile',
      { touches: 0, events: 0, disposition: true },
      { [CONTACT_GET]: 1, [ACTIVITY_BATCH]: 1, [PROFILE_BATCH]: 1 },
    ],
    [
      'one touch, two events and a disposition',
      { touches: 1, events: 2, disposition: true },
      { [CONTACT_GET]: 1, [ACTIVITY_BATCH]: 1, [PROFILE_BATCH]: 1 },
    ],
    [
      '98 touches and two events (100 activities with no disposition): one batch read',
      { touches: 98, events: 2, disposition: false },
      { [CONTACT_GET]: 1, [ACTIVITY_BATCH]: 1, [PROFILE_BATCH]: 1 },
    ],
    [
      '100 touches, two events and a disposition (103 activities): one search instead of two batch reads',
      { touches: 100, events: 2, disposition: true },
      { [CONTACT_GET]: 1, [searchOf(CUSTOM_OBJECTS.activity)]: 1, [PROFILE_BATCH]: 1 },
    ],
    [
      '100 touches and 100 events (200 activities): still one search',
      { touches: 100, events: 100, disposition: false },
      { [CONTACT_GET]: 1, [searchOf(CUSTOM_OBJECTS.activity)]: 1, [PROFILE_BATCH]: 1 },
    ],
    [
      '150 touches and 100 events (250 activities, past one search page): three batch reads',
      { touches: 150, events: 100, disposition: false },
      { [CONTACT_GET]: 1, [ACTIVITY_BATCH]: 3, [PROFILE_BATCH]: 1 },
    ],
    [
      'a touch whose activity predates the asset record id: the asset library is listed once',
      { touches: 1, events: 0, disposition: false, legacy: true },
      {
        [CONTACT_GET]: 1,
        [ACTIVITY_BATCH]: 1,
        [PROFILE_BATCH]: 1,
        [pageOf(CUSTOM_OBJECTS.contentAsset)]: 1,
      },
    ],
    [
      'an owner whose profile has no copy of their name yet: the owners API is asked',
      { touches: 1, events: 0, disposition: false, profile: 'bare' },
      { [CONTACT_GET]: 1, [ACTIVITY_BATCH]: 1, [PROFILE_BATCH]: 1, [OWNER_GET]: 1 },
    ],
  ])('reads a lead with %s in the calls listed', async (name, shape, expected) => {
    const ownerId = await ownerWithProfile(shape.profile !== 'bare');
    const contactId = await buildLead(name.replace(/\W+/g, '-').slice(0, 60), { ...shape, ownerId });
    const { result, byEndpoint } = await hs.measure(() => freshAdapter().getLeadHandoffContext(contactId));
    if (!result.ok) throw new Error(result.error.message);
    expect([result.data.touches.length, result.data.events.length, result.data.dispositions.length]).toEqual([
      shape.touches,
      shape.events,
      shape.disposition ? 1 : 0,
    ]);
    expect(result.data.lead.owner?.id).toBe(ownerId);
    expect(result.data.lead.owner?.email).toMatch(/@/);
    const asset = await hs.idOf(CUSTOM_OBJECTS.contentAsset, hs.seed.assets[0]?.id ?? '');
    expect(new Set(result.data.touches.map((t) => t.assetId))).toEqual(
      new Set(shape.touches > 0 ? [asset] : []),
    );
    expect(byEndpoint).toEqual(expected);
  });

  it('reads the owner once per adapter: a warm adapter reads a lead in two calls', async () => {
    const ownerId = await ownerWithProfile(true);
    const contactId = await buildLead('warm-owner', { touches: 3, events: 1, disposition: true, ownerId });
    const adapter = freshAdapter();
    expect((await adapter.getLeadHandoffContext(contactId)).ok).toBe(true);
    const { byEndpoint } = await hs.measure(() => adapter.getLeadHandoffContext(contactId));
    expect(byEndpoint).toEqual({ [CONTACT_GET]: 1, [ACTIVITY_BATCH]: 1 });
  });

  it('reads an activity the search has not indexed yet by its id, so a just-written disposition is never missed', async () => {
    const contactId = await buildLead('search-lag', { touches: 101, events: 0, disposition: false });
    // The emulator's search is consistent, so simulate the index lag: hide one activity from the search.
    const adapter = freshAdapter();
    const all = await adapter.getLeadHandoffContext(contactId);
    if (!all.ok) throw new Error(all.error.message);
    const hidden = all.data.touches[0]?.id ?? '';
    await hs.client.crm.objects.basicApi.update(CUSTOM_OBJECTS.activity, hidden, {
      properties: { [ACTIVITY_PROPERTIES.contactId]: '' },
    });
    const { result, byEndpoint } = await hs.measure(() => freshAdapter().getLeadHandoffContext(contactId));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.touches.map((t) => t.id)).toContain(hidden);
    expect(result.data.touches).toHaveLength(101);
    expect(byEndpoint).toEqual({
      [CONTACT_GET]: 1,
      [searchOf(CUSTOM_OBJECTS.activity)]: 1,
      [ACTIVITY_BATCH]: 1,
    });
  });

  it('reads leads that need a search whole when many arrive together and HubSpot limits searches per second', async () => {
    const contactIds = await Promise.all(
      ['burst-a', 'burst-b', 'burst-c'].map((slug) =>
        buildLead(slug, { touches: 101, events: 0, disposition: false }),
      ),
    );
    hs.emulator.setFaults({ searchPerSecond: 1 });
    try {
      hs.emulator.clearStats();
      const adapter = freshAdapter();
      const results = await Promise.all(contactIds.map((id) => adapter.getLeadHandoffContext(id)));
      expect(results.map((r) => (r.ok ? r.data.touches.length : r.error.code))).toEqual([101, 101, 101]);
      expect(hs.emulator.stats().byOutcome['rate-limited']).toBeGreaterThan(0);
    } finally {
      hs.emulator.setFaults({ searchPerSecond: null });
    }
  }, 20_000);

  it.each([
    ['no touches and one contact', 0, 1, 2],
    ['one touch and one contact', 1, 1, 4],
    ['10 touches and two contacts', 10, 2, 4],
    ['100 touches and one contact', 100, 1, 4],
  ])('reads a deal with %s in the calls listed', async (name, touches, contacts, expectedCalls) => {
    const slug = `deal-${name.replace(/\W+/g, '-')}`;
    const deal = await hs.client.crm.deals.basicApi.create({
      properties: {
        dealname: slug,
        amount: '1000',
        dealstage: hs.seed.deals[0]?.stage ?? '',
        pipeline: 'default',
      },
      associations: [],
    });
    const contactIds: string[] = [];
    for (let i = 0; i < contacts; i++) {
      contactIds.push(
        await buildLead(`${slug}-${i}`, {
          touches: i === 0 ? touches : 0,
          events: 1,
          disposition: false,
          dealId: deal.id,
        }),
      );
    }
    for (const contactId of contactIds) {
      await hs.client.crm.associations.v4.basicApi.createDefault('contacts', contactId, 'deals', deal.id);
    }
    const { result, calls, byEndpoint } = await hs.measure(() =>
      freshAdapter().getDealAttributionContext(deal.id),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(calls).toBe(expectedCalls);
    // Deal → its contacts ‖ its activities → the touched assets (no library listing, nothing cached).
    expect(byEndpoint).toEqual({
      [DEAL_GET]: 1,
      [batchReadOf('contacts')]: 1,
      ...(touches > 0 ? { [ACTIVITY_BATCH]: 1, [batchReadOf(CUSTOM_OBJECTS.contentAsset)]: 1 } : {}),
    });
    expect(result.data.contacts.map((c) => c.id).sort()).toEqual([...contactIds].sort());
    expect(result.data.touches).toHaveLength(touches);
    expect(result.data.touches.every((t) => t.dealId === deal.id && t.leadId === contactIds[0])).toBe(true);
    expect(result.data.assets).toHaveLength(touches > 0 ? 1 : 0);
  });
});

describe('writeDisposition', () => {
  it('writes once when called twice: one disposition record, one note, the contact updated', async () => {
    const lead = freshLead('sql');
    const contactId = await hs.idOf('contacts', lead.id);
    const plan = planFor(acceptMeeting, contactId, 'sql');
    const [dispositions, notes] = [
      await hs.count(CUSTOM_OBJECTS.activity, 'disposition'),
      await hs.count('notes'),
    ];
    const adapter = freshAdapter();
    const {
      result: first,
      calls: firstCalls,
      byEndpoint,
    } = await hs.measure(() => adapter.writeDisposition({ leadId: contactId, plan }));
    const { result: second, calls: secondCalls } = await hs.measure(() =>
      adapter.writeDisposition({ leadId: contactId, plan }),
    );
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    expect(second).toMatchObject({ ok: true, data: { created: false } });
    // Key check ‖ contact check, the activity → contact association type (once per adapter), disposition, note,
    // contact update, done mark; a repeat only checks.
    expect(labelReads(byEndpoint)).toBe(1);
    expect([firstCalls, secondCalls]).toEqual([7, 2]);
    expect(await hs.count(CUSTOM_OBJECTS.activity, 'disposition')).toBe(dispositions + 1);
    expect(await hs.count('notes')).toBe(notes + 1);
    const context = await crm.getLeadHandoffContext(contactId);
    if (!context.ok) throw new Error(context.error.message);
    expect(context.data.lead).toMatchObject({ stage: 'sal', handoffStatus: 'accepted' });
    expect(context.data.appliedDispositionKeys).toContain(plan.idempotencyKey);
    expect(context.data.dispositions[0]).toEqual(plan.disposition);
  });

  it('writes once when the same disposition is submitted twice at the same moment', async () => {
    const lead = freshLead('sql');
    const contactId = await hs.idOf('contacts', lead.id);
    const plan = planFor({ ...acceptMeeting, submissionId: 'sub-concurrent' }, contactId, 'sql');
    const [dispositions, notes] = [
      await hs.count(CUSTOM_OBJECTS.activity, 'disposition'),
      await hs.count('notes'),
    ];
    const results = await Promise.all([
      crm.writeDisposition({ leadId: contactId, plan }),
      crm.writeDisposition({ leadId: contactId, plan }),
    ]);
    expect(results.map((r) => (r.ok ? r.data.created : r.error.code)).sort()).toEqual([false, true]);
    expect(await hs.count(CUSTOM_OBJECTS.activity, 'disposition')).toBe(dispositions + 1);
    expect(await hs.count('notes')).toBe(notes + 1);
  });

  it('escapes a rep’s notes in the timeline note so they cannot inject markup', async () => {
    const lead = freshLead('mql');
    const contactId = await hs.idOf('contacts', lead.id);
    const plan = planFor(hostileNotes, contactId, 'mql');
    const written = await crm.writeDisposition({ leadId: contactId, plan });
    expect(written.ok).toBe(true);
    const page = await hs.client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'notes');
    const noteIds = page.results.map((r) => String(r.toObjectId));
    const notes = await hs.client.crm.objects.notes.batchApi.read({
      inputs: noteIds.map((id) => ({ id })),
      properties: [HUBSPOT_PROPERTIES.note.body],
      propertiesWithHistory: [],
    });
    const body = notes.results
      .map((n) => n.properties[HUBSPOT_PROPERTIES.note.body] ?? '')
      .find((b) => b.includes('pwned'));
    expect(body).toContain(
      '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;steal()&#39;&gt;<br>Second line: 5 &gt; 3 &lt; 9',
    );
    expect(body?.replace(/<p data-handoff-key="[0-9a-f]+">|<br>|<\/p>/g, '')).not.toMatch(/[<>"]/);
  });
});

describe('other keyed writes', () => {
  it('records a content share once per idempotency key', async () => {
    const lead = hs.seed.leads[0];
    const contactId = await hs.idOf('contacts', lead?.id ?? '');
    const assetId = await hs.idOf(CUSTOM_OBJECTS.contentAsset, hs.seed.assets[1]?.id ?? '');
    const command = {
      leadId: contactId,
      dealId: null,
      assetId,
      channel: 'share',
      sharedBy: '80000001',
      buyerStage: 'consideration',
      at: NOW,
      idempotencyKey: 'share-once-1',
    };
    const adapter = freshAdapter();
    const {
      result: first,
      calls: firstCalls,
      byEndpoint,
    } = await hs.measure(() => adapter.recordContentShare(command));
    const { result: second, calls: secondCalls } = await hs.measure(() =>
      adapter.recordContentShare(command),
    );
    // Key check ‖ asset read, the two association types (contact, asset: once per adapter), then the activity
    // with its associations; a repeat only checks.
    expect(labelReads(byEndpoint)).toBe(2);
    expect([firstCalls, secondCalls]).toEqual([5, 2]);
    const third = await hs.measure(() =>
      adapter.recordContentShare({ ...command, idempotencyKey: 'share-once-2' }),
    );
    expect(third.calls).toBe(3);
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    expect(second).toEqual({ ok: true, data: { id: first.ok ? first.data.id : '', created: false } });
    const context = await crm.getLeadHandoffContext(contactId);
    expect(
      context.ok && context.data.touches.filter((t) => t.id === (first.ok ? first.data.id : '')),
    ).toEqual([
      {
        id: first.ok ? first.data.id : '',
        assetId,
        dealId: null,
        leadId: contactId,
        channel: 'share',
        at: NOW,
        buyerStage: 'consideration',
      },
    ]);
  });

  it.each([
    ['one after the other', false],
    ['twice at the same moment', true],
  ])(
    'records a share on a deal %s as one activity both cards show with its deal and lead',
    async (name, concurrent) => {
      const key = `share-deal-${name.replace(/\W+/g, '-')}`;
      const seeded = hs.seed.deals.find((d) => d.contactIds.length > 0);
      const [contactId, dealId, assetId] = await Promise.all([
        hs.idOf('contacts', seeded?.contactIds[0] ?? ''),
        hs.idOf('deals', seeded?.id ?? ''),
        hs.idOf(CUSTOM_OBJECTS.contentAsset, hs.seed.assets[2]?.id ?? ''),
      ]);
      const command = {
        leadId: contactId,
        dealId,
        assetId,
        channel: 'email',
        sharedBy: '80000001',
        buyerStage: null,
        at: NOW,
        idempotencyKey: key,
      };
      const activities = await hs.count(CUSTOM_OBJECTS.activity);
      const results = concurrent
        ? await Promise.all([crm.recordContentShare(command), crm.recordContentShare(command)])
        : [await crm.recordContentShare(command), await crm.recordContentShare(command)];
      expect(results.map((r) => (r.ok ? r.data.created : r.error.code)).sort()).toEqual([false, true]);
      expect(await hs.count(CUSTOM_OBJECTS.activity)).toBe(activities + 1);
      const id = results[0]?.ok ? results[0].data.id : '';
      const touch = { id, assetId, dealId, leadId: contactId, channel: 'email', at: NOW, buyerStage: null };
      const [lead, deal] = await Promise.all([
        crm.getLeadHandoffContext(contactId),
        crm.getDealAttributionContext(dealId),
      ]);
      expect(lead.ok && lead.data.touches.filter((t) => t.id === id)).toEqual([touch]);
      expect(deal.ok && deal.data.touches.filter((t) => t.id === id)).toEqual([touch]);
    },
  );

  it('shows a share of an asset added after the adapter read its asset directory', async () => {
    const contactId = await hs.idOf('contacts', hs.seed.leads[3]?.id ?? '');
    const warm = await crm.getLeadHandoffContext(contactId);
    expect(warm.ok).toBe(true);
    const asset = await hs.client.crm.objects.basicApi.create(CUSTOM_OBJECTS.contentAsset, {
      properties: {
        [CONTENT_ASSET_PROPERTIES.externalId]: 'asset-added-later',
        [CONTENT_ASSET_PROPERTIES.title]: 'Added later',
        [CONTENT_ASSET_PROPERTIES.url]: 'https://example.test/added-later',
        [CONTENT_ASSET_PROPERTIES.format]: 'case-study',
        [CONTENT_ASSET_PROPERTIES.status]: 'active',
        [CONTENT_ASSET_PROPERTIES.buyerStages]: hs.seed.assets[0]?.buyerStages.join(';') ?? '',
        [CONTENT_ASSET_PROPERTIES.owner]: '80000001',
      },
      associations: [],
    });
    const share = await crm.recordContentShare({
      leadId: contactId,
      dealId: null,
      assetId: asset.id,
      channel: 'share',
      sharedBy: '80000001',
      buyerStage: null,
      at: NOW,
      idempotencyKey: 'share-added-later',
    });
    expect(share).toMatchObject({ ok: true, data: { created: true } });
    const context = await crm.getLeadHandoffContext(contactId);
    if (!context.ok) throw new Error(context.error.message);
    expect(context.data.touches.find((t) => t.id === (share.ok ? share.data.id : ''))?.assetId).toBe(
      asset.id,
    );
  });

  it('lists the asset library again once, not on every read, for an old touch whose asset is gone', async () => {
    const contactId = await buildLead('deleted-asset', { touches: 0, events: 0, disposition: false });
    const toContact = await customType('activityToContact');
    await hs.client.crm.objects.basicApi.create(CUSTOM_OBJECTS.activity, {
      properties: {
        [ACTIVITY_PROPERTIES.externalId]: 'touch-of-a-deleted-asset',
        [ACTIVITY_PROPERTIES.kind]: 'content_touch',
        [ACTIVITY_PROPERTIES.activityType]: 'email',
        [ACTIVITY_PROPERTIES.occurredAt]: NOW,
        [ACTIVITY_PROPERTIES.assetExternalId]: 'asset-deleted',
        [ACTIVITY_PROPERTIES.contactId]: contactId,
      },
      associations: [{ to: { id: contactId }, types: [toContact] }],
    } as never);
    const adapter = freshAdapter();
    const libraryPages = (byEndpoint: Record<string, number>) =>
      byEndpoint[pageOf(CUSTOM_OBJECTS.contentAsset)] ?? 0;
    const first = await hs.measure(() => adapter.getLeadHandoffContext(contactId));
    const second = await hs.measure(() => adapter.getLeadHandoffContext(contactId));
    // The first read lists the library, misses the asset and lists it again (it may be new); then never again.
    expect([libraryPages(first.byEndpoint), libraryPages(second.byEndpoint)]).toEqual([2, 0]);
    // A touch whose asset no longer exists cannot be shown: the read fails as a malformed answer rather than
    // inventing an asset id.
    expect(second.result.ok ? 'ok' : second.result.error.code).toBe(
      first.result.ok ? 'ok' : first.result.error.code,
    );
  });

  it('reads each custom association type once per adapter from the portal, and uses the portal’s ids', async () => {
    const contactId = await hs.idOf('contacts', freshLead('mql').id);
    const assetId = await hs.idOf(CUSTOM_OBJECTS.contentAsset, hs.seed.assets[2]?.id ?? '');
    const adapter = freshAdapter();
    const share = (key: string) =>
      adapter.recordContentShare({
        leadId: contactId,
        dealId: null,
        assetId,
        channel: 'share',
        sharedBy: '80000001',
        buyerStage: null,
        at: NOW,
        idempotencyKey: key,
      });
    // Two writes at once share the one read of each pair: contact and asset.
    const both = await hs.measure(() => Promise.all([share('labels-once-1'), share('labels-once-2')]));
    const [a, b] = both.result;
    expect(a?.ok && b?.ok).toBe(true);
    expect(labelReads(both.byEndpoint)).toBe(2);
    expect(labelReads((await hs.measure(() => share('labels-once-3'))).byEndpoint)).toBe(0);
    const written = await hs.client.crm.associations.v4.basicApi.getPage(
      CUSTOM_OBJECTS.activity,
      a?.ok ? a.data.id : '',
      'contacts',
    );
    expect(written.results[0]?.associationTypes.map((t) => t.typeId)).toEqual([
      (await customType('activityToContact')).associationTypeId,
    ]);
  });

  it('files a content request as one task however often it is filed', async () => {
    const dealId = await hs.idOf('deals', hs.seed.deals[0]?.id ?? '');
    const command = {
      assigneeId: '80000002',
      request: {
        id: 'cr-test-1',
        buyerStage: 'decision',
        objection: 'price',
        dealIds: [dealId],
        priority: 'rush' as const,
        requestedBy: 'rep@example.test',
        requestedAt: NOW,
        title: 'ROI one-pager <for CFOs>',
        details: 'Need numbers & a chart',
        sla: {
          policyId: 'content-request-rush',
          calendarId: 'us-east',
          target: 'PT48H',
          dueAt: '2026-12-02T20:00:00.000Z',
          state: 'open' as const,
          fulfilledOnTime: null,
        },
      },
    };
    const tasks = await hs.count('tasks');
    const first = await crm.fileContentRequest(command);
    const second = await crm.fileContentRequest(command);
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    expect(second).toMatchObject({ ok: true, data: { created: false } });
    expect(await hs.count('tasks')).toBe(tasks + 1);
    const task = await hs.client.crm.objects.tasks.basicApi.getById(first.ok ? first.data.id : '', [
      HUBSPOT_PROPERTIES.task.body,
    ]);
    expect(task.properties[HUBSPOT_PROPERTIES.task.body]).toContain('Need numbers &amp; a chart<br>');
  });

  it('creates one escalation task per idempotency key', async () => {
    const contactId = await hs.idOf('contacts', hs.seed.leads[1]?.id ?? '');
    const command = {
      leadId: contactId,
      assigneeId: '80000001',
      policyId: 'sql-first-touch',
      level: 1,
      action: 'remind_owner',
      subject: 'SLA reminder',
      body: 'First touch is overdue',
      dueAt: NOW,
      idempotencyKey: `${contactId}:sql-first-touch:${NOW}:1`,
    };
    const tasks = await hs.count('tasks');
    const results = [await crm.createEscalationTask(command), await crm.createEscalationTask(command)];
    expect(results.map((r) => r.ok && r.data.created)).toEqual([true, false]);
    expect(await hs.count('tasks')).toBe(tasks + 1);
  });
});
