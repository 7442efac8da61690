import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { Connection } from 'jsforce';
import type { ConnectionConfig } from 'jsforce';
import type { Database as Db } from 'better-sqlite3';
import type { EmulatedApi, EmulatorRequest, EmulatorResponse, SeedData } from '../types';
import { createSalesforceApi, isUnprefixedSalesforcePath } from './index';
import type { SalesforceApiOptions } from './index';

/**
 * A minimal stand-in for the emulator server, so this module's tests do not depend on it: node:http, an in-memory
 * database, the bearer check, the `/salesforce` prefix stripped, and a clock the test controls.
 */

export interface TestServer {
  readonly url: string;
  readonly instanceUrl: string;
  readonly db: Db;
  readonly api: EmulatedApi;
  readonly token: string;
  setNow(ms: number): void;
  load(seed: SeedData): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers))
    out[key] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export async function startTestServer(
  options: SalesforceApiOptions & { readonly now?: number } = {},
): Promise<TestServer> {
  const token = options.accessToken ?? 'sandbox-token';
  const api = createSalesforceApi({ ...options, accessToken: token });
  const db = new Database(':memory:');
  api.migrate(db);
  let now = options.now ?? Date.UTC(2026, 11, 3, 15, 0, 0);
  let baseUrl = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const rawBody = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const prefixed = url.pathname === api.prefix || url.pathname.startsWith(`${api.prefix}/`);
      if (!prefixed && !isUnprefixedSalesforcePath(url.pathname)) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('[]');
        return;
      }
      let body: unknown;
      try {
        body = rawBody === '' ? undefined : (JSON.parse(rawBody) as unknown);
      } catch {
        body = undefined;
      }
      const request: EmulatorRequest = {
        method: req.method ?? 'GET',
        path: prefixed ? url.pathname.slice(api.prefix.length) || '/' : url.pathname,
        query: url.searchParams,
        headers: flatHeaders(req),
        body,
        rawBody,
      };
      let response: EmulatorResponse;
      if (!api.isPublic(request) && req.headers.authorization !== `Bearer ${token}`) {
        response = api.unauthorized();
      } else {
        response = await api.handle(request, { db, now: () => now, baseUrl });
      }
      const text = response.rawBody ?? (response.body === undefined ? '' : JSON.stringify(response.body));
      const headers: Record<string, string> = { ...(response.headers ?? {}) };
      if (response.rawBody === undefined && response.body !== undefined) {
        headers['Content-Type'] ??= 'application/json;charset=UTF-8';
      }
      res.writeHead(response.status, headers).end(text);
    })().catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  baseUrl = `${url}${api.prefix}`;
  return {
    url,
    instanceUrl: baseUrl,
    db,
    api,
    token,
    setNow: (ms) => {
      now = ms;
    },
    load: (seed) => api.load(db, seed),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          db.close();
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}

/** The seed fixture most tests load (5 leads, 2 deals, 2 assets; the clock's "now" is 2026-12-03 15:00 UTC). */
export function smallSeed(): SeedData {
  return JSON.parse(readFileSync(new URL('./fixtures/small-seed.json', import.meta.url), 'utf8')) as SeedData;
}

/** A real jsforce connection to the test server, as the Salesforce adapter will open it. */
export function connect(server: TestServer, options: Partial<ConnectionConfig> = {}): Connection {
  return new Connection({
    instanceUrl: server.instanceUrl,
    accessToken: server.token,
    version: '62.0',
    ...options,
  });
}

/** A raw call with the bearer token, for status codes and headers jsforce hides. */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const init: RequestInit = {
    method,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
  };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${server.instanceUrl}${path}`, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}
