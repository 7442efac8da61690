import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from 'jsforce';
import { DEFAULT_OAUTH } from './index';
import { smallSeed, startTestServer } from './test-server';
import type { TestServer } from './test-server';

const NOW = Date.UTC(2026, 11, 3, 15, 0, 0);
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: NOW, jwtPublicKey: publicPem });
  server.load(smallSeed());
});
afterAll(async () => {
  await server.close();
});

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(
  claims: Record<string, unknown>,
  { alg = 'RS256', key = keys.privateKey }: { alg?: string; key?: typeof keys.privateKey } = {},
): string {
  const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: DEFAULT_OAUTH.clientId,
    sub: 'riley@handoff.example',
    aud: 'https://login.salesforce.com',
    exp: Math.floor(NOW / 1000) + 120,
    ...overrides,
  };
}

async function token(
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.instanceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('OAuth token endpoint', () => {
  it('refreshes an expired session through jsforce and retries the call', async () => {
    const conn = new Connection({
      instanceUrl: server.instanceUrl,
      accessToken: 'expired-token',
      refreshToken: DEFAULT_OAUTH.refreshToken,
      version: '62.0',
      oauth2: {
        loginUrl: server.instanceUrl,
        clientId: DEFAULT_OAUTH.clientId,
        clientSecret: DEFAULT_OAUTH.clientSecret ?? '',
        redirectUri: 'http://localhost/callback',
      },
    });
    const refreshed: string[] = [];
    conn.on('refresh', (accessToken: string) => refreshed.push(accessToken));
    const result = await conn.query('SELECT Id FROM Lead');
    expect(result.totalSize).toBe(5);
    expect(refreshed).toEqual(['sandbox-token']);
    expect(conn.accessToken).toBe('sandbox-token');
  });

  it('grants a session for a signed JWT bearer assertion through jsforce', async () => {
    const conn = new Connection({
      version: '62.0',
      oauth2: {
        loginUrl: server.instanceUrl,
        clientId: DEFAULT_OAUTH.clientId,
        redirectUri: 'http://localhost/cb',
      },
    });
    const userInfo = await conn.authorize({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: jwt(claims()),
    });
    expect(conn.accessToken).toBe('sandbox-token');
    expect(conn.instanceUrl).toBe(server.instanceUrl);
    const me = await conn.query<{ Name: string }>(`SELECT Name FROM User WHERE Id = '${userInfo.id}'`);
    expect(me.records[0]?.Name).toBe('Riley Rep');
  });

  it.each([
    [
      'a wrong refresh token',
      {
        grant_type: 'refresh_token',
        client_id: DEFAULT_OAUTH.clientId,
        client_secret: DEFAULT_OAUTH.clientSecret ?? '',
        refresh_token: 'stolen',
      },
      'invalid_grant',
    ],
    [
      'an unknown client id',
      { grant_type: 'refresh_token', client_id: 'someone-else', refresh_token: DEFAULT_OAUTH.refreshToken },
      'invalid_client_id',
    ],
    [
      'a wrong client secret',
      {
        grant_type: 'refresh_token',
        client_id: DEFAULT_OAUTH.clientId,
        client_secret: 'guess',
        refresh_token: DEFAULT_OAUTH.refreshToken,
      },
      'invalid_client',
    ],
    [
      'an unsupported grant type',
      { grant_type: 'password', username: 'a', password: 'b' },
      'unsupported_grant_type',
    ],
    [
      'an assertion that is not a JWT',
      { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'not-a-jwt' },
      'invalid_grant',
    ],
    [
      'an assertion signed with another key',
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt(claims(), { key: otherKeys.privateKey }),
      },
      'invalid_grant',
    ],
    [
      'an assertion with another algorithm',
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt(claims(), { alg: 'HS256' }),
      },
      'invalid_grant',
    ],
    [
      'an expired assertion',
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt(claims({ exp: Math.floor(NOW / 1000) - 1 })),
      },
      'invalid_grant',
    ],
    [
      'an assertion for another audience',
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt(claims({ aud: 'https://evil.example' })),
      },
      'invalid_grant',
    ],
    [
      'an assertion for an unknown user',
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt(claims({ sub: 'nobody@handoff.example' })),
      },
      'invalid_grant',
    ],
    [
      'an assertion without a subject',
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt(claims({ sub: undefined })),
      },
      'invalid_grant',
    ],
  ])('answers 400 in the OAuth error shape for %s', async (_name, params, error) => {
    const response = await token(params);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error, error_description: expect.any(String) as unknown });
  });

  it('needs no bearer token for the token endpoint and hands out the configured one', async () => {
    const response = await token({
      grant_type: 'refresh_token',
      client_id: DEFAULT_OAUTH.clientId,
      client_secret: DEFAULT_OAUTH.clientSecret ?? '',
      refresh_token: DEFAULT_OAUTH.refreshToken,
    });
    expect(response).toMatchObject({
      status: 200,
      body: { access_token: 'sandbox-token', instance_url: server.instanceUrl, token_type: 'Bearer' },
    });
  });
});
