/**
 * The one Salesforce error normaliser: jsforce errors (`errorCode`, `name`), per-row errors from sObject
 * Collections (`statusCode`), composite subresponses (`httpStatusCode` + `[{ errorCode }]`), Node network errors and
 * OAuth errors all become a `CrmErrorCode` with the CRM's own code kept for logs.
 */
import type { FieldIssue } from '../../core/shared/result';
import type { CrmErrorCode, CrmErrorDetails, CrmResult } from '../port';

/** A failed CrmResult: the error value the adapter returns across the port. */
export type CrmFailure = Extract<CrmResult<never>, { ok: false }>;

const BY_CODE: Readonly<Record<string, CrmErrorCode>> = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID_CROSS_REFERENCE_KEY: 'NOT_FOUND',
  ENTITY_IS_DELETED: 'NOT_FOUND',
  INVALID_SESSION_ID: 'UNAUTHORIZED',
  INVALID_AUTH_HEADER: 'UNAUTHORIZED',
  invalid_grant: 'UNAUTHORIZED',
  invalid_client: 'UNAUTHORIZED',
  invalid_client_id: 'UNAUTHORIZED',
  INSUFFICIENT_ACCESS: 'FORBIDDEN',
  INSUFFICIENT_ACCESS_OR_READONLY: 'FORBIDDEN',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'FORBIDDEN',
  API_DISABLED_FOR_ORG: 'FORBIDDEN',
  API_CURRENTLY_DISABLED: 'FORBIDDEN',
  FUNCTIONALITY_NOT_ENABLED: 'FORBIDDEN',
  REQUEST_LIMIT_EXCEEDED: 'RATE_LIMITED',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  ERROR_HTTP_429: 'RATE_LIMITED',
  ERROR_HTTP_420: 'RATE_LIMITED',
  DUPLICATE_VALUE: 'CONFLICT',
  DUPLICATES_DETECTED: 'CONFLICT',
  UNABLE_TO_LOCK_ROW: 'CONFLICT',
  ENTITY_IS_LOCKED: 'CONFLICT',
  MULTIPLE_CHOICES: 'CONFLICT',
  SERVER_UNAVAILABLE: 'UNAVAILABLE',
  UNKNOWN_EXCEPTION: 'UNAVAILABLE',
  QUERY_TIMEOUT: 'UNAVAILABLE',
  ERROR_HTTP_500: 'UNAVAILABLE',
  ERROR_HTTP_502: 'UNAVAILABLE',
  ERROR_HTTP_503: 'UNAVAILABLE',
  ERROR_HTTP_504: 'UNAVAILABLE',
  ERROR_HTTP_401: 'UNAUTHORIZED',
  ERROR_HTTP_403: 'FORBIDDEN',
  ERROR_HTTP_404: 'NOT_FOUND',
};

const STATUS: Readonly<Record<CrmErrorCode, number>> = {
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 403,
  CONFLICT: 409,
  INVALID: 400,
  UNAVAILABLE: 503,
};

/** Node and fetch failures that mean "the connection broke", worth retrying. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ENOTFOUND',
]);

/**
 * Builds a failed CrmResult: `crmError('NOT_FOUND', 'no lead 00Q…')`.
 * @example crmError('INVALID', 'bad id', { crmCode: 'MALFORMED_ID' }) // → { ok: false, error: { code: 'INVALID', … }, details: { crmCode: 'MALFORMED_ID' } }
 */
export function crmError(code: CrmErrorCode, message: string, details: CrmErrorDetails = {}): CrmFailure {
  return { ok: false, error: { code, message, issues: [] }, details };
}

/**
 * Maps a Salesforce error code (`REQUEST_LIMIT_EXCEEDED`, `ERROR_HTTP_503`, `MALFORMED_QUERY`…) to the port's codes;
 * every code not listed is the caller's mistake (INVALID).
 * @example codeFor('INVALID_SESSION_ID') // → 'UNAUTHORIZED'
 */
export function codeFor(crmCode: string): CrmErrorCode {
  const known = BY_CODE[crmCode];
  if (known !== undefined) return known;
  const http = /^ERROR_HTTP_(\d{3})$/.exec(crmCode);
  if (http !== null) return Number(http[1]) >= 500 ? 'UNAVAILABLE' : 'INVALID';
  return 'INVALID';
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Turns anything a jsforce call threw into a failed CrmResult.
 * @example normalizeError(Object.assign(new Error('Session expired'), { errorCode: 'INVALID_SESSION_ID' })).error.code // → 'UNAUTHORIZED'
 */
export function normalizeError(error: unknown): CrmFailure {
  const message = error instanceof Error ? error.message : String(error);
  const networkCode = fieldOf(error, 'code') ?? fieldOf(fieldOf(error, 'cause'), 'code');
  if (typeof networkCode === 'string' && NETWORK_CODES.has(networkCode)) {
    return crmError('UNAVAILABLE', `connection failed: ${message}`, { crmCode: networkCode });
  }
  if (/socket hang up|network|fetch failed|ECONNRESET|premature close/i.test(message)) {
    return crmError('UNAVAILABLE', `connection failed: ${message}`, { crmCode: 'NETWORK' });
  }
  const candidates = ['errorCode', 'statusCode', 'error', 'name']
    .map((key) => fieldOf(error, key))
    .filter((value): value is string => typeof value === 'string' && value !== '');
  const explicit = ['errorCode', 'statusCode']
    .map((key) => fieldOf(error, key))
    .find((value): value is string => typeof value === 'string' && value !== '');
  const errorCode =
    candidates.find((c) => BY_CODE[c] !== undefined || c.startsWith('ERROR_HTTP_')) ?? explicit;
  if (errorCode !== undefined) {
    const code = codeFor(errorCode);
    return crmError(code, message, { crmCode: errorCode, status: STATUS[code] });
  }
  return crmError('UNAVAILABLE', message);
}

/**
 * Maps a Salesforce REST error body (`[{ errorCode, message }]`) or collections row error
 * (`{ statusCode, message }`) with its HTTP status.
 * @example fromResponse(404, [{ errorCode: 'NOT_FOUND', message: 'gone' }]).error.code // → 'NOT_FOUND'
 */
export function fromResponse(status: number, body: unknown): CrmFailure {
  const all: readonly unknown[] = Array.isArray(body) ? body : [body];
  const first = all[0];
  const crmCode = fieldOf(first, 'errorCode') ?? fieldOf(first, 'statusCode');
  const message = fieldOf(first, 'message');
  const text = typeof message === 'string' ? message : `Salesforce answered HTTP ${status}`;
  if (typeof crmCode === 'string') {
    // A rolled-back sibling says nothing about the cause; callers pass the failing row first.
    const code = codeFor(crmCode);
    const failure = crmError(code, text, { crmCode, status });
    return { ...failure, error: { ...failure.error, issues: fieldIssues(all) } };
  }
  const code: CrmErrorCode =
    status >= 500
      ? 'UNAVAILABLE'
      : status === 404
        ? 'NOT_FOUND'
        : status === 401
          ? 'UNAUTHORIZED'
          : 'INVALID';
  return crmError(code, text, { status });
}

/**
 * Every field Salesforce names in its errors (it reports all of a record's problems at once), as field issues:
 * `{ path: 'Handoff_Status__c', message: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: bad value …' }`.
 */
function fieldIssues(errors: readonly unknown[]): FieldIssue[] {
  return errors.flatMap((e) => {
    const fields = fieldOf(e, 'fields');
    const code = fieldOf(e, 'errorCode') ?? fieldOf(e, 'statusCode');
    const message = fieldOf(e, 'message');
    const text = `${typeof code === 'string' ? `${code}: ` : ''}${typeof message === 'string' ? message : ''}`;
    return Array.isArray(fields)
      ? fields.filter((f): f is string => typeof f === 'string').map((path) => ({ path, message: text }))
      : [];
  });
}

/** Codes worth another attempt: the request may succeed unchanged later. */
export function isRetryable(failure: CrmFailure): boolean {
  return failure.error.code === 'RATE_LIMITED' || failure.error.code === 'UNAVAILABLE';
}
