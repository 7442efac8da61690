import { describe, expect, it } from 'vitest';
import { runHandoff } from '../test-support';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url).pathname;
const NOW = ['--now', '2026-03-12T15:00:00Z'];

const run = (args: string[]) => runHandoff(...args);

describe('handoff qualify', () => {
  it('prints a table for a JSON export on the default playbook', async () => {
    const { code, stdout, stderr } = await run(['qualify', '--input', fixture('qualify-leads.json'), ...NOW]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+stage\s+fit\s+engagement\s+next$/);
    expect(lines[2]).toMatch(
      /^lead-hc-1\s+Inquiry\s+57\s+21\s+MQL: meets 3 of 4 MQL criteria; misses employee count$/,
    );
    expect(lines[3]).toMatch(
      /^lead-sql-1\s+SQL\s+57\s+38\s+SAL: meets 0 of 1 SAL criterion; misses accepted by the owner$/,
    );
  });

  it('reads a CSV export with an events column', async () => {
    const { code, stdout } = await run(['qualify', '--input', fixture('qualify-leads.csv'), ...NOW]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /lead-hc-1\s+Inquiry\s+43\s+22\s+MQL: meets 3 of 4 MQL criteria; misses employee count/,
    );
    expect(stdout).toMatch(/lead-mfg-2\s+MQL\s+57\s+39\s+SQL: meets 0 of 4 SQL criteria/);
  });

  it('prints every criterion as JSON with --json', async () => {
    const { code, stdout } = await run([
      'qualify',
      '--input',
      fixture('qualify-leads.csv'),
      '--json',
      ...NOW,
    ]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as {
      now: string;
      results: { recordId: string; highestStage: string; stages: unknown[] }[];
    };
    expect(output.now).toBe('2026-03-12T15:00:00.000Z');
    expect(output.results.map((r) => [r.recordId, r.highestStage, r.stages.length])).toEqual([
      ['lead-hc-1', 'inquiry', 4],
      ['lead-mfg-2', 'mql', 4],
    ]);
  });

  it.each([
    [
      'CSV rows with their row number and field path',
      'qualify-bad-rows.csv',
      [
        /row 3: id: a record needs an id/,
        /row 4: events\[1\]: "page_view" is not type@instant/,
        /row 4: events\[0\]\.at: expected an ISO-8601 instant/,
      ],
    ],
    [
      'JSON records with their index and field path',
      'qualify-bad-records.json',
      [/\[1\]\.properties\.industry: Invalid input/, /\[1\]\.events\[0\]\.at: expected an ISO-8601 instant/],
    ],
  ])('reports invalid %s, exit 1, no stack', async (_name, file, patterns) => {
    const { code, stdout, stderr } = await run(['qualify', '--input', fixture(file), ...NOW]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    for (const pattern of patterns) expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a missing file', ['--input', 'nowhere/leads.json'], /^handoff: nowhere\/leads\.json: no such file\n$/],
    [
      'a file that is not JSON',
      ['--input', fixture('qualify-leads.csv').replace('.csv', '.json.txt')],
      /^handoff: .*no such file\n$/,
    ],
    [
      'a bad --now',
      ['--input', fixture('qualify-leads.json'), '--now', 'yesterday'],
      /^handoff: --now: "yesterday" is not an ISO-8601 instant/,
    ],
    [
      'a missing playbook',
      ['--input', fixture('qualify-leads.json'), '--playbook', 'nope.yaml'],
      /^handoff: nope\.yaml: no such file\n$/,
    ],
  ])('gives one clear line and exit 1 for %s', async (_name, args, pattern) => {
    const { code, stderr } = await run(['qualify', ...args, ...(args.includes('--now') ? [] : NOW)]);
    expect(code).toBe(1);
    expect(stderr).toMatch(pattern);
  });

  it('documents the CSV format in its help', async () => {
    const { stdout } = await run(['qualify', '--help']);
    expect(stdout).toContain('type@instant pairs separated by ";"');
  });
});
