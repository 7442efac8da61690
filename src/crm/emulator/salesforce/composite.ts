import * as z from 'zod';
import type { EmulatorResponse } from '../types';
import { SfError, badRequest } from './errors';
import type { SfEnv, SfRequest } from './request';
import { jsonBody } from './sobjects';

/**
 * `POST /composite`: up to 25 subrequests in order, each in its own savepoint, with `@{ref.path}` references to
 * earlier responses. With allOrNone, the first failure rolls everything back and the other subrequests answer
 * PROCESSING_HALTED.
 */

const MAX_SUBREQUESTS = 25;

const compositeBody = z.object({
  allOrNone: z.boolean().optional(),
  collateSubrequests: z.boolean().optional(),
  compositeRequest: z.array(
    z.object({
      method: z.string(),
      url: z.string(),
      referenceId: z.string().regex(/^[A-Za-z0-9_]+$/),
      body: z.unknown().optional(),
      httpHeaders: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

export type DataRouter = (req: SfRequest, env: SfEnv, path: string) => EmulatorResponse;

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

class RollBack extends Error {}

const HALTED_ROLLBACK = [
  {
    errorCode: 'PROCESSING_HALTED',
    message: 'The transaction was rolled back since another operation in the same transaction failed.',
  },
];

/** Follows `id`, `records[0].Id`… into an earlier response body. */
function lookup(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const part of path.split('.')) {
    const m = /^([A-Za-z0-9_]+)((?:\[\d+\])*)$/.exec(part);
    if (m === null) return undefined;
    current = (current as Record<string, unknown> | null | undefined)?.[m[1] ?? ''];
    for (const index of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) {
      current = Array.isArray(current) ? current[Number(index[1])] : undefined;
    }
  }
  return current;
}

function unresolved(ref: string): SfError {
  return badRequest(
    'PROCESSING_HALTED',
    `Invalid reference specified. No value for ${ref} found in the response of an earlier subrequest.`,
  );
}

function resolveString(text: string, results: ReadonlyMap<string, SubResponse>): unknown {
  const resolveOne = (expression: string): unknown => {
    const dot = expression.indexOf('.');
    const refId = dot < 0 ? expression : expression.slice(0, dot);
    const result = results.get(refId);
    if (result === undefined || result.httpStatusCode >= 400) throw unresolved(expression);
    const value = dot < 0 ? result.body : lookup(result.body, expression.slice(dot + 1));
    if (value === undefined) throw unresolved(expression);
    return value;
  };
  const whole = /^@\{([^}]+)\}$/.exec(text);
  if (whole !== null) return resolveOne(whole[1] ?? '');
  return text.replace(/@\{([^}]+)\}/g, (_m, expression: string) => String(resolveOne(expression)));
}

function resolveDeep(value: unknown, results: ReadonlyMap<string, SubResponse>): unknown {
  if (typeof value === 'string') return resolveString(value, results);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, results));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, results)]));
  }
  return value;
}

export function runComposite(req: SfRequest, env: SfEnv, route: DataRouter): EmulatorResponse {
  const body = jsonBody(req, compositeBody);
  if (body.compositeRequest.length > MAX_SUBREQUESTS) {
    throw badRequest('LIMIT_EXCEEDED', `Composite requests are limited to ${MAX_SUBREQUESTS} subrequests`);
  }
  const allOrNone = body.allOrNone ?? false;
  const results = new Map<string, SubResponse>();
  const responses: SubResponse[] = [];
  let failedAt = -1;
  const db = env.store.db;
  const runAll = db.transaction(() => {
    for (const [index, sub] of body.compositeRequest.entries()) {
      let response: SubResponse;
      try {
        const url = String(resolveString(sub.url, results));
        const parsed = new URL(url, 'http://composite.invalid');
        const subBody = sub.body === undefined ? undefined : resolveDeep(sub.body, results);
        const subRequest: SfRequest = {
          method: sub.method.toUpperCase(),
          query: parsed.searchParams,
          headers: sub.httpHeaders ?? {},
          body: subBody,
          rawBody: subBody === undefined ? '' : JSON.stringify(subBody),
        };
        const answer = db.transaction(() => {
          const r = route(subRequest, env, parsed.pathname);
          if (r.status >= 400) throw new SubFailure(r);
          return r;
        });
        let r: EmulatorResponse;
        try {
          r = answer();
        } catch (error) {
          if (!(error instanceof SubFailure)) throw error;
          r = error.response;
        }
        response = {
          body: r.body ?? null,
          httpHeaders: { ...(r.headers ?? {}) },
          httpStatusCode: r.status,
          referenceId: sub.referenceId,
        };
      } catch (error) {
        if (!(error instanceof SfError)) throw error;
        response = {
          body: error.all().map((e) => e.toItem()),
          httpHeaders: {},
          httpStatusCode: error.status,
          referenceId: sub.referenceId,
        };
      }
      results.set(sub.referenceId, response);
      responses.push(response);
      if (response.httpStatusCode >= 400 && allOrNone) {
        failedAt = index;
        throw new RollBack();
      }
    }
  });
  try {
    runAll();
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  if (failedAt >= 0) {
    const compositeResponse = body.compositeRequest.map((sub, index) =>
      index === failedAt
        ? responses[index]
        : { body: HALTED_ROLLBACK, httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId },
    );
    return { status: 200, body: { compositeResponse } };
  }
  return { status: 200, body: { compositeResponse: responses } };
}

/** A subrequest's error response, thrown so its savepoint rolls back, then caught and reported. */
class SubFailure extends Error {
  constructor(readonly response: EmulatorResponse) {
    super(`subrequest failed with ${response.status}`);
  }
}
