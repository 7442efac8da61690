import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../io/cli-io';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
// The examples are a seeded quarter ending at this instant (see scripts/make-examples.ts).
const DEMO_NOW = '2026-11-30T15:00:00Z';

interface Step {
  readonly title: string;
  readonly args: readonly string[];
  /** Show only the first lines of long output… */
  readonly maxLines?: number;
  /** …and this many of its last lines (a summary). */
  readonly tail?: number;
  /** Runs the step itself instead of `handoff …args` (a step that needs the sandbox CRM); returns the exit code. */
  readonly run?: (io: CliIo) => Promise<number>;
  /** What the reader types, when it differs from `npx handoff …args`. */
  readonly shown?: string;
}

/**
 * The escalation sweep needs a CRM: the demo starts the emulator in memory (HubSpot's API, seeded as `handoff
 * sandbox` seeds it, its clock at the demo's instant) and sweeps it through the HubSpot adapter, planning only.
 */
async function sweepTheSandbox(io: CliIo): Promise<number> {
  const [{ startEmulator }, { hubspotApi }, { runEscalate }, { CliExit }] = await Promise.all([
    import('../../crm/emulator/server'),
    import('../../crm/emulator/hubspot/index'),
    import('./escalate'),
    import('../io/cli-io'),
  ]);
  const emulator = await startEmulator({
    apis: [hubspotApi],
    seed: 42,
    sizes: { leads: 150, deals: 40, assets: 20 },
    clock: { now: Date.parse(DEMO_NOW), frozen: true },
  });
  try {
    const options = {
      crm: 'hubspot',
      basePath: `${emulator.url}/hubspot`,
      now: DEMO_NOW,
      dryRun: true,
    } as const;
    await runEscalate(options, io, { HUBSPOT_ACCESS_TOKEN: emulator.token });
    return 0;
  } catch (cause) {
    if (cause instanceof CliExit) return cause.exitCode;
    throw cause;
  } finally {
    await emulator.close();
  }
}

const STEPS: readonly Step[] = [
  { title: 'Check the playbook both CRMs read', args: ['validate'] },
  {
    title: 'Qualify leads: which stage criteria each one meets, and what the next stage still needs',
    args: ['qualify', '--input', `${EXAMPLES}leads.json`, '--now', DEMO_NOW],
  },
  {
    title: 'A live SLA clock: an SQL that entered the stage Monday 16:00 New York, seen Tuesday 10:30',
    args: [
      'sla',
      'status',
      '--policy',
      'sql-first-touch',
      '--triggered-at',
      '2026-11-30T21:00:00Z',
      '--now',
      '2026-12-01T15:30:00Z',
    ],
  },
  {
    title: 'Business-hours math: 4 business hours from Friday 15:00 New York end on Monday at 11:00',
    args: [
      'sla',
      'due',
      '--calendar',
      `${EXAMPLES}calendar-us-east.json`,
      '--start',
      '2026-12-04T20:00:00Z',
      '--duration',
      'PT4H',
    ],
  },
  {
    title: 'The disposition form on an MQL: what a rep may do, the reason codes, where notes are required',
    args: ['disposition-options', '--stage', 'mql', '--now', DEMO_NOW],
  },
  {
    title: 'A rep recycles an SQL with a reason code and notes: the plan written to the CRM',
    args: [
      'disposition',
      '--state',
      `${EXAMPLES}disposition-state.json`,
      '--input',
      `${EXAMPLES}disposition-submission.json`,
      '--now',
      DEMO_NOW,
    ],
  },
  {
    title:
      'Content for a Healthcare deal in evaluation whose buyer doubts the ROI, ranked by won-deal evidence',
    args: [
      'content',
      'recommend',
      '--library',
      `${EXAMPLES}library.json`,
      '--stats',
      `${EXAMPLES}usage.json`,
      '--deal-stage',
      'evaluation',
      '--industry',
      'Healthcare',
      '--objection',
      'roi',
      '--limit',
      '3',
      '--now',
      DEMO_NOW,
    ],
  },
  {
    title: 'Which content earned the revenue: W-shaped attribution over the quarter',
    args: ['attribute', '--model', 'w_shaped', '--input', `${EXAMPLES}attribution.json`, '--as-of', DEMO_NOW],
    maxLines: 24,
  },
  {
    title: 'The alignment scorecard for the quarter',
    args: ['report', '--input', `${EXAMPLES}quarter.json`],
    maxLines: 30,
  },
  {
    title:
      'The scheduled SLA escalation sweep over a sandbox CRM: one task per step a clock reached (dry run)',
    args: [],
    shown:
      'HUBSPOT_ACCESS_TOKEN=sandbox-token npx handoff escalate --crm hubspot ' +
      `--base-path http://127.0.0.1:5170/hubspot --now ${DEMO_NOW} --dry-run   # after \`npx handoff sandbox\``,
    run: sweepTheSandbox,
    maxLines: 12,
    tail: 1,
  },
];

/** `handoff demo` (what `npm start` runs): a tour of every core capability on the seeded example quarter. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('a tour of Handoff on the example data in examples/ (what `npm start` runs)')
    .action(async () => {
      // Imported lazily: the demo drives the same program it belongs to.
      const { runCli } = await import('../program');
      io.out('Handoff — the sales–marketing handoff as an executable playbook.\n');
      io.out(
        'Every step below is a `npx handoff …` command you can run yourself; `npx handoff --help` lists them all.',
      );
      let step = 0;
      for (const { title, args, maxLines, tail = 0, run, shown } of STEPS) {
        step += 1;
        const typed = args.map((a) => (a.startsWith(EXAMPLES) ? `examples/${a.slice(EXAMPLES.length)}` : a));
        io.out(`\n── ${step}. ${title}\n$ ${shown ?? `npx handoff ${typed.join(' ')}`}\n`);
        const captured: string[] = [];
        const collect = (text: string) => captured.push(text.endsWith('\n') ? text : `${text}\n`);
        const into = { out: collect, err: collect };
        const code = run === undefined ? await runCli(args, into) : await run(into);
        // The sandbox's port changes from run to run; the reader's command names the default one.
        const lines = captured
          .join('')
          .replace(/\n$/, '')
          .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:5170')
          .split('\n');
        const cut = maxLines !== undefined && lines.length > maxLines + tail;
        io.out((cut ? lines.slice(0, maxLines) : lines).join('\n'));
        if (cut) {
          io.out(`… (${lines.length - maxLines - tail} more lines)`);
          if (tail > 0) io.out(lines.slice(-tail).join('\n'));
        }
        if (code !== 0) io.err(`(step ${step} exited with ${code})`);
      }
      io.out(
        '\nNext: `npx handoff sandbox` starts the local HubSpot + Salesforce emulator that the real API clients talk to.',
      );
    });
}
