import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io/cli-io';
import { runCli } from '../program';

describe('handoff demo (npm start)', () => {
  it('runs every step on the example data without a failing step', async () => {
    const io = memoryIo();
    const code = await runCli(['demo'], io);
    expect(code).toBe(0);
    expect(io.stderr()).toBe('');
    const out = io.stdout();
    expect(out.match(/^── \d+\. /gm)).toHaveLength(10);
    expect(out).toContain('valid — 4 stages');
    expect(out).toContain('2026-12-07T16:00:00.000Z');
    expect(out).toMatch(/status\s+running/);
    expect(out).toContain('Accept → SAL: not offered — only SQL records can be accepted to SAL');
    expect(out).toContain('recycle recycle_no_budget: stage sql → inquiry');
    expect(out).toContain('Top 3 for deal stage evaluation');
    expect(out).toContain('Alignment scorecard');
    expect(out).toContain('Escalation sweep over HubSpot at 2026-11-30T15:00:00.000Z');
    expect(out).toMatch(/^planned +L1 remind_owner +SLA reminder to the owner: /m);
    expect(out).toMatch(/^Read \d+ leads; \d+ escalation tasks: \d+ to file/m);
  }, 60_000);
});
