import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_PROPERTIES, ASSOCIATION_TYPES, CUSTOM_OBJECTS } from '../../hubspot/schema-names';
import { DEFAULT_ANCHOR_MS, generateSeed } from '../seed/generate';
import { startEmulator, type RunningEmulator } from '../server';
import { hubspotApi } from './index';
import synthetic from './fixtures/search-contacts.json';

// The real @hubspot/api-client against the running emulator: paths, shapes and status codes as the client sees them.

const seed = generateSeed({ seed: 7, leads: 40, deals: 12, assets: 8, anchorMs: DEFAULT_ANCHOR_MS });
let emulator: RunningEmulator;
let client: Client;

/** The client's typings want enum members; the wire format is these strings. */
type Loose = never;

async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (cause) {
    const e = cause as { code: number; body: Record<string, unknown> };
    return { code: e.code, body: e.body };
  }
  throw new Error('expected the call to fail');
}

async function hubspotIdOf(type: string, externalId: string): Promise<string> {
  const read = await client.crm.objects.batchApi.read(type, {
    inputs: [{ id: externalId }],
    idProperty: 'handoff_external_id',
    properties: [],
    propertiesWithHistory: [],
  });
  const id = read.results[0]?.id;
  if (!id) throw new Error(`no ${type} with external id ${externalId}`);
  return id;
}

beforeAll(async () => {
  emulator = await startEmulator({
    apis: [hubspotApi],
    data: seed,
    clock: { now: DEFAULT_ANCHOR_MS, frozen: true },
  });
  client = new Client({
    accessToken: 'sandbox-token',
    basePath: `${emulator.url}/hubspot`,
    numberOfApiCallRetries: 3,
  });
  await client.crm.contacts.batchApi.create({
    inputs: synthetic.map((properties) => ({ properties, associations: [] })),
  });
});

afterAll(async () => {
  await emulator.close();
});

/** Records of a type, counted by the search API (which pages by offset, independent of the listing). */
async function countAll(type: string): Promise<number> {
  const page = await client.crm.objects.searchApi.doSearch(type, {
    filterGroups: [],
    properties: [],
    sorts: [],
    limit: 1,
  } as Loose);
  return page.total;
}

describe('objects v3', () => {
  it('reads a batch of seeded contacts by their external id with the requested properties', async () => {
    const ids = seed.leads.slice(0, 3).map((l) => l.id);
    const read = await client.crm.contacts.batchApi.read({
      inputs: ids.map((id) => ({ id })),
      idProperty: 'handoff_external_id',
      properties: ['handoff_stage', 'industry', 'handoff_employees'],
      propertiesWithHistory: [],
    });
    expect(read.results).toHaveLength(3);
    const first = read.results[0];
    const lead = seed.leads[0];
    expect(first?.properties).toMatchObject({
      handoff_stage: lead?.stage,
      industry: lead?.industry,
      handoff_employees: String(lead?.employees),
    });
    expect(first?.properties['hs_object_id']).toBe(first?.id);
    expect(first?.properties['createdate']).toBe(lead?.createdAt);
  });

  it('answers a batch read with unknown ids as 207 with an OBJECT_NOT_FOUND error listing them', async () => {
    const known = await hubspotIdOf('contacts', seed.leads[1]?.id ?? '');
    const read = await client.crm.contacts.batchApi.read({
      inputs: [{ id: known }, { id: '999999999' }],
      properties: [],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => r.id)).toEqual([known]);
    expect(
      (read as unknown as { errors: { category: string; context: { ids: string[] } }[] }).errors[0],
    ).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['999999999'] },
    });
  });

  it('creates, updates and archives a deal, returning properties as strings', async () => {
    const created = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Emulator deal', amount: '1200', dealstage: 'discovery' },
      associations: [],
    });
    expect(created.properties).toMatchObject({ dealname: 'Emulator deal', amount: '1200' });
    const updated = await client.crm.deals.basicApi.update(created.id, { properties: { amount: '1500.5' } });
    expect(updated.properties['amount']).toBe('1500.5');
    await client.crm.deals.basicApi.archive(created.id);
    const gone = await apiError(client.crm.deals.basicApi.getById(created.id));
    expect(gone.code).toBe(404);
  });

  it('keeps every value a property took, newest first, for propertiesWithHistory on a read and a batch read', async () => {
    const created = await client.crm.contacts.basicApi.create({
      properties: { email: 'history@x.test', handoff_status: 'open' },
      associations: [],
    });
    emulator.setClock({ now: DEFAULT_ANCHOR_MS + 60_000, frozen: true });
    await client.crm.contacts.basicApi.update(created.id, {
      properties: { handoff_status: 'waiting_on_prospect' },
    });
    emulator.setClock({ now: DEFAULT_ANCHOR_MS + 120_000, frozen: true });
    await client.crm.contacts.basicApi.update(created.id, {
      properties: { handoff_status: 'open', jobtitle: 'CTO' },
    });
    emulator.setClock({ now: DEFAULT_ANCHOR_MS, frozen: true });
    const values = (history: { value: string; timestamp: Date }[] | undefined) =>
      (history ?? []).map((h) => [h.value, h.timestamp.getTime() - DEFAULT_ANCHOR_MS]);
    const read = await client.crm.contacts.basicApi.getById(
      created.id,
      ['email'],
      ['handoff_status', 'email'],
    );
    expect(values(read.propertiesWithHistory?.['handoff_status'])).toEqual([
      ['open', 120_000],
      ['waiting_on_prospect', 60_000],
      ['open', 0],
    ]);
    // A value never changed is its one entry, from the record's creation.
    expect(values(read.propertiesWithHistory?.['email'])).toEqual([['history@x.test', 0]]);
    const batch = await client.crm.contacts.batchApi.read({
      inputs: [{ id: created.id }],
      properties: [],
      propertiesWithHistory: ['jobtitle'],
    });
    expect(values(batch.results[0]?.propertiesWithHistory?.['jobtitle'])).toEqual([['CTO', 120_000]]);
    const tooMany = await apiError(
      client.crm.contacts.batchApi.read({
        inputs: Array.from({ length: 51 }, (_, i) => ({ id: String(i + 1) })),
        properties: [],
        propertiesWithHistory: ['handoff_status'],
      }),
    );
    expect(tooMany.code).toBe(400);
    expect(String(tooMany.body['message'])).toMatch(/batch request for property histories is 50/);
  });

  it.each([
    ['an unknown property', { no_such_property: 'x' }, 'PROPERTY_DOESNT_EXIST'],
    ['a number property given text', { handoff_employees: 'many' }, 'INVALID_FLOAT'],
    ['an option outside the enumeration', { handoff_status: 'maybe' }, 'INVALID_OPTION'],
    ['a read-only property', { hs_object_id: '5' }, 'READ_ONLY_VALUE'],
  ])('rejects a write with %s as 400 VALIDATION_ERROR', async (_name, properties, code) => {
    const failure = await apiError(
      client.crm.contacts.basicApi.create({
        properties: { email: `bad-${code}@x.test`, ...properties },
        associations: [],
      }),
    );
    expect(failure.code).toBe(400);
    expect(failure.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect((failure.body['errors'] as { code: string }[])[0]?.code).toBe(code);
  });

  it('answers a duplicate idempotency key on a disposition with 409 CONFLICT naming the existing record', async () => {
    const key = seed.dispositions[0]?.idempotencyKey ?? '';
    const failure = await apiError(
      client.crm.objects.basicApi.create(CUSTOM_OBJECTS.activity, {
        properties: {
          [ACTIVITY_PROPERTIES.externalId]: key,
          [ACTIVITY_PROPERTIES.kind]: 'disposition',
          [ACTIVITY_PROPERTIES.activityType]: 'accept',
          [ACTIVITY_PROPERTIES.occurredAt]: new Date(DEFAULT_ANCHOR_MS).toISOString(),
          [ACTIVITY_PROPERTIES.outcome]: 'accept',
          [ACTIVITY_PROPERTIES.reasonCode]: 'accept_meeting_booked',
        },
        associations: [],
      }),
    );
    expect(failure.code).toBe(409);
    expect(failure.body).toMatchObject({ status: 'error', category: 'CONFLICT' });
    expect(String(failure.body['message'])).toMatch(/Existing ID: \d+/);
  });

  it.each([
    ['two new records in one batch share a unique value', ['batch-dup-1', 'BATCH-DUP-1'], 409],
    ['two new records in one batch have distinct unique values', ['batch-ok-1', 'batch-ok-2'], 201],
  ])('answers a batch create where %s with %i', async (_, keys, status) => {
    const input = (key: string) => ({
      properties: {
        [ACTIVITY_PROPERTIES.externalId]: key,
        [ACTIVITY_PROPERTIES.kind]: 'engagement_event',
        [ACTIVITY_PROPERTIES.activityType]: 'page_view',
        [ACTIVITY_PROPERTIES.occurredAt]: new Date(DEFAULT_ANCHOR_MS).toISOString(),
      },
      associations: [],
    });
    const answer = await client.crm.objects.batchApi
      .create(CUSTOM_OBJECTS.activity, { inputs: keys.map(input) } as Loose)
      .then(() => 201)
      .catch((e: { code?: number }) => e.code ?? 0);
    expect(answer).toBe(status);
  });

  it('answers an unknown record with the 404 error shape', async () => {
    const failure = await apiError(client.crm.contacts.basicApi.getById('123'));
    expect(failure.code).toBe(404);
    expect(failure.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    expect(typeof failure.body['correlationId']).toBe('string');
  });

  it('answers a call without the token with 401 INVALID_AUTHENTICATION', async () => {
    const anonymous = new Client({ basePath: `${emulator.url}/hubspot`, numberOfApiCallRetries: 1 });
    const failure = await apiError(anonymous.crm.contacts.basicApi.getPage(1));
    expect(failure.code).toBe(401);
    expect(failure.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
  });
});

describe('search', () => {
  const opcorp = { propertyName: 'company', operator: 'EQ', value: 'Opcorp' };
  const emails = async (filters: object[], extra: object = {}): Promise<string[]> => {
    const page = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [opcorp, ...filters] as Loose }],
      properties: ['email'],
      limit: 100,
      sorts: ['email'],
      ...extra,
    } as Loose);
    return page.results.map((r) => r.properties['email'] ?? '');
  };

  it.each([
    [
      'EQ matches strings without regard to case',
      { propertyName: 'industry', operator: 'EQ', value: 'software' },
      ['a', 'd'],
    ],
    [
      'NEQ keeps records without the value',
      { propertyName: 'industry', operator: 'NEQ', value: 'Software' },
      ['b', 'c'],
    ],
    [
      'LT compares numbers as numbers',
      { propertyName: 'handoff_employees', operator: 'LT', value: '100' },
      ['a'],
    ],
    [
      'LTE includes the bound',
      { propertyName: 'handoff_employees', operator: 'LTE', value: '100' },
      ['a', 'b'],
    ],
    ['GT excludes the bound', { propertyName: 'handoff_employees', operator: 'GT', value: '100' }, ['c']],
    [
      'GTE includes the bound',
      { propertyName: 'handoff_employees', operator: 'GTE', value: '100' },
      ['b', 'c'],
    ],
    [
      'BETWEEN includes both bounds',
      { propertyName: 'handoff_employees', operator: 'BETWEEN', value: '10', highValue: '100' },
      ['a', 'b'],
    ],
    [
      'IN matches any listed value',
      { propertyName: 'handoff_stage', operator: 'IN', values: ['mql', 'sql'] },
      ['a', 'b'],
    ],
    [
      'NOT_IN keeps records without the value',
      { propertyName: 'handoff_stage', operator: 'NOT_IN', values: ['mql', 'sql'] },
      ['c', 'd'],
    ],
    [
      'HAS_PROPERTY needs a value',
      { propertyName: 'handoff_employees', operator: 'HAS_PROPERTY' },
      ['a', 'b', 'c'],
    ],
    [
      'NOT_HAS_PROPERTY finds records without one',
      { propertyName: 'handoff_stage', operator: 'NOT_HAS_PROPERTY' },
      ['c'],
    ],
    [
      'CONTAINS_TOKEN matches a word',
      { propertyName: 'jobtitle', operator: 'CONTAINS_TOKEN', value: 'revenue' },
      ['b'],
    ],
    [
      'CONTAINS_TOKEN takes a wildcard',
      { propertyName: 'email', operator: 'CONTAINS_TOKEN', value: 'c*@op.test' },
      ['c'],
    ],
    [
      'GT compares date-times given in epoch milliseconds',
      {
        propertyName: 'handoff_stage_entered_at',
        operator: 'GT',
        value: String(Date.parse('2026-11-05T00:00:00Z')),
      },
      ['b', 'd'],
    ],
  ])('%s', async (_name, filter, expected) => {
    expect(await emails([filter])).toEqual(expected.map((x) => `${x}@op.test`));
  });

  it('ORs filter groups and ANDs the filters inside each', async () => {
    const page = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [opcorp, { propertyName: 'industry', operator: 'EQ', value: 'Retail' }] },
        { filters: [opcorp, { propertyName: 'firstname', operator: 'EQ', value: 'Ada' }] },
      ],
      properties: ['email'],
      sorts: ['email'],
      limit: 10,
    } as Loose);
    expect(page.results.map((r) => r.properties['email'])).toEqual(['a@op.test', 'c@op.test']);
  });

  it('sorts descending with records lacking the value last', async () => {
    const sorted = await emails([], {
      sorts: [{ propertyName: 'handoff_employees', direction: 'DESCENDING' }],
    });
    expect(sorted).toEqual(['c@op.test', 'b@op.test', 'a@op.test', 'd@op.test']);
  });

  it('pages with after until no next page is given', async () => {
    const seen: string[] = [];
    let after: string | undefined = '0';
    for (let page = 0; page < 10 && after !== undefined; page++) {
      const result = await client.crm.contacts.searchApi.doSearch({
        filterGroups: [{ filters: [opcorp] }],
        properties: ['email'],
        sorts: ['email'],
        limit: 1,
        after,
      } as Loose);
      expect(result.total).toBe(4);
      seen.push(...result.results.map((r) => r.properties['email'] ?? ''));
      after = result.paging?.next?.after;
    }
    expect(seen).toEqual(['a@op.test', 'b@op.test', 'c@op.test', 'd@op.test']);
  });

  it.each([3, 7, 100])(
    'lists every record of a type exactly once, %i a page, following after',
    async (limit) => {
      const all = await client.crm.objects.basicApi.getPage(CUSTOM_OBJECTS.activity, 100);
      const expected = await countAll(CUSTOM_OBJECTS.activity);
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await client.crm.objects.basicApi.getPage(CUSTOM_OBJECTS.activity, limit, after);
        seen.push(...page.results.map((r) => r.id));
        after = page.paging?.next?.after;
      } while (after !== undefined);
      expect(all.results.length).toBeGreaterThan(0);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(expected);
    },
  );

  it.each([
    ['after at the 10,000-result cap', { after: '10000', limit: 10 }],
    ['a limit over 200', { limit: 201 }],
  ])('answers a search with %s as 400', async (_name, paging) => {
    const failure = await apiError(
      client.crm.contacts.searchApi.doSearch({
        filterGroups: [],
        properties: [],
        sorts: [],
        ...paging,
      } as Loose),
    );
    expect(failure.code).toBe(400);
    expect(failure.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('still answers just below the cap, with an empty page', async () => {
    const page = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [],
      properties: [],
      sorts: [],
      limit: 1,
      after: '9999',
    } as Loose);
    expect(page.results).toEqual([]);
    expect(page.total).toBeGreaterThan(40);
  });

  it('finds custom objects associated with a record through the associations pseudo-property', async () => {
    const touch = seed.touches[0];
    if (!touch) throw new Error('the seed has no touches');
    const dealId = await hubspotIdOf('deals', touch.dealId);
    const page = await client.crm.objects.searchApi.doSearch(CUSTOM_OBJECTS.activity, {
      filterGroups: [{ filters: [{ propertyName: 'associations.deal', operator: 'EQ', value: dealId }] }],
      properties: ['handoff_external_id'],
      sorts: [],
      limit: 100,
    } as Loose);
    const expected = seed.touches.filter((t) => t.dealId === touch.dealId).map((t) => t.id);
    expect(page.results.map((r) => r.properties['handoff_external_id']).sort()).toEqual([...expected].sort());
  });
});

describe('seeded activities', () => {
  const event = seed.events.find((e) => e.assetId !== null);
  const touch = seed.touches[0];

  it.each([
    [
      'an engagement event',
      event?.id ?? '',
      async () => ({
        [ACTIVITY_PROPERTIES.kind]: 'engagement_event',
        [ACTIVITY_PROPERTIES.activityType]: event?.type,
        [ACTIVITY_PROPERTIES.occurredAt]: event?.at,
        [ACTIVITY_PROPERTIES.assetExternalId]: event?.assetId,
        [ACTIVITY_PROPERTIES.contactId]: await hubspotIdOf('contacts', event?.leadId ?? ''),
      }),
      async () => ({ contacts: await hubspotIdOf('contacts', event?.leadId ?? ''), deals: undefined }),
    ],
    [
      'a content touch',
      touch?.id ?? '',
      async () => ({
        [ACTIVITY_PROPERTIES.kind]: 'content_touch',
        [ACTIVITY_PROPERTIES.activityType]: touch?.channel,
        [ACTIVITY_PROPERTIES.occurredAt]: touch?.at,
        [ACTIVITY_PROPERTIES.assetExternalId]: touch?.assetId,
        [ACTIVITY_PROPERTIES.dealId]: await hubspotIdOf('deals', touch?.dealId ?? ''),
        [ACTIVITY_PROPERTIES.contactId]: await hubspotIdOf('contacts', touch?.leadId ?? ''),
      }),
      async () => ({
        contacts: await hubspotIdOf('contacts', touch?.leadId ?? ''),
        deals: await hubspotIdOf('deals', touch?.dealId ?? ''),
      }),
    ],
  ])(
    'loads %s as an activity whose copied ids match its associations',
    async (_name, externalId, expectedProperties, expectedLinks) => {
      const id = await hubspotIdOf(CUSTOM_OBJECTS.activity, externalId);
      const record = await client.crm.objects.basicApi.getById(
        CUSTOM_OBJECTS.activity,
        id,
        Object.values(ACTIVITY_PROPERTIES),
        undefined,
        ['contacts', 'deals'],
      );
      expect(record.properties).toMatchObject(await expectedProperties());
      const links = await expectedLinks();
      expect(record.associations?.['contacts']?.results.map((r) => r.id)).toEqual([links.contacts]);
      expect(record.associations?.['deals']?.results.map((r) => r.id)).toEqual(
        links.deals === undefined ? undefined : [links.deals],
      );
    },
  );
});

describe('associations v4', () => {
  it('lists the deals of a seeded contact with their association types', async () => {
    const deal = seed.deals[0];
    if (!deal) throw new Error('the seed has no deals');
    const contactId = await hubspotIdOf('contacts', deal.leadId);
    const dealId = await hubspotIdOf('deals', deal.id);
    const page = await client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'deals');
    const hit = page.results.find((r) => String(r.toObjectId) === dealId);
    expect(hit?.associationTypes).toEqual([
      expect.objectContaining({
        category: 'HUBSPOT_DEFINED',
        typeId: ASSOCIATION_TYPES.contactToDeal.associationTypeId,
      }),
    ]);
  });

  it('batch-reads the activities of several deals and reports deals without any as errors', async () => {
    const withTouches = [...new Set(seed.touches.map((t) => t.dealId))].slice(0, 2);
    const without = seed.deals.find((d) => !seed.touches.some((t) => t.dealId === d.id));
    const ids = await Promise.all(withTouches.map((id) => hubspotIdOf('deals', id)));
    const inputs = [...ids, ...(without ? [await hubspotIdOf('deals', without.id)] : [])].map((id) => ({
      id,
    }));
    const read = await client.crm.associations.v4.batchApi.getPage('deals', CUSTOM_OBJECTS.activity, {
      inputs,
    });
    expect(read.results.map((r) => r._from.id).sort()).toEqual([...ids].sort());
    for (const [i, dealId] of withTouches.entries()) {
      const result = read.results.find((r) => r._from.id === ids[i]);
      expect(result?.to).toHaveLength(seed.touches.filter((t) => t.dealId === dealId).length);
    }
    if (without) expect((read as unknown as { numErrors: number }).numErrors).toBe(1);
  });

  it('creates a default association and a labelled one, both visible from the other side', async () => {
    const contactId = await hubspotIdOf('contacts', seed.leads[5]?.id ?? '');
    const dealId = await hubspotIdOf('deals', seed.deals[5]?.id ?? '');
    const assetId = await hubspotIdOf(CUSTOM_OBJECTS.contentAsset, seed.assets[0]?.id ?? '');
    const touch = await client.crm.objects.basicApi.create(CUSTOM_OBJECTS.activity, {
      properties: {
        [ACTIVITY_PROPERTIES.externalId]: 'touch-new',
        [ACTIVITY_PROPERTIES.kind]: 'content_touch',
        [ACTIVITY_PROPERTIES.activityType]: 'email',
        [ACTIVITY_PROPERTIES.occurredAt]: new Date(DEFAULT_ANCHOR_MS).toISOString(),
      },
      associations: [],
    });
    // Custom association type ids are the portal's: read them as the adapter does.
    const typeOf = async (from: string, to: string) => {
      const answer = await client.crm.associations.v4.schema.definitionsApi.getAll(from, to);
      const found = answer.results.find((t) => t.category === 'USER_DEFINED' && !t.label);
      if (!found) throw new Error(`no ${from} → ${to} association type`);
      return found.typeId;
    };
    const toDeal = await typeOf(CUSTOM_OBJECTS.activity, 'deals');
    const toAsset = await typeOf(CUSTOM_OBJECTS.activity, CUSTOM_OBJECTS.contentAsset);
    const assetToActivity = await typeOf(CUSTOM_OBJECTS.contentAsset, CUSTOM_OBJECTS.activity);
    expect(toDeal).toBeGreaterThanOrEqual(2000);
    const created = await client.crm.associations.v4.basicApi.createDefault(
      CUSTOM_OBJECTS.activity,
      touch.id,
      'deals',
      dealId,
    );
    expect(created.results[0]?.associationSpec).toEqual({
      associationCategory: 'USER_DEFINED',
      associationTypeId: toDeal,
    });
    await client.crm.associations.v4.basicApi.create(
      CUSTOM_OBJECTS.activity,
      touch.id,
      CUSTOM_OBJECTS.contentAsset,
      assetId,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: toAsset } as Loose],
    );
    await client.crm.associations.v4.basicApi.createDefault(
      'contacts',
      contactId,
      CUSTOM_OBJECTS.activity,
      touch.id,
    );
    const fromDeal = await client.crm.associations.v4.basicApi.getPage(
      'deals',
      dealId,
      CUSTOM_OBJECTS.activity,
    );
    expect(fromDeal.results.map((r) => String(r.toObjectId))).toContain(touch.id);
    const fromAsset = await client.crm.associations.v4.basicApi.getPage(
      CUSTOM_OBJECTS.contentAsset,
      assetId,
      CUSTOM_OBJECTS.activity,
    );
    expect(
      fromAsset.results.find((r) => String(r.toObjectId) === touch.id)?.associationTypes[0]?.typeId,
    ).toBe(assetToActivity);
  });

  it('creates a note associated with a contact in one call', async () => {
    const contactId = await hubspotIdOf('contacts', seed.leads[2]?.id ?? '');
    const note = await client.crm.objects.notes.basicApi.create({
      properties: { hs_note_body: '<p>Disposition: accept</p>', hs_timestamp: String(DEFAULT_ANCHOR_MS) },
      associations: [{ to: { id: contactId }, types: [ASSOCIATION_TYPES.noteToContact as Loose] }],
    });
    expect(note.properties['hs_timestamp']).toBe(new Date(DEFAULT_ANCHOR_MS).toISOString());
    const page = await client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'notes');
    expect(page.results).toContainEqual(
      expect.objectContaining({
        toObjectId: Number(note.id),
        associationTypes: [
          expect.objectContaining({ typeId: ASSOCIATION_TYPES.contactToNote.associationTypeId }),
        ],
      }),
    );
  });

  it('rejects a create whose association points at a missing record, creating nothing', async () => {
    const before = await client.crm.objects.notes.basicApi.getPage(100);
    const failure = await apiError(
      client.crm.objects.notes.basicApi.create({
        properties: { hs_note_body: 'orphan' },
        associations: [{ to: { id: '424242' }, types: [ASSOCIATION_TYPES.noteToContact as Loose] }],
      }),
    );
    expect(failure.code).toBe(400);
    const after = await client.crm.objects.notes.basicApi.getPage(100);
    expect(after.results).toHaveLength(before.results.length);
  });
});

describe('properties and schemas', () => {
  it('lists the handoff properties registered for contacts', async () => {
    const all = await client.crm.properties.coreApi.getAll('contacts');
    const names = all.results.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['handoff_stage', 'handoff_status', 'handoff_stage_entered_at', 'email']),
    );
  });

  it('creates a property group and a property, then reads the property back', async () => {
    await client.crm.properties.groupsApi.create('deals', { name: 'handoff_extra', label: 'Handoff extra' });
    await client.crm.properties.coreApi.create('deals', {
      name: 'handoff_forecast_category',
      label: 'Forecast category',
      type: 'enumeration' as Loose,
      fieldType: 'select' as Loose,
      groupName: 'handoff_extra',
      options: [
        { label: 'Commit', value: 'commit', displayOrder: 0, hidden: false },
        { label: 'Best case', value: 'best_case', displayOrder: 1, hidden: false },
      ],
    });
    const read = await client.crm.properties.coreApi.getByName('deals', 'handoff_forecast_category');
    expect(read).toMatchObject({
      name: 'handoff_forecast_category',
      type: 'enumeration',
      groupName: 'handoff_extra',
    });
    const updated = await client.crm.properties.coreApi.update('deals', 'handoff_forecast_category', {
      label: 'Forecast',
    });
    expect(updated.label).toBe('Forecast');
    const again = await apiError(
      client.crm.properties.coreApi.create('deals', {
        name: 'handoff_forecast_category',
        label: 'Again',
        type: 'string' as Loose,
        fieldType: 'text' as Loose,
        groupName: 'handoff_extra',
      }),
    );
    expect(again.code).toBe(409);
  });

  it('lists the seeded custom object schemas and creates a new one with an association', async () => {
    const all = await client.crm.schemas.coreApi.getAll();
    expect(all.results.map((s) => s.name)).toEqual(expect.arrayContaining(Object.values(CUSTOM_OBJECTS)));
    const created = await client.crm.schemas.coreApi.create({
      name: 'handoff_content_request',
      labels: { singular: 'Content request', plural: 'Content requests' },
      primaryDisplayProperty: 'handoff_title',
      requiredProperties: ['handoff_title'],
      searchableProperties: [],
      secondaryDisplayProperties: [],
      properties: [
        { name: 'handoff_title', label: 'Title', type: 'string' as Loose, fieldType: 'text' as Loose },
      ],
      associatedObjects: ['DEAL'],
    });
    expect(created.objectTypeId).toMatch(/^2-\d+$/);
    expect(created.fullyQualifiedName).toBe('p123_handoff_content_request');
    const read = await client.crm.schemas.coreApi.getById('handoff_content_request');
    expect(read.properties.map((p) => p.name)).toContain('handoff_title');
    expect(read.associations[0]).toMatchObject({
      fromObjectTypeId: created.objectTypeId,
      toObjectTypeId: '0-3',
    });
    const record = await client.crm.objects.basicApi.create(created.objectTypeId ?? '', {
      properties: { handoff_title: 'ROI one-pager for healthcare' },
      associations: [],
    });
    expect(record.properties['handoff_title']).toBe('ROI one-pager for healthcare');
  });

  it('lists owners with their teams', async () => {
    const owners = await client.crm.owners.ownersApi.getPage();
    expect(owners.results).toHaveLength(seed.owners.length);
    expect(owners.results[2]?.teams?.[0]?.name).toBe('Sales — Maya Brooks');
  });
});
