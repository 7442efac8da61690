import { Client } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io/cli-io';
import { runCli } from '../program';
import { runSandbox, type SandboxOptions } from './sandbox';

const options: SandboxOptions = {
  port: 0,
  host: '127.0.0.1',
  db: '.handoff/unused.db',
  memory: true,
  seed: 42,
  leads: 15,
  deals: 4,
  assets: 5,
};

describe('handoff sandbox', () => {
  it('prints the URLs and token, serves HubSpot at the printed basePath, and stops when asked', async () => {
    const io = memoryIo();
    let contacts = 0;
    await runSandbox(options, io, async (emulator) => {
      const basePath = /basePath\s+(\S+)/.exec(io.stdout())?.[1] ?? '';
      expect(basePath).toBe(`${emulator.url}/hubspot`);
      const client = new Client({ accessToken: emulator.token, basePath, numberOfApiCallRetries: 1 });
      contacts = (await client.crm.contacts.basicApi.getPage(100)).results.length;
    });
    expect(contacts).toBe(15);
    const out = io.stdout();
    expect(out).toMatch(/Handoff sandbox listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('token     sandbox-token');
    expect(out).toMatch(/instanceUrl http:\/\/127\.0\.0\.1:\d+\/salesforce/);
    expect(out).toContain('seeded with seed 42: 15 leads, 4 deals, 5 assets');
    expect(out).toContain('Sandbox stopped.');
  });

  it('applies the fault options to the running emulator', async () => {
    const io = memoryIo();
    await runSandbox({ ...options, rate5xx: 1, latencyMs: 5 }, io, async (emulator) => {
      const response = await fetch(`${emulator.url}/hubspot/crm/v3/owners`, {
        headers: { authorization: `Bearer ${emulator.token}` },
      });
      expect(response.status).toBeGreaterThanOrEqual(500);
    });
  });

  it.each([
    ['a rate above 1', ['--rate-429', '2'], 'expected a rate from 0 to 1'],
    ['a port that is not a number', ['--port', 'abc'], 'expected a whole number from 0 to 65535'],
    ['negative leads', ['--leads', '-5'], 'expected a whole number'],
  ])('refuses %s before starting anything', async (_name, args, message) => {
    const io = memoryIo();
    const code = await runCli(['sandbox', '--memory', ...args], io);
    expect(code).not.toBe(0);
    expect(io.stderr()).toContain(message);
  });

  it('reports a port already in use as a one-line error with exit code 1', async () => {
    const io = memoryIo();
    await runSandbox(options, io, async (emulator) => {
      const second = memoryIo();
      const code = await runCli(
        ['sandbox', '--memory', '--port', String(emulator.port), '--leads', '1'],
        second,
      );
      expect(code).toBe(1);
      expect(second.stderr()).toMatch(/the sandbox could not start: .*EADDRINUSE/);
    });
  });
});
