// Qualification throughput on the default playbook: `npm run bench` (bench/run.ts collects every section).
import { loadavg } from 'node:os';
import { loadPlaybook } from '../src/cli/io/load-playbook';
import { compileQualifier, qualify } from '../src/core/qualification/qualify';
import type { EngagementEvent, QualificationRecord } from '../src/core/qualification/record-schema';

const NOW_MS = Date.UTC(2026, 2, 12, 15, 0, 0);
const DAY_MS = 86_400_000;
const REPEATS = 15;
const TARGET_PER_SECOND = 100_000;

const EVENT_TYPES = ['page_view', 'email_click', 'content_download', 'page_view', 'webinar_attended'];

/** A CRM-like lead: every ICP property set, numbers as CRM text, plus a few unrelated fields. */
function aRealisticRecord(i: number): QualificationRecord {
  return {
    id: `lead-${i}`,
    properties: {
      firstName: 'Dana',
      lastName: 'Reyes',
      email: `dana.reyes${i}@example.com`,
      industry: i % 3 === 0 ? 'Healthcare' : 'Software',
      employees: i % 4 === 0 ? '1,200' : 250,
      annualRevenue: '48,000,000',
      country: i % 5 === 0 ? 'DE' : 'US',
      jobTitle: 'VP, Revenue Operations',
      seniority: 'vp',
      technologies: 'Salesforce; Outreach; Snowflake',
      discoveryNeed: i % 2 === 0 ? 'Routing is manual and slow' : null,
      discoveryBudget: i % 2 === 0 ? 'Approved for Q3' : null,
      discoveryAuthority: 'CRO signs',
      discoveryTimeline: null,
      handoffStatus: null,
      leadSource: 'webinar',
    },
  };
}

function twentyEvents(i: number): EngagementEvent[] {
  return Array.from({ length: 20 }, (_, k) => ({
    type: itemAt(EVENT_TYPES, i + k),
    at: new Date(NOW_MS - ((k * 4 + (i % 3)) * DAY_MS + k * 3_600_000)).toISOString(),
    assetId: `asset-${k}`,
  }));
}

function itemAt<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return itemAt(sorted, Math.floor(sorted.length / 2));
}

// CPU time of this process, not wall time: the machine is shared, and waiting for a core is not our cost.
function measure(iterations: number, body: (i: number) => void): number {
  const rates: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) body(i);
    const used = process.cpuUsage(start);
    rates.push(iterations / ((used.user + used.system) / 1e6));
  }
  return median(rates);
}

/** Runs the qualification benchmark and returns its Markdown section. */
export async function run(): Promise<string> {
  const loaded = loadPlaybook();
  if (!loaded.ok) throw new Error(loaded.error.message);
  const playbook = loaded.data;
  const records = Array.from({ length: 256 }, (_, i) => aRealisticRecord(i));
  const events = Array.from({ length: 256 }, (_, i) => twentyEvents(i));
  const qualifier = compileQualifier(playbook);
  let sink = 0;

  // Warm up so the JIT has compiled the hot paths before measuring.
  for (let i = 0; i < 200_000; i++)
    sink += qualifier(itemAt(records, i), itemAt(events, i), NOW_MS).fit.score;

  const iterations = 100_000;
  const compiledRate = measure(iterations, (i) => {
    sink += qualifier(itemAt(records, i), itemAt(events, i), NOW_MS).engagement.score;
  });
  const entryRate = measure(iterations, (i) => {
    sink += qualify(itemAt(records, i), itemAt(events, i), playbook, NOW_MS).engagement.score;
  });
  const compileRate = measure(2_000, () => {
    sink += compileQualifier(playbook).length;
  });
  if (sink === Number.MIN_VALUE) console.log(sink); // keeps the results alive

  const row = (name: string, rate: number, target: string) =>
    `| ${name} | ${Math.round(rate).toLocaleString('en-US')} | ${target} |`;
  const verdict = (rate: number) =>
    rate >= TARGET_PER_SECOND
      ? `≥ ${TARGET_PER_SECOND.toLocaleString('en-US')} ✓`
      : `≥ ${TARGET_PER_SECOND.toLocaleString('en-US')} ✗`;
  return [
    '## Qualification',
    '',
    'Command: `npm run bench`. Default playbook (4 stages, 7 ICP facets, 4 discovery questions), a lead with 16',
    `properties (numbers as CRM text such as "1,200") and 20 events over 80 days; median of ${REPEATS} runs of`,
    `${iterations.toLocaleString('en-US')} qualifications, measured in CPU time of one core (the machine is shared).`,
    `Machine load average during the run: ${(loadavg()[0] ?? 0).toFixed(1)} (2 cores shared with other work).`,
    '',
    '| operation | per second | target |',
    '|---|---:|---|',
    row(
      '`compileQualifier(playbook)` then qualifier(record, events, now)',
      compiledRate,
      verdict(compiledRate),
    ),
    row('`qualify(record, events, playbook, now)` (cached compile)', entryRate, verdict(entryRate)),
    row('`compileQualifier(playbook)` alone', compileRate, '—'),
    '',
  ].join('\n');
}

// Run directly: `npx tsx bench/qualification.bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
