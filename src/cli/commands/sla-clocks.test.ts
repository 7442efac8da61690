import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHandoff } from '../test-support';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url).pathname;
const NOW = ['--now', '2026-03-12T15:00:00Z'];

describe('handoff sla clocks', () => {
  it('prints each lead’s clocks: running, breached and escalated, recycled, paused, none', async () => {
    const { code, stdout, stderr } = await runHandoff(
      'sla',
      'clocks',
      '--input',
      fixture('sla-clock-leads.json'),
      ...NOW,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([
      'lead-1:',
      '  sql-first-touch · running · PT3H left · due 2026-03-12T18:00:00.000Z · next: reminder to the owner at 2026-03-17T14:00:00.000Z',
      'lead-2:',
      '  mql-disposition · breached · PT2H past target · escalated: reminder to the owner · next: alert to the owner at 2026-03-16T21:00:00.000Z',
      'lead-3:',
      '  recycled-lead-response · running · PT16H left · due 2026-03-16T15:00:00.000Z · next: alert to the owner at 2026-03-19T15:00:00.000Z',
      'lead-4:',
      '  sql-first-touch · paused · PT3H left · due when the pause ends',
      'lead-5: no SLA clock',
    ]);
  });

  it('prints the clocks as JSON with --json', async () => {
    const { code, stdout } = await runHandoff(
      'sla',
      'clocks',
      '--input',
      fixture('sla-clock-leads.json'),
      '--json',
      ...NOW,
    );
    expect(code).toBe(0);
    const leads = JSON.parse(stdout) as {
      id: string;
      clocks: { policyId: string; state: { status: string } }[];
    }[];
    expect(leads.map((l) => [l.id, l.clocks.map((c) => `${c.policyId}:${c.state.status}`)])).toEqual([
      ['lead-1', ['sql-first-touch:running']],
      ['lead-2', ['mql-disposition:breached']],
      ['lead-3', ['recycled-lead-response:running']],
      ['lead-4', ['sql-first-touch:paused']],
      ['lead-5', []],
    ]);
  });

  it('lists every bad field with its path, prints nothing else and exits 1', async () => {
    const file = join(tmpdir(), `handoff-bad-leads-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'x',
          stage: 'sql',
          stageEnteredAt: 'yesterday',
          dispositions: [{ outcome: 'maybe', at: 'now' }],
        },
      ]),
    );
    const { code, stdout, stderr } = await runHandoff('sla', 'clocks', '--input', file, ...NOW);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('the leads are invalid');
    expect(stderr).toContain('[0].stageEnteredAt: expected an ISO-8601 instant with an offset');
    expect(stderr).toContain('[0].dispositions[0].outcome: Invalid option');
    expect(stderr).toContain('[0].dispositions[0].at: expected an ISO-8601 instant');
  });
});
