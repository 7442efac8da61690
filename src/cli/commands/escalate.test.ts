import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubspotApi } from '../../crm/emulator/hubspot/index';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSalesforceApi, DEFAULT_OAUTH } from '../../crm/emulator/salesforce/index';
import { DEFAULT_ANCHOR_MS, generateSeed } from '../../crm/emulator/seed/generate';
import { startEmulator, type RunningEmulator } from '../../crm/emulator/server';
import { memoryIo } from '../io/cli-io';
import { CliExit } from '../io/cli-io';
import { runHandoff, scratchFiles } from '../test-support';
import { runEscalate, type EscalateOptions } from './escalate';

const DEFAULT_YAML = readFileSync(new URL('../../../playbooks/default.yaml', import.meta.url), 'utf8');
const RECYCLED_POLICY_HEAD = '  - id: recycled-lead-response';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let emulator: RunningEmulator;
let env: Record<string, Record<string, string>>;
const NOW = new Date(DEFAULT_ANCHOR_MS).toISOString();

beforeAll(async () => {
  emulator = await startEmulator({
    apis: [
      hubspotApi,
      createSalesforceApi({
        jwtPublicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }),
    ],
    seed: 49,
    sizes: { leads: 60, deals: 12, assets: 12 },
    clock: { now: DEFAULT_ANCHOR_MS, frozen: true },
  });
  env = {
    hubspot: { HUBSPOT_ACCESS_TOKEN: emulator.token },
    salesforce: { SF_INSTANCE_URL: `${emulator.url}/salesforce`, SF_ACCESS_TOKEN: emulator.token },
  };
}, 30_000);

afterAll(async () => {
  await emulator?.close();
});

/** Runs `handoff escalate` in-process against the emulator; the exit code is 0 unless the command exits. */
async function escalate(options: EscalateOptions, environment?: Record<string, string>) {
  const io = memoryIo();
  let code = 0;
  try {
    await runEscalate(
      { now: NOW, ...(options.crm === 'hubspot' ? { basePath: `${emulator.url}/hubspot` } : {}), ...options },
      io,
      environment ?? env[options.crm] ?? {},
    );
  } catch (cause) {
    if (!(cause instanceof CliExit)) throw cause;
    code = cause.exitCode;
  }
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const summaryOf = (stdout: string) => /^Read .*$/m.exec(stdout)?.[0] ?? '';

describe.each([['hubspot'], ['salesforce']] as const)('handoff escalate --crm %s', (crm) => {
  it('lists the tasks on a dry run without filing them, then files them, then finds them already filed', async () => {
    const dry = await escalate({ crm, dryRun: true });
    expect(dry.code).toBe(0);
    const planned = Number(/(\d+) to file/.exec(dry.stdout)?.[1]);
    expect(planned).toBeGreaterThan(2);
    expect(dry.stdout).toContain('dry run: nothing written');
    expect(dry.stdout).toMatch(/^planned +L1 remind_owner +SLA reminder to the owner: \S+/m);

    const first = await escalate({ crm });
    expect(first.code).toBe(0);
    expect(summaryOf(first.stdout)).toContain(`${planned} created, 0 already filed, 0 failed`);
    const again = await escalate({ crm });
    expect(summaryOf(again.stdout)).toContain(`0 created, ${planned} already filed, 0 failed`);
  });

  it('sends the recycled leads’ steps to the marketing owner given', async () => {
    const { stdout } = await escalate({ crm, dryRun: true, json: true });
    const owners = JSON.parse(stdout) as { tasks: { task: { policyId: string; assigneeId: string } }[] };
    const someOwner = owners.tasks.find((t) => t.task.policyId === 'sql-first-touch')?.task.assigneeId ?? '';
    const routed = await escalate({ crm, dryRun: true, json: true, marketingOwner: someOwner });
    const tasks = (JSON.parse(routed.stdout) as typeof owners).tasks.map((t) => t.task);
    const recycled = tasks.filter((t) => t.policyId === 'recycled-lead-response');
    expect(recycled.length).toBeGreaterThan(0);
    expect(recycled.every((t) => t.assigneeId === someOwner)).toBe(true);
  });

  it('finds the marketing owner by email, with their manager from the CRM', async () => {
    const seed = generateSeed({ seed: 49, leads: 1 });
    const marketer = seed.owners.find((o) => o.role === 'marketer');
    if (marketer === undefined) throw new Error('the seed has no marketer');
    const routed = await escalate({
      crm,
      dryRun: true,
      json: true,
      marketingOwner: marketer.email.toUpperCase(),
    });
    expect(routed.stderr).toBe('');
    const tasks = (
      JSON.parse(routed.stdout) as { tasks: { task: { policyId: string; assigneeId: string } }[] }
    ).tasks.map((t) => t.task);
    const recycled = tasks.filter((t) => t.policyId === 'recycled-lead-response');
    const sales = tasks.filter((t) => t.policyId !== 'recycled-lead-response');
    expect(recycled.length).toBeGreaterThan(0);
    expect(new Set(recycled.map((t) => t.assigneeId)).size).toBe(1);
    expect(sales.some((t) => t.assigneeId === recycled[0]?.assigneeId)).toBe(false);
  });

  it('refuses a marketing owner email nobody in the CRM has', async () => {
    const { code, stdout, stderr } = await escalate({
      crm,
      dryRun: true,
      marketingOwner: 'nobody@acme.test',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--marketing-owner: no (HubSpot|Salesforce) user has the email nobody@acme\.test/);
  });

  it('sends a policy’s steps to the user its playbook entry names by email, and refuses an email the CRM lacks', async () => {
    const seed = generateSeed({ seed: 49, leads: 1 });
    const marketer = seed.owners.find((o) => o.role === 'marketer');
    if (marketer === undefined) throw new Error('the seed has no marketer');
    const playbookNaming = (email: string) =>
      scratchFiles('handoff-escalate-to-').file(
        'playbook.yaml',
        DEFAULT_YAML.replace(
          RECYCLED_POLICY_HEAD,
          `${RECYCLED_POLICY_HEAD}\n    escalateTo: { email: ${JSON.stringify(email)} }`,
        ),
      );

    const routed = await escalate({
      crm,
      dryRun: true,
      json: true,
      playbook: playbookNaming(marketer.email),
    });
    expect(routed.stderr).toBe('');
    const tasks = (
      JSON.parse(routed.stdout) as { tasks: { task: { policyId: string; assigneeId: string } }[] }
    ).tasks.map((t) => t.task);
    const recycled = tasks.filter((t) => t.policyId === 'recycled-lead-response');
    expect(recycled.length).toBeGreaterThan(0);
    expect(new Set(recycled.map((t) => t.assigneeId)).size).toBe(1);
    expect(
      tasks.some((t) => t.policyId !== 'recycled-lead-response' && t.assigneeId === recycled[0]?.assigneeId),
    ).toBe(false);

    const refused = await escalate({
      crm,
      dryRun: true,
      playbook: playbookNaming('left-the-company@acme.test'),
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/escalation assignee the CRM does not have/);
    expect(refused.stderr).toMatch(
      /slaPolicies\[\d+\]\.escalateTo\.email: no CRM user has the email left-the-company@acme\.test/,
    );
  });

  it('prints the report as JSON', async () => {
    const { code, stdout } = await escalate({ crm, dryRun: true, json: true });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { scopes: { stage: string }[]; tasks: unknown[]; dryRun: boolean };
    expect(report.scopes.map((s) => s.stage)).toEqual(['sql', 'mql', 'inquiry']);
    expect(report.dryRun).toBe(true);
    expect(report.tasks.length).toBeGreaterThan(2);
  });
});

describe('handoff escalate logs in to Salesforce the ways a scheduler can', () => {
  const login = () => ({ SF_LOGIN_URL: `${emulator.url}/salesforce`, SF_CLIENT_ID: DEFAULT_OAUTH.clientId });
  it.each<[string, () => Record<string, string>]>([
    [
      'a refresh token',
      () => ({
        ...login(),
        SF_CLIENT_SECRET: DEFAULT_OAUTH.clientSecret ?? '',
        SF_REFRESH_TOKEN: DEFAULT_OAUTH.refreshToken,
      }),
    ],
    [
      'a JWT bearer key file',
      () => ({
        ...login(),
        // A user of the org: the seed's first owner.
        SF_USERNAME: generateSeed({ seed: 49, leads: 1 }).owners[0]?.email ?? '',
        SF_AUDIENCE: 'https://login.salesforce.com',
        SF_PRIVATE_KEY_FILE: scratchFiles('handoff-jwt-').file(
          'key.pem',
          keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ),
      }),
    ],
  ])('with %s', async (_name, environment) => {
    // A JWT is stamped with the machine's clock: the org must be on it too (the sweep's --now is the seed's).
    emulator.setClock({ now: Date.now(), frozen: true });
    const { code, stdout, stderr } = await escalate(
      { crm: 'salesforce', dryRun: true },
      environment(),
    ).finally(() => emulator.setClock({ now: DEFAULT_ANCHOR_MS, frozen: true }));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(summaryOf(stdout)).toMatch(/escalation tasks: \d+ to file/);
  });
});

describe('handoff escalate refuses what it cannot use, in one line', () => {
  it.each<[string, EscalateOptions, Record<string, string>, RegExp]>([
    ['no HubSpot token', { crm: 'hubspot' }, {}, /set HUBSPOT_ACCESS_TOKEN/],
    ['no Salesforce credentials', { crm: 'salesforce' }, {}, /set SF_INSTANCE_URL \+ SF_ACCESS_TOKEN/],
    [
      'a Salesforce password',
      { crm: 'salesforce' },
      { SF_USERNAME: 'api@acme.test', SF_PASSWORD: 'hunter2' },
      /SF_PASSWORD is not read/,
    ],
    [
      'an access token without its instance',
      { crm: 'salesforce' },
      { SF_ACCESS_TOKEN: 'x' },
      /SF_ACCESS_TOKEN needs SF_INSTANCE_URL/,
    ],
    [
      'a JWT login without its key file',
      { crm: 'salesforce' },
      { SF_CLIENT_ID: 'c', SF_USERNAME: 'api@acme.test' },
      /needs SF_CLIENT_ID, SF_USERNAME and SF_PRIVATE_KEY_FILE/,
    ],
    [
      'a key file that is not there',
      { crm: 'salesforce' },
      { SF_CLIENT_ID: 'c', SF_USERNAME: 'u', SF_PRIVATE_KEY_FILE: '/nonexistent/key.pem' },
      /SF_PRIVATE_KEY_FILE: cannot read \/nonexistent\/key\.pem/,
    ],
    [
      'object type ids that are not JSON',
      { crm: 'hubspot' },
      { HUBSPOT_ACCESS_TOKEN: 't', HUBSPOT_OBJECT_TYPE_IDS: '2-101' },
      /HUBSPOT_OBJECT_TYPE_IDS: the object type ids are not JSON/,
    ],
    [
      'a lookback of zero days',
      { crm: 'hubspot', lookbackDays: '0' },
      {},
      /--lookback-days must be a positive/,
    ],
    [
      'a page size above 200',
      { crm: 'hubspot', pageSize: '500' },
      {},
      /--page-size must be a whole number from 1 to 200/,
    ],
    ['a now that is not an instant', { crm: 'hubspot', now: 'tomorrow' }, {}, /instant/],
    [
      'a marketing manager without a marketing owner',
      { crm: 'hubspot', marketingManager: '80000001' },
      {},
      /--marketing-manager needs --marketing-owner/,
    ],
  ])('%s', async (_name, options, environment, message) => {
    const { code, stdout, stderr } = await escalate(options, { ...environment });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a wrong token as the CRM’s answer, not a stack trace', async () => {
    const { code, stderr } = await escalate({ crm: 'hubspot' }, { HUBSPOT_ACCESS_TOKEN: 'wrong-token' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^handoff: the sweep stopped reading HubSpot: UNAUTHORIZED: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('is listed by the CLI and requires --crm', async () => {
    const run = await runHandoff('escalate');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("required option '--crm <crm>' not specified");
  });
});
