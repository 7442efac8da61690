import { describe, expect, it } from 'vitest';
import { runHandoff } from '../test-support';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url).pathname;
const NOW = ['--now', '2026-03-12T15:00:00Z'];

const run = (args: string[]) => runHandoff(...args);

describe('handoff disposition', () => {
  it('prints the plan of a valid accept', async () => {
    const { code, stdout, stderr } = await run([
      'disposition',
      '--state',
      fixture('disposition-state-sql.json'),
      '--input',
      fixture('disposition-accept-meeting-booked.json'),
      ...NOW,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('accept accept_meeting_booked: stage sql → sal');
    expect(stdout).toContain('  handoffStatus: accepted');
    expect(stdout).toContain('  handoffRecycleAt: (cleared)');
    expect(stdout).toContain('SLA: stop sql-first-touch at 2026-03-12T15:00:00.000Z');
    expect(stdout).toContain('  Disposition: Accept — Meeting booked');
  });

  it('prints the plan as JSON with --json', async () => {
    const { code, stdout } = await run([
      'disposition',
      '--state',
      fixture('disposition-state-sql.json'),
      '--input',
      fixture('disposition-accept-meeting-booked.json'),
      '--json',
      ...NOW,
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      alreadyApplied: false,
      stageChange: { from: 'sql', to: 'sal' },
      disposition: { recordId: 'lead-42', ownerId: 'rep-7' },
    });
  });

  it('prints every problem with its path and exits 1', async () => {
    const { code, stdout, stderr } = await run([
      'disposition',
      '--state',
      fixture('disposition-state-mql.json'),
      '--input',
      fixture('disposition-reject-other-short-notes.json'),
      ...NOW,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      'handoff: the disposition has 2 problems',
      '  notes: notes for "Other reason to reject" must be at least 30 characters (got 4)',
      '  recycleAt: a recycle date is only for recycle, not reject',
      '',
    ]);
  });

  it('reports an invalid state file with its paths', async () => {
    const { code, stderr } = await run([
      'disposition',
      '--state',
      fixture('disposition-accept-meeting-booked.json'),
      '--input',
      fixture('disposition-accept-meeting-booked.json'),
      ...NOW,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('the record state is invalid');
    expect(stderr).toContain('  recordId: Invalid input: expected string, received undefined');
  });

  it('gives one clear line and exit 1 for a missing file', async () => {
    const { code, stderr } = await run([
      'disposition',
      '--state',
      'missing.json',
      '--input',
      'x.json',
      ...NOW,
    ]);
    expect(code).toBe(1);
    expect(stderr).toBe('handoff: missing.json: no such file\n');
  });
});
