import { describe, expect, it } from 'vitest';
import { MalformedResponse, normaliseHubSpotError, retryAfterMs } from './errors';

const apiException = (code: number, body: unknown, headers: Record<string, string> = {}) => ({
  code,
  body,
  headers,
});
const fetchFailed = (code: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket'), { code }) });

describe('normaliseHubSpotError', () => {
  it.each([
    [
      'a 404 is NOT_FOUND',
      apiException(404, { category: 'OBJECT_NOT_FOUND', message: 'gone' }),
      'NOT_FOUND',
      404,
    ],
    ['a 401 is UNAUTHORIZED', apiException(401, { category: 'INVALID_AUTHENTICATION' }), 'UNAUTHORIZED', 401],
    ['a 403 is FORBIDDEN', apiException(403, { category: 'MISSING_SCOPES' }), 'FORBIDDEN', 403],
    ['a 409 is CONFLICT', apiException(409, { category: 'CONFLICT' }), 'CONFLICT', 409],
    [
      'a 400 is INVALID',
      apiException(400, { category: 'VALIDATION_ERROR', errors: [{ code: 'INVALID_OPTION' }] }),
      'INVALID',
      400,
    ],
    [
      'a 400 for rejected associations is INVALID (the adapter then looks for a missing target)',
      apiException(400, {
        category: 'VALIDATION_ERROR',
        message: 'One or more associations are invalid: object 987654321 does not exist',
      }),
      'INVALID',
      400,
    ],
    [
      'a 429 is RATE_LIMITED',
      apiException(429, { policyName: 'DAILY' }, { 'retry-after': '3600' }),
      'RATE_LIMITED',
      429,
    ],
    ['a 500 is UNAVAILABLE', apiException(500, { category: 'INTERNAL_ERROR' }), 'UNAVAILABLE', 500],
    ['a 503 without a body is UNAVAILABLE', apiException(503, undefined), 'UNAVAILABLE', 503],
  ])('maps %s', (_name, cause, code, status) => {
    const failure = normaliseHubSpotError(cause, 0);
    expect(failure.error.code).toBe(code);
    expect(failure.details?.status).toBe(status);
  });

  it.each([
    ['a connection reset', fetchFailed('ECONNRESET')],
    ['a refused connection', fetchFailed('ECONNREFUSED')],
    ['a socket closed by the other side', fetchFailed('UND_ERR_SOCKET')],
  ])('maps %s to UNAVAILABLE with the NETWORK code', (_name, cause) => {
    expect(normaliseHubSpotError(cause, 0)).toMatchObject({
      error: { code: 'UNAVAILABLE' },
      details: { crmCode: 'NETWORK' },
    });
  });

  it('keeps the Retry-After of a 429 in milliseconds and the policy as the CRM code', () => {
    const failure = normaliseHubSpotError(
      apiException(429, { policyName: 'TEN_SECONDLY_ROLLING' }, { 'retry-after': '2' }),
      0,
    );
    expect(failure.details).toEqual({ status: 429, crmCode: 'TEN_SECONDLY_ROLLING', retryAfterMs: 2000 });
  });

  it('reports the first detailed HubSpot error code', () => {
    const failure = normaliseHubSpotError(
      apiException(400, { category: 'VALIDATION_ERROR', errors: [{ code: 'PROPERTY_DOESNT_EXIST' }] }),
      0,
    );
    expect(failure.details?.crmCode).toBe('PROPERTY_DOESNT_EXIST');
  });

  it('keeps every property a validation answer names as a field issue', () => {
    const failure = normaliseHubSpotError(
      apiException(400, {
        category: 'VALIDATION_ERROR',
        message: 'Property values were not valid',
        errors: [
          {
            code: 'INVALID_OPTION',
            message: '"maybe" was not one of the allowed options',
            context: { propertyName: ['handoff_status'] },
          },
          {
            code: 'INVALID_DATETIME',
            message: 'not a date',
            context: { propertyName: ['handoff_recycle_at'] },
          },
        ],
      }),
      0,
    );
    expect(failure.error).toEqual({
      code: 'INVALID',
      message: 'Property values were not valid',
      issues: [
        { path: 'handoff_status', message: 'INVALID_OPTION: "maybe" was not one of the allowed options' },
        { path: 'handoff_recycle_at', message: 'INVALID_DATETIME: not a date' },
      ],
    });
  });

  it('maps a malformed answer to UNAVAILABLE with the MALFORMED_RESPONSE code', () => {
    const failure = normaliseHubSpotError(new MalformedResponse('contact 5', 'id: expected string'), 0);
    expect(failure).toMatchObject({
      error: { code: 'UNAVAILABLE' },
      details: { crmCode: 'MALFORMED_RESPONSE' },
    });
  });

  it('maps anything else to UNAVAILABLE with the UNEXPECTED code instead of throwing', () => {
    expect(normaliseHubSpotError('a string thrown', 0).details?.crmCode).toBe('UNEXPECTED');
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['whole seconds', '3', 3000],
    ['fractions of a second', '0.5', 500],
    ['an HTTP date ten seconds ahead', new Date(10_000).toUTCString(), 10_000],
    ['an HTTP date in the past as zero', new Date(0).toUTCString(), 0],
    ['garbage as absent', 'soon', undefined],
    ['a missing header as absent', undefined, undefined],
  ])('reads %s', (_name, header, expected) => {
    expect(retryAfterMs(header, 0)).toBe(expected);
  });
});
