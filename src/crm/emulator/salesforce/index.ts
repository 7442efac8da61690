import type { Database } from 'better-sqlite3';
import type { EmulatedApi, EmulatorRequest, EmulatorResponse, SeedData } from '../types';
import { migrateBulk } from './bulk';
import { loadSeed } from './load';
import type { OAuthConfig } from './oauth';
import { migrateCursors } from './query-endpoint';
import { TOKEN_PATH, handleRequest, normalizePath } from './router';
import { migrateStore } from './store';

/**
 * The emulated Salesforce API (REST v62.0 and neighbours, SOQL, sObject Collections, composite, Bulk API 2.0,
 * OAuth token endpoint), mounted by the emulator server under `/salesforce`.
 *
 * Note for the server: jsforce 3.10.16's Bulk API 2.0 client builds its URLs with `new URL('/services/...',
 * instanceUrl)`, which drops the `/salesforce` path of the instance URL. Route paths for which
 * `isUnprefixedSalesforcePath` is true to this module as well (HubSpot never uses `/services/`).
 */

export type SalesforceApiOptions = Partial<OAuthConfig>;

export const DEFAULT_OAUTH: OAuthConfig = {
  accessToken: process.env['HANDOFF_SANDBOX_TOKEN'] ?? 'sandbox-token',
  clientId: 'handoff-sandbox-client',
  clientSecret: 'handoff-sandbox-secret',
  refreshToken: 'handoff-sandbox-refresh-token',
  jwtPublicKey: null,
  jwtAudiences: ['https://login.salesforce.com', 'https://test.salesforce.com'],
};

/** True for Salesforce paths that reach the server without the `/salesforce` prefix (see the module note). */
export function isUnprefixedSalesforcePath(path: string): boolean {
  return /^\/services\/(data|oauth2)(\/|$)/.test(normalizePath(path));
}

export function createSalesforceApi(options: SalesforceApiOptions = {}): EmulatedApi {
  const oauth: OAuthConfig = { ...DEFAULT_OAUTH, ...options };
  const migrate = (db: Database): void => {
    migrateStore(db);
    migrateCursors(db);
    migrateBulk(db);
  };
  return {
    name: 'salesforce',
    prefix: '/salesforce',
    ownsUnprefixedPath: isUnprefixedSalesforcePath,
    migrate,
    load(db: Database, seed: SeedData): void {
      migrate(db);
      db.exec('DELETE FROM sf_query_cursors; DELETE FROM sf_bulk_jobs;');
      loadSeed(db, seed);
    },
    isPublic(req: EmulatorRequest): boolean {
      return normalizePath(req.path) === TOKEN_PATH;
    },
    handle: (req, ctx) => handleRequest(req, ctx, oauth),
    unauthorized(): EmulatorResponse {
      return {
        status: 401,
        body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
      };
    },
    /**
     * Salesforce answers the org's API request limit with 403 REQUEST_LIMIT_EXCEEDED (not 429); the Retry-After
     * header is the emulator's hint. Its concurrent long-request limit uses the same code and status. jsforce does
     * not retry 403s, so callers retry these themselves.
     */
    rateLimited(retryAfterSeconds: number): EmulatorResponse {
      return {
        status: 403,
        headers: { 'Retry-After': String(retryAfterSeconds) },
        body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
      };
    },
    serverError(status: number): EmulatorResponse {
      if (status === 503) {
        return {
          status,
          body: [
            {
              message: 'Server temporarily unavailable, please try again later.',
              errorCode: 'SERVER_UNAVAILABLE',
            },
          ],
        };
      }
      return {
        status,
        body: [
          {
            message:
              'An unexpected error occurred. Please include this ErrorId if you contact support: 1988-0',
            errorCode: 'UNKNOWN_EXCEPTION',
          },
        ],
      };
    },
  };
}

export const salesforceApi: EmulatedApi = createSalesforceApi();
