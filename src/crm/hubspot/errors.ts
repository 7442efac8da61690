import * as z from 'zod';
import type { CrmErrorCode, CrmErrorDetails, CrmResult } from '../port';

// The one place HubSpot failures become port errors: ApiException statuses, dropped connections, malformed answers.

export type CrmFailure = Extract<CrmResult<never>, { ok: false }>;

/** A failure value: `crmFailure('NOT_FOUND', 'contact 5 not found', { status: 404 })`. */
export function crmFailure(code: CrmErrorCode, message: string, details: CrmErrorDetails = {}): CrmFailure {
  return { ok: false, error: { code, message, issues: [] }, details };
}

/** A success value: `crmOk({ id: '1', created: true })`. */
export function crmOk<T>(data: T): CrmResult<T> {
  return { ok: true, data };
}

/** Thrown inside the adapter when a HubSpot answer does not have the shape it relies on; normalised like the rest. */
export class MalformedResponse extends Error {
  constructor(
    readonly what: string,
    readonly problems: string,
  ) {
    super(`HubSpot answered ${what} in an unexpected shape: ${problems}`);
  }
}

/** Parses an answer with a schema or throws MalformedResponse (caught by the normaliser, never by a caller). */
export function parseAnswer<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new MalformedResponse(what, problems);
  }
  return parsed.data;
}

const ApiExceptionSchema = z.object({
  code: z.number().int(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.unknown()).optional(),
});

const HubSpotErrorBodySchema = z
  .object({
    message: z.string().optional(),
    category: z.string().optional(),
    policyName: z.string().optional(),
    errors: z
      .array(
        z
          .object({
            code: z.string().optional(),
            message: z.string().optional(),
            context: z
              .object({ propertyName: z.array(z.string()).optional() })
              .loose()
              .optional(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** A dropped or refused connection (undici's `fetch failed` with a socket cause, or a raw socket error). */
export function isNetworkError(cause: unknown): boolean {
  if (!(cause instanceof Error)) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  if (cause instanceof TypeError && cause.message === 'fetch failed') return true;
  const inner = (cause as { cause?: unknown }).cause;
  return inner !== undefined && inner !== cause && isNetworkError(inner);
}

/** Retry-After as HubSpot sends it: whole seconds, or an HTTP date. */
export function retryAfterMs(header: unknown, nowMs: number): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const STATUS_CODES: readonly (readonly [(status: number) => boolean, CrmErrorCode])[] = [
  [(s) => s === 400 || s === 422, 'INVALID'],
  [(s) => s === 401, 'UNAUTHORIZED'],
  [(s) => s === 403, 'FORBIDDEN'],
  [(s) => s === 404, 'NOT_FOUND'],
  [(s) => s === 409, 'CONFLICT'],
  [(s) => s === 429, 'RATE_LIMITED'],
  [(s) => s >= 500, 'UNAVAILABLE'],
];

/**
 * HubSpot answers a create whose associations it rejects with a 400 "One or more associations are invalid". A
 * missing target record is one cause, but so are a wrong association type and a token without read access to the
 * target: the error keeps INVALID with crmCode INVALID_ASSOCIATION, and the adapter looks the targets up to tell a
 * missing record (NOT_FOUND, as Salesforce answers) from the rest.
 */
const ASSOCIATION_REJECTED = /associations are invalid/i;
export const INVALID_ASSOCIATION = 'INVALID_ASSOCIATION';

/**
 * Maps anything the client threw to a port error: 404 → NOT_FOUND, 401 → UNAUTHORIZED, 403 → FORBIDDEN, 429 →
 * RATE_LIMITED (with Retry-After), 409 → CONFLICT, 400 → INVALID (crmCode INVALID_ASSOCIATION for rejected
 * associations), 5xx and dropped connections → UNAVAILABLE.
 * @example normaliseHubSpotError({ code: 404, body: { category: 'OBJECT_NOT_FOUND' } }).error.code // → 'NOT_FOUND'
 */
export function normaliseHubSpotError(cause: unknown, nowMs: number = Date.now()): CrmFailure {
  if (cause instanceof MalformedResponse) {
    return crmFailure('UNAVAILABLE', cause.message, { crmCode: 'MALFORMED_RESPONSE' });
  }
  const api = ApiExceptionSchema.safeParse(cause);
  if (api.success && api.data.code >= 400) {
    const status = api.data.code;
    const body = HubSpotErrorBodySchema.safeParse(api.data.body);
    const info = body.success ? body.data : {};
    const rejectedAssociation = status === 400 && ASSOCIATION_REJECTED.test(info.message ?? '');
    const code = STATUS_CODES.find(([match]) => match(status))?.[1] ?? 'UNAVAILABLE';
    const crmCode = rejectedAssociation
      ? INVALID_ASSOCIATION
      : (info.errors?.[0]?.code ?? info.category ?? info.policyName);
    const wait = status === 429 ? retryAfterMs(api.data.headers?.['retry-after'], nowMs) : undefined;
    const message = info.message ?? `HubSpot answered HTTP ${status}`;
    const failure = crmFailure(code, message, {
      status,
      ...(crmCode !== undefined ? { crmCode } : {}),
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    });
    // Each property HubSpot names in its errors (a validation answer lists every bad one) becomes a field issue.
    const issues = (info.errors ?? []).flatMap((e) =>
      (e.context?.propertyName ?? []).map((path) => ({
        path,
        message: `${e.code !== undefined ? `${e.code}: ` : ''}${e.message ?? ''}`,
      })),
    );
    return issues.length === 0 ? failure : { ...failure, error: { ...failure.error, issues } };
  }
  if (isNetworkError(cause)) {
    return crmFailure('UNAVAILABLE', 'the connection to HubSpot failed before an answer arrived', {
      crmCode: 'NETWORK',
    });
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return crmFailure('UNAVAILABLE', `unexpected failure talking to HubSpot: ${message}`, {
    crmCode: 'UNEXPECTED',
  });
}
