// Attribution benchmark: throughput per model, the full run (validate → index → every model) with its peak
// memory measured in a fresh child process, and how the cost grows from 10 % to 100 % of the data.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { attributeAll, attributeModel } from '../src/core/attribution/attribute-all';
import { parseAttributionInput } from '../src/core/attribution/input';
import { attributionModels, type ModelSpec } from '../src/core/attribution/models';
import { indexAttribution } from '../src/core/attribution/touch-index';
import { ATTRIBUTION_DATA_AS_OF, generateAttributionData } from './data/attribution-data';

const FULL = { deals: 50_000, touches: 1_000_000, seed: 42 };
const REPEATS = 7;
const FRACTIONS = [0.1, 0.25, 0.5, 1];
const CHILD_ENV = 'HANDOFF_ATTRIBUTION_BENCH_FRACTION';
const SETTINGS = { halfLifeDays: 7, custom: { FT: 0.3, LC: 0.15, OC: 0.15, LAST: 0.3, middle: 0.1 } };
const MB = 1024 * 1024;

interface FullRun {
  fraction: number;
  touches: number;
  deals: number;
  validateMs: number;
  indexMs: number;
  modelsMs: number;
  totalMs: number;
  /** CPU time (user + system) of validate → models: what the run costs when it does not wait for a shared core. */
  cpuMs: number;
  /** RSS once the generated input is in memory, before the run. */
  inputRssMb: number;
  /** Peak RSS of the whole child process (getrusage maxrss). */
  peakRssMb: number;
  /** Largest heap in use at the end of any stage. */
  peakHeapMb: number;
}

function models(): ModelSpec[] {
  const specs = attributionModels(SETTINGS);
  if (!specs.ok) throw new Error(specs.error.message);
  return specs.data;
}

/** Runs in the child process: generate, then time validate → index → all models, measuring memory. */
function fullRun(fraction: number): FullRun {
  const size = { deals: Math.round(FULL.deals * fraction), touches: Math.round(FULL.touches * fraction) };
  const data = generateAttributionData({ ...size, seed: FULL.seed });
  const specs = models();
  globalThis.gc?.();
  const inputRssMb = process.memoryUsage().rss / MB;
  let peakHeap = 0;
  const heap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed / MB));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const parsed = parseAttributionInput(data);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const t1 = performance.now();
  heap();
  const index = indexAttribution(parsed.data, new Date(ATTRIBUTION_DATA_AS_OF));
  const t2 = performance.now();
  heap();
  const runs = attributeAll(index, specs);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  heap();
  if (runs.length !== specs.length) throw new Error('a model did not run');
  return {
    fraction,
    ...size,
    validateMs: t1 - t0,
    indexMs: t2 - t1,
    modelsMs: t3 - t2,
    totalMs: t3 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    inputRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap,
  };
}

function childRun(fraction: number): FullRun {
  const stdout = execFileSync(
    process.execPath,
    ['--expose-gc', 'bin/run-ts.js', 'bench/attribution.bench.ts'],
    {
      env: { ...process.env, [CHILD_ENV]: String(fraction) },
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as FullRun;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The attribution section of BENCHMARKS.md. */
export async function run(): Promise<string> {
  const load = loadavg().map((l) => l.toFixed(1));
  const data = generateAttributionData(FULL);
  const parsed = parseAttributionInput(data);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const index = indexAttribution(parsed.data, new Date(ATTRIBUTION_DATA_AS_OF));
  const specs = models();

  const perModel = specs.map((spec) => {
    attributeModel(index, spec); // warm-up
    const times: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const start = performance.now();
      attributeModel(index, spec);
      times.push(performance.now() - start);
    }
    const ms = median(times);
    return { spec, ms, perSecond: index.positions / (ms / 1000) };
  });
  const allTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    attributeAll(index, specs);
    allTimes.push(performance.now() - start);
  }

  const scaling = FRACTIONS.map(childRun);
  const full = scaling[scaling.length - 1] as FullRun;
  const base = scaling[0] as FullRun;
  const cpu = cpus();

  return [
    '## Attribution',
    '',
    `Command: \`npm run bench\`. Node ${process.version}, ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ` +
      `load average ${load.join(' / ')} when the run started (the machine is shared, so times are upper bounds). ` +
      `Data: \`generateAttributionData({ deals: 50000, touches: 1000000, seed: 42 })\`, as of ${ATTRIBUTION_DATA_AS_OF}.`,
    '',
    `### Throughput per model (${fmt(index.positions)} touches, ${fmt(index.deals.length)} deals; median of ${REPEATS})`,
    '',
    'Weights, and totals by asset and channel, on the validated and indexed data. Target ≥ 2,000,000 touches/s.',
    '',
    '| model | what it credits | median ms | touches/s | target met |',
    '|---|---|---:|---:|---|',
    ...perModel.map(
      ({ spec, ms, perSecond }) =>
        `| ${spec.id} | ${spec.label} | ${fmt(ms, 1)} | ${fmt(perSecond)} | ${perSecond >= 2_000_000 ? 'yes' : 'no'} |`,
    ),
    `| all ${specs.length} in one pass (\`attributeAll\`) | | ${fmt(median(allTimes), 1)} | ${fmt((index.positions * specs.length) / (median(allTimes) / 1000))} touch-models/s | |`,
    '',
    '### Full run: 1,000,000 touches over 50,000 deals through every model',
    '',
    `Validate with zod (schema, unique ids, known deals) → index (group, sort, milestones) → all ${specs.length} models ` +
      '(the ten named in the contract plus `custom`), in a fresh child process. Peak RSS is `getrusage` maxrss of ' +
      'that process, so it includes the generated input. Targets: ≤ 5 s and ≤ 500 MB.',
    '',
    '| validate | index | models | total (wall) | total (CPU) | input RSS | peak RSS | peak heap used |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${fmt(full.validateMs)} ms | ${fmt(full.indexMs)} ms | ${fmt(full.modelsMs)} ms | **${fmt(full.totalMs)} ms** | ${fmt(full.cpuMs)} ms | ` +
      `${fmt(full.inputRssMb)} MB | **${fmt(full.peakRssMb)} MB** | ${fmt(full.peakHeapMb)} MB |`,
    '',
    `Time target ${full.totalMs <= 5000 ? 'met' : 'missed'} on wall-clock time (${full.cpuMs <= 5000 ? 'met' : 'missed'} on CPU time); memory target ${full.peakRssMb <= 500 ? 'met' : 'missed'}.`,
    '',
    '### Growth from 10 % to 100 % of the data',
    '',
    'Each size in its own child process. Linear growth keeps the CPU time per touch flat and the time ratio close to the size ratio (CPU time is used because wall time on a shared machine mostly measures the neighbours).',
    '',
    '| data | touches | deals | wall ms | CPU ms | CPU ns per touch | size ratio | CPU time ratio | peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...scaling.map(
      (s) =>
        `| ${fmt(s.fraction * 100)} % | ${fmt(s.touches)} | ${fmt(s.deals)} | ${fmt(s.totalMs)} | ${fmt(s.cpuMs)} | ` +
        `${fmt((s.cpuMs * 1e6) / s.touches)} | ${fmt(s.fraction / base.fraction, 1)}× | ` +
        `${fmt(s.cpuMs / base.cpuMs, 1)}× | ${fmt(s.peakRssMb)} MB |`,
    ),
    '',
  ].join('\n');
}

const fraction = process.env[CHILD_ENV];
if (fraction !== undefined) process.stdout.write(`${JSON.stringify(fullRun(Number(fraction)))}\n`);
