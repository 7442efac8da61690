import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import * as z from 'zod';
import { ClockPatchSchema, EmulatorClock, type ClockPatch, type ClockState } from './clock';
import { FaultInjector, FaultPatchSchema, type FaultPatch, type FaultSettings } from './faults';
import { DEFAULT_SIZES, generateSeed, type SeedSizes } from './seed/generate';
import { CallStats, endpointKey, type CallOutcome, type StatsSnapshot } from './stats';
import type { EmulatedApi, EmulatorRequest, EmulatorResponse, SeedData } from './types';

export interface EmulatorOptions {
  readonly apis: readonly EmulatedApi[];
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** A SQLite file (created with its folder; data survives restarts) or `:memory:` (the default). */
  readonly dbPath?: string;
  readonly seed?: number;
  readonly sizes?: SeedSizes;
  /** Seed data to load instead of generating it (small synthetic sets in tests). */
  readonly data?: SeedData;
  readonly token?: string;
  readonly faults?: FaultPatch;
  readonly clock?: ClockPatch;
}

export interface SeedInfo {
  readonly seed: number;
  readonly sizes: Required<SeedSizes>;
  readonly anchorMs: number;
  /** Whether this start loaded seed data (false: an existing database was reused). */
  readonly loaded: boolean;
}

export interface RunningEmulator {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly token: string;
  readonly seedInfo: SeedInfo;
  close(): Promise<void>;
  setFaults(patch: FaultPatch): FaultSettings;
  setClock(patch: ClockPatch): ClockState;
  now(): number;
  stats(): StatsSnapshot;
  clearStats(): void;
  /** Deletes every API's data and loads a fresh seed (default: the current seed and sizes, anchored at now). */
  reset(options?: { seed?: number; sizes?: SeedSizes }): SeedInfo;
}

const MAX_BODY_BYTES = 50 * 1024 * 1024;

const ResetSchema = z
  .object({
    seed: z.number().int().optional(),
    sizes: z
      .object({
        leads: z.number().int().min(0).max(100_000).optional(),
        deals: z.number().int().min(0).max(100_000).optional(),
        assets: z.number().int().min(0).max(10_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const SeedMetaSchema = z.object({
  seed: z.number(),
  sizes: z.object({ leads: z.number(), deals: z.number(), assets: z.number() }),
  anchorMs: z.number(),
});

/** Starts the emulator: one HTTP server hosting each API under its prefix, over one SQLite database. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const dbPath = options.dbPath ?? ':memory:';
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const db = new BetterSqlite3(dbPath);
  if (dbPath !== ':memory:') db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS sandbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  for (const api of options.apis) api.migrate(db);

  const token = options.token ?? process.env['HANDOFF_SANDBOX_TOKEN'] ?? 'sandbox-token';
  const clock = new EmulatorClock(options.clock ?? {});
  const faults = new FaultInjector(options.faults ?? {});
  const stats = new CallStats();
  const apis = [...options.apis];

  const readMeta = (key: string): string | undefined =>
    (db.prepare('SELECT value FROM sandbox_meta WHERE key = ?').get(key) as { value: string } | undefined)
      ?.value;
  const writeMeta = (key: string, value: string): void => {
    db.prepare('INSERT OR REPLACE INTO sandbox_meta (key, value) VALUES (?, ?)').run(key, value);
  };

  const seedFor = (meta: z.infer<typeof SeedMetaSchema>, data: SeedData | undefined): SeedData =>
    data ?? generateSeed({ seed: meta.seed, ...meta.sizes, anchorMs: meta.anchorMs });

  /** Loads every API (or only those not loaded yet) with the seed described by `meta`. */
  const load = (
    meta: z.infer<typeof SeedMetaSchema>,
    only: readonly EmulatedApi[],
    data?: SeedData,
  ): void => {
    if (only.length === 0) return;
    const seed = seedFor(meta, data);
    for (const api of only) {
      api.load(db, seed);
      writeMeta(`loaded:${api.name}`, '1');
    }
    writeMeta('seed', JSON.stringify(meta));
  };

  const stored = readMeta('seed');
  const storedMeta = stored === undefined ? undefined : SeedMetaSchema.safeParse(JSON.parse(stored));
  const meta = storedMeta?.success
    ? storedMeta.data
    : {
        seed: options.data?.seed ?? options.seed ?? 42,
        sizes: {
          leads: options.data?.leads.length ?? options.sizes?.leads ?? DEFAULT_SIZES.leads,
          deals: options.data?.deals.length ?? options.sizes?.deals ?? DEFAULT_SIZES.deals,
          assets: options.data?.assets.length ?? options.sizes?.assets ?? DEFAULT_SIZES.assets,
        },
        anchorMs: clock.now(),
      };
  const unloaded = apis.filter((api) => readMeta(`loaded:${api.name}`) !== '1');
  // Only a fresh database is seeded; an existing one keeps its data (new API modules get the same seed).
  load(meta, unloaded, storedMeta?.success ? undefined : options.data);
  let seedInfo: SeedInfo = { ...meta, loaded: unloaded.length > 0 };

  const reset = (opts: { seed?: number; sizes?: SeedSizes } = {}): SeedInfo => {
    const next = {
      seed: opts.seed ?? seedInfo.seed,
      sizes: {
        leads: opts.sizes?.leads ?? seedInfo.sizes.leads,
        deals: opts.sizes?.deals ?? seedInfo.sizes.deals,
        assets: opts.sizes?.assets ?? seedInfo.sizes.assets,
      },
      anchorMs: clock.now(),
    };
    load(next, apis);
    stats.clear();
    seedInfo = { ...next, loaded: true };
    return seedInfo;
  };

  const server = createServer((req, res) => {
    void handleRequest(req, res).catch((cause: unknown) => {
      // Nothing may crash the server: answer 500 if the response has not started, else drop the socket.
      const message = cause instanceof Error ? cause.message : String(cause);
      if (!res.headersSent) send(res, { status: 500, body: { status: 'error', message } });
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const rawBody = await readBody(req);
    if (rawBody === undefined) {
      send(res, { status: 413, body: { status: 'error', message: 'request body too large' } });
      return;
    }
    const headers = flattenHeaders(req);
    const authorized = headers['authorization'] === `Bearer ${token}`;
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
      send(res, admin(req.method ?? 'GET', url.pathname, parseJson(rawBody, headers), authorized));
      return;
    }
    const prefixed = apis.find((a) => url.pathname === a.prefix || url.pathname.startsWith(`${a.prefix}/`));
    const api = prefixed ?? apis.find((a) => ownsUnprefixed(a, url.pathname));
    if (!api) {
      send(res, {
        status: 404,
        body: {
          status: 'error',
          message: `No emulated API at ${url.pathname}; use ${apis.map((a) => a.prefix).join(' or ')}`,
          category: 'OBJECT_NOT_FOUND',
        },
      });
      return;
    }
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path: prefixed ? url.pathname.slice(api.prefix.length) || '/' : url.pathname,
      query: url.searchParams,
      headers,
      body: parseJson(rawBody, headers),
      rawBody,
    };
    const endpoint = endpointKey(request.method, api.prefix, request.path);
    const record = (outcome: CallOutcome): void => stats.record(api.name, endpoint, outcome);
    if (!api.isPublic(request) && !authorized) {
      record('unauthorized');
      send(res, api.unauthorized());
      return;
    }
    const { latencyMs } = faults.settings();
    if (latencyMs > 0) await sleep(latencyMs);
    // Faults are decided before the module runs, so a failed write changes nothing.
    const decision = faults.decide(api.name, Date.now(), api.isSearch?.(request) ?? false);
    switch (decision.kind) {
      case 'drop':
        record('dropped');
        req.socket.destroy();
        return;
      case 'rate-limited':
        record('rate-limited');
        send(
          res,
          decision.reason === 'secondly'
            ? (api.secondlyLimited ?? api.rateLimited)(decision.retryAfterSeconds)
            : api.rateLimited(decision.retryAfterSeconds),
        );
        return;
      case 'daily-limited':
        record('daily-limited');
        send(res, (api.dailyLimited ?? api.rateLimited)(decision.retryAfterSeconds));
        return;
      case 'server-error':
        record('server-error');
        send(res, api.serverError(decision.status));
        return;
      case 'pass':
        break;
    }
    record('handled');
    let response: EmulatorResponse;
    try {
      response = await api.handle(request, {
        db,
        now: () => clock.now(),
        baseUrl: `${baseUrl}${api.prefix}`,
      });
    } catch {
      response = api.serverError(500);
    }
    send(res, response);
  }

  function admin(method: string, path: string, body: unknown, authorized: boolean): EmulatorResponse {
    if (path === '/_sandbox/health' && method === 'GET') return { status: 200, body: { ok: true } };
    if (!authorized) {
      return {
        status: 401,
        body: { status: 'error', message: 'the sandbox admin API needs the bearer token' },
      };
    }
    const bad = (message: string): EmulatorResponse => ({ status: 400, body: { status: 'error', message } });
    const key = `${method} ${path}`;
    switch (key) {
      case 'GET /_sandbox/stats':
        return { status: 200, body: stats.snapshot() };
      case 'DELETE /_sandbox/stats':
        stats.clear();
        return { status: 204 };
      case 'POST /_sandbox/reset': {
        const parsed = ResetSchema.safeParse(body ?? {});
        if (!parsed.success) return bad(parsed.error.issues.map((i) => i.message).join('; '));
        const info = reset({
          ...(parsed.data.seed !== undefined ? { seed: parsed.data.seed } : {}),
          ...(parsed.data.sizes !== undefined ? { sizes: stripUndefined(parsed.data.sizes) } : {}),
        });
        return { status: 200, body: info };
      }
      case 'GET /_sandbox/clock':
        return { status: 200, body: clock.state() };
      case 'POST /_sandbox/clock': {
        const parsed = ClockPatchSchema.safeParse(body ?? {});
        if (!parsed.success) return bad(parsed.error.issues.map((i) => i.message).join('; '));
        return { status: 200, body: clock.set(stripUndefined(parsed.data)) };
      }
      case 'GET /_sandbox/faults':
        return { status: 200, body: faults.settings() };
      case 'POST /_sandbox/faults': {
        const parsed = FaultPatchSchema.safeParse(body ?? {});
        if (!parsed.success)
          return bad(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        return { status: 200, body: faults.configure(stripUndefined(parsed.data)) };
      }
      default:
        return { status: 404, body: { status: 'error', message: `no sandbox route ${key}` } };
    }
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const host = options.host ?? '127.0.0.1';
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    db,
    token,
    get seedInfo() {
      return seedInfo;
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
    setFaults: (patch) => faults.configure(patch),
    setClock: (patch) => clock.set(patch),
    now: () => clock.now(),
    stats: () => stats.snapshot(),
    clearStats: () => stats.clear(),
    reset,
  };
}

/** Does an API claim a path sent without its prefix? (jsforce's Bulk API 2.0 client drops the instance path.) */
function ownsUnprefixed(api: EmulatedApi, path: string): boolean {
  return api.ownsUnprefixedPath?.(path) ?? false;
}

/** Drops keys whose value is undefined (zod's optional output vs exactOptionalPropertyTypes). */
function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function flattenHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Reads the body as text; undefined when it is over the size limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON when it is JSON (by content type, or by shape when no type is sent), else undefined. */
function parseJson(raw: string, headers: Readonly<Record<string, string | undefined>>): unknown {
  const type = headers['content-type'] ?? '';
  const text = raw.trim();
  if (text === '') return undefined;
  if (!type.includes('json') && !(type === '' && /^[[{]/.test(text))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let payload: string | undefined;
  if (response.rawBody !== undefined) payload = response.rawBody;
  else if (response.body !== undefined && response.status !== 204) {
    payload = JSON.stringify(response.body);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json;charset=utf-8';
    }
  }
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
