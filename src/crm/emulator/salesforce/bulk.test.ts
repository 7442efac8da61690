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
  conn.bulk2.pollInterval = 20;
});
afterAll(async () => {
  await server.close();
});

const TOUCHES_CSV = [
  'External_Id__c,Content_Asset__r.External_Id__c,Channel__c,Touched_At__c',
  'touch-b1,asset-1,email,2026-12-01T10:00:00Z',
  'touch-b2,asset-2,meeting,2026-12-02T11:00:00Z',
  'touch-b3,asset-404,email,2026-12-02T12:00:00Z',
  'touch-b4,asset-1,email,yesterday',
].join('\n');

describe('Bulk API 2.0 ingest', () => {
  it('upserts by external id so a rerun updates instead of duplicating', async () => {
    const options = {
      object: 'Content_Touch__c',
      operation: 'upsert' as const,
      externalIdFieldName: 'External_Id__c',
      input: TOUCHES_CSV,
    };
    const first = await conn.bulk2.loadAndWaitForResults(options);
    const second = await conn.bulk2.loadAndWaitForResults(options);
    expect(first.successfulResults.map((r) => r['sf__Created'])).toEqual(['true', 'true']);
    expect(second.successfulResults.map((r) => r['sf__Created'])).toEqual(['false', 'false']);
    expect(second.successfulResults.map((r) => r['sf__Id'])).toEqual(
      first.successfulResults.map((r) => r['sf__Id']),
    );
    expect(first.failedResults.map((r) => String(r['sf__Error']).split(':')[0])).toEqual([
      'INVALID_FIELD',
      'INVALID_TYPE_ON_FIELD_IN_RECORD',
    ]);
    const touches = await conn.query<{ Content_Asset__r: { Title__c: string } }>(
      "SELECT Content_Asset__r.Title__c FROM Content_Touch__c WHERE External_Id__c LIKE 'touch-b%' ORDER BY External_Id__c",
    );
    expect(touches.records.map((r) => r.Content_Asset__r.Title__c)).toEqual([
      'ROI calculator for RevOps',
      'Healthcare case study',
    ]);
  });

  it('reports the job as JobComplete with record counts', async () => {
    const job = conn.bulk2.createJob({ object: 'Lead', operation: 'insert' });
    await job.open();
    await job.uploadData('LastName,Company,NumberOfEmployees\nBulk One,Bulk Co,10\nBulk Two,Bulk Co,ten\n');
    await job.close();
    await job.poll(20, 5000);
    const info = await job.check();
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 1 });
  });

  it('updates and deletes by Id', async () => {
    const inserted = await conn.bulk2.loadAndWaitForResults({
      object: 'Lead',
      operation: 'insert',
      input: 'LastName,Company\nTemp One,Temp Co\nTemp Two,Temp Co\n',
    });
    const ids = inserted.successfulResults.map((r) => String(r['sf__Id']));
    await conn.bulk2.loadAndWaitForResults({
      object: 'Lead',
      operation: 'update',
      input: `Id,Title\n${ids[0] ?? ''},Updated\n`,
    });
    const deleted = await conn.bulk2.loadAndWaitForResults({
      object: 'Lead',
      operation: 'delete',
      input: `Id\n${ids[1] ?? ''}\n`,
    });
    expect(deleted.successfulResults).toHaveLength(1);
    const left = await conn.query<{ Title: string }>("SELECT Title FROM Lead WHERE Company = 'Temp Co'");
    expect(left.records.map((r) => r.Title)).toEqual(['Updated']);
  });

  it('fails a job whose CSV names an unknown field', async () => {
    const job = conn.bulk2.createJob({ object: 'Lead', operation: 'insert' });
    await job.open();
    await job.uploadData('LastName,Shoe_Size__c\nX,44\n');
    await job.close();
    const info = await job.check();
    expect(info).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : Field name not found : Shoe_Size__c',
    });
  });
});

describe('Bulk API 2.0 query', () => {
  it('streams every row with parent fields as dotted columns', async () => {
    const stream = await conn.bulk2.query(
      'SELECT LastName, Owner.Name FROM Lead WHERE Handoff_External_Id__c != null ORDER BY LastName',
      { pollInterval: 20 },
    );
    const rows: Record<string, unknown>[] = [];
    for await (const row of stream) rows.push(row as Record<string, unknown>);
    expect(rows.map((r) => [r['LastName'], r['Owner.Name']])).toEqual([
      ['Lovelace', 'Riley Rep'],
      ["O'Brien", 'Riley Rep'],
      ['Percent_100%', 'Sam Seller'],
      ['Scully', 'Sam Seller'],
      ['Wei', 'Sam Seller'],
    ]);
  });

  it('pages results with maxRecords and Sforce-Locator', async () => {
    const created = await call(server, 'POST', '/services/data/v62.0/jobs/query', {
      operation: 'query',
      query: 'SELECT LastName FROM Lead WHERE Handoff_External_Id__c != null ORDER BY LastName',
    });
    const id = (created.json as { id: string }).id;
    expect((await call(server, 'GET', `/services/data/v62.0/jobs/query/${id}`)).json).toMatchObject({
      state: 'JobComplete',
    });
    const pages: string[] = [];
    let locator = '';
    for (;;) {
      const page = await call(
        server,
        'GET',
        `/services/data/v62.0/jobs/query/${id}/results?maxRecords=2${locator === '' ? '' : `&locator=${locator}`}`,
      );
      pages.push(page.text);
      locator = page.headers.get('sforce-locator') ?? 'null';
      if (locator === 'null') break;
    }
    expect(pages).toEqual([
      '"LastName"\n"Lovelace"\n"O\'Brien"\n',
      '"LastName"\n"Percent_100%"\n"Scully"\n',
      '"LastName"\n"Wei"\n',
    ]);
  });

  it('rejects a query job with an unknown field using the SOQL error code', async () => {
    const created = await call(server, 'POST', '/services/data/v62.0/jobs/query', {
      operation: 'query',
      query: 'SELECT Nope__c FROM Lead',
    });
    expect(created.status).toBe(400);
    expect(created.json).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD' })]);
  });
});
