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

const API = '/services/data/v62.0';

async function idOf(object: string, where: string): Promise<string> {
  const result = await conn.query<{ Id: string }>(`SELECT Id FROM ${object} WHERE ${where}`);
  const id = result.records[0]?.Id;
  if (id === undefined) throw new Error(`no ${object} where ${where}`);
  return id;
}

async function count(soql: string): Promise<number> {
  return (await conn.query(soql)).totalSize;
}

let unique = 0;
const next = (prefix: string): string => `${prefix}-${++unique}`;

describe('restricted picklists', () => {
  const refused = (value: string, field: string): unknown => [
    {
      message: `bad value for restricted picklist field: ${value}`,
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: [field],
    },
  ];

  it.each([
    ['a Handoff status outside its vocabulary is refused', 'Lead', 'Handoff_Status__c', 'maybe', null],
    [
      'a disposition outcome outside its vocabulary is refused on the person',
      'Contact',
      'Handoff_Disposition_Outcome__c',
      'ignore',
      null,
    ],
    [
      'a disposition outcome outside its vocabulary is refused on the disposition',
      'Lead_Disposition__c',
      'Outcome__c',
      'ignore',
      null,
    ],
    ['an asset status outside its vocabulary is refused', 'Content_Asset__c', 'Status__c', 'draft', null],
    ['a task kind outside its vocabulary is refused', 'Task', 'Handoff_Kind__c', 'reminder', null],
    ['a user role outside its vocabulary is refused', 'User', 'Handoff_Role__c', 'admin', null],
    [
      'a status in another letter case is stored as the picklist defines it',
      'Lead',
      'Handoff_Status__c',
      'Waiting_On_Prospect',
      'waiting_on_prospect',
    ],
    [
      'a playbook stage id the package does not list is stored, stages being unrestricted',
      'Lead',
      'Handoff_Stage__c',
      'demo_booked',
      'demo_booked',
    ],
    [
      'a playbook stage id is stored on the disposition too',
      'Lead_Disposition__c',
      'To_Stage__c',
      'demo_booked',
      'demo_booked',
    ],
    [
      'an org value in an unrestricted standard picklist is stored',
      'Lead',
      'LeadSource',
      'Podcast',
      'Podcast',
    ],
    ['an org value in the standard Task status is stored', 'Task', 'Status', 'Deferred', 'Deferred'],
  ])('%s', async (_name, object, field, value, stored) => {
    const required: Record<string, Record<string, unknown>> = {
      Lead: { LastName: 'Pick', Company: 'Picklist Co' },
      Contact: { LastName: 'Pick' },
      Lead_Disposition__c: {
        Outcome__c: 'accept',
        Reason_Code__c: 'fit',
        Disposed_At__c: '2026-12-01T10:00:00Z',
        Idempotency_Key__c: next('pick'),
      },
      Content_Asset__c: { Name: 'Pick asset' },
      Task: { Subject: 'Pick' },
      User: { LastName: 'Pick', Email: 'pick@example.com', Username: `${next('pick')}@example.com` },
    };
    const before = await count(`SELECT Id FROM ${object}`);
    const response = await call(server, 'POST', `${API}/sobjects/${object}`, {
      ...required[object],
      [field]: value,
    });
    if (stored === null) {
      expect([response.status, response.json]).toEqual([400, refused(value, field)]);
      expect(await count(`SELECT Id FROM ${object}`)).toBe(before);
      return;
    }
    expect(response.status).toBe(201);
    const id = (response.json as { id: string }).id;
    expect((await conn.sobject(object).retrieve(id))[field]).toBe(stored);
  });

  it('describes which picklists are restricted', async () => {
    const lead = await conn.sobject('Lead').describe();
    const restricted = (name: string): unknown =>
      (lead.fields.find((f) => f.name === name) as { restrictedPicklist?: boolean } | undefined)
        ?.restrictedPicklist;
    expect(
      ['Handoff_Status__c', 'Handoff_Disposition_Outcome__c', 'Handoff_Stage__c', 'Status'].map(restricted),
    ).toEqual([true, true, false, false]);
  });

  it('lets null clear an optional restricted picklist', async () => {
    const id = await idOf('Lead', "Handoff_External_Id__c = 'lead-5'");
    const response = await call(server, 'PATCH', `${API}/sobjects/Lead/${id}`, { Handoff_Status__c: null });
    expect(response.status).toBe(204);
    expect((await conn.sobject('Lead').retrieve(id))['Handoff_Status__c']).toBeNull();
  });
});

/** A lead with four problems: no LastName, a bad email, a too-long title and a status outside the vocabulary. */
const LONG_TITLE = 'T'.repeat(129);
const BROKEN = {
  LastName: null,
  Company: 'Broken Co',
  Email: 'not-an-email',
  Title: LONG_TITLE,
  Handoff_Status__c: 'maybe',
};

/** Every error, in describe field order, then the record-level REQUIRED_FIELD_MISSING. */
const ERRORS = [
  {
    errorCode: 'INVALID_EMAIL_ADDRESS',
    message: 'Email: invalid email address: not-an-email',
    fields: ['Email'],
  },
  {
    errorCode: 'STRING_TOO_LONG',
    message: `Title: data value too large: ${'T'.repeat(80)} (max length=128)`,
    fields: ['Title'],
  },
  {
    errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    message: 'bad value for restricted picklist field: maybe',
    fields: ['Handoff_Status__c'],
  },
  {
    errorCode: 'REQUIRED_FIELD_MISSING',
    message: 'Required fields are missing: [LastName]',
    fields: ['LastName'],
  },
];
const REST_ERRORS = ERRORS.map(({ errorCode, message, fields }) => ({ message, errorCode, fields }));
const ROW_ERRORS = ERRORS.map(({ errorCode, message, fields }) => ({
  statusCode: errorCode,
  message,
  fields,
}));
const ROLLED_BACK = {
  success: false,
  errors: [
    {
      statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
      fields: [],
    },
  ],
};

async function newLead(externalId: string): Promise<string> {
  const created = await conn
    .sobject('Lead')
    .create({ LastName: 'Intact', Company: 'Intact Co', Handoff_External_Id__c: externalId });
  if (!created.success) throw new Error('could not create a lead');
  return created.id;
}

async function leadState(id: string): Promise<unknown> {
  const row = await conn.sobject('Lead').retrieve(id);
  return [row['LastName'], row['Email'], row['Title'], row['Handoff_Status__c']];
}

describe('a write with several problems reports every error of the record', () => {
  it.each([
    ['sObject create', 'create'],
    ['sObject update', 'update'],
    ['an upsert by external id that would create', 'upsert-new'],
    ['an upsert by external id that would update', 'upsert-existing'],
  ] as const)('%s answers 400 with all four errors and writes nothing', async (_name, path) => {
    const externalId = next('broken');
    const existing = path === 'update' || path === 'upsert-existing' ? await newLead(externalId) : null;
    const before = existing === null ? null : await leadState(existing);
    const url = {
      create: `${API}/sobjects/Lead`,
      update: `${API}/sobjects/Lead/${existing ?? ''}`,
      'upsert-new': `${API}/sobjects/Lead/Handoff_External_Id__c/${externalId}`,
      'upsert-existing': `${API}/sobjects/Lead/Handoff_External_Id__c/${externalId}`,
    }[path];
    const response = await call(server, path === 'create' ? 'POST' : 'PATCH', url, BROKEN);
    expect([response.status, response.json]).toEqual([400, REST_ERRORS]);
    expect(await count("SELECT Id FROM Lead WHERE Company = 'Broken Co'")).toBe(0);
    if (existing !== null) expect(await leadState(existing)).toEqual(before);
  });

  it.each([
    [
      'collection create with allOrNone rolls the valid rows back and reports every error of the bad one',
      'POST',
      true,
      [ROLLED_BACK, { success: false, errors: ROW_ERRORS }, ROLLED_BACK],
      0,
    ],
    [
      'collection create without allOrNone keeps the valid rows and reports every error of the bad one',
      'POST',
      false,
      [
        { success: true, errors: [], id: expect.any(String) as unknown },
        { success: false, errors: ROW_ERRORS },
        { success: true, errors: [], id: expect.any(String) as unknown },
      ],
      2,
    ],
    [
      'collection upsert with allOrNone rolls the valid rows back and reports every error of the bad one',
      'PATCH',
      true,
      [ROLLED_BACK, { success: false, errors: ROW_ERRORS }, ROLLED_BACK],
      0,
    ],
    [
      'collection upsert without allOrNone keeps the valid rows and reports every error of the bad one',
      'PATCH',
      false,
      [
        { success: true, errors: [], id: expect.any(String) as unknown, created: true },
        { success: false, errors: ROW_ERRORS },
        { success: true, errors: [], id: expect.any(String) as unknown, created: true },
      ],
      2,
    ],
  ])('%s', async (_name, method, allOrNone, expected, written) => {
    const company = next('Collection Co');
    const row = (fields: Record<string, unknown>): Record<string, unknown> => ({
      attributes: { type: 'Lead' },
      Handoff_External_Id__c: next('row'),
      ...fields,
      Company: company,
    });
    const records = [row({ LastName: 'One' }), row(BROKEN), row({ LastName: 'Three' })];
    const url =
      method === 'POST'
        ? `${API}/composite/sobjects`
        : `${API}/composite/sobjects/Lead/Handoff_External_Id__c`;
    const response = await call(server, method, url, { allOrNone, records });
    expect([response.status, response.json]).toEqual([200, expected]);
    expect(await count(`SELECT Id FROM Lead WHERE Company = '${company}'`)).toBe(written);
  });

  it('collection update with allOrNone reports every error and leaves both records as they were', async () => {
    const [good, bad] = [await newLead(next('coll')), await newLead(next('coll'))];
    const before = await leadState(bad);
    const response = await call(server, 'PATCH', `${API}/composite/sobjects`, {
      allOrNone: true,
      records: [
        { attributes: { type: 'Lead' }, id: good, Title: 'Changed' },
        { attributes: { type: 'Lead' }, id: bad, ...BROKEN, Company: 'Intact Co' },
      ],
    });
    expect(response.json).toEqual([
      { ...ROLLED_BACK, id: good },
      { success: false, errors: ROW_ERRORS, id: bad },
    ]);
    expect((await conn.sobject('Lead').retrieve(good))['Title']).toBeNull();
    expect(await leadState(bad)).toEqual(before);
  });

  it.each([
    [
      'composite with allOrNone halts the other subrequests and reports every error of the failing one',
      true,
      [400, 400],
      0,
    ],
    ['composite without allOrNone keeps the other subrequest', false, [201, 400], 1],
  ])('%s', async (_name, allOrNone, statuses, written) => {
    const company = next('Composite Co');
    const response = await call(server, 'POST', `${API}/composite`, {
      allOrNone,
      compositeRequest: [
        {
          method: 'POST',
          url: `${API}/sobjects/Lead`,
          referenceId: 'good',
          body: { LastName: 'Good', Company: company },
        },
        {
          method: 'POST',
          url: `${API}/sobjects/Lead`,
          referenceId: 'bad',
          body: { ...BROKEN, Company: company },
        },
      ],
    });
    const subs = (response.json as { compositeResponse: { httpStatusCode: number; body: unknown }[] })
      .compositeResponse;
    expect(subs.map((s) => s.httpStatusCode)).toEqual(statuses);
    expect(subs[1]?.body).toEqual(REST_ERRORS);
    if (allOrNone)
      expect(subs[0]?.body).toEqual([expect.objectContaining({ errorCode: 'PROCESSING_HALTED' })]);
    expect(await count(`SELECT Id FROM Lead WHERE Company = '${company}'`)).toBe(written);
  });
});

describe('Bulk API 2.0 ingest reports every error of a row in sf__Error', () => {
  const PICKLIST_ONLY =
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:bad value for restricted picklist field: maybe:Handoff_Status__c --';
  const ALL_FOUR = [
    'INVALID_EMAIL_ADDRESS:Email: invalid email address: not-an-email:Email --',
    `STRING_TOO_LONG:Title: data value too large: ${'T'.repeat(80)} (max length=128):Title --`,
    PICKLIST_ONLY,
    'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --',
  ].join(' ');

  it.each([['insert'], ['upsert'], ['update']] as const)(
    'an %s job fails the bad rows with their errors and writes the good one',
    async (operation) => {
      const company = next('Bulk Co');
      const keys = [next('bulk'), next('bulk'), next('bulk')];
      const ids = operation === 'update' ? await Promise.all(keys.map(newLead)) : [];
      // `#N/A` clears LastName (an empty cell would leave it unchanged on update).
      const cells = [
        ['Good', company, 'good@example.com', 'Fine', 'open'],
        ['Picky', company, '', '', 'maybe'],
        ['#N/A', company, 'not-an-email', LONG_TITLE, 'maybe'],
      ];
      const key = operation === 'update' ? 'Id' : 'Handoff_External_Id__c';
      const keyOf = (i: number): string => (operation === 'update' ? ids[i] : keys[i]) ?? '';
      const csv = [
        `${key},LastName,Company,Email,Title,Handoff_Status__c`,
        ...cells.map((row, i) => [keyOf(i), ...row].join(',')),
      ].join('\n');
      const result = await conn.bulk2.loadAndWaitForResults({
        object: 'Lead',
        operation,
        ...(operation === 'upsert' ? { externalIdFieldName: 'Handoff_External_Id__c' } : {}),
        input: csv,
      });
      const cell = (row: object, column: string): unknown => (row as Record<string, unknown>)[column];
      expect(result.successfulResults.map((r) => cell(r, 'LastName'))).toEqual(['Good']);
      expect(result.failedResults.map((r) => [cell(r, 'LastName'), r.sf__Error])).toEqual([
        ['Picky', PICKLIST_ONLY],
        ['#N/A', ALL_FOUR],
      ]);
      expect(await count(`SELECT Id FROM Lead WHERE Company = '${company}'`)).toBe(1);
    },
  );
});
