import { describe, expect, it } from 'vitest';
import { runHandoff as run, scratchFiles } from '../test-support';

const calendar = new URL('./__fixtures__/nine-to-five-with-march-13-holiday.json', import.meta.url).pathname;
const { file } = scratchFiles('handoff-sla-');

describe('handoff sla due / elapsed', () => {
  it('prints the issue example: 4h from Thursday 15:00 before a Friday holiday is Monday 11:00 New York', async () => {
    const r = await run(
      'sla',
      'due',
      '--calendar',
      calendar,
      '--start',
      '2026-03-12T19:00:00Z',
      '--duration',
      'PT4H',
    );
    expect(r).toEqual({ code: 0, stdout: '2026-03-16T15:00:00.000Z\n', stderr: '' });
  });

  it('prints elapsed business milliseconds as an integer', async () => {
    const r = await run(
      'sla',
      'elapsed',
      '--calendar',
      calendar,
      '--from',
      '2026-03-12T19:00:00Z',
      '--to',
      '2026-03-16T15:00:00Z',
    );
    expect(r).toEqual({ code: 0, stdout: '14400000\n', stderr: '' });
  });

  it('answers a batch of due cases one line each, in order', async () => {
    const batch = file(
      'due.jsonl',
      [
        '{"start":"2026-03-12T19:00:00Z","duration":"PT4H"}',
        '',
        '{"start":"2026-03-14T12:00:00Z","duration":"PT0S"}',
        '{"start":"2026-03-16T13:00:00Z","duration":"PT37H13M"}',
      ].join('\n'),
    );
    const r = await run('sla', 'due', '--calendar', calendar, '--batch', batch);
    expect(r.stdout.trim().split('\n')).toEqual([
      '2026-03-16T15:00:00.000Z',
      '2026-03-16T13:00:00.000Z',
      '2026-03-20T18:13:00.000Z',
    ]);
  });

  it('answers a batch of elapsed cases one line each, in order', async () => {
    const batch = file(
      'elapsed.jsonl',
      '{"from":"2026-03-16T13:00:00Z","to":"2026-03-16T14:30:00Z"}\n{"from":"2026-03-16T14:30:00Z","to":"2026-03-16T13:00:00Z"}\n',
    );
    const r = await run('sla', 'elapsed', '--calendar', calendar, '--batch', batch);
    expect(r.stdout).toBe('5400000\n0\n');
  });

  it('reports every bad batch line with its line number and prints no partial results', async () => {
    const batch = file(
      'bad.jsonl',
      '{"start":"2026-03-12T19:00:00Z","duration":"P1D"}\nnot json\n{"start":"x"}\n',
    );
    const r = await run('sla', 'due', '--calendar', calendar, '--batch', batch);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 1: invalid duration "P1D"');
    expect(r.stderr).toContain('line 2: not valid JSON');
    expect(r.stderr).toContain('line 3.duration:');
  });

  it.each([
    [
      'a missing calendar file',
      ['--calendar', '/no/such/calendar.json', '--start', '2026-03-12T19:00:00Z', '--duration', 'PT4H'],
      '/no/such/calendar.json: no such file',
    ],
    [
      'an empty calendar file',
      ['--calendar', file('empty.json', '  \n'), '--start', '2026-03-12T19:00:00Z', '--duration', 'PT4H'],
      'the file is empty',
    ],
    [
      'a calendar file that is not JSON',
      ['--calendar', file('broken.json', '{"id": '), '--start', '2026-03-12T19:00:00Z', '--duration', 'PT4H'],
      'not valid JSON',
    ],
    [
      'a start with no offset',
      ['--calendar', calendar, '--start', '2026-03-12T19:00:00', '--duration', 'PT4H'],
      'invalid instant "2026-03-12T19:00:00"',
    ],
    [
      'a day-based duration',
      ['--calendar', calendar, '--start', '2026-03-12T19:00:00Z', '--duration', 'P1D'],
      'business time has no fixed-length day',
    ],
    [
      'neither --start nor --batch',
      ['--calendar', calendar],
      'sla due needs --start and --duration, or --batch',
    ],
  ])('fails with one clear line and exit 1 on %s', async (_name, args, message) => {
    const r = await run('sla', 'due', ...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists every problem of an invalid calendar with its path', async () => {
    const bad = file(
      'bad-calendar.json',
      JSON.stringify({ id: 'x', timeZone: 'Nowhere/City', hours: { mon: [['17:00', '09:00']] } }),
    );
    const r = await run(
      'sla',
      'elapsed',
      '--calendar',
      bad,
      '--from',
      '2026-03-12T19:00:00Z',
      '--to',
      '2026-03-13T19:00:00Z',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('timeZone: unknown time zone "Nowhere/City"');
  });
});

describe('handoff sla status', () => {
  it('prints a paused clock outside business hours with when it resumes', async () => {
    const r = await run(
      'sla',
      'status',
      '--policy',
      'sql-first-touch',
      '--triggered-at',
      '2026-03-10T20:00:00Z',
      '--now',
      '2026-03-10T22:00:00Z',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/status\s+paused \(outside business hours\)/);
    expect(r.stdout).toMatch(/paused until\s+2026-03-11T13:00:00.000Z/);
    expect(r.stdout).toMatch(/due at\s+2026-03-11T16:00:00.000Z/);
  });

  it('prints JSON with the milestone fields, counting a pause-rule span', async () => {
    const r = await run(
      'sla',
      'status',
      '--policy',
      'sql-first-touch',
      '--triggered-at',
      '2026-03-10T14:00:00Z',
      '--pause',
      '2026-03-10T15:00:00Z/2026-03-11T14:00:00Z',
      '--now',
      '2026-03-11T15:00:00Z',
      '--json',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'running',
      elapsedMs: 7_200_000,
      dueAt: '2026-03-11T17:00:00.000Z',
    });
  });

  it('prints a met clock when the first touch came in time', async () => {
    const r = await run(
      'sla',
      'status',
      '--policy',
      'sql-first-touch',
      '--triggered-at',
      '2026-03-10T14:00:00Z',
      '--first-touch-at',
      '2026-03-10T15:00:00Z',
      '--now',
      '2026-03-12T15:00:00Z',
      '--json',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'met', isCompleted: true, isViolated: false });
  });

  it('names the known policies when the policy id is unknown', async () => {
    const r = await run(
      'sla',
      'status',
      '--policy',
      'nope',
      '--triggered-at',
      '2026-03-10T14:00:00Z',
      '--now',
      '2026-03-10T15:00:00Z',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown SLA policy "nope" (known: sql-first-touch,');
  });
});
