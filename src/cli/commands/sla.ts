import type { Command } from 'commander';
import * as z from 'zod';
import { compileCalendar } from '../../core/sla/business-calendar';
import { slaClock } from '../../core/sla/sla-clock';
import type { BusinessCalendar, PauseSpan, SlaClockState } from '../../core/sla/types';
import { parseCalendar } from '../../core/sla/validate-calendar';
import { err, formatIssues, type FieldIssue, type Result } from '../../core/shared/result';
import { formatBusinessDuration, parseBusinessDuration } from '../../core/time/duration';
import { formatInstant, parseInstant } from '../../core/time/instant';
import { CliExit, type CliIo } from '../io/cli-io';
import { fail, orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';
import { readDataFile, readTextFile } from '../io/read-data-file';
import { registerSlaClocks } from './sla-clocks';

export function registerSla(program: Command, io: CliIo): void {
  const sla = program
    .command('sla')
    .description('business-hours SLA math: due instants, elapsed business time, and clock state');

  sla
    .command('due')
    .description('print the instant at which a business-time duration ends (toISOString)')
    .requiredOption('--calendar <file>', 'calendar file (JSON or YAML, the playbook calendar format)')
    .option('--start <iso>', 'start instant, e.g. 2026-03-12T19:00:00Z')
    .option('--duration <iso-duration>', 'business time, e.g. PT4H, PT37H13M, PT0S')
    .option('--batch <file.jsonl>', 'one {"start","duration"} object per line; prints one result per line')
    .action((opts: { calendar: string; start?: string; duration?: string; batch?: string }) => {
      const calendar = loadCalendar(io, opts.calendar);
      if (opts.batch !== undefined) {
        runBatch(
          io,
          opts.batch,
          DueCase,
          (c) => combine(parseInstant(c.start), parseBusinessDuration(c.duration)),
          ([s, d]) => formatInstant(calendar.due(s, d)),
        );
        return;
      }
      if (opts.start === undefined || opts.duration === undefined) {
        fail(io, err('MISSING_OPTION', 'sla due needs --start and --duration, or --batch').error);
      }
      const start = orFail(io, parseInstant(opts.start));
      const duration = orFail(io, parseBusinessDuration(opts.duration));
      io.out(formatInstant(calendar.due(start, duration)));
    });

  sla
    .command('elapsed')
    .description('print the business milliseconds in [from, to)')
    .requiredOption('--calendar <file>', 'calendar file (JSON or YAML, the playbook calendar format)')
    .option('--from <iso>', 'start instant')
    .option('--to <iso>', 'end instant (excluded)')
    .option('--batch <file.jsonl>', 'one {"from","to"} object per line; prints one result per line')
    .action((opts: { calendar: string; from?: string; to?: string; batch?: string }) => {
      const calendar = loadCalendar(io, opts.calendar);
      if (opts.batch !== undefined) {
        runBatch(
          io,
          opts.batch,
          ElapsedCase,
          (c) => combine(parseInstant(c.from), parseInstant(c.to)),
          ([f, t]) => String(calendar.elapsed(f, t)),
        );
        return;
      }
      if (opts.from === undefined || opts.to === undefined) {
        fail(io, err('MISSING_OPTION', 'sla elapsed needs --from and --to, or --batch').error);
      }
      const from = orFail(io, parseInstant(opts.from));
      const to = orFail(io, parseInstant(opts.to));
      io.out(String(calendar.elapsed(from, to)));
    });

  sla
    .command('status')
    .description(
      "print an SLA clock's state (mirrors Salesforce milestones: due, remaining, since target, violated)",
    )
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .requiredOption('--policy <id>', 'SLA policy id, e.g. sql-first-touch')
    .requiredOption('--triggered-at <iso>', 'when the clock started')
    .option('--first-touch-at <iso>', 'when the stop event happened (first touch, disposition, fulfilment)')
    .option(
      '--pause <from/to>',
      'a pause-rule span, ISO/ISO (leave the end empty while still paused); repeatable',
      collect,
      [],
    )
    .requiredOption('--now <iso>', 'the instant to evaluate at')
    .option('--json', 'print JSON')
    .action(
      (opts: {
        playbook?: string;
        policy: string;
        triggeredAt: string;
        firstTouchAt?: string;
        pause: string[];
        now: string;
        json?: boolean;
      }) => {
        const playbook = orFail(io, loadPlaybook(opts.playbook));
        const policy = playbook.slaPolicies.find((p) => p.id === opts.policy);
        if (!policy) {
          const known = playbook.slaPolicies.map((p) => p.id).join(', ');
          fail(io, err('UNKNOWN_POLICY', `unknown SLA policy "${opts.policy}" (known: ${known})`).error);
        }
        const spec = playbook.calendars.find((c) => c.id === policy.calendar);
        // parsePlaybook has checked that every policy's calendar exists.
        if (!spec) fail(io, err('UNKNOWN_CALENDAR', `unknown calendar "${policy.calendar}"`).error);
        const state = slaClock({
          policy,
          calendar: compileCalendar(spec),
          triggeredAtMs: orFail(io, parseInstant(opts.triggeredAt)),
          completedAtMs: opts.firstTouchAt === undefined ? null : orFail(io, parseInstant(opts.firstTouchAt)),
          pauses: opts.pause.map((text) => orFail(io, parsePause(text))),
          nowMs: orFail(io, parseInstant(opts.now)),
        });
        io.out(opts.json ? JSON.stringify(state, null, 2) : describeClock(state));
      },
    );

  registerSlaClocks(sla, io);
}

const DueCase = z.object({ start: z.string(), duration: z.string() }).strict();
const ElapsedCase = z.object({ from: z.string(), to: z.string() }).strict();

function loadCalendar(io: CliIo, path: string): BusinessCalendar {
  const data = orFail(io, readDataFile(path));
  const parsed = parseCalendar(data);
  if (!parsed.ok) fail(io, { ...parsed.error, message: `${path}: ${parsed.error.message}` });
  return compileCalendar(parsed.data);
}

/** Validates every line first, so a bad line prints every problem and no partial output. */
function runBatch<C, V>(
  io: CliIo,
  path: string,
  schema: z.ZodType<C>,
  parse: (c: C) => Result<V>,
  compute: (v: V) => string,
): void {
  const text = orFail(io, readTextFile(path));
  const lines = text.split(/\r?\n/);
  const values: V[] = [];
  const issues: FieldIssue[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      issues.push({ path: where, message: 'not valid JSON' });
      return;
    }
    const shape = schema.safeParse(json);
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        issues.push({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message });
      }
      return;
    }
    const value = parse(shape.data);
    if (!value.ok) issues.push({ path: where, message: value.error.message });
    else values.push(value.data);
  });
  if (issues.length > 0) {
    io.err(`handoff: ${path}: ${issues.length} bad line(s)`);
    for (const line of formatIssues(issues)) io.err(`  ${line}`);
    throw new CliExit(1);
  }
  io.out(values.map(compute).join('\n'));
}

function combine<A, B>(a: Result<A>, b: Result<B>): Result<[A, B]> {
  if (!a.ok) return a;
  if (!b.ok) return b;
  return { ok: true, data: [a.data, b.data] };
}

function parsePause(text: string): Result<PauseSpan> {
  const [fromText = '', toText = ''] = text.split('/');
  const from = parseInstant(fromText);
  if (!from.ok) return from;
  if (toText === '') return { ok: true, data: { fromMs: from.data, toMs: null } };
  const to = parseInstant(toText);
  if (!to.ok) return to;
  if (to.data < from.data) return err('INVALID_PAUSE', `pause "${text}" ends before it starts`);
  return { ok: true, data: { fromMs: from.data, toMs: to.data } };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function describeClock(s: SlaClockState): string {
  const rows: [string, string][] = [
    ['policy', s.policyId],
    ['status', s.status + (s.pauseReason ? ` (${s.pauseReason.replaceAll('_', ' ')})` : '')],
    ['triggered at', s.triggeredAt],
    ['due at', s.dueAt ?? 'unknown while paused'],
    ['target', formatBusinessDuration(s.targetMs)],
    ['elapsed', formatBusinessDuration(s.elapsedMs)],
    ['remaining', formatBusinessDuration(s.remainingMs)],
    ['since target', formatBusinessDuration(s.sinceTargetMs)],
    ['completed', s.isCompleted ? `yes, at ${s.completedAt ?? ''}` : 'no'],
    ['violated', s.isViolated ? 'yes' : 'no'],
    ['escalation', s.escalation ? `level ${s.escalationLevel}: ${s.escalation.label}` : 'none'],
    [
      'next escalation',
      s.nextEscalation ? `${s.nextEscalation.label} at ${s.nextEscalationAt ?? 'unknown'}` : 'none',
    ],
  ];
  if (s.status === 'paused') rows.splice(2, 0, ['paused until', s.pausedUntil ?? 'the pause rule ends']);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
