import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'jsforce';
import { generateSeed } from '../seed/generate';
import { allObjects } from './describe';
import { connect, smallSeed, startTestServer } from './test-server';
import type { TestServer } from './test-server';

let server: TestServer;
let conn: Connection;

beforeAll(async () => {
  server = await startTestServer();
  server.load(smallSeed());
  conn = connect(server);
});
afterAll(async () => {
  await server.close();
});

describe('load(seed)', () => {
  it.each([
    ['User', 5, 'four owners and the integration user'],
    ['Lead', 5, 'every lead'],
    ['Contact', 2, 'one contact per lead that reached a deal'],
    ['Account', 2, 'one account per converted company'],
    ['Opportunity', 2, 'every deal'],
    ['OpportunityContactRole', 3, 'one role per deal contact'],
    ['Content_Asset__c', 2, 'every asset'],
    ['Content_Touch__c', 3, 'every touch'],
    ['Engagement_Event__c', 3, 'every event'],
    ['Lead_Disposition__c', 1, 'every disposition'],
    ['Task', 0, 'no tasks'],
  ])('loads %s rows: %i (%s)', async (object, expected) => {
    expect((await conn.query(`SELECT COUNT() FROM ${object}`)).totalSize).toBe(expected);
  });

  it('converts a lead that reached a deal and links lead, contact, account and opportunity', async () => {
    const lead = await conn.query<Record<string, unknown>>(
      'SELECT IsConverted, Status, ConvertedContact.Handoff_Stage__c, ConvertedAccount.Name, ' +
        "ConvertedOpportunity.Name, Handoff_Discovery_Need__c FROM Lead WHERE Handoff_External_Id__c = 'lead-1'",
    );
    expect(lead.records[0]).toMatchObject({
      IsConverted: true,
      Status: 'Closed - Converted',
      ConvertedContact: { Handoff_Stage__c: 'sql' },
      ConvertedAccount: { Name: 'Acme Corp' },
      ConvertedOpportunity: { Name: 'Acme Corp - platform' },
      Handoff_Discovery_Need__c: 'Routing SLAs',
    });
  });

  it('maps deal stages to StageName and derives IsClosed and IsWon', async () => {
    const deals = await conn.query<Record<string, unknown>>(
      'SELECT Handoff_External_Id__c, StageName, IsClosed, IsWon, Amount, CloseDate, Account.Name, ' +
        'Handoff_Source_Lead__r.Email FROM Opportunity ORDER BY Handoff_External_Id__c',
    );
    expect(deals.records).toEqual([
      expect.objectContaining({
        StageName: 'Proposal',
        IsClosed: false,
        IsWon: false,
        Amount: 48000,
        CloseDate: '2027-01-19',
      }),
      expect.objectContaining({
        StageName: 'Closed Won',
        IsClosed: true,
        IsWon: true,
        CloseDate: '2026-11-30',
        Account: expect.objectContaining({ Name: 'Umbrella' }) as unknown,
        Handoff_Source_Lead__r: expect.objectContaining({ Email: 'dana@umbrella.example' }) as unknown,
      }),
    ]);
  });

  it('keeps seed timestamps as CreatedDate and stamps the latest disposition on the lead', async () => {
    const lead = await conn.query<Record<string, unknown>>(
      'SELECT CreatedDate, Handoff_Disposition_Outcome__c, Handoff_Disposition_Reason__c, Handoff_Last_Disposition_Key__c, ' +
        "(SELECT Reason_Code__c, Disposed_By__r.Name FROM Lead_Dispositions__r) FROM Lead WHERE Handoff_External_Id__c = 'lead-3'",
    );
    expect(lead.records[0]).toMatchObject({
      CreatedDate: '2026-10-01T08:00:00.000+0000',
      Handoff_Disposition_Outcome__c: 'recycle',
      Handoff_Disposition_Reason__c: 'recycle_no_budget',
      Handoff_Last_Disposition_Key__c: 'disp-key-1',
      Lead_Dispositions__r: {
        totalSize: 1,
        records: [{ Reason_Code__c: 'recycle_no_budget', Disposed_By__r: { Name: 'Sam Seller' } }],
      },
    });
  });

  it('links users to their managers and stores multi-select facets with semicolons', async () => {
    const rep = await conn.query<Record<string, unknown>>(
      "SELECT Manager.Name, Handoff_Role__c FROM User WHERE Handoff_External_Id__c = 'rep-2'",
    );
    expect(rep.records[0]).toMatchObject({ Manager: { Name: 'Morgan Manager' }, Handoff_Role__c: 'rep' });
    const asset = await conn.query<Record<string, unknown>>(
      "SELECT Buyer_Stages__c, Status__c FROM Content_Asset__c WHERE Buyer_Stages__c INCLUDES ('consideration')",
    );
    expect(asset.records).toEqual([
      expect.objectContaining({ Buyer_Stages__c: 'consideration;decision', Status__c: 'active' }),
    ]);
  });

  it('replaces earlier data when loaded again', async () => {
    await conn.sobject('Lead').create({ LastName: 'Transient', Company: 'Gone Soon' });
    server.load(smallSeed());
    expect((await conn.query('SELECT COUNT() FROM Lead')).totalSize).toBe(5);
  });
});

describe('load(generated seed)', () => {
  let generated: TestServer;
  beforeAll(async () => {
    generated = await startTestServer();
    generated.load(generateSeed({ seed: 42 }));
  });
  afterAll(async () => {
    await generated.close();
  });

  // The loader writes rows directly, so nothing else stops it holding what a real org's picklist would refuse.
  const restricted = allObjects.flatMap((o) =>
    o.fields.filter((f) => f.restricted).map((f) => [`${o.name}.${f.name}`, o.name, f] as const),
  );
  it.each(restricted)('writes only values the restricted picklist %s accepts', async (_name, object, f) => {
    const { records } = await connect(generated)
      .query<Record<string, unknown>>(`SELECT ${f.name} FROM ${object} WHERE ${f.name} != null`)
      .run({ autoFetch: true, maxFetch: 100_000 });
    const values = new Set(records.map((r) => r[f.name]));
    // Seeds hold no Tasks; every other restricted field must hold values, or this check proves nothing.
    expect(values.size > 0).toBe(object !== 'Task');
    expect([...values].filter((v) => !f.picklistValues.includes(String(v)))).toEqual([]);
  });
});
