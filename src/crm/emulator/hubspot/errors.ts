import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../types';

/** HubSpot's error categories the emulator answers with. */
export type HubSpotErrorCategory =
  | 'VALIDATION_ERROR'
  | 'OBJECT_NOT_FOUND'
  | 'CONFLICT'
  | 'OBJECT_ALREADY_EXISTS'
  | 'INVALID_AUTHENTICATION'
  | 'RATE_LIMITS'
  | 'MISSING_SCOPES'
  | 'INTERNAL_ERROR';

export interface HubSpotErrorDetail {
  readonly message: string;
  readonly code?: string;
  readonly in?: string;
  readonly context?: Readonly<Record<string, readonly string[]>>;
}

/** Thrown inside a handler; the module turns it into HubSpot's JSON error body. */
export class HubSpotError extends Error {
  constructor(
    readonly status: number,
    readonly category: HubSpotErrorCategory,
    message: string,
    readonly errors?: readonly HubSpotErrorDetail[],
  ) {
    super(message);
  }
}

export function errorResponse(
  status: number,
  category: HubSpotErrorCategory,
  message: string,
  errors?: readonly HubSpotErrorDetail[],
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {},
): EmulatorResponse {
  return {
    status,
    headers,
    body: {
      status: 'error',
      message,
      correlationId: randomUUID(),
      category,
      ...(errors ? { errors } : {}),
      ...extra,
    },
  };
}

export const notFound = (message = 'Object not found'): HubSpotError =>
  new HubSpotError(404, 'OBJECT_NOT_FOUND', message);

export const invalid = (message: string, errors?: readonly HubSpotErrorDetail[]): HubSpotError =>
  new HubSpotError(400, 'VALIDATION_ERROR', message, errors);

export function unauthorizedResponse(): EmulatorResponse {
  return errorResponse(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );
}

// HubSpot's 429 body: which limit (`policyName`) and the message the client's retry logic matches.
const rateLimitResponse =
  (message: string, policyName: string, groupName: string) =>
  (retryAfterSeconds: number): EmulatorResponse =>
    errorResponse(
      429,
      'RATE_LIMITS',
      message,
      undefined,
      { errorType: 'RATE_LIMIT', policyName, groupName },
      { 'Retry-After': String(retryAfterSeconds) },
    );

/** The 10-second rolling limit: the body `@hubspot/api-client` retries (it looks at `policyName`). */
export const rollingLimitResponse = rateLimitResponse(
  'You have reached your ten_secondly_rolling limit.',
  'TEN_SECONDLY_ROLLING',
  'publicapi:private-app:123',
);

/**
 * The per-second limit search requests meet: the client retries it by its message ("secondly limit"), 1 s × attempt.
 * The policy and group names follow HubSpot's rate-limit bodies; the message is what the client matches.
 */
export const secondlyLimitResponse = rateLimitResponse(
  'You have reached your secondly limit.',
  'SECONDLY',
  'publicapi:crm-search',
);

/** The daily limit: the client does not retry it, it surfaces as an ApiException with code 429. */
export const dailyLimitResponse = rateLimitResponse(
  'You have reached your daily limit.',
  'DAILY',
  'publicapi:private-app:123',
);

export function serverErrorResponse(status: number): EmulatorResponse {
  return errorResponse(status, 'INTERNAL_ERROR', 'internal error');
}
