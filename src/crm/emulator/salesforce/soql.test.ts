import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'jsforce';
import { checksumSuffix } from '../../salesforce/ids';
import { findObject } from './describe';
import { SfStore } from './store';
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

async function lastNames(where: string, from = 'Lead'): Promise<string[]> {
  const result = await conn.query<{ LastName: string }>(`SELECT LastName FROM ${from} WHERE ${where}`);
  return result.records.map((r) => r.LastName).sort();
}

async function failure(soql: string): Promise<{ status: number; body: unknown }> {
  const response = await call(server, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`);
  return { status: response.status, body: response.json };
}

describe('SOQL through jsforce', () => {
  it('returns parent relationship fields as nested records, two levels deep', async () => {
    const result = await conn.query<Record<string, unknown>>(
      "SELECT Name, Owner.Name, Owner.Manager.Name FROM Lead WHERE LastName = 'Lovelace'",
    );
    expect(result.totalSize).toBe(1);
    expect(result.records[0]).toMatchObject({
      attributes: { type: 'Lead' },
      Name: 'Ada Lovelace',
      Owner: { attributes: { type: 'User' }, Name: 'Riley Rep', Manager: { Name: 'Morgan Manager' } },
    });
  });

  it('returns a custom lookup through its __r relationship and null when the lookup is empty', async () => {
    const result = await conn.query<Record<string, unknown>>(
      'SELECT Channel__c, Content_Asset__r.Title__c, Contact__r.LastName, Shared_By__r.Name FROM Content_Touch__c ' +
        "WHERE Channel__c = 'meeting'",
    );
    expect(result.records[0]).toMatchObject({
      Channel__c: 'meeting',
      Content_Asset__r: { Title__c: 'Healthcare case study' },
      Contact__r: { LastName: 'Scully' },
      Shared_By__r: null,
    });
  });

  it('answers child subqueries with a nested query result per parent, or null', async () => {
    const result = await conn.query<Record<string, unknown>>(
      'SELECT Name, (SELECT Channel__c FROM Content_Touches__r ORDER BY Touched_At__c), ' +
        '(SELECT Contact.LastName FROM OpportunityContactRoles WHERE IsPrimary = true) FROM Opportunity ORDER BY Name',
    );
    expect(result.records.map((r) => r['Name'])).toEqual(['Acme Corp - platform', 'Umbrella - expansion']);
    expect(result.records[0]).toMatchObject({
      Content_Touches__r: {
        totalSize: 2,
        done: true,
        records: [{ Channel__c: 'email' }, { Channel__c: 'meeting' }],
      },
      OpportunityContactRoles: { totalSize: 1, records: [{ Contact: { LastName: 'Lovelace' } }] },
    });
  });

  it.each([
    ['= compares text case-insensitively', "Company = 'acme corp'", ['Lovelace']],
    [
      '!= keeps rows whose value is null',
      "Handoff_Discovery_Budget__c != 'Allocated'",
      ["O'Brien", 'Percent_100%', 'Wei'],
    ],
    ['< compares numbers', 'NumberOfEmployees < 50', ["O'Brien", 'Percent_100%']],
    ['> compares currency', 'AnnualRevenue > 50000000', ['Scully', 'Wei']],
    ['<= includes the bound', 'NumberOfEmployees <= 250', ['Lovelace', "O'Brien", 'Percent_100%']],
    ['>= includes the bound', 'NumberOfEmployees >= 800', ['Scully', 'Wei']],
    ['IN matches any listed value', "Country IN ('US', 'FR')", ['Lovelace', 'Percent_100%', 'Scully']],
    ['NOT IN excludes every listed value', "Country NOT IN ('US', 'FR')", ["O'Brien", 'Wei']],
    ['LIKE with % matches a prefix, ignoring case', "Email LIKE 'CHEN@%'", ['Wei']],
    ['LIKE with _ matches one character', "LastName LIKE 'W_i'", ['Wei']],
    ['LIKE with an escaped % matches a literal percent sign', "LastName LIKE '%\\%'", ['Percent_100%']],
    ['LIKE with an escaped _ matches a literal underscore', "LastName LIKE '%\\_1%'", ['Percent_100%']],
    [
      'AND binds a parenthesised OR',
      "(Country = 'US' OR Country = 'GB') AND NumberOfEmployees > 100",
      ['Lovelace', 'Scully'],
    ],
    ['NOT negates one condition', "NOT Country = 'US'", ["O'Brien", 'Percent_100%', 'Wei']],
    ['NOT negates a parenthesised group', "NOT (Country = 'US' OR Country = 'FR')", ["O'Brien", 'Wei']],
    [
      '= null finds empty fields',
      'Handoff_First_Touch_At__c = null',
      ['Lovelace', "O'Brien", 'Percent_100%'],
    ],
    ['!= null finds filled fields', 'Handoff_First_Touch_At__c != null', ['Scully', 'Wei']],
    ['a boolean compares with true', 'IsConverted = true', ['Lovelace', 'Scully']],
    [
      'a parent field filters through its relationship',
      "Owner.Name = 'Sam Seller'",
      ['Percent_100%', 'Scully', 'Wei'],
    ],
    [
      'a grandparent field filters through two relationships',
      "Owner.Manager.Name = 'Morgan Manager'",
      ['Lovelace', "O'Brien", 'Percent_100%', 'Scully', 'Wei'],
    ],
    [
      'INCLUDES matches a multi-select value',
      "Handoff_Technologies__c INCLUDES ('HubSpot')",
      ["O'Brien", 'Percent_100%'],
    ],
    [
      'INCLUDES with ; requires every value',
      "Handoff_Technologies__c INCLUDES ('salesforce;gong')",
      ['Lovelace'],
    ],
    [
      'EXCLUDES keeps rows without the value',
      "Handoff_Technologies__c EXCLUDES ('HubSpot')",
      ['Lovelace', 'Scully', 'Wei'],
    ],
    [
      'a datetime literal compares instants',
      'Handoff_Stage_Entered_At__c > 2026-11-30T00:00:00Z',
      ['Lovelace', "O'Brien", 'Percent_100%'],
    ],
    [
      'a datetime literal with an offset is converted to UTC',
      'Handoff_Stage_Entered_At__c >= 2026-12-03T05:00:00-05:00',
      ['Lovelace'],
    ],
    ['an id compares in its 15-character form', "Id = '00Q5g0000000001'", ['Lovelace']],
    ['an 18-character id compares in any letter case', "Id = '00q5g0000000001eaa'", ['Lovelace']],
  ])('WHERE %s', async (_name, where, expected) => {
    expect(await lastNames(where)).toEqual(expected);
  });

  it.each([
    ['TODAY is the current UTC day', '= TODAY', ['Lovelace', 'Percent_100%']],
    ['YESTERDAY is the day before', '= YESTERDAY', ["O'Brien"]],
    [
      'LAST_N_DAYS:10 includes today and ten days back',
      '= LAST_N_DAYS:10',
      ['Lovelace', "O'Brien", 'Percent_100%', 'Wei'],
    ],
    ['LAST_N_DAYS:9 stops a day later', '= LAST_N_DAYS:9', ['Lovelace', "O'Brien", 'Percent_100%']],
    ['N_DAYS_AGO:10 is exactly that day', '= N_DAYS_AGO:10', ['Wei']],
    ['THIS_MONTH is December', '= THIS_MONTH', ['Lovelace', "O'Brien", 'Percent_100%']],
    ['LAST_MONTH is November', '= LAST_MONTH', ['Wei']],
    ['< LAST_N_DAYS:30 is before the range starts', '< LAST_N_DAYS:30', ['Scully']],
    ['THIS_YEAR covers every lead', '= THIS_YEAR', ['Lovelace', "O'Brien", 'Percent_100%', 'Scully', 'Wei']],
  ])('date literal on a datetime field: %s', async (_name, comparison, expected) => {
    expect(await lastNames(`Handoff_Stage_Entered_At__c ${comparison}`)).toEqual(expected);
  });

  it.each([
    ['NEXT_N_DAYS:60 reaches the open deal', 'CloseDate = NEXT_N_DAYS:60', ['Acme Corp - platform']],
    ['NEXT_N_DAYS:30 does not', 'CloseDate = NEXT_N_DAYS:30', []],
    ['THIS_WEEK starts on Sunday', 'CloseDate = THIS_WEEK', ['Umbrella - expansion']],
    ['LAST_WEEK ends before Sunday', 'CloseDate = LAST_WEEK', []],
    ['a date literal compares dates', 'CloseDate > 2026-12-31', ['Acme Corp - platform']],
  ])('date literal on a date field: %s', async (_name, where, expected) => {
    const result = await conn.query<{ Name: string }>(`SELECT Name FROM Opportunity WHERE ${where}`);
    expect(result.records.map((r) => r.Name)).toEqual(expected);
  });

  it.each([
    ['DESC with LIMIT takes the largest', 'ORDER BY NumberOfEmployees DESC LIMIT 2', ['Wei', 'Scully']],
    [
      'OFFSET skips rows after sorting',
      'ORDER BY NumberOfEmployees ASC LIMIT 2 OFFSET 1',
      ["O'Brien", 'Lovelace'],
    ],
    [
      'NULLS LAST then a second key',
      'ORDER BY Handoff_First_Touch_At__c ASC NULLS LAST, LastName DESC',
      ['Scully', 'Wei', 'Percent_100%', "O'Brien", 'Lovelace'],
    ],
    [
      'DESC puts nulls last by default',
      'ORDER BY Handoff_First_Touch_At__c DESC',
      ['Wei', 'Scully', 'Lovelace', "O'Brien", 'Percent_100%'],
    ],
    ['ASC puts nulls first by default', 'ORDER BY Handoff_First_Touch_At__c LIMIT 1', ['Lovelace']],
    [
      'a parent field sorts',
      'ORDER BY Owner.Name DESC, LastName',
      ['Percent_100%', 'Scully', 'Wei', 'Lovelace', "O'Brien"],
    ],
  ])('ORDER BY %s', async (_name, clause, expected) => {
    const result = await conn.query<{ LastName: string }>(`SELECT LastName FROM Lead ${clause}`);
    expect(result.records.map((r) => r.LastName)).toEqual(expected);
  });

  it('counts with COUNT() and returns no records', async () => {
    const result = await conn.query("SELECT COUNT() FROM Lead WHERE Country = 'US'");
    expect(result.totalSize).toBe(2);
    expect(result.records).toEqual([]);
  });

  it.each([
    ['GROUP BY', 'SELECT Industry, COUNT(Id) FROM Lead GROUP BY Industry'],
    ['an aggregate other than COUNT()', 'SELECT MAX(NumberOfEmployees) FROM Lead'],
    ['TYPEOF', 'SELECT TYPEOF What WHEN Opportunity THEN Name END FROM Task'],
    ['a semi-join', 'SELECT Id FROM Lead WHERE Id IN (SELECT Lead__c FROM Content_Touch__c)'],
    ['a function in WHERE', 'SELECT Id FROM Lead WHERE CALENDAR_YEAR(CreatedDate) = 2026'],
    [
      'AND mixed with OR without parentheses',
      "SELECT Id FROM Lead WHERE Country = 'US' AND NumberOfEmployees > 1 OR Country = 'FR'",
    ],
    ['a bind variable', 'SELECT Id FROM Lead WHERE Name = :name'],
    ['a missing field list', 'SELECT FROM Lead'],
    ['FOR UPDATE', 'SELECT Id FROM Lead FOR UPDATE'],
    ['a nested subquery', 'SELECT Id, (SELECT Id, (SELECT Id FROM Tasks) FROM Contacts) FROM Account'],
    ['USING SCOPE', 'SELECT Id FROM Lead USING SCOPE mine'],
  ])('answers 400 MALFORMED_QUERY for %s', async (_name, soql) => {
    const { status, body } = await failure(soql);
    expect(status).toBe(400);
    expect(body).toEqual([{ message: expect.any(String) as unknown, errorCode: 'MALFORMED_QUERY' }]);
  });

  it.each([
    ['an unknown field', 'SELECT Foo__c FROM Lead', 'INVALID_FIELD'],
    ['an unknown relationship', 'SELECT Foo__r.Name FROM Lead', 'INVALID_FIELD'],
    ['an unknown child relationship', 'SELECT Id, (SELECT Id FROM Widgets__r) FROM Lead', 'INVALID_FIELD'],
    ['an unknown object', 'SELECT Id FROM Widget__c', 'INVALID_TYPE'],
    ['a quoted number', "SELECT Id FROM Lead WHERE NumberOfEmployees = '5'", 'INVALID_FIELD'],
    ['an unquoted text value', 'SELECT Id FROM Lead WHERE LastName = 5', 'INVALID_FIELD'],
    ['a date for a datetime field', 'SELECT Id FROM Lead WHERE CreatedDate > 2026-01-01', 'INVALID_FIELD'],
    ['a date literal on a text field', 'SELECT Id FROM Lead WHERE LastName = TODAY', 'INVALID_FIELD'],
    ['a malformed id', "SELECT Id FROM Lead WHERE Id = 'nope'", 'INVALID_QUERY_FILTER_OPERATOR'],
    ['an OFFSET above 2000', 'SELECT Id FROM Lead LIMIT 10 OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE'],
  ])('answers 400 with the error code Salesforce uses for %s', async (_name, soql, errorCode) => {
    const { status, body } = await failure(soql);
    expect(status).toBe(400);
    expect(body).toEqual([{ message: expect.any(String) as unknown, errorCode }]);
  });

  it('surfaces the error code on jsforce errors', async () => {
    await expect(conn.query('SELECT Nope__c FROM Lead')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
  });

  it.each([
    [
      'an escaped quote followed by OR stays inside the literal',
      "LastName = 'O\\'Brien\\' OR LastName LIKE \\'%'",
      [],
    ],
    ['an escaped quote matches the name with an apostrophe', "LastName = 'O\\'Brien'", ["O'Brien"]],
    ['a backslash escape keeps LIKE wildcards literal', "LastName LIKE 'O\\'Brien\\%'", []],
  ])('treats injection attempts as data: %s', async (_name, where, expected) => {
    expect(await lastNames(where)).toEqual(expected);
  });

  it('treats a stored value with SOQL metacharacters as data when queried back escaped', async () => {
    const nasty = "x' OR Name != '";
    await conn.sobject('Lead').create({ LastName: nasty, Company: 'Injection Ltd' });
    const escaped = nasty.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    expect(await lastNames(`LastName = '${escaped}'`)).toEqual([nasty]);
    expect(await lastNames("Company = 'Injection Ltd' OR LastName = 'Lovelace'")).toEqual([
      'Lovelace',
      nasty,
    ]);
  });
});

describe('query paging', () => {
  let paging: TestServer;
  const ROWS = 2150;

  beforeAll(async () => {
    paging = await startTestServer();
    const store = new SfStore(paging.db, () => Date.UTC(2026, 11, 1));
    const lead = findObject('Lead');
    if (lead === undefined) throw new Error('Lead is not described');
    paging.db.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        store.writeRaw(lead, store.newId(lead), {
          LastName: `Bulk ${String(i).padStart(4, '0')}`,
          Company: 'Paging',
        });
      }
    })();
  });
  afterAll(async () => {
    await paging.close();
  });

  it('pages beyond 2000 rows with nextRecordsUrl and jsforce autoFetch follows it', async () => {
    const first = await call(
      paging,
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`,
    );
    expect(first.json).toMatchObject({ totalSize: ROWS, done: false });
    expect((first.json as { records: unknown[] }).records).toHaveLength(2000);
    const { records } = await connect(paging)
      .query<{ LastName: string }>('SELECT LastName FROM Lead ORDER BY LastName')
      .run({ autoFetch: true, maxFetch: 10_000 });
    expect(records).toHaveLength(ROWS);
    expect(records[ROWS - 1]?.LastName).toBe(`Bulk ${ROWS - 1}`);
    expect(new Set(records.map((r) => r.LastName)).size).toBe(ROWS);
  });

  it('honours Sforce-Query-Options batchSize and resumes with queryMore', async () => {
    const first = await call(
      paging,
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT LastName FROM Lead ORDER BY LastName')}`,
      undefined,
      { 'Sforce-Query-Options': 'batchSize=500' },
    );
    const body = first.json as { records: { LastName: string }[]; nextRecordsUrl: string; done: boolean };
    expect(body.records).toHaveLength(500);
    expect(body.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/[A-Za-z0-9]+-500$/);
    const more = await connect(paging).queryMore<{ LastName: string }>(
      body.nextRecordsUrl.split('/').pop() ?? '',
    );
    expect(more.records[0]?.LastName).toBe('Bulk 0500');
    expect(more.done).toBe(false);
  });

  it('answers INVALID_QUERY_LOCATOR for a locator it never issued', async () => {
    const response = await call(paging, 'GET', '/services/data/v62.0/query/01gXXXXXXXXXXXX-2000');
    expect(response.status).toBe(400);
    expect(response.json).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });
});

describe('ids that differ only in letter case', () => {
  let cased: TestServer;
  /** `00QCase00000` + every 3-letter tail of a, A, b, B, z, Z, 0: 343 leads, many equal but for letter case. */
  const TAILS = ['a', 'A', 'b', 'B', 'z', 'Z', '0'];
  const ids = TAILS.flatMap((x) => TAILS.flatMap((y) => TAILS.map((z) => `00QCase00000${x}${y}${z}`))).map(
    (id15) => id15 + checksumSuffix(id15),
  );
  /** Salesforce's order: the binary value of the id (0–9, then A–Z, then a–z). */
  const binary = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  beforeAll(async () => {
    cased = await startTestServer();
    const store = new SfStore(cased.db, () => Date.UTC(2026, 11, 1));
    const lead = findObject('Lead');
    if (lead === undefined) throw new Error('Lead is not described');
    cased.db.transaction(() => {
      for (const id of [...ids].reverse()) store.writeRaw(lead, id, { LastName: id, Company: 'Cased' });
    })();
  });
  afterAll(async () => {
    await cased.close();
  });

  async function keyset(pageSize: number, idLength: 15 | 18, descending: boolean): Promise<string[]> {
    const conn = connect(cased);
    const seen: string[] = [];
    for (;;) {
      const last = seen.at(-1);
      const after =
        last === undefined ? '' : `WHERE Id ${descending ? '<' : '>'} '${last.slice(0, idLength)}' `;
      const page = await conn.query<{ Id: string }>(
        `SELECT Id FROM Lead ${after}ORDER BY Id ${descending ? 'DESC' : 'ASC'} LIMIT ${pageSize}`,
      );
      seen.push(...page.records.map((r) => r.Id));
      if (page.records.length < pageSize) return seen;
    }
  }

  async function queryMore(): Promise<string[]> {
    const conn = connect(cased);
    const first = await call(
      cased,
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Lead ORDER BY Id')}`,
      undefined,
      { 'Sforce-Query-Options': 'batchSize=200' },
    );
    let page = first.json as { records: { Id: string }[]; nextRecordsUrl?: string };
    const seen = page.records.map((r) => r.Id);
    while (page.nextRecordsUrl !== undefined) {
      page = await conn.queryMore<{ Id: string }>(page.nextRecordsUrl.split('/').pop() ?? '');
      seen.push(...page.records.map((r) => r.Id));
    }
    return seen;
  }

  async function bulkQuery(): Promise<string[]> {
    const created = await call(cased, 'POST', '/services/data/v62.0/jobs/query', {
      operation: 'query',
      query: 'SELECT Id FROM Lead ORDER BY Id',
    });
    const job = (created.json as { id: string }).id;
    await call(cased, 'GET', `/services/data/v62.0/jobs/query/${job}`);
    const seen: string[] = [];
    let locator = '';
    for (;;) {
      const page = await call(
        cased,
        'GET',
        `/services/data/v62.0/jobs/query/${job}/results?maxRecords=100${locator === '' ? '' : `&locator=${locator}`}`,
      );
      seen.push(
        ...page.text
          .trim()
          .split('\n')
          .slice(1)
          .map((cell) => cell.replace(/"/g, '')),
      );
      locator = page.headers.get('sforce-locator') ?? 'null';
      if (locator === 'null') return seen;
    }
  }

  it.each([
    ['queryMore pages through ORDER BY Id', queryMore, binary],
    ['a Bulk API 2.0 query job pages through ORDER BY Id with Sforce-Locator', bulkQuery, binary],
    ['a WHERE Id > :last ORDER BY Id LIMIT 50 loop', () => keyset(50, 18, false), binary],
    ['the same keyset loop given 15-character ids', () => keyset(50, 15, false), binary],
    ['a WHERE Id < :last ORDER BY Id DESC LIMIT 64 loop', () => keyset(64, 18, true), [...binary].reverse()],
  ])('%s returns every record once, in binary id order', async (_name, page, expected) => {
    const seen = await page();
    expect(new Set(seen).size).toBe(ids.length);
    expect(seen).toEqual(expected);
  });

  it('filters Id > by the same binary order ORDER BY uses', async () => {
    const pivot = '00QCase00000aAa';
    const { records } = await connect(cased).query<{ Id: string }>(
      `SELECT Id FROM Lead WHERE Id > '${pivot}' ORDER BY Id`,
    );
    expect(records.map((r) => r.Id)).toEqual(binary.filter((id) => id.slice(0, 15) > pivot));
  });
});
