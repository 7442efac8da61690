import { createPrng } from '../src/crm/emulator/prng';
// Scorecard benchmark: the alignment scorecard over 200k leads, 50k deals and 1M touches (validation and the
// scorecard timed apart, peak memory measured in a fresh child process), and how its cost grows from 10 % to 100 %.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { parsePlaybook } from '../src/core/playbook/parse-playbook';
import type { Playbook } from '../src/core/playbook/schema';
import type { Deal, Disposition, Lead, ScorecardInput, SlaClock } from '../src/core/scorecard/input-schema';
import { parseScorecardInput } from '../src/core/scorecard/parse-scorecard-input';
import { scorecard } from '../src/core/scorecard/scorecard';
import { ASSET_IDS, ATTRIBUTION_DATA_AS_OF, generateAttributionData } from './data/attribution-data';

const FULL = { leads: 200_000, deals: 50_000, touches: 1_000_000, seed: 42 };
const FRACTIONS = [0.1, 0.25, 0.5, 1];
const REPEATS = 5;
const CHILD_ENV = 'HANDOFF_SCORECARD_BENCH_FRACTION';
const PERIOD = { from: '2026-04-01T00:00:00.000Z', to: ATTRIBUTION_DATA_AS_OF };
const MB = 1024 * 1024;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const LEAD_SOURCES = [
  'webinar',
  'paid_search',
  'organic',
  'event',
  'content_syndication',
  'referral',
  'partner',
  'list_import',
];
const SALES_SOURCES = ['outbound', 'partner', 'expansion'];
const REPS = Array.from({ length: 60 }, (_, i) => `rep-${i + 1}`);
const CODES = {
  accept: ['accept_meeting_booked', 'accept_active_project'],
  reject: [
    'reject_not_icp',
    'reject_student_or_job_seeker',
    'reject_competitor',
    'reject_bad_data',
    'reject_duplicate',
  ],
  recycle: ['recycle_no_budget', 'recycle_bad_timing', 'recycle_no_response', 'recycle_using_competitor'],
} as const;

/**
 * Report input at `fraction` of the full size: deals and touches from the attribution generator, and leads with
 * their stage history, dispositions, SLA clocks, shares, requests, briefings and feedback generated alongside.
 */
function generateScorecardData(fraction: number): ScorecardInput {
  const random = createPrng(FULL.seed + 1).next;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const iso = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString();
  const start = Date.parse('2025-07-01T00:00:00Z');
  const end = Date.parse(ATTRIBUTION_DATA_AS_OF);
  const attribution = generateAttributionData({
    deals: Math.round(FULL.deals * fraction),
    touches: Math.round(FULL.touches * fraction),
    seed: FULL.seed,
  });

  const leads: Lead[] = [];
  const dispositions: Disposition[] = [];
  const slaClocks: SlaClock[] = [];
  for (let i = 0; i < Math.round(FULL.leads * fraction); i++) {
    const id = `L${i + 1}`;
    const source = pick(LEAD_SOURCES);
    const ownerId = pick(REPS);
    // Inquiries stop a month before the data's end so most stage progressions and SLA clocks have happened.
    let at = start + random() * (end - 30 * DAY - start);
    const stageHistory = [{ stage: 'inquiry', at: iso(at) }];
    // About 40 % become MQLs, half of those SQLs, and most SQLs are accepted.
    if (random() < 0.4) {
      at += random() * 20 * DAY;
      stageHistory.push({ stage: 'mql', at: iso(at) });
      const mqlAt = at;
      const outcome = random() < 0.45 ? 'accept' : random() < 0.55 ? 'reject' : 'recycle';
      const dispositionAt = mqlAt + random() * 60 * HOUR;
      dispositions.push({
        id: `X${i + 1}`,
        leadId: id,
        outcome,
        reasonCode: pick(CODES[outcome]),
        at: iso(dispositionAt),
        ownerId,
      });
      slaClocks.push(
        clock(id, 'mql-disposition', ownerId, mqlAt, dispositionAt - mqlAt, 24 * HOUR, end, iso),
      );
      if (outcome === 'accept') {
        at = dispositionAt + random() * 5 * DAY;
        stageHistory.push({ stage: 'sql', at: iso(at) });
        const touchMs = random() < 0.9 ? random() * 5 * HOUR : random() * 40 * HOUR;
        slaClocks.push(clock(id, 'sql-first-touch', ownerId, at, touchMs, 4 * HOUR, end, iso));
        if (random() < 0.8) stageHistory.push({ stage: 'sal', at: iso(at + random() * 2 * DAY) });
      }
    }
    leads.push({ id, source, ownerId, createdAt: stageHistory[0]?.at ?? iso(at), stageHistory });
  }

  // Seven deals in ten come from a lead (marketing-sourced); the rest are sales-sourced.
  const deals: Deal[] = attribution.deals.map((deal, d) => {
    const lead = random() < 0.7 ? leads[d % leads.length] : undefined;
    return {
      id: deal.id,
      ...(lead === undefined ? {} : { leadId: lead.id }),
      source: lead?.source ?? pick(SALES_SOURCES),
      ownerId: pick(REPS),
      amount: deal.amount,
      createdAt: deal.createdAt,
      closedAt: deal.closedAt ?? null,
      won: deal.closedAt ? deal.won : null,
    };
  });

  const shares = Array.from({ length: Math.round(20_000 * fraction) }, () => ({
    assetId: pick(ASSET_IDS),
    ownerId: random() < 0.9 ? pick(REPS) : 'marketer-1',
    at: iso(start + random() * (end - start)),
  }));
  const assets = [...ASSET_IDS, ...Array.from({ length: 40 }, (_, i) => `U${i + 1}`)].map((id, i) => ({
    id,
    status: i % 10 === 9 ? ('archived' as const) : ('active' as const),
  }));
  const contentRequests = Array.from({ length: Math.round(2_000 * fraction) }, (_, i) => {
    const requestedAt = start + random() * (end - start);
    const dueAt = requestedAt + (random() < 0.3 ? 2 : 10) * DAY;
    const fulfilledAt = random() < 0.85 ? requestedAt + random() * 14 * DAY : null;
    return {
      id: `R${i + 1}`,
      priority: dueAt - requestedAt < 5 * DAY ? ('rush' as const) : ('standard' as const),
      requestedAt: iso(requestedAt),
      dueAt: iso(dueAt),
      fulfilledAt: fulfilledAt === null ? null : iso(fulfilledAt),
    };
  });
  const briefings = Array.from({ length: 24 }, (_, i) => ({
    at: iso(start + i * 15 * DAY),
    salesInvited: 60,
    salesAttended: 45 + Math.floor(random() * 16),
  }));
  const feedback = Array.from({ length: Math.round(4_000 * fraction) }, () => {
    const at = start + random() * (end - start);
    return { at: iso(at), answeredAt: random() < 0.95 ? iso(at + random() * 72 * HOUR) : null };
  });

  return {
    period: PERIOD,
    leads,
    deals,
    dispositions,
    touches: attribution.touches,
    slaClocks,
    assets,
    shares,
    contentRequests,
    briefings,
    feedback,
  };
}

/** A clock as the SLA engine would leave it: completed when the response came before the data's end. */
function clock(
  recordId: string,
  policyId: string,
  ownerId: string,
  triggeredMs: number,
  responseMs: number,
  targetMs: number,
  endMs: number,
  iso: (ms: number) => string,
): SlaClock {
  const completed = triggeredMs + responseMs < endMs;
  const elapsedMs = completed ? responseMs : Math.max(0, endMs - triggeredMs);
  const violated = elapsedMs > targetMs;
  return {
    recordId,
    policyId,
    ownerId,
    status: completed ? (violated ? 'breached' : 'met') : violated ? 'breached' : 'running',
    elapsedMs,
    isCompleted: completed,
    isViolated: violated,
    triggeredAt: iso(triggeredMs),
    completedAt: completed ? iso(triggeredMs + responseMs) : null,
  };
}

function defaultPlaybook(): Playbook {
  const parsed = parsePlaybook(
    parseYaml(readFileSync(new URL('../playbooks/default.yaml', import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.data;
}

interface SizedRun {
  fraction: number;
  leads: number;
  deals: number;
  touches: number;
  records: number;
  validateMs: number;
  validateCpuMs: number;
  /** Medians of the scorecard runs: wall-clock time, and CPU time (steadier on a shared machine). */
  scorecardMs: number;
  scorecardCpuMs: number;
  inputRssMb: number;
  peakRssMb: number;
  targets: string;
}

/** Runs in the child process: generate, validate once, then time the scorecard REPEATS times after a warm-up. */
function sizedRun(fraction: number): SizedRun {
  // A JSON round trip makes the input look like what `handoff report` reads from disk; the generated objects are
  // dropped so the measured memory is the input as read, not two copies of it.
  const raw = JSON.parse(JSON.stringify(generateScorecardData(fraction))) as unknown;
  const playbook = defaultPlaybook();
  globalThis.gc?.();
  const inputRssMb = process.memoryUsage().rss / MB;
  const v0 = performance.now();
  const vCpu = process.cpuUsage();
  const parsed = parseScorecardInput(raw);
  const validateCpuMs = cpuMs(process.cpuUsage(vCpu));
  const validateMs = performance.now() - v0;
  if (!parsed.ok) throw new Error(`${parsed.error.message}: ${parsed.error.issues[0]?.path ?? ''}`);
  const warm = scorecard(parsed.data, playbook);
  if (!warm.ok) throw new Error(warm.error.message);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    scorecard(parsed.data, playbook);
    times.push(performance.now() - t0);
    cpuTimes.push(cpuMs(process.cpuUsage(cpu)));
  }
  const d = parsed.data;
  return {
    fraction,
    leads: d.leads.length,
    deals: d.deals.length,
    touches: d.touches.length,
    records:
      d.leads.length +
      d.deals.length +
      d.touches.length +
      d.dispositions.length +
      d.slaClocks.length +
      (d.shares?.length ?? 0),
    validateMs,
    validateCpuMs,
    scorecardMs: median(times),
    scorecardCpuMs: median(cpuTimes),
    inputRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    targets: warm.data.targets.map((t) => `${t.id} ${t.status}`).join(', '),
  };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function childRun(fraction: number): SizedRun {
  const stdout = execFileSync(
    process.execPath,
    ['--expose-gc', 'bin/run-ts.js', 'bench/scorecard.bench.ts'],
    {
      env: { ...process.env, [CHILD_ENV]: String(fraction) },
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as SizedRun;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The scorecard section of BENCHMARKS.md. */
export async function run(): Promise<string> {
  const load = loadavg().map((l) => l.toFixed(1));
  const scaling = FRACTIONS.map(childRun);
  const full = scaling[scaling.length - 1] as SizedRun;
  const base = scaling[0] as SizedRun;
  const cpu = cpus();
  return [
    '## Alignment scorecard',
    '',
    `Command: \`npm run bench\`. Node ${process.version}, ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ` +
      `load average ${load.join(' / ')} when the run started (the machine is shared, so times are upper bounds). ` +
      `Data: ${fmt(full.leads)} leads with stage histories, dispositions and SLA clocks generated in ` +
      '`bench/scorecard.bench.ts`; deals and touches from `generateAttributionData({ deals: 50000, touches: 1000000, seed: 42 })`; ' +
      `period ${PERIOD.from} → ${PERIOD.to}, default playbook.`,
    '',
    `### Full size (median of ${REPEATS} scorecard runs, in a fresh child process)`,
    '',
    'Validation is `parseScorecardInput` (zod schema and references), run once; the scorecard is every measure and ' +
      'target on the validated input. Peak RSS is `getrusage` maxrss of the child, so it includes the generated input.',
    '',
    '| leads | deals | touches | all records | validate (wall / CPU) | scorecard (wall / CPU) | input RSS | peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${fmt(full.leads)} | ${fmt(full.deals)} | ${fmt(full.touches)} | ${fmt(full.records)} | ` +
      `${fmt(full.validateMs)} / ${fmt(full.validateCpuMs)} ms | **${fmt(full.scorecardMs)} / ${fmt(full.scorecardCpuMs)} ms** | ` +
      `${fmt(full.inputRssMb)} MB | **${fmt(full.peakRssMb)} MB** |`,
    '',
    `Targets on the generated data: ${full.targets}.`,
    '',
    '### Growth from 10 % to 100 % of the data',
    '',
    'Each size in its own child process; ratios use CPU time, which the other work on the shared machine disturbs less ' +
      'than wall-clock time. Linear growth keeps the time per record flat and the time ratio at or below the size ratio.',
    '',
    '| data | records | size ratio | scorecard wall ms | scorecard CPU ms | CPU ns per record | scorecard CPU ratio | validate CPU ms | validate CPU ratio | peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...scaling.map(
      (s) =>
        `| ${fmt(s.fraction * 100)} % | ${fmt(s.records)} | ${fmt(s.records / base.records, 1)}× | ${fmt(s.scorecardMs)} | ` +
        `${fmt(s.scorecardCpuMs)} | ${fmt((s.scorecardCpuMs * 1e6) / s.records)} | ` +
        `${fmt(s.scorecardCpuMs / base.scorecardCpuMs, 1)}× | ${fmt(s.validateCpuMs)} | ` +
        `${fmt(s.validateCpuMs / base.validateCpuMs, 1)}× | ${fmt(s.peakRssMb)} MB |`,
    ),
    '',
  ].join('\n');
}

const fraction = process.env[CHILD_ENV];
if (fraction !== undefined) process.stdout.write(`${JSON.stringify(sizedRun(Number(fraction)))}\n`);
