import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHandoff as run } from '../test-support';

const fixtures = (name: string) =>
  new URL(`../../core/scorecard/__fixtures__/${name}`, import.meta.url).pathname;
const quarter = fixtures('quarter-with-every-kind-of-record.json');
const badFields = fixtures('bad-fields-everywhere.json');
const hostile = new URL('../report/__fixtures__/hostile-source-and-reason-code.json', import.meta.url)
  .pathname;
const dir = mkdtempSync(join(tmpdir(), 'handoff-report-'));

describe('handoff report', () => {
  it('prints a text summary with the targets first', async () => {
    const r = await run('report', '--input', quarter);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(3, 5)).toEqual([
      'Targets',
      '        target                                  actual',
    ]);
    expect(r.stdout).toContain('FAIL  Leads handled within SLA ≥ 95 %');
  });

  it('prints the full scorecard as JSON', async () => {
    const r = await run('report', '--input', quarter, '--json');
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout) as {
      targets: { id: string; status: string }[];
      pipeline: { amount: number };
    };
    expect(card.targets.map((t) => [t.id, t.status])).toEqual([
      ['slaCompliance', 'fail'],
      ['libraryUsage', 'pass'],
      ['briefingAttendance', 'pass'],
      ['feedbackResponse', 'fail'],
    ]);
    expect(card.pipeline.amount).toBe(235000);
  });

  it('writes one HTML file holding the chart library and the data', async () => {
    const out = join(dir, 'scorecard.html');
    const r = await run('report', '--input', quarter, '--html', out);
    expect(r).toEqual({ code: 0, stdout: `${out}: written — 4 targets, 2 failing\n`, stderr: '' });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Chart.js v4');
    expect(html).toContain(
      '<script type="application/json" id="scorecard-data">{"period":{"from":"2026-01-01T00:00:00.000Z"',
    );
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('escapes hostile names in the HTML file it writes', async () => {
    const out = join(dir, 'hostile.html');
    expect((await run('report', '--input', hostile, '--html', out)).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain("<script>alert('source')</script>");
    expect(html).toContain('&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;');
  });

  it('uses the playbook given with --playbook', async () => {
    const playbook = readFileSync(
      new URL('../../../playbooks/default.yaml', import.meta.url),
      'utf8',
    ).replace('slaCompliance: 0.95', 'slaCompliance: 0.6');
    const path = join(dir, 'lenient.yaml');
    writeFileSync(path, playbook);
    const r = await run('report', '--input', quarter, '--playbook', path);
    expect(r.stdout).toContain('PASS  Leads handled within SLA ≥ 60 %');
  });

  it.each([
    [
      'lists every bad field with its path',
      ['report', '--input', badFields],
      [
        'handoff: the report input does not match the schema',
        '  period.to: `from` must be before `to`',
        '  deals[0].amount:',
      ],
    ],
    [
      'says in one line that the input file is missing',
      ['report', '--input', join(dir, 'nope.json')],
      [`handoff: ${join(dir, 'nope.json')}: no such file`],
    ],
    [
      'refuses --json together with --html',
      ['report', '--input', quarter, '--json', '--html', join(dir, 'x.html')],
      ['handoff: choose either --json or --html, not both'],
    ],
  ])('%s, exiting 1', async (_name, args, expected) => {
    const r = await run(...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    for (const line of expected) expect(r.stderr).toContain(line);
  });

  it('prints nothing but the missing-file line', async () => {
    const r = await run('report', '--input', join(dir, 'nope.json'));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says which HTML file could not be written', async () => {
    const r = await run('report', '--input', quarter, '--html', join(dir, 'no-such-folder', 'x.html'));
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `handoff: ${join(dir, 'no-such-folder', 'x.html')}: cannot be written (ENOENT)\n`,
    });
  });
});
