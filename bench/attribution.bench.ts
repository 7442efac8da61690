// Attribution benchmark: throughput per model, the full run (validate → index → every model) with its peak
// memory measured in fresh child processes (median of 3), and how the cost grows from 10 % to 100 % of the data.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { attributeAll, attributeModel } from '../src/core/attribution/attribute-all';
import { validateAttributionInput } from '../src/core/attribution/input';
import { attributionModels, type ModelSpec } from '../src/core/attribution/models';
import { indexAttribution } from '../src/core/attribution/touch-index';
import { ATTRIBUTION_DATA_AS_OF, generateAttributionData } from './data/attribution-data';

const FULL = { deals: 50_000, touches: 1_000_000, seed: 42 };
const REPEATS = 7;
const FRACTIONS = [0.1, 0.25, 0.5, 1];
/** Child processes per data size; every figure reported is the median over them. */
const CHILD_RUNS = 3;
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
  /** CPU time (user + system, `process.cpuUsage`) of each stage: what it costs when it does not wait for a core. */
  validateCpuMs: number;
  indexCpuMs: number;
  modelsCpuMs: number;
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
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const c0 = cpuMs();
  const t0 = performance.now();
  const validated = validateAttributionInput(data);
  if (!validated.ok) throw new Error(validated.error.message);
  const c1 = cpuMs();
  const t1 = performance.now();
  heap();
  const index = indexAttribution(
    validated.data.data,
    new Date(ATTRIBUTION_DATA_AS_OF),
    validated.data.columns,
  );
  const c2 = cpuMs();
  const t2 = performance.now();
  heap();
  const runs = attributeAll(index, specs);
  const c3 = cpuMs();
  const t3 = performance.now();
  heap();
  if (runs.length !== specs.length) throw new Error('a model did not run');
  return {
    fraction,
    ...size,
    validateMs: t1 - t0,
    indexMs: t2 - t1,
    modelsMs: t3 - t2,
    totalMs: t3 - t0,
    validateCpuMs: c1 - c0,
    indexCpuMs: c2 - c1,
    modelsCpuMs: c3 - c2,
    cpuMs: c3 - c0,
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

/** `CHILD_RUNS` fresh processes at one data size, every figure the median over them (each on its own). */
function medianChildRun(fraction: number): FullRun {
  const runs = Array.from({ length: CHILD_RUNS }, () => childRun(fraction));
  const first = runs[0] as FullRun;
  const out = { ...first };
  for (const key of Object.keys(first) as (keyof FullRun)[]) out[key] = median(runs.map((r) => r[key]));
  return out;
}

/** Median ms of `REPEATS` timed calls after one untimed warm-up call. */
function timeMedian(fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The attribution section of BENCHMARKS.md. */
export async function run(): Promise<string> {
  const load = loadavg().map((l) => l.toFixed(1));
  const data = generateAttributionData(FULL);
  const validated = validateAttributionInput(data);
  if (!validated.ok) throw new Error(validated.error.message);
  const index = indexAttribution(
    validated.data.data,
    new Date(ATTRIBUTION_DATA_AS_OF),
    validated.data.columns,
  );
  const specs = models();

  const perModel = specs.map((spec) => {
    const ms = timeMedian(() => attributeModel(index, spec));
    return { spec, ms, perSecond: index.positions / (ms / 1000) };
  });
  // Warmed up and repeated as the single models are; their sum still flatters them, since a model repeated on its
  // own lets V8 specialise the loop for it (see attributeAll for the like-for-like comparison).
  const allMs = timeMedian(() => attributeAll(index, specs));
  const separateMs = perModel.reduce((sum, m) => sum + m.ms, 0);

  const scaling = FRACTIONS.map(medianChildRun);
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
    `| all ${specs.length} in one pass (\`attributeAll\`) | | ${fmt(allMs, 1)} | ${fmt((index.positions * specs.length) / (allMs / 1000))} touch-models/s | |`,
    `| the ${specs.length} above one by one (sum; each repeated on its own) | | ${fmt(separateMs, 1)} | ${fmt((index.positions * specs.length) / (separateMs / 1000))} touch-models/s | |`,
    '',
    '### Full run: 1,000,000 touches over 50,000 deals through every model',
    '',
    `Validate (a hand-written pass for well-formed input; the zod schema only when it finds a problem; unique ids, ` +
      `known deals) → index (group, sort, milestones) → all ${specs.length} models (the ten named in the contract ` +
      `plus \`custom\`), in ${CHILD_RUNS} fresh child processes; every figure is the median of the ${CHILD_RUNS}. ` +
      'Peak RSS is `getrusage` maxrss of the process, so it includes the generated input. Targets: ≤ 5 s and ≤ 500 MB.',
    '',
    '| | validate | index | models | total |',
    '|---|---:|---:|---:|---:|',
    `| wall | ${fmt(full.validateMs)} ms | ${fmt(full.indexMs)} ms | ${fmt(full.modelsMs)} ms | **${fmt(full.totalMs)} ms** |`,
    `| CPU | ${fmt(full.validateCpuMs)} ms | ${fmt(full.indexCpuMs)} ms | ${fmt(full.modelsCpuMs)} ms | **${fmt(full.cpuMs)} ms** |`,
    '',
    `Memory: input ${fmt(full.inputRssMb)} MB RSS before the run, **peak RSS ${fmt(full.peakRssMb)} MB**, ` +
      `peak heap used ${fmt(full.peakHeapMb)} MB.`,
    '',
    `Time target ${full.totalMs <= 5000 ? 'met' : 'missed'} on wall-clock time (${full.cpuMs <= 5000 ? 'met' : 'missed'} on CPU time); memory target ${full.peakRssMb <= 500 ? 'met' : 'missed'}.`,
    '',
    '### Growth from 10 % to 100 % of the data',
    '',
    `Each size in ${CHILD_RUNS} fresh child processes, medians. Linear growth keeps the CPU time per touch flat and the time ratio close to the size ratio (CPU time is used because wall time on a shared machine mostly measures the neighbours).`,
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
