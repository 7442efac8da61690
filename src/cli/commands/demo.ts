import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../io/cli-io';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
// The examples are a seeded quarter ending at this instant (see scripts/make-examples.ts).
const DEMO_NOW = '2026-11-30T15:00:00Z';

interface Step {
  readonly title: string;
  readonly args: readonly string[];
  /** Show only the first lines of long output. */
  readonly maxLines?: number;
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
    title: 'Content for a Healthcare deal in evaluation with a price objection, ranked by won-deal evidence',
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
      'price',
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
      for (const { title, args, maxLines } of STEPS) {
        step += 1;
        const shown = args.map((a) => (a.startsWith(EXAMPLES) ? `examples/${a.slice(EXAMPLES.length)}` : a));
        io.out(`\n── ${step}. ${title}\n$ npx handoff ${shown.join(' ')}\n`);
        const captured: string[] = [];
        const collect = (text: string) => captured.push(text.endsWith('\n') ? text : `${text}\n`);
        const code = await runCli(args, { out: collect, err: collect });
        const lines = captured.join('').replace(/\n$/, '').split('\n');
        const visible = maxLines !== undefined && lines.length > maxLines ? lines.slice(0, maxLines) : lines;
        io.out(visible.join('\n'));
        if (visible.length < lines.length) io.out(`… (${lines.length - visible.length} more lines)`);
        if (code !== 0) io.err(`(step ${step} exited with ${code})`);
      }
      io.out(
        '\nNext: `npx handoff sandbox` starts the local HubSpot + Salesforce emulator that the real API clients talk to.',
      );
    });
}
