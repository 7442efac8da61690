import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../types';
import { routeJobs } from './bulk';
import { runComposite } from './composite';
import { SfError, errorResponse, notFound } from './errors';
import { handleToken } from './oauth';
import type { OAuthConfig } from './oauth';
import { queryMore, runQuery } from './query-endpoint';
import { header } from './request';
import type { SfEnv, SfRequest } from './request';
import { routeCollections, routeSobjects } from './sobjects';
import { SfStore } from './store';

/** Dispatches Salesforce paths (after the `/salesforce` prefix) to their handlers and shapes every error. */

export const TOKEN_PATH = '/services/oauth2/token';
const SUPPORTED_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0'];
const VERSION_LABELS: Readonly<Record<string, string>> = {
  '58.0': "Winter '24",
  '59.0': "Spring '24",
  '60.0': "Summer '24",
  '61.0': "Winter '25",
  '62.0': "Spring '25",
  '63.0': "Summer '25",
  '64.0': "Winter '26",
};
const DAILY_API_REQUESTS = 15_000;

export function normalizePath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

function versions(): EmulatorResponse {
  return {
    status: 200,
    body: SUPPORTED_VERSIONS.map((version) => ({
      label: VERSION_LABELS[version] ?? version,
      url: `/services/data/v${version}`,
      version,
    })),
  };
}

function resources(version: string): EmulatorResponse {
  const base = `/services/data/v${version}`;
  const names = ['sobjects', 'query', 'queryAll', 'composite', 'jobs', 'limits'];
  return { status: 200, body: Object.fromEntries(names.map((n) => [n, `${base}/${n}`])) };
}

function limits(env: SfEnv): EmulatorResponse {
  const used = env.store.nextNumber('api:requests') - 1;
  const limit = (max: number, remaining: number): { Max: number; Remaining: number } => ({
    Max: max,
    Remaining: Math.max(0, remaining),
  });
  return {
    status: 200,
    body: {
      DailyApiRequests: limit(DAILY_API_REQUESTS, DAILY_API_REQUESTS - used),
      DailyBulkV2QueryJobs: limit(10_000, 10_000),
      DailyBulkV2QueryFileStorageMB: limit(976_562, 976_562),
      DataStorageMB: limit(5, 5),
    },
  };
}

/** Routes a path inside `/services/data/vXX.X`; also used for composite subrequests. */
export function routeData(req: SfRequest, env: SfEnv, path: string): EmulatorResponse {
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  const [head, ...rest] = segments;
  switch (head) {
    case undefined:
      return resources(env.version);
    case 'limits':
      return limits(env);
    case 'query':
    case 'queryAll': {
      if (req.method !== 'GET') throw notFound();
      const locator = rest[0];
      if (locator !== undefined) return queryMore(env.store.db, locator, env.version);
      return runQuery(env.store.db, req.query.get('q'), head, header(req, 'Sforce-Query-Options'), {
        store: env.store,
        now: env.now,
        version: env.version,
        includeDeleted: head === 'queryAll',
      });
    }
    case 'sobjects':
      return routeSobjects(req, env, rest);
    case 'composite': {
      if (rest[0] === 'sobjects') return routeCollections(req, env, rest.slice(1));
      if (rest.length === 0 && req.method === 'POST') {
        return runComposite(req, env, (subRequest, subEnv, subPath) => {
          const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(normalizePath(subPath));
          if (m === null) throw notFound();
          return routeData(subRequest, { ...subEnv, version: m[1] ?? subEnv.version }, m[2] ?? '/');
        });
      }
      throw notFound();
    }
    case 'jobs':
      return routeJobs(req, env, rest);
    default:
      throw notFound();
  }
}

function unexpected(error: unknown): EmulatorResponse {
  const id = Math.abs(
    [...String(error)].reduce((hash, c) => (Math.imul(hash, 31) + c.charCodeAt(0)) | 0, 7),
  ).toString(16);
  return {
    status: 500,
    body: [
      {
        errorCode: 'UNKNOWN_EXCEPTION',
        message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${id}`,
      },
    ],
  };
}

export function handleRequest(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  oauth: OAuthConfig,
): EmulatorResponse {
  try {
    const path = normalizePath(req.path);
    const now = ctx.now();
    const store = new SfStore(ctx.db, ctx.now);
    if (path === TOKEN_PATH) {
      if (req.method !== 'POST') {
        return { status: 400, body: { error: 'invalid_request', error_description: 'must use HTTP POST' } };
      }
      return handleToken(req.rawBody, req.body, oauth, store, ctx.baseUrl, now);
    }
    if (path === '/services/data') return versions();
    const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (m === null || !SUPPORTED_VERSIONS.includes(m[1] ?? '')) throw notFound();
    const env: SfEnv = { store, now, version: m[1] ?? '62.0', baseUrl: ctx.baseUrl };
    const sfRequest: SfRequest = {
      method: req.method.toUpperCase(),
      query: req.query,
      headers: req.headers,
      body: req.body,
      rawBody: req.rawBody,
    };
    const run = (): EmulatorResponse => {
      store.nextNumber('api:requests');
      return routeData(sfRequest, env, m[2] ?? '/');
    };
    // Writes run in one transaction so a failure leaves nothing behind.
    return ctx.db.transaction(run)();
  } catch (error) {
    if (error instanceof SfError) return errorResponse(error);
    return unexpected(error);
  }
}
