// How a CLI job reaches a CRM: credentials come from the environment only (a scheduler's secret store sets them),
// never from a flag or a file a password could sit in. A JWT key is read from the file its variable names.
import { readFileSync } from 'node:fs';
import type { Playbook } from '../../core/playbook/schema';
import { err, ok, type Result } from '../../core/shared/result';
import { createHubSpotAdapter } from '../../crm/hubspot/adapter';
import { parseObjectTypeIds } from '../../crm/hubspot/object-types';
import type { CrmName, CrmPort } from '../../crm/port';
import { createSalesforceAdapter } from '../../crm/salesforce/adapter';
import { connectSalesforce, type SalesforceAuth } from '../../crm/salesforce/connection';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CrmConnectionOptions {
  /** HubSpot's API base URL (the sandbox: http://127.0.0.1:5170/hubspot); HubSpot's own by default. */
  readonly hubspotBasePath?: string;
}

const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

/** Which environment variables each CRM reads, for help text and error messages. */
export const CRM_ENV_HELP: Readonly<Record<CrmName, string>> = {
  hubspot:
    'HUBSPOT_ACCESS_TOKEN (a private app token), optionally HUBSPOT_OBJECT_TYPE_IDS as setup prints it',
  salesforce:
    'SF_INSTANCE_URL + SF_ACCESS_TOKEN; or SF_CLIENT_ID + SF_REFRESH_TOKEN (+ SF_CLIENT_SECRET, SF_LOGIN_URL, ' +
    'SF_INSTANCE_URL); or SF_CLIENT_ID + SF_USERNAME + SF_PRIVATE_KEY_FILE (JWT bearer; + SF_LOGIN_URL, SF_AUDIENCE)',
};

/**
 * The CRM port for `crm`, built from environment variables and the playbook's property map.
 * @example await connectCrm('hubspot', playbook, { HUBSPOT_ACCESS_TOKEN: 'pat-…' }) // → { ok: true, data: CrmPort }
 */
export async function connectCrm(
  crm: CrmName,
  playbook: Playbook,
  env: Env,
  options: CrmConnectionOptions = {},
): Promise<Result<CrmPort, 'CRM_CONFIG' | 'CRM_CONNECT'>> {
  if (crm === 'hubspot') {
    const accessToken = value(env, 'HUBSPOT_ACCESS_TOKEN');
    if (accessToken === undefined) return missing(crm);
    const typeIdsText = value(env, 'HUBSPOT_OBJECT_TYPE_IDS');
    const typeIds = typeIdsText === undefined ? undefined : parseObjectTypeIds(typeIdsText);
    if (typeIds !== undefined && !typeIds.ok)
      return err('CRM_CONFIG', `HUBSPOT_OBJECT_TYPE_IDS: ${typeIds.message}`);
    return ok(
      createHubSpotAdapter({
        accessToken,
        propertyMap: playbook.propertyMap.hubspot,
        ...(options.hubspotBasePath === undefined ? {} : { basePath: options.hubspotBasePath }),
        ...(typeIds === undefined ? {} : { objectTypeIds: typeIds.data }),
      }),
    );
  }
  const auth = salesforceAuth(env);
  if (!auth.ok) return auth;
  const connection = await connectSalesforce(auth.data);
  if (!connection.ok) {
    return err(
      'CRM_CONNECT',
      `could not connect to Salesforce: ${connection.error.code}: ${connection.error.message}`,
    );
  }
  return ok(
    createSalesforceAdapter({ connection: connection.data, propertyMap: playbook.propertyMap.salesforce }),
  );
}

/**
 * Salesforce credentials from the environment: a session, else a refresh token, else a JWT bearer key file.
 * @example salesforceAuth({ SF_INSTANCE_URL: 'https://acme.my.salesforce.com', SF_ACCESS_TOKEN: '00D…' }) // → { ok: true, data: { instanceUrl, accessToken } }
 */
export function salesforceAuth(env: Env): Result<SalesforceAuth, 'CRM_CONFIG'> {
  const instanceUrl = value(env, 'SF_INSTANCE_URL');
  const accessToken = value(env, 'SF_ACCESS_TOKEN');
  const clientId = value(env, 'SF_CLIENT_ID');
  const refreshToken = value(env, 'SF_REFRESH_TOKEN');
  const username = value(env, 'SF_USERNAME');
  const keyFile = value(env, 'SF_PRIVATE_KEY_FILE');
  const loginUrl = value(env, 'SF_LOGIN_URL') ?? DEFAULT_LOGIN_URL;
  if (value(env, 'SF_PASSWORD') !== undefined) {
    return err(
      'CRM_CONFIG',
      'SF_PASSWORD is not read: use an access token, a refresh token or a JWT bearer key',
    );
  }
  if (accessToken !== undefined) {
    if (instanceUrl === undefined) return err('CRM_CONFIG', 'SF_ACCESS_TOKEN needs SF_INSTANCE_URL');
    return ok({ instanceUrl, accessToken });
  }
  if (refreshToken !== undefined) {
    if (clientId === undefined) return err('CRM_CONFIG', 'SF_REFRESH_TOKEN needs SF_CLIENT_ID');
    const clientSecret = value(env, 'SF_CLIENT_SECRET');
    return ok({
      loginUrl,
      clientId,
      refreshToken,
      ...(instanceUrl === undefined ? {} : { instanceUrl }),
      ...(clientSecret === undefined ? {} : { clientSecret }),
    });
  }
  if (username !== undefined || keyFile !== undefined) {
    if (clientId === undefined || username === undefined || keyFile === undefined) {
      return err('CRM_CONFIG', 'a JWT bearer login needs SF_CLIENT_ID, SF_USERNAME and SF_PRIVATE_KEY_FILE');
    }
    let privateKeyPem: string;
    try {
      privateKeyPem = readFileSync(keyFile, 'utf8');
    } catch {
      return err('CRM_CONFIG', `SF_PRIVATE_KEY_FILE: cannot read ${keyFile}`);
    }
    const audience = value(env, 'SF_AUDIENCE');
    return ok({
      loginUrl,
      clientId,
      username,
      privateKeyPem,
      ...(audience === undefined ? {} : { audience }),
    });
  }
  return missing('salesforce');
}

function missing(crm: CrmName): { ok: false; error: { code: 'CRM_CONFIG'; message: string; issues: [] } } {
  return { ok: false, error: { code: 'CRM_CONFIG', message: `set ${CRM_ENV_HELP[crm]}`, issues: [] } };
}

// A set, non-blank environment variable.
function value(env: Env, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === '' ? undefined : text;
}
