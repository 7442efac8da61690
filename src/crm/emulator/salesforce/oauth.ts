import { createHmac, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import * as z from 'zod';
import type { EmulatorResponse } from '../types';
import { findField, findObject } from './describe';
import type { SfStore } from './store';

/**
 * `POST /services/oauth2/token` for the refresh-token and JWT-bearer grants. Both answer the configured bearer
 * token (the emulator has one session); errors use OAuth's `{ error, error_description }` shape with status 400.
 */

export interface OAuthConfig {
  /** The bearer token every API call must carry (what a successful grant hands out). */
  readonly accessToken: string;
  readonly clientId: string;
  /** When set, refresh-token requests must present it. */
  readonly clientSecret: string | null;
  readonly refreshToken: string;
  /** PEM public key (or certificate) JWT assertions must be signed with; when null, signatures are not checked. */
  readonly jwtPublicKey: string | null;
  /** Audiences a JWT may name besides the emulator's own base URL. */
  readonly jwtAudiences: readonly string[];
}

export const ORG_ID = '00D5g000000HandAAA';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce wants `exp` no further out than 3 minutes; allow a little clock skew on top. */
const MAX_JWT_LIFETIME_SECONDS = 5 * 60;

const jwtHeader = z.object({ alg: z.string(), typ: z.string().optional(), kid: z.string().optional() });
const jwtClaims = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
});

function oauthError(error: string, description: string, status = 400): EmulatorResponse {
  return { status, body: { error, error_description: description } };
}

function formParams(rawBody: string, body: unknown): URLSearchParams {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return new URLSearchParams(
      Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)] as [string, string]),
    );
  }
  return new URLSearchParams(rawBody);
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function grant(
  config: OAuthConfig,
  baseUrl: string,
  now: number,
  userId: string,
  withScope: boolean,
): EmulatorResponse {
  const issuedAt = String(now);
  const id = `${baseUrl}/id/${ORG_ID}/${userId}`;
  const signature = createHmac('sha256', config.clientId)
    .update(id + issuedAt)
    .digest('base64');
  const body: Record<string, string> = {
    access_token: config.accessToken,
    instance_url: baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature,
  };
  if (withScope) body['scope'] = 'api refresh_token';
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' },
    body,
  };
}

function userIdFor(store: SfStore, username: string): string | undefined {
  const user = findObject('User');
  const field = user === undefined ? undefined : findField(user, 'Username');
  return user === undefined || field === undefined ? undefined : store.findIdByUnique(user, field, username);
}

function publicKey(pem: string): KeyObject {
  return createPublicKey(pem);
}

export function handleToken(
  rawBody: string,
  body: unknown,
  config: OAuthConfig,
  store: SfStore,
  baseUrl: string,
  now: number,
): EmulatorResponse {
  const params = formParams(rawBody, body);
  const grantType = params.get('grant_type');
  if (grantType === 'refresh_token') {
    const clientId = params.get('client_id');
    if (clientId === null || clientId !== config.clientId) {
      return oauthError('invalid_client_id', 'client identifier invalid');
    }
    if (config.clientSecret !== null && params.get('client_secret') !== config.clientSecret) {
      return oauthError('invalid_client', 'invalid client credentials');
    }
    if (params.get('refresh_token') !== config.refreshToken) {
      return oauthError('invalid_grant', 'expired access/refresh token');
    }
    return grant(config, baseUrl, now, store.integrationUserId(), true);
  }
  if (grantType === JWT_GRANT) {
    const assertion = params.get('assertion') ?? '';
    const segments = assertion.split('.');
    const [headerPart = '', claimsPart = '', signaturePart = ''] = segments;
    const header = jwtHeader.safeParse(decodeSegment(headerPart));
    const claims = jwtClaims.safeParse(decodeSegment(claimsPart));
    if (segments.length !== 3 || !header.success || !claims.success || signaturePart === '') {
      return oauthError('invalid_grant', 'invalid assertion');
    }
    if (header.data.alg !== 'RS256') return oauthError('invalid_grant', 'invalid assertion');
    if (config.jwtPublicKey !== null) {
      const ok = verify(
        'RSA-SHA256',
        Buffer.from(`${headerPart}.${claimsPart}`),
        publicKey(config.jwtPublicKey),
        Buffer.from(signaturePart, 'base64url'),
      );
      if (!ok) return oauthError('invalid_grant', 'invalid assertion');
    }
    if (claims.data.iss !== config.clientId)
      return oauthError('invalid_client_id', 'client identifier invalid');
    const audiences = Array.isArray(claims.data.aud) ? claims.data.aud : [claims.data.aud];
    const allowed = [baseUrl, ...config.jwtAudiences].map((a) => a.replace(/\/$/, ''));
    if (!audiences.some((a) => allowed.includes(a.replace(/\/$/, '')))) {
      return oauthError('invalid_grant', 'audience is invalid');
    }
    const nowSeconds = Math.floor(now / 1000);
    if (claims.data.exp <= nowSeconds || claims.data.exp > nowSeconds + MAX_JWT_LIFETIME_SECONDS) {
      return oauthError('invalid_grant', 'expired authorization code');
    }
    const userId = userIdFor(store, claims.data.sub);
    if (userId === undefined) return oauthError('invalid_grant', "user hasn't approved this consumer");
    return grant(config, baseUrl, now, userId, false);
  }
  if (grantType === null) return oauthError('unsupported_grant_type', 'grant type not supported');
  return oauthError('unsupported_grant_type', 'grant type not supported');
}
