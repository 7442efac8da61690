import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OAUTH } from '../emulator/salesforce/index';
import { createSalesforceAdapter } from './adapter';
import { connectSalesforce, type SalesforceAuth } from './connection';
import { SObjects } from './schema-names';
import { NOW_MS, startHarness, type SalesforceHarness } from './test-emulator';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (key: typeof keys.privateKey): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const TOKEN_CALL = 'POST /salesforce/services/oauth2/token';
const QUERY = 'GET /salesforce/services/data/v62.0/query';

let h: SalesforceHarness;
let leadId = '';

beforeAll(async () => {
  h = await startHarness({
    api: { jwtPublicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  });
  leadId = await h.idOf(SObjects.lead, 'lead-2');
});
afterAll(async () => {
  await h.close();
});

const refresh = (
  patch: Partial<{ instanceUrl: string; refreshToken: string; clientSecret: string }> = {},
) => ({
  loginUrl: h.instanceUrl,
  clientId: DEFAULT_OAUTH.clientId,
  clientSecret: DEFAULT_OAUTH.clientSecret ?? '',
  refreshToken: DEFAULT_OAUTH.refreshToken,
  ...patch,
});

const jwt = (patch: Partial<{ username: string; privateKeyPem: string }> = {}) => ({
  loginUrl: h.instanceUrl,
  clientId: DEFAULT_OAUTH.clientId,
  username: 'riley@handoff.example',
  privateKeyPem: pem(keys.privateKey),
  audience: 'https://login.salesforce.com',
  ...patch,
});

describe('connectSalesforce', () => {
  it.each([
    [
      'an access token and instance URL',
      () => ({ instanceUrl: h.instanceUrl, accessToken: h.emulator.token }),
      { [QUERY]: 2 },
    ],
    ['a refresh token without an instance URL (refreshed at once)', () => refresh(), { [QUERY]: 2 }],
    ['a JWT bearer assertion signed with RS256', () => jwt(), { [QUERY]: 2 }],
  ])('reads a lead after connecting with %s', async (_name, auth, expectedCalls) => {
    const connected = await connectSalesforce(auth() as SalesforceAuth, { now: () => NOW_MS });
    expect(connected.ok).toBe(true);
    if (!connected.ok) return;
    const adapter = createSalesforceAdapter({ connection: connected.data });
    const calls = await h.measure(async () => {
      const result = await adapter.getLeadHandoffContext(leadId);
      expect(result.ok && result.data.lead.name).toBe("Brian O'Brien");
    });
    expect(calls).toEqual(expectedCalls);
  });

  it('lets jsforce refresh the session on the first 401 when an instance URL is given with a refresh token', async () => {
    const connected = await connectSalesforce(refresh({ instanceUrl: h.instanceUrl }));
    if (!connected.ok) throw new Error(connected.error.message);
    const adapter = createSalesforceAdapter({ connection: connected.data });
    h.emulator.clearStats();
    const result = await adapter.getLeadHandoffContext(leadId);
    const stats = h.emulator.stats();
    expect(result.ok).toBe(true);
    expect(stats.byOutcome.unauthorized).toBe(1);
    expect(stats.byEndpoint[TOKEN_CALL]).toBe(1);
  });

  it.each([
    ['a refresh token the org does not know', () => refresh({ refreshToken: 'stolen' }), 'UNAUTHORIZED'],
    ['a wrong client secret', () => refresh({ clientSecret: 'guess' }), 'UNAUTHORIZED'],
    [
      'a JWT signed with another key',
      () => jwt({ privateKeyPem: pem(otherKeys.privateKey) }),
      'UNAUTHORIZED',
    ],
    ['a JWT for an unknown user', () => jwt({ username: 'nobody@handoff.example' }), 'UNAUTHORIZED'],
    ['a private key that is not PEM', () => jwt({ privateKeyPem: 'not a key' }), 'INVALID'],
  ])('answers %s with %s', async (_name, auth, code) => {
    const connected = await connectSalesforce(auth());
    expect(connected.ok ? 'ok' : connected.error.code).toBe(code);
  });

  it('reports a wrong access token as UNAUTHORIZED on the first call', async () => {
    const connected = await connectSalesforce({ instanceUrl: h.instanceUrl, accessToken: 'wrong' });
    if (!connected.ok) throw new Error(connected.error.message);
    const result = await createSalesforceAdapter({ connection: connected.data }).listContentLibrary();
    expect(result.ok ? 'ok' : result.error.code).toBe('UNAUTHORIZED');
  });
});
