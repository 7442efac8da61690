import { describe, expect, it } from 'vitest';
import { runHandoff } from '../test-support';

const NOW = ['--now', '2026-03-12T15:00:00Z'];

describe('handoff disposition-options', () => {
  it('shows an MQL’s form: accept not offered and why, reject and recycle with their reasons', async () => {
    const { code, stdout, stderr } = await runHandoff('disposition-options', '--stage', 'mql', ...NOW);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Disposition form for a record in MQL (notes up to 5000 characters):');
    expect(stdout).toContain(
      '  Accept → SAL: not offered — only SQL records can be accepted to SAL; this record is MQL',
    );
    expect(stdout).toContain('  Reject (leaves the funnel)');
    expect(stdout).toMatch(/ {4}reject_other +Other reason to reject · notes of 30\+ characters\n/);
    expect(stdout).toMatch(
      /recycle_no_budget +No budget this cycle · notes of 20\+ characters · recycles 2026-06-10 unless dated · objection: price/,
    );
  });

  it('prints the form as JSON with --json', async () => {
    const { code, stdout } = await runHandoff('disposition-options', '--stage', 'sql', '--json', ...NOW);
    expect(code).toBe(0);
    const form = JSON.parse(stdout) as { outcomes: { outcome: string; allowed: boolean }[] };
    expect(form.outcomes.map((o) => [o.outcome, o.allowed])).toEqual([
      ['accept', true],
      ['reject', true],
      ['recycle', true],
    ]);
  });

  it.each([
    [
      'an unknown stage',
      ['--stage', 'lead', ...NOW],
      '--stage: unknown stage "lead" (the playbook has inquiry, mql, sql, sal)',
    ],
    [
      'a --now without an offset',
      ['--stage', 'sql', '--now', '2026-03-12 15:00'],
      '--now: "2026-03-12 15:00" is not an ISO-8601 instant',
    ],
  ])('refuses %s in one line and exits 1', async (_scenario, args, message) => {
    const { code, stdout, stderr } = await runHandoff('disposition-options', ...args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('    at ');
  });
});
