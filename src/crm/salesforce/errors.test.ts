import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CrmErrorCode } from '../port';
import { createSalesforceAdapter } from './adapter';
import type { SalesforceConnection } from './connection';
import { fromResponse, normalizeError } from './errors';
import { retryDelay, withRetry } from './retry';

const table = JSON.parse(readFileSync(new URL('./fixtures/error-mapping.json', import.meta.url), 'utf8')) as [
  string,
  Record<string, string>,
  CrmErrorCode,
][];

describe('normalizeError', () => {
  it.each(table.map(([name, shape, code]) => [name, code, shape] as const))(
    'maps %s to %s',
    (_name, expected, shape) => {
      const error = Object.assign(new Error(shape['message'] ?? ''), shape);
      expect(normalizeError(error).error.code).toBe(expected);
    },
  );

  it('keeps the CRM code for logs', () => {
    const error = Object.assign(new Error('x'), { errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(normalizeError(error).details).toEqual({ crmCode: 'REQUEST_LIMIT_EXCEEDED', status: 403 });
  });
});

describe('fromResponse', () => {
  it.each([
    [404, [{ errorCode: 'NOT_FOUND', message: 'gone' }], 'NOT_FOUND'],
    [400, [{ errorCode: 'DUPLICATE_VALUE', message: 'dup' }], 'CONFLICT'],
    [400, { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id' }, 'NOT_FOUND'],
    [503, 'Service Unavailable', 'UNAVAILABLE'],
    [401, null, 'UNAUTHORIZED'],
  ])('maps HTTP %i with %j to its code', (status, body, expected) => {
    expect(fromResponse(status, body).error.code).toBe(expected);
  });

  it('keeps every field Salesforce names across all of a record’s errors as issues, the first error as the message', () => {
    const failure = fromResponse(400, [
      {
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'bad value for restricted picklist field: maybe',
        fields: ['Handoff_Status__c'],
      },
      { errorCode: 'STRING_TOO_LONG', message: 'Title: data value too large', fields: ['Title'] },
      {
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [LastName, Company]',
        fields: ['LastName', 'Company'],
      },
    ]);
    expect(failure.error).toEqual({
      code: 'INVALID',
      message: 'bad value for restricted picklist field: maybe',
      issues: [
        {
          path: 'Handoff_Status__c',
          message: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: bad value for restricted picklist field: maybe',
        },
        { path: 'Title', message: 'STRING_TOO_LONG: Title: data value too large' },
        {
          path: 'LastName',
          message: 'REQUIRED_FIELD_MISSING: Required fields are missing: [LastName, Company]',
        },
        {
          path: 'Company',
          message: 'REQUIRED_FIELD_MISSING: Required fields are missing: [LastName, Company]',
        },
      ],
    });
  });
});

describe('retry', () => {
  it.each([
    [0, undefined, 100],
    [3, undefined, 800],
    [1, 1000, 1000],
    [10, undefined, 5000],
    [0, 60_000, 5000],
  ])('waits before retry %i (Retry-After %s) for %i ms', (attempt, retryAfter, expected) => {
    expect(retryDelay(attempt, { maxRetries: 10, baseMs: 100, maxDelayMs: 5000 }, retryAfter)).toBe(expected);
  });

  it.each([
    ['retries an outage until it passes', ['ERROR_HTTP_503', 'ERROR_HTTP_503', null], 3, true],
    ['stops at once on a caller mistake', ['MALFORMED_QUERY', null], 1, false],
    [
      'stops after maxRetries',
      ['REQUEST_LIMIT_EXCEEDED', 'REQUEST_LIMIT_EXCEEDED', 'REQUEST_LIMIT_EXCEEDED', null],
      3,
      false,
    ],
  ])('%s', async (_name, script, calls, ok) => {
    let made = 0;
    const result = await withRetry(
      async () => {
        const code = script[made++];
        if (code !== null && code !== undefined) throw Object.assign(new Error(code), { errorCode: code });
        return 'done';
      },
      { maxRetries: 2, baseMs: 1, maxDelayMs: 1 },
      (raw) => ({ ok: true, data: raw }),
    );
    expect([made, result.ok]).toEqual([calls, ok]);
  });
});

/** A connection whose composite answers as given and whose every other call is unexpected. */
function fakeConnection(compositeAnswers: unknown[]): SalesforceConnection & { readonly composites: number } {
  let composites = 0;
  const unexpected = (): Promise<never> => Promise.reject(new Error('unexpected call'));
  const precheck = {
    totalSize: 1,
    done: true,
    records: [
      {
        Id: '00Q5g0000000002EAA',
        Handoff_Stage__c: 'mql',
        Handoff_First_Touch_At__c: null,
        IsConverted: false,
        Lead_Dispositions__r: null,
      },
    ],
  };
  return {
    version: '62.0',
    get composites() {
      return composites;
    },
    query: () => Promise.resolve(precheck),
    queryMore: unexpected,
    retrieve: unexpected,
    upsert: unexpected,
    composite: () => {
      const answer = compositeAnswers[composites++];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    bulkQuery: unexpected,
    bulkUpsert: unexpected,
  };
}

const plan = JSON.parse(
  readFileSync(new URL('./fixtures/disposition-plan-reject.json', import.meta.url), 'utf8'),
) as Parameters<ReturnType<typeof createSalesforceAdapter>['writeDisposition']>[0]['plan'];

const halted = { body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }], httpStatusCode: 400 };

describe('writeDisposition over a fake connection (answers the emulator cannot produce)', () => {
  it.each([
    [
      'a row lock on the record, reported behind a halted sibling',
      [
        {
          compositeResponse: [
            { ...halted, referenceId: 'disposition' },
            {
              body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }],
              httpStatusCode: 400,
              referenceId: 'record',
            },
            { ...halted, referenceId: 'note' },
          ],
        },
      ],
      'CONFLICT',
      1,
    ],
    [
      'a response lost after the write, retried to an update',
      [
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        {
          compositeResponse: [
            {
              body: { id: 'a025g0000000009AAA', success: true, errors: [], created: false },
              httpStatusCode: 200,
              referenceId: 'disposition',
            },
            { body: null, httpStatusCode: 204, referenceId: 'record' },
            {
              body: { id: '00T5g0000000009AAA', success: true, errors: [], created: false },
              httpStatusCode: 200,
              referenceId: 'note',
            },
          ],
        },
      ],
      'ok',
      2,
    ],
    ['an answer that is not a composite response', [{ unexpected: true }], 'INVALID', 1],
  ])('handles %s', async (_name, answers, expected, calls) => {
    const connection = fakeConnection(answers);
    const adapter = createSalesforceAdapter({ connection, retryBaseMs: 1, maxRetryDelayMs: 1 });
    const result = await adapter.writeDisposition({ leadId: '00Q5g0000000002EAA', plan });
    expect(result.ok ? 'ok' : result.error.code).toBe(expected);
    expect(connection.composites).toBe(calls);
  });
});
