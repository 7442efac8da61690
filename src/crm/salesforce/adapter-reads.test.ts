import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedData, SeedTouch } from '../emulator/types';
import { createSalesforceAdapter } from './adapter';
import { ContentAssetFields, ContactFields, LeadFields, PersonFields, SObjects } from './schema-names';
import { smallSeed, startHarness, type SalesforceHarness } from './test-emulator';

const QUERY = 'GET /salesforce/services/data/v62.0/query';
const QUERY_MORE = 'GET /salesforce/services/data/v62.0/query/:id';
const RETRIEVE = 'POST /salesforce/services/data/v62.0/composite/sobjects/Content_Asset__c';
const BULK_QUERY = 'POST /salesforce/services/data/v62.0/jobs/query';

const total = (calls: Readonly<Record<string, number>>): number =>
  Object.values(calls).reduce((sum, n) => sum + n, 0);

/** The small seed plus 100 touches on a converted lead (lead-1) and 100 on an unconverted one (lead-2). */
function seedWithManyTouches(): SeedData {
  const seed = smallSeed();
  const many = (leadId: string, dealId: string): SeedTouch[] =>
    Array.from({ length: 100 }, (_, i) => ({
      id: `many-${leadId}-${i}`,
      dealId,
      leadId,
      assetId: i % 2 === 0 ? 'asset-1' : 'asset-2',
      channel: i % 3 === 0 ? 'share' : 'email',
      at: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString(),
      buyerStage: i % 2 === 0 ? 'decision' : null,
    }));
  return { ...seed, touches: [...seed.touches, ...many('lead-1', 'deal-1'), ...many('lead-2', 'no-deal')] };
}

let h: SalesforceHarness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness({ data: seedWithManyTouches() });
  for (const lead of ['lead-1', 'lead-2', 'lead-3', 'lead-4', 'lead-5']) {
    ids[lead] = await h.idOf(SObjects.lead, lead);
  }
  ids['contact-1'] = await h.idOf(SObjects.contact, 'lead-1');
  ids['deal-1'] = await h.idOf(SObjects.opportunity, 'deal-1');
  ids['deal-2'] = await h.idOf(SObjects.opportunity, 'deal-2');
  ids['asset-1'] = await h.idOf(SObjects.contentAsset, 'asset-1');
  ids['asset-2'] = await h.idOf(SObjects.contentAsset, 'asset-2');
  ids['rep-1'] = await h.idOf(SObjects.user, 'rep-1');
  ids['mgr-1'] = await h.idOf(SObjects.user, 'mgr-1');
});
afterAll(async () => {
  await h.close();
});

describe('getLeadHandoffContext', () => {
  it.each([
    ['an unconverted lead with 100 touches', 'lead-2', 'lead', 100],
    ['a converted lead with 101 touches, read through its Contact', 'lead-1', 'contact', 101],
    ['a Contact with 101 touches', 'contact-1', 'contact', 101],
  ])('reads %s in at most 3 API calls', async (_name, key, objectType, touches) => {
    let context: Awaited<ReturnType<typeof h.adapter.getLeadHandoffContext>> | undefined;
    const calls = await h.measure(async () => {
      context = await h.adapter.getLeadHandoffContext(ids[key] ?? '');
    });
    expect(total(calls)).toBeLessThanOrEqual(3);
    expect(Object.keys(calls)).toEqual([QUERY]);
    expect(context?.ok && context.data.lead.objectType).toBe(objectType);
    expect(context?.ok && context.data.touches.length).toBe(touches);
  });

  it('maps an unconverted lead to the neutral record, its owner with manager, and its events in time order', async () => {
    const result = await h.adapter.getLeadHandoffContext(ids['lead-2'] ?? '');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.lead).toEqual({
      id: ids['lead-2'],
      objectType: 'lead',
      name: "Brian O'Brien",
      email: 'brian@globex.example',
      company: 'Globex',
      source: 'organic',
      stage: 'mql',
      handoffStatus: 'open',
      owner: { id: ids['rep-1'], name: 'Riley Rep', email: 'riley@handoff.example', managerId: ids['mgr-1'] },
      createdAt: '2026-11-15T12:00:00.000Z',
      stageEnteredAt: '2026-12-02T12:00:00.000Z',
      firstTouchAt: null,
    });
    // Exactly the neutral names the HubSpot adapter hands over, so qualification reads both CRMs alike.
    expect(Object.keys(result.data.record.properties).sort()).toEqual([
      'annualRevenue',
      'country',
      'discoveryAuthority',
      'discoveryBudget',
      'discoveryNeed',
      'discoveryTimeline',
      'employees',
      'handoffStatus',
      'industry',
      'jobTitle',
      'seniority',
      'technologies',
    ]);
    expect(result.data.record.properties).toMatchObject({
      industry: 'Healthcare',
      employees: 40,
      annualRevenue: 3000000,
      country: 'GB',
      jobTitle: 'Marketing Manager',
      seniority: 'manager',
      technologies: ['HubSpot'],
      handoffStatus: 'open',
      discoveryNeed: null,
    });
    expect(result.data.events).toEqual([
      { type: 'webinar_attended', at: '2026-11-28T17:00:00.000Z' },
      { type: 'content_download', at: '2026-12-01T10:00:00.000Z', assetId: ids['asset-1'] },
    ]);
    expect(result.data.touches.map((t) => t.at)).toEqual([...result.data.touches.map((t) => t.at)].sort());
  });

  it('reads the disposition history with its applied keys, and a converted lead with its Contact fields', async () => {
    const result = await h.adapter.getLeadHandoffContext(ids['lead-3'] ?? '');
    expect(result.ok && result.data.lead.objectType).toBe('lead');
    expect(result.ok && result.data.dispositions).toEqual([
      {
        id: 'disp-key-1',
        recordId: ids['lead-3'],
        submissionId: 'd-1',
        outcome: 'recycle',
        reasonCode: 'recycle_no_budget',
        reasonLabel: 'recycle_no_budget',
        notes: 'No budget until Q2; revisit in spring.',
        at: '2026-11-23T08:00:00.000Z',
        recycleAt: null,
        ownerId: await h.idOf(SObjects.user, 'rep-2'),
      },
    ]);
    expect(result.ok && result.data.appliedDispositionKeys).toEqual(['disp-key-1']);
    const converted = await h.adapter.getLeadHandoffContext(ids['lead-1'] ?? '');
    expect(converted.ok && converted.data.lead).toMatchObject({
      id: ids['contact-1'],
      objectType: 'contact',
      company: 'Acme Corp',
      createdAt: '2026-11-01T09:00:00.000Z',
    });
  });

  it('reads properties from the fields a property map names', async () => {
    const mapped = createSalesforceAdapter({
      connection: h.connection,
      propertyMap: { jobTitle: LeadFields.leadStatus, lastName: LeadFields.lastName },
    });
    const result = await mapped.getLeadHandoffContext(ids['lead-5'] ?? '');
    expect(result.ok && result.data.record.properties).toMatchObject({
      jobTitle: 'Open - Not Contacted',
      lastName: 'Percent_100%',
    });
  });

  it.each([
    ['a well-formed id of no record', '00Q5g00000000zzEAA', 'NOT_FOUND'],
    ['a well-formed Contact id of no record', '0035g00000000zzAAA', 'NOT_FOUND'],
    ['an id with a quote in it', "00Q5g0000000002'AA", 'INVALID'],
    ['an Opportunity id', '0065g0000000001AAA', 'INVALID'],
    ['an id whose checksum is wrong', '00Q5g0000000002AAA', 'INVALID'],
  ])('answers %s with %s', async (_name, id, code) => {
    const result = await h.adapter.getLeadHandoffContext(id);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('rejects a property map that names something other than a field, before calling Salesforce', async () => {
    const mapped = createSalesforceAdapter({
      connection: h.connection,
      propertyMap: { industry: 'Industry FROM Lead --' },
    });
    const calls = await h.measure(async () => {
      const result = await mapped.getLeadHandoffContext(ids['lead-2'] ?? '');
      expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
    });
    expect(total(calls)).toBe(0);
  });
});

describe('getDealAttributionContext', () => {
  it('reads a won deal with its contacts, touches and the touched assets in 2 API calls', async () => {
    let result: Awaited<ReturnType<typeof h.adapter.getDealAttributionContext>> | undefined;
    const calls = await h.measure(async () => {
      result = await h.adapter.getDealAttributionContext(ids['deal-2'] ?? '');
    });
    expect(calls).toEqual({ [QUERY]: 1, [RETRIEVE]: 1 });
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.data.deal).toEqual({
      id: ids['deal-2'],
      name: 'Umbrella - expansion',
      amount: 12000,
      stage: 'closed_won',
      source: 'webinar',
      ownerId: await h.idOf(SObjects.user, 'rep-2'),
      leadCreatedAt: '2026-09-10T10:00:00.000Z',
      createdAt: '2026-10-01T10:00:00.000Z',
      closedAt: '2026-11-30T16:00:00.000Z',
      won: true,
    });
    expect(result.data.contacts).toEqual([
      { id: await h.idOf(SObjects.contact, 'lead-4'), name: 'Dana Scully' },
    ]);
    expect(result.data.touches.map((t) => t.assetId)).toEqual([ids['asset-1']]);
    expect(result.data.assets.map((a) => a.title)).toEqual(['ROI calculator for RevOps']);
  });

  it('reads an open deal with 101 touches and both assets, primary contact first', async () => {
    const result = await h.adapter.getDealAttributionContext(ids['deal-1'] ?? '');
    expect(result.ok && result.data.deal).toMatchObject({ stage: 'proposal', won: null, closedAt: null });
    expect(result.ok && result.data.contacts.map((c) => c.name)).toEqual(['Ada Lovelace', 'Dana Scully']);
    expect(result.ok && result.data.touches).toHaveLength(102);
    expect(result.ok && result.data.assets.map((a) => a.id).sort()).toEqual(
      [ids['asset-1'], ids['asset-2']].sort(),
    );
  });

  it.each([
    ['a well-formed id of no deal', '0065g00000000zzAAA', 'NOT_FOUND'],
    ['a Lead id', '00Q5g0000000002EAA', 'INVALID'],
    ['text that is no id at all', "' OR Name != '", 'INVALID'],
  ])('answers %s with %s', async (_name, id, code) => {
    const result = await h.adapter.getDealAttributionContext(id);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });
});

describe('getContentUsage', () => {
  it('computes the same closed-loop usage through REST and through Bulk API 2.0', async () => {
    const bulk = createSalesforceAdapter({ connection: h.connection, bulkThreshold: 0 });
    let viaRest: unknown;
    let viaBulk: unknown;
    const restCalls = await h.measure(async () => {
      viaRest = await h.adapter.getContentUsage('2026-12-03T15:00:00Z');
    });
    const bulkCalls = await h.measure(async () => {
      viaBulk = await bulk.getContentUsage('2026-12-03T15:00:00Z');
    });
    expect(restCalls).toEqual({ [QUERY]: 3 });
    expect(bulkCalls[BULK_QUERY]).toBe(1);
    expect(viaBulk).toEqual(viaRest);
    expect(viaRest).toMatchObject({
      ok: true,
      data: [
        { assetId: ids['asset-1'], dealsTouched: 2, wonDealsTouched: 1, lostDealsTouched: 0 },
        { assetId: ids['asset-2'], dealsTouched: 1, wonDealsTouched: 0, lostDealsTouched: 0 },
      ],
    });
  });

  it('ignores touches after the as-of instant', async () => {
    const result = await h.adapter.getContentUsage('2026-10-20T00:00:00Z');
    expect(result.ok && result.data).toEqual([
      expect.objectContaining({ assetId: ids['asset-1'], dealsTouched: 1, wonDealsTouched: 1 }),
    ]);
  });

  it('answers INVALID for an as-of that is not an instant', async () => {
    const result = await h.adapter.getContentUsage("2026-12-03' OR Id != '");
    expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
  });
});

describe('listEscalationCandidates', () => {
  const enteredBefore = '2026-12-03T15:00:00Z';

  beforeAll(async () => {
    // Seven more MQL leads without a first touch (two enter at the same second) and two MQL Contacts.
    const lead = (n: number, at: string) => ({
      [PersonFields.externalId]: `esc-lead-${n}`,
      [LeadFields.lastName]: `Escalate ${n}`,
      [LeadFields.company]: 'Slow Co',
      [PersonFields.stage]: 'mql',
      [PersonFields.status]: 'open',
      [PersonFields.stageEnteredAt]: at,
    });
    const leads = await h.adapter.bulkUpsert(SObjects.lead, PersonFields.externalId, [
      lead(1, '2026-11-30T09:00:00Z'),
      lead(2, '2026-11-30T10:00:00Z'),
      lead(3, '2026-11-30T10:00:00Z'),
      lead(4, '2026-12-01T08:00:00Z'),
      lead(5, '2026-12-02T08:00:00Z'),
      lead(6, '2026-12-02T13:00:00Z'),
      lead(7, '2026-12-04T09:00:00Z'),
    ]);
    const contacts = await h.adapter.bulkUpsert(SObjects.contact, PersonFields.externalId, [
      {
        [PersonFields.externalId]: 'esc-contact-1',
        [ContactFields.lastName]: 'Contact One',
        [PersonFields.stage]: 'mql',
        [PersonFields.stageEnteredAt]: '2026-11-30T10:00:00Z',
      },
      {
        [PersonFields.externalId]: 'esc-contact-2',
        [ContactFields.lastName]: 'Contact Two',
        [PersonFields.stage]: 'mql',
        [PersonFields.stageEnteredAt]: '2026-12-01T09:00:00Z',
        [PersonFields.firstTouchAt]: '2026-12-01T10:00:00Z',
      },
    ]);
    expect(leads.ok && leads.data.created).toBe(7);
    expect(contacts.ok && contacts.data.created).toBe(2);
  });

  it.each([1, 2, 3, 100])(
    'pages through every due record exactly once with page size %i',
    async (pageSize) => {
      const seen: string[] = [];
      let cursor: string | null | undefined;
      let pages = 0;
      do {
        const page = await h.adapter.listEscalationCandidates({
          stage: 'mql',
          enteredBefore,
          pageSize,
          ...(cursor === undefined || cursor === null ? {} : { cursor }),
        });
        expect(page.ok).toBe(true);
        if (!page.ok) return;
        expect(page.data.items.length).toBeLessThanOrEqual(pageSize);
        seen.push(...page.data.items.map((c) => c.stageEnteredAt));
        cursor = page.data.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 20);
      expect(seen).toEqual([
        '2026-11-30T09:00:00.000Z',
        '2026-11-30T10:00:00.000Z',
        '2026-11-30T10:00:00.000Z',
        '2026-11-30T10:00:00.000Z',
        '2026-12-01T08:00:00.000Z',
        '2026-12-02T08:00:00.000Z',
        '2026-12-02T12:00:00.000Z',
        '2026-12-02T13:00:00.000Z',
      ]);
    },
  );

  it('returns owners and managers, and reads a page in at most 3 API calls', async () => {
    let page: Awaited<ReturnType<typeof h.adapter.listEscalationCandidates>> | undefined;
    const calls = await h.measure(async () => {
      page = await h.adapter.listEscalationCandidates({ stage: 'mql', enteredBefore, pageSize: 8 });
    });
    expect(total(calls)).toBeLessThanOrEqual(3);
    expect(page?.ok && page.data.items.find((c) => c.leadId === ids['lead-2'])).toEqual({
      leadId: ids['lead-2'],
      name: "Brian O'Brien",
      ownerId: ids['rep-1'],
      managerId: ids['mgr-1'],
      stage: 'mql',
      handoffStatus: 'open',
      stageEnteredAt: '2026-12-02T12:00:00.000Z',
      firstTouchAt: null,
      latestDisposition: null,
      statusHistory: [],
    });
  });

  it.each([
    ['a cursor this adapter did not write', { cursor: 'bm90LWEtY3Vyc29y' }],
    [
      'a cursor carrying a malformed id',
      { cursor: Buffer.from('{"at":"2026-12-01T00:00:00Z","id":"x\' OR"}').toString('base64url') },
    ],
    ['a page size of zero', { pageSize: 0 }],
    ['an entered-before that is not an instant', { enteredBefore: 'yesterday' }],
    ['an entered-after that is not an instant', { enteredAfter: 'last week' }],
  ])('answers INVALID for %s', async (_name, patch) => {
    const result = await h.adapter.listEscalationCandidates({ stage: 'mql', enteredBefore, ...patch });
    expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
  });
});

describe('listContentLibrary', () => {
  it('lists every asset with its facets', async () => {
    const result = await h.adapter.listContentLibrary();
    expect(result.ok && result.data.find((a) => a.id === ids['asset-2'])).toEqual({
      id: ids['asset-2'],
      title: 'Healthcare case study',
      url: 'https://content.example/hc',
      format: 'case-study',
      buyerStages: ['decision'],
      useCases: ['lead-routing'],
      industries: ['Healthcare'],
      personas: ['marketing'],
      objectionTypes: ['implementation'],
      status: 'archived',
      ownerId: await h.idOf(SObjects.user, 'mkt-1'),
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('follows queryMore pages when the library is larger than one batch', async () => {
    const rows = Array.from({ length: 2100 }, (_, i) => ({
      [ContentAssetFields.externalId]: `bulk-asset-${i}`,
      [ContentAssetFields.name]: `Asset ${i}`,
      [ContentAssetFields.title]: `Asset ${i}`,
      [ContentAssetFields.url]: `https://content.example/a/${i}`,
      [ContentAssetFields.format]: 'guide',
      [ContentAssetFields.buyerStages]: 'awareness',
      [ContentAssetFields.status]: 'active',
    }));
    const upserted = await h.adapter.bulkUpsert(SObjects.contentAsset, ContentAssetFields.externalId, rows);
    expect(upserted.ok && upserted.data).toEqual({ created: 2100, updated: 0, failed: [] });
    let count = 0;
    const calls = await h.measure(async () => {
      const result = await h.adapter.listContentLibrary();
      count = result.ok ? result.data.length : -1;
    });
    expect(count).toBe(2102);
    expect(calls).toEqual({ [QUERY]: 1, [QUERY_MORE]: 1 });
  });
});
