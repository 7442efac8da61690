import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'jsforce';
import { call, connect, smallSeed, startTestServer } from './test-server';
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

/** Collections report `statusCode` (jsforce's SaveError type says errorCode). */
function codeOf(result: { success: boolean; errors: readonly unknown[] }): string {
  return result.success
    ? 'ok'
    : String((result.errors[0] as { statusCode?: string } | undefined)?.statusCode);
}

async function count(soql: string): Promise<number> {
  return (await conn.query(soql)).totalSize;
}

async function idOf(object: string, where: string): Promise<string> {
  const result = await conn.query<{ Id: string }>(`SELECT Id FROM ${object} WHERE ${where}`);
  const id = result.records[0]?.Id;
  if (id === undefined) throw new Error(`no ${object} where ${where}`);
  return id;
}

describe('sObject REST', () => {
  it('creates, reads, updates and deletes a lead, which then only queryAll sees', async () => {
    const created = await conn
      .sobject('Lead')
      .create({ FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy' });
    expect(created).toMatchObject({ success: true, errors: [] });
    const id = created.id ?? '';
    expect(id).toMatch(/^00Q[A-Za-z0-9]{15}$/);

    const read = await conn.sobject('Lead').retrieve(id);
    expect(read).toMatchObject({ Name: 'Grace Hopper', Status: 'Open - Not Contacted', IsConverted: false });
    expect(read['OwnerId']).toMatch(/^005/);

    await conn.sobject('Lead').update({ Id: id, Handoff_Stage__c: 'mql', Title: 'Rear Admiral' });
    const updated = await conn.sobject('Lead').retrieve(id);
    expect(updated).toMatchObject({ Handoff_Stage__c: 'mql', Title: 'Rear Admiral', Company: 'Navy' });
    expect(String(updated['LastModifiedDate'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);

    await conn.sobject('Lead').destroy(id);
    await expect(conn.sobject('Lead').retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(await count(`SELECT Id FROM Lead WHERE Id = '${id}'`)).toBe(0);
    const all = await conn.query<{ IsDeleted: boolean }>(`SELECT IsDeleted FROM Lead WHERE Id = '${id}'`, {
      scanAll: true,
    });
    expect(all.records).toEqual([expect.objectContaining({ IsDeleted: true })]);
  });

  it('tracks the handoff status and stage in LeadHistory, read under the lead as Histories', async () => {
    const created = await conn
      .sobject('Lead')
      .create({ LastName: 'Lovelace', Company: 'Engines', Handoff_Status__c: 'open' });
    const id = created.id ?? '';
    await conn
      .sobject('Lead')
      .update({ Id: id, Handoff_Status__c: 'waiting_on_prospect', Title: 'Countess' });
    await conn.sobject('Lead').update({ Id: id, Handoff_Status__c: 'open', Handoff_Stage__c: 'sql' });
    const result = await conn.query<{ Histories: { records: Record<string, unknown>[] } | null }>(
      `SELECT Id, (SELECT Field, OldValue, NewValue, CreatedDate FROM Histories ORDER BY CreatedDate) FROM Lead WHERE Id = '${id}'`,
    );
    const rows = (result.records[0]?.Histories?.records ?? []).map((r) => [
      r['Field'],
      r['OldValue'],
      r['NewValue'],
    ]);
    expect(rows).toEqual([
      ['created', null, null],
      ['Handoff_Status__c', 'open', 'waiting_on_prospect'],
      ['Handoff_Status__c', 'waiting_on_prospect', 'open'],
      ['Handoff_Stage__c', null, 'sql'],
    ]);
    expect(
      await count(`SELECT Id FROM LeadHistory WHERE LeadId = '${id}' AND Field = 'Handoff_Status__c'`),
    ).toBe(2);
  });

  it('reads only the requested fields with ?fields=', async () => {
    const id = await idOf('Lead', "LastName = 'Lovelace'");
    const response = await call(
      server,
      'GET',
      `/services/data/v62.0/sobjects/Lead/${id}?fields=LastName,Company`,
    );
    expect(response.json).toEqual({
      attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${id}` },
      LastName: 'Lovelace',
      Company: 'Acme Corp',
    });
  });

  it('reads a record by its 18-character id in another letter case, as Salesforce does', async () => {
    const id = await idOf('Lead', "LastName = 'Lovelace'");
    const response = await call(
      server,
      'GET',
      `/services/data/v62.0/sobjects/Lead/${id.toLowerCase()}?fields=LastName`,
    );
    expect(response.json).toMatchObject({
      attributes: { url: `/services/data/v62.0/sobjects/Lead/${id}` },
      LastName: 'Lovelace',
    });
  });

  it.each([
    ['an unknown field', { LastName: 'X', Company: 'Y', Shoe_Size__c: 44 }, 400, 'INVALID_FIELD'],
    [
      'a number for a datetime',
      { LastName: 'X', Company: 'Y', Handoff_Stage_Entered_At__c: 5 },
      400,
      'JSON_PARSER_ERROR',
    ],
    [
      'text for an integer',
      { LastName: 'X', Company: 'Y', NumberOfEmployees: 'many' },
      400,
      'JSON_PARSER_ERROR',
    ],
    ['an object for a text field', { LastName: { first: 'X' }, Company: 'Y' }, 400, 'JSON_PARSER_ERROR'],
    ['a missing required field', { Company: 'Y' }, 400, 'REQUIRED_FIELD_MISSING'],
    [
      'a read-only field',
      { LastName: 'X', Company: 'Y', IsConverted: true },
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    ],
    [
      'an invalid email',
      { LastName: 'X', Company: 'Y', Email: 'not-an-email' },
      400,
      'INVALID_EMAIL_ADDRESS',
    ],
    ['a malformed lookup id', { LastName: 'X', Company: 'Y', OwnerId: 'nope' }, 400, 'MALFORMED_ID'],
    [
      'a lookup to the wrong object',
      { LastName: 'X', Company: 'Y', OwnerId: '00Q5g0000000001EAA' },
      400,
      'FIELD_INTEGRITY_EXCEPTION',
    ],
    [
      'a lookup to a missing record',
      { LastName: 'X', Company: 'Y', OwnerId: '0055g00000009ZZAAA' },
      400,
      'INVALID_CROSS_REFERENCE_KEY',
    ],
    [
      'a duplicate external id',
      { LastName: 'X', Company: 'Y', Handoff_External_Id__c: 'LEAD-1' },
      400,
      'DUPLICATE_VALUE',
    ],
    ['a value longer than the field', { LastName: 'X', Company: 'Y'.repeat(256) }, 400, 'STRING_TOO_LONG'],
    ['an Id in an insert', { Id: '00Q5g0000000001EAA', LastName: 'X', Company: 'Y' }, 400, 'INVALID_FIELD'],
  ])('rejects a lead with %s', async (_name, body, status, errorCode) => {
    const before = await count('SELECT Id FROM Lead');
    const response = await call(server, 'POST', '/services/data/v62.0/sobjects/Lead', body);
    expect(response.status).toBe(status);
    expect(response.json).toEqual([
      expect.objectContaining({ errorCode, message: expect.any(String) as unknown }),
    ]);
    expect(await count('SELECT Id FROM Lead')).toBe(before);
  });

  it('answers 400 JSON_PARSER_ERROR for a body that is not JSON', async () => {
    const response = await call(server, 'POST', '/services/data/v62.0/sobjects/Lead', '{"LastName": ');
    expect(response.status).toBe(400);
    expect(response.json).toEqual([expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR' })]);
  });

  it('upserts by external id twice into one record (201 then 200)', async () => {
    const ownerId = await idOf('User', "Handoff_External_Id__c = 'rep-1'");
    const leadId = await idOf('Lead', "Handoff_External_Id__c = 'lead-2'");
    const path = '/services/data/v62.0/sobjects/Lead_Disposition__c/Idempotency_Key__c/disp-key-42';
    const body = {
      Lead__c: leadId,
      Outcome__c: 'reject',
      Reason_Code__c: 'reject_competitor',
      Notes__c: '<b>Competitor</b> posing as a buyer',
      Disposed_At__c: '2026-12-03T14:00:00Z',
      Disposed_By__c: ownerId,
    };
    const first = await call(server, 'PATCH', path, body);
    const second = await call(server, 'PATCH', path, { ...body, Notes__c: 'second attempt' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(first.json).toMatchObject({ success: true, created: true });
    expect(second.json).toMatchObject({
      success: true,
      created: false,
      id: (first.json as { id: string }).id,
    });
    const rows = await conn.query<{ Notes__c: string; Name: string }>(
      "SELECT Name, Notes__c FROM Lead_Disposition__c WHERE Idempotency_Key__c = 'disp-key-42'",
    );
    expect(rows.records).toEqual([
      expect.objectContaining({ Notes__c: 'second attempt', Name: 'LD-000002' }),
    ]);
  });

  it('upserts through jsforce by external id without duplicating', async () => {
    const record = { Handoff_External_Id__c: 'lead-jsforce', LastName: 'Upsert', Company: 'Once Ltd' };
    const first = await conn.sobject('Lead').upsert(record, 'Handoff_External_Id__c');
    const second = await conn
      .sobject('Lead')
      .upsert({ ...record, Company: 'Twice Ltd' }, 'Handoff_External_Id__c');
    expect(first).toMatchObject({ success: true, created: true });
    expect(second).toMatchObject({ success: true, created: false });
    expect(await count("SELECT Id FROM Lead WHERE Handoff_External_Id__c = 'lead-jsforce'")).toBe(1);
  });

  it('describes an object with its fields, lookups and child relationships', async () => {
    const touch = await conn.sobject('Content_Touch__c').describe();
    expect(touch.keyPrefix).toBe('a01');
    expect(touch.fields.find((f) => f.name === 'Content_Asset__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Content_Asset__c'],
      relationshipName: 'Content_Asset__r',
      nillable: false,
    });
    expect(touch.fields.find((f) => f.name === 'External_Id__c')).toMatchObject({
      externalId: true,
      unique: true,
    });
    const lead = await conn.sobject('Lead').describe();
    expect(lead.childRelationships.map((c) => c.relationshipName)).toEqual(
      expect.arrayContaining(['Content_Touches__r', 'Lead_Dispositions__r', 'Engagement_Events__r', 'Tasks']),
    );
  });

  it.each([
    ['an unknown sObject', 'GET', '/services/data/v62.0/sobjects/Widget__c/describe', 404, 'NOT_FOUND'],
    ['an unknown record', 'GET', '/services/data/v62.0/sobjects/Lead/00Q5g00000009ZZAAA', 404, 'NOT_FOUND'],
    ['an unknown path', 'GET', '/services/data/v62.0/chatter/feeds', 404, 'NOT_FOUND'],
    [
      'an unsupported method',
      'PUT',
      '/services/data/v62.0/sobjects/Lead/00Q5g0000000001EAA',
      405,
      'METHOD_NOT_ALLOWED',
    ],
  ])('answers %s with Salesforce’s error shape', async (_name, method, path, status, errorCode) => {
    const response = await call(server, method, path, method === 'PUT' ? {} : undefined);
    expect(response.status).toBe(status);
    expect(response.json).toEqual([{ errorCode, message: expect.any(String) as unknown }]);
  });

  it('answers 401 INVALID_SESSION_ID without the bearer token', async () => {
    const response = await fetch(`${server.instanceUrl}/services/data/v62.0/sobjects`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  it('lists API versions and the org limits', async () => {
    const versions = await call(server, 'GET', '/services/data');
    expect(versions.json).toEqual(
      expect.arrayContaining([{ label: "Spring '25", url: '/services/data/v62.0', version: '62.0' }]),
    );
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 15_000, Remaining: expect.any(Number) as unknown });
    expect(limits.DailyApiRequests?.Remaining).toBeLessThan(15_000);
  });
});

describe('sObject Collections', () => {
  it('rolls every row back with allOrNone when one row fails', async () => {
    const before = await count("SELECT Id FROM Lead WHERE Company = 'All Or None'");
    const results = await conn
      .sobject('Lead')
      .create(
        [
          { LastName: 'One', Company: 'All Or None' },
          { Company: 'All Or None' },
          { LastName: 'Three', Company: 'All Or None' },
        ],
        { allOrNone: true },
      );
    expect(results.map(codeOf)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'REQUIRED_FIELD_MISSING',
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    ]);
    expect(await count("SELECT Id FROM Lead WHERE Company = 'All Or None'")).toBe(before);
  });

  it('keeps the rows that succeeded without allOrNone', async () => {
    const results = await conn.sobject('Lead').create([
      { LastName: 'One', Company: 'Partial' },
      { LastName: 'Two', Company: 'Partial', Email: 'broken' },
      { LastName: 'Three', Company: 'Partial' },
    ]);
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]?.errors[0]).toMatchObject({ statusCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] });
    expect(await count("SELECT Id FROM Lead WHERE Company = 'Partial'")).toBe(2);
  });

  it('updates rows and rolls back a batch with a missing record under allOrNone', async () => {
    const id = await idOf('Lead', "LastName = 'Wei'");
    const results = await conn.sobject('Lead').update(
      [
        { Id: id, Title: 'Changed' },
        { Id: '00Q5g00000009ZZAAA', Title: 'Ghost' },
      ],
      { allOrNone: true },
    );
    expect(results.map(codeOf)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'NOT_FOUND']);
    expect((await conn.sobject('Lead').retrieve(id))['Title']).toBe('Director of Demand Generation');
  });

  it('retrieves and deletes several records in one call', async () => {
    const created = await conn.sobject('Lead').create([
      { LastName: 'Del1', Company: 'Doomed' },
      { LastName: 'Del2', Company: 'Doomed' },
    ]);
    const ids = created.map((r) => r.id ?? '');
    const read = await call(
      server,
      'GET',
      `/services/data/v62.0/composite/sobjects/Lead?ids=${ids.join(',')},00Q5g00000009ZZAAA&fields=LastName`,
    );
    expect(read.json).toEqual([
      expect.objectContaining({ LastName: 'Del1' }),
      expect.objectContaining({ LastName: 'Del2' }),
      null,
    ]);
    const deleted = await conn.sobject('Lead').destroy(ids, { allOrNone: true });
    expect(deleted.map((r) => r.success)).toEqual([true, true]);
    expect(await count("SELECT Id FROM Lead WHERE Company = 'Doomed'")).toBe(0);
  });

  it('upserts a collection by external id, reporting created then updated', async () => {
    const body = {
      allOrNone: true,
      records: [
        {
          attributes: { type: 'Content_Asset__c' },
          External_Id__c: 'asset-9',
          Name: 'Battle card',
          Status__c: 'active',
        },
        { attributes: { type: 'Content_Asset__c' }, External_Id__c: 'asset-1', Name: 'ROI calculator v2' },
      ],
    };
    const path = '/services/data/v62.0/composite/sobjects/Content_Asset__c/External_Id__c';
    const first = await call(server, 'PATCH', path, body);
    expect((first.json as { created: boolean }[]).map((r) => r.created)).toEqual([true, false]);
    const second = await call(server, 'PATCH', path, body);
    expect((second.json as { created: boolean }[]).map((r) => r.created)).toEqual([false, false]);
    expect(await count('SELECT Id FROM Content_Asset__c')).toBe(3);
  });

  it('refuses more than 200 records in one call', async () => {
    const records = Array.from({ length: 201 }, (_v, i) => ({
      attributes: { type: 'Lead' },
      LastName: `L${i}`,
      Company: 'C',
    }));
    const response = await call(server, 'POST', '/services/data/v62.0/composite/sobjects', { records });
    expect(response.status).toBe(400);
    expect(response.json).toEqual([expect.objectContaining({ errorCode: 'EXCEEDED_ID_LIMIT' })]);
  });
});

describe('composite', () => {
  it('runs subrequests in order with @{ref} references', async () => {
    const response = (await conn.requestPost('/services/data/v62.0/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Account',
          referenceId: 'acct',
          body: { Name: 'Ref Co' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Contact',
          referenceId: 'contact',
          body: { LastName: 'Referenced', AccountId: '@{acct.id}' },
        },
        {
          method: 'GET',
          url: "/services/data/v62.0/query?q=SELECT+Account.Name+FROM+Contact+WHERE+Id+=+'@{contact.id}'",
          referenceId: 'check',
        },
      ],
    })) as { compositeResponse: { httpStatusCode: number; body: unknown; referenceId: string }[] };
    expect(response.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 201, 200]);
    expect(response.compositeResponse[2]?.body).toMatchObject({
      totalSize: 1,
      records: [{ Account: { Name: 'Ref Co' } }],
    });
  });

  it('rolls back earlier subrequests and halts the rest when one fails under allOrNone', async () => {
    const response = (await conn.requestPost('/services/data/v62.0/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Account',
          referenceId: 'acct',
          body: { Name: 'Ghost Co' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Contact',
          referenceId: 'bad',
          body: { AccountId: '@{acct.id}' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Account',
          referenceId: 'after',
          body: { Name: 'Ghost Co 2' },
        },
      ],
    })) as { compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] };
    expect(response.compositeResponse.map((r) => [r.httpStatusCode, r.body[0]?.errorCode])).toEqual([
      [400, 'PROCESSING_HALTED'],
      [400, 'REQUIRED_FIELD_MISSING'],
      [400, 'PROCESSING_HALTED'],
    ]);
    expect(await count("SELECT Id FROM Account WHERE Name LIKE 'Ghost Co%'")).toBe(0);
  });

  it('keeps successful subrequests without allOrNone and halts those that reference a failure', async () => {
    const response = (await conn.requestPost('/services/data/v62.0/composite', {
      allOrNone: false,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Account',
          referenceId: 'kept',
          body: { Name: 'Kept Co' },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Account',
          referenceId: 'broken',
          body: { Nope__c: 1 },
        },
        {
          method: 'POST',
          url: '/services/data/v62.0/sobjects/Contact',
          referenceId: 'dependent',
          body: { LastName: 'D', AccountId: '@{broken.id}' },
        },
      ],
    })) as { compositeResponse: { httpStatusCode: number; body: unknown }[] };
    expect(response.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 400, 400]);
    expect(response.compositeResponse[2]?.body).toEqual([
      expect.objectContaining({ errorCode: 'PROCESSING_HALTED' }),
    ]);
    expect(await count("SELECT Id FROM Account WHERE Name = 'Kept Co'")).toBe(1);
  });
});
