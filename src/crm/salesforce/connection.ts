/**
 * The narrow Salesforce connection: only the jsforce calls the adapter makes (as salto's adapter does), so tests can
 * swap in a typed fake and nothing else in the adapter touches jsforce. Every method returns the raw JSON jsforce
 * produced (`unknown`); the adapter parses it with zod.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import type { Record as JsforceRecord, TokenResponse } from 'jsforce';
import { err, ok, type Result } from '../../core/shared/result';
import type { CrmErrorCode } from '../port';
import { normalizeError } from './errors';
import { SF_API_VERSION } from './schema-names';
import type { SalesforceId, Soql } from './soql';

/** One row for an sObject write: field API names to JSON values (`attributes.type` is added for you). */
export type SObjectRow = Readonly<Record<string, string | number | boolean | null>>;

/** One `/composite` subrequest (URLs are relative to the instance: `/services/data/v62.0/…`). */
export interface CompositeSubrequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly referenceId: string;
  readonly body?: SObjectRow;
}

export interface BulkUpsertOutcome {
  readonly created: number;
  readonly updated: number;
  readonly failed: readonly { readonly row: number; readonly error: string }[];
}

/** The jsforce calls the Salesforce adapter uses, and nothing else. */
export interface SalesforceConnection {
  /** The API version of every path built from this connection, e.g. `62.0`. */
  readonly version: string;
  /** `GET /query`; with `autoFetch`, follows `nextRecordsUrl` (and child subquery pages) up to `maxFetch` records. */
  query(soql: Soql, options?: { readonly autoFetch?: boolean; readonly maxFetch?: number }): Promise<unknown>;
  /** `GET /query/<locator>`: the next page of an earlier query. */
  queryMore(locator: string): Promise<unknown>;
  /** `POST /composite/sobjects/<object>`: up to 200 records by id, `null` for ids that do not exist. */
  retrieve(object: string, ids: readonly SalesforceId[], fields: readonly string[]): Promise<unknown>;
  /** `PATCH /composite/sobjects/<object>/<externalIdField>`: up to 200 upserts with allOrNone. */
  upsert(
    object: string,
    externalIdField: string,
    rows: readonly SObjectRow[],
    options: { readonly allOrNone: boolean },
  ): Promise<unknown>;
  /** `POST /composite`: up to 25 subrequests in order, one transaction when allOrNone. */
  composite(
    subrequests: readonly CompositeSubrequest[],
    options: { readonly allOrNone: boolean },
  ): Promise<unknown>;
  /** Bulk API 2.0 query job: every row, values as CSV text, parent fields as dotted columns. */
  bulkQuery(soql: Soql): Promise<readonly Readonly<Record<string, unknown>>[]>;
  /** Bulk API 2.0 ingest job upserting by an external id: a rerun updates instead of duplicating. */
  bulkUpsert(
    object: string,
    externalIdField: string,
    rows: readonly SObjectRow[],
  ): Promise<BulkUpsertOutcome>;
}

export interface ConnectionOptions {
  /** Salesforce API version; default 62.0. */
  readonly version?: string;
  /** How often Bulk API 2.0 jobs are polled; default 1000 ms. */
  readonly bulkPollIntervalMs?: number;
  /** How long a Bulk API 2.0 job may take; default 10 minutes. */
  readonly bulkPollTimeoutMs?: number;
  /** The clock JWT assertions are stamped with; default Date.now. */
  readonly now?: () => number;
}

/**
 * Puts the narrow interface over a jsforce Connection you already hold.
 * @example fromJsforce(new Connection({ instanceUrl, accessToken, version: '62.0' })).query(soql)
 */
export function fromJsforce(conn: Connection, options: ConnectionOptions = {}): SalesforceConnection {
  const version = options.version ?? conn.version;
  const polling = {
    pollInterval: options.bulkPollIntervalMs ?? 1000,
    pollTimeout: options.bulkPollTimeoutMs ?? 600_000,
  };
  return {
    version,
    query: async (soql, queryOptions = {}) =>
      conn.query(soql, {
        autoFetch: queryOptions.autoFetch ?? false,
        maxFetch: queryOptions.maxFetch ?? 10_000,
      }),
    queryMore: async (locator) => conn.queryMore(locator),
    retrieve: async (object, ids, fields) => conn.retrieve(object, [...ids], { fields: [...fields] }),
    upsert: async (object, externalIdField, rows, { allOrNone }) =>
      conn.upsert(
        object,
        rows.map((row) => ({ ...row, attributes: { type: object } }) as JsforceRecord),
        externalIdField,
        { allOrNone },
      ),
    composite: async (subrequests, { allOrNone }) =>
      conn.requestPost(`/services/data/v${version}/composite`, {
        allOrNone,
        compositeRequest: subrequests,
      }),
    bulkQuery: async (soql) => {
      const stream = await conn.bulk2.query(soql, polling);
      const rows: Record<string, unknown>[] = [];
      for await (const row of stream as AsyncIterable<Record<string, unknown>>) rows.push(row);
      return rows;
    },
    bulkUpsert: async (object, externalIdField, rows) => {
      const results = await conn.bulk2.loadAndWaitForResults({
        object,
        operation: 'upsert',
        externalIdFieldName: externalIdField,
        input: csvRows(rows),
        ...polling,
      });
      const created = results.successfulResults.filter((r) => String(r['sf__Created']) === 'true').length;
      return {
        created,
        updated: results.successfulResults.length - created,
        failed: results.failedResults.map((r, index) => ({ row: index, error: String(r['sf__Error']) })),
      };
    },
  };
}

/**
 * Rows as Bulk API 2.0 CSV records: every row gets every column (jsforce takes the header from the first row), an
 * empty cell leaves a field unchanged and `#N/A` sets it to null.
 */
function csvRows(rows: readonly SObjectRow[]): JsforceRecord[] {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return rows.map((row) =>
    Object.fromEntries(
      columns.map((column) => {
        const value = row[column];
        return [column, value === undefined ? '' : value === null ? '#N/A' : String(value)];
      }),
    ),
  );
}

/** Credentials for `connectSalesforce`: a session, a refresh token, or a JWT bearer key. Never a password. */
export type SalesforceAuth =
  | { readonly instanceUrl: string; readonly accessToken: string }
  | {
      readonly instanceUrl?: string;
      readonly loginUrl: string;
      readonly clientId: string;
      readonly clientSecret?: string;
      readonly refreshToken: string;
    }
  | {
      readonly loginUrl: string;
      readonly clientId: string;
      readonly username: string;
      readonly privateKeyPem: string;
      /** The JWT `aud`; default the login URL (https://login.salesforce.com or https://test.salesforce.com). */
      readonly audience?: string;
    };

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
// jsforce's OAuth2 wants a redirect URI even for grants that never redirect.
const UNUSED_REDIRECT = 'http://localhost/unused-callback';
const JWT_LIFETIME_S = 180;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A signed RS256 JWT bearer assertion for Salesforce's OAuth token endpoint.
 * @example jwtAssertion({ clientId: '3MVG…', username: 'api@acme.com', audience: 'https://login.salesforce.com' }, key, Date.now())
 */
export function jwtAssertion(
  claims: { readonly clientId: string; readonly username: string; readonly audience: string },
  key: KeyObject,
  nowMs: number,
): string {
  const unsigned = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({
    iss: claims.clientId,
    sub: claims.username,
    aud: claims.audience,
    exp: Math.floor(nowMs / 1000) + JWT_LIFETIME_S,
  })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}

function failure(code: CrmErrorCode, message: string): Result<never, CrmErrorCode> {
  return err(code, message);
}

/**
 * Opens a jsforce connection (API 62.0 by default) by access token + instance URL, refresh token (refreshed at once
 * when no instance URL is given, else by jsforce on the first 401), or JWT bearer signed with node:crypto (re-signed
 * whenever the session expires).
 * @example await connectSalesforce({ instanceUrl: 'https://acme.my.salesforce.com', accessToken }) // → { ok: true, data: SalesforceConnection }
 */
export async function connectSalesforce(
  auth: SalesforceAuth,
  options: ConnectionOptions = {},
): Promise<Result<SalesforceConnection, CrmErrorCode>> {
  const version = options.version ?? SF_API_VERSION;
  const clock = options.now ?? Date.now;
  try {
    if ('accessToken' in auth) {
      return ok(
        fromJsforce(
          new Connection({ instanceUrl: auth.instanceUrl, accessToken: auth.accessToken, version }),
          options,
        ),
      );
    }
    if ('refreshToken' in auth) {
      const oauth2 = {
        loginUrl: auth.loginUrl,
        clientId: auth.clientId,
        redirectUri: UNUSED_REDIRECT,
        ...(auth.clientSecret === undefined ? {} : { clientSecret: auth.clientSecret }),
      };
      let instanceUrl = auth.instanceUrl;
      let accessToken: string | undefined;
      if (instanceUrl === undefined) {
        // Without an instance URL the first refresh tells us where the org lives.
        const token: TokenResponse = await new OAuth2(oauth2).refreshToken(auth.refreshToken);
        instanceUrl = token.instance_url;
        accessToken = token.access_token;
      }
      const conn = new Connection({
        oauth2,
        refreshToken: auth.refreshToken,
        version,
        instanceUrl,
        ...(accessToken === undefined ? {} : { accessToken }),
      });
      return ok(fromJsforce(conn, options));
    }
    let key: KeyObject;
    try {
      key = createPrivateKey(auth.privateKeyPem);
    } catch {
      return failure('INVALID', 'privateKeyPem is not a PEM private key');
    }
    const claims = {
      clientId: auth.clientId,
      username: auth.username,
      audience: auth.audience ?? auth.loginUrl,
    };
    const oauth2 = { loginUrl: auth.loginUrl, clientId: auth.clientId, redirectUri: UNUSED_REDIRECT };
    const conn: Connection = new Connection({
      oauth2,
      version,
      // A JWT session has no refresh token: sign a fresh assertion when jsforce sees the session expire.
      refreshFn: (c, callback) => {
        c.oauth2
          .requestToken({ grant_type: JWT_GRANT, assertion: jwtAssertion(claims, key, clock()) })
          .then((token) => callback(null, token.access_token, token))
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      },
    });
    await conn.authorize({ grant_type: JWT_GRANT, assertion: jwtAssertion(claims, key, clock()) });
    return ok(fromJsforce(conn, options));
  } catch (error) {
    const normalized = normalizeError(error);
    return failure(normalized.error.code, normalized.error.message);
  }
}
