import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runHandoff, scratchFiles } from '../test-support';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../core/attribution/__fixtures__/${name}.json`, import.meta.url));
const SEVEN = fixture('seven-touches-milestones-apart');
const OPEN = fixture('open-deal');
const AS_OF = ['--as-of', '2026-06-30T00:00:00Z'];

const { file: writeTemp } = scratchFiles('handoff-attribute-');

const run = (args: string[]) => runHandoff('attribute', ...args);

describe('handoff attribute', () => {
  it('prints the JSON contract for one model', async () => {
    const { code, stdout } = await run(['--model', 'u_shaped', '--input', SEVEN, ...AS_OF, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['model', 'deals', 'byAsset', 'byChannel', 'unattributed']);
    expect(report).toMatchObject({
      model: 'u_shaped',
      deals: [
        {
          dealId: 'D1',
          credits: [
            { touchId: 'T1', assetId: 'A1', channel: 'webinar', weight: 0.4, amount: 40000, roles: ['FT'] },
            { touchId: 'T2', assetId: 'A2', channel: 'email', weight: 0.2, amount: 20000, roles: ['middle'] },
            {
              touchId: 'T3',
              assetId: 'A3',
              channel: 'paid_search',
              weight: 0.4,
              amount: 40000,
              roles: ['LC'],
            },
          ],
        },
      ],
      byAsset: [
        { assetId: 'A1', amount: 40000, deals: 1 },
        { assetId: 'A3', amount: 40000, deals: 1 },
        { assetId: 'A2', amount: 20000, deals: 1 },
      ],
      unattributed: { deals: 0, amount: 0 },
    });
  });

  it('prints one report per model for --model all --json', async () => {
    const { code, stdout } = await run(['--model', 'all', '--input', SEVEN, ...AS_OF, '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { model: string }[]).map((r) => r.model)).toHaveLength(11);
  });

  it.each([
    [
      'ends an open deal at --as-of',
      ['--model', 'last_touch', '--input', OPEN, '--as-of', '2026-04-01T00:00:00Z'],
      'T2',
    ],
    [
      'takes in later touches with a later --as-of',
      ['--model', 'last_touch', '--input', OPEN, '--as-of', '2026-05-01T00:00:00Z'],
      'T3',
    ],
  ])('%s', async (_name, args, touchId) => {
    const { stdout } = await run([...args, '--json']);
    const report = JSON.parse(stdout) as { deals: { credits: { touchId: string }[] }[] };
    expect(report.deals[0]?.credits.map((c) => c.touchId)).toEqual([touchId]);
  });

  it('uses --half-life-days for time decay', async () => {
    // T1 is 14 days and T2 7 days before the as-of date: with a 7-day half-life T1 gets 1/3, with 14 days 1/(1+√2).
    const { stdout } = await run([
      ...[
        '--model',
        'time_decay',
        '--input',
        OPEN,
        '--as-of',
        '2026-04-01T00:00:00Z',
        '--half-life-days',
        '14',
      ],
      '--json',
    ]);
    const report = JSON.parse(stdout) as { deals: { credits: { weight: number }[] }[] };
    expect(report.deals[0]?.credits[0]?.weight).toBeCloseTo(1 / (1 + Math.SQRT2), 12);
  });

  it('prints a readable table by asset and by channel, with the model label', async () => {
    const { code, stdout } = await run(['--model', 'w_shaped', '--input', SEVEN, ...AS_OF]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'w_shaped — first touch 30 %, lead creation 30 %, opportunity creation 30 %, between 10 %',
    );
    expect(stdout).toContain('1 deal attributed (100,000), 0 unattributed (0)');
    expect(stdout).toMatch(/^A1\s+30,000\s+30\.0 %\s+1$/m);
    expect(stdout).toMatch(/^email\s+10,000\s+10\.0 %\s+1$/m);
    expect(stdout).toContain('unattributed: 0 deals, 0');
  });

  it('prints every model side by side for --model all', async () => {
    const { code, stdout } = await run(['--model', 'all', '--input', SEVEN, ...AS_OF]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^channel\s+first_touch\s+lead_creation\s+last_touch\s+linear\s+u_shaped/m);
    expect(stdout).toMatch(/^webinar\s+100,000\s+0\s+0\s+14,286\s+40,000/m);
  });

  it.each([
    [
      'a file that does not exist',
      () => '/nonexistent/handoff-data.json',
      [],
      /^handoff: \/nonexistent\/handoff-data\.json: no such file\n$/,
    ],
    [
      'a file that is not JSON',
      () => writeTemp('broken.json', '{ "deals": ['),
      [],
      /^handoff: .*broken\.json: not valid JSON/,
    ],
    [
      'an as-of date without a time zone',
      () => SEVEN,
      ['--as-of', '2026-06-30'],
      /^handoff: --as-of "2026-06-30" is not an ISO-8601 date-time with a time zone/,
    ],
    [
      'a half-life that is not positive',
      () => SEVEN,
      ['--half-life-days', '-3'],
      /^handoff: --half-life-days "-3" is not a positive number of days\n$/,
    ],
  ])('fails with one clear line and exit 1 for %s', async (_name, input, extra, message) => {
    const { code, stdout, stderr } = await run(['--model', 'linear', '--input', input(), ...AS_OF, ...extra]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fails with exit 1 and one line per problem, each with its path', async () => {
    const path = writeTemp(
      'bad.json',
      JSON.stringify({
        deals: [
          {
            id: 'D1',
            amount: -5,
            leadCreatedAt: 'soon',
            createdAt: '2026-03-01T00:00:00Z',
            closedAt: null,
            won: false,
          },
        ],
        touches: [{ id: 'T1', dealId: 'D9', assetId: 'A1', channel: 'email', at: '2026-01-01T00:00:00Z' }],
      }),
    );
    const { code, stderr } = await run(['--model', 'linear', '--input', path, ...AS_OF]);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `handoff: ${path}: the attribution input is not valid (2 problems)`,
      '  deals[0].amount: must not be negative',
      '  deals[0].leadCreatedAt: expected an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z (got "soon")',
    ]);
  });

  it('reports a touch of an unknown deal once the schema is met', async () => {
    const path = writeTemp(
      'unknown-deal.json',
      JSON.stringify({
        deals: [],
        touches: [{ id: 'T1', dealId: 'D9', assetId: 'A1', channel: 'email', at: '2026-01-01T00:00:00Z' }],
      }),
    );
    const { code, stderr } = await run(['--model', 'linear', '--input', path, ...AS_OF]);
    expect(code).toBe(1);
    expect(stderr).toContain('  touches[0].dealId: unknown deal "D9"');
  });

  it('shows the first 50 problems of a very bad file and counts the rest', async () => {
    const touches = Array.from({ length: 60 }, (_, i) => ({
      id: `T${i}`,
      dealId: 'D9',
      assetId: 'A1',
      channel: 'email',
      at: '2026-01-01T00:00:00Z',
    }));
    const path = writeTemp('many.json', JSON.stringify({ deals: [], touches }));
    const { stderr } = await run(['--model', 'linear', '--input', path, ...AS_OF]);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(52);
    expect(lines[51]).toBe('  …and 10 more');
  });

  it('rejects an unknown model', async () => {
    const { code, stderr } = await run(['--model', 'v_shaped', '--input', SEVEN]);
    expect(code).toBe(1);
    expect(stderr).toContain("argument 'v_shaped' is invalid");
  });
});
