// The core as the platforms will load it: one ES module with nothing left to import, for a browser card bundle and
// for the Salesforce service module `c/handoffCore` (LWC cannot resolve npm packages). Built here with esbuild from
// `src/core/index.ts`, then loaded and asked the same questions as the source, which it must answer identically.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as source from '../src/core/index';
import { defaultPlaybookSource } from './support/default-playbook';

/** The most the minified module may weigh: the cards and `c/handoffCore` ship it to every record page. */
const BUDGET_BYTES = 250_000;
const ENTRY = fileURLToPath(new URL('../src/core/index.ts', import.meta.url));

let text: string;
let metafile: Metafile;
let bundled: typeof source;
let dir: string;

beforeAll(async () => {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  expect(result.warnings).toEqual([]);
  text = result.outputFiles[0]?.text ?? '';
  metafile = result.metafile;
  dir = mkdtempSync(join(tmpdir(), 'handoff-core-'));
  const file = join(dir, 'handoff-core.mjs');
  writeFileSync(file, text);
  bundled = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as typeof source;
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the core bundled into one ES module', () => {
  it('imports nothing: every dependency is inside the module', () => {
    const outputs = Object.values(metafile.outputs);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]?.imports).toEqual([]);
  });

  it('is built only from the core, zod and @date-fns/tz', () => {
    const outside = Object.keys(metafile.inputs).filter(
      (input) => !/^(src\/core\/|node_modules\/(zod|@date-fns\/tz)\/)/.test(input),
    );
    expect(outside).toEqual([]);
  });

  it('uses no Node global (process, Buffer, require, __dirname)', () => {
    expect(text).not.toMatch(/\bprocess\.(env|versions|platform)\b|\bBuffer\.|\brequire\(|\b__dirname\b/);
  });

  it(`stays under ${BUDGET_BYTES.toLocaleString('en-US')} bytes minified`, () => {
    expect(text.length).toBeLessThan(BUDGET_BYTES);
  });

  it('exports everything the source entry point exports', () => {
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(source).sort());
  });
});

describe('the bundled core answers as the source does', () => {
  const NOW_MS = Date.UTC(2026, 2, 12, 15, 0, 0);
  const playbookOf = (core: typeof source) => {
    const parsed = core.parsePlaybook(defaultPlaybookSource());
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.data;
  };
  const record = {
    id: 'lead-1',
    properties: {
      industry: 'Software',
      employees: '1,200',
      annualRevenue: 48_000_000,
      country: 'US',
      jobTitle: 'VP, Revenue Operations',
      seniority: 'vp',
      technologies: 'Salesforce; Outreach',
      discoveryNeed: 'Routing is manual',
    },
  };
  const events = [
    { type: 'webinar_attended', at: '2026-03-02T15:00:00.000Z' },
    { type: 'content_download', at: '2026-03-10T09:30:00+01:00' },
    { type: 'page_view', at: 'yesterday' },
  ];

  it.each<[string, (core: typeof source) => unknown]>([
    ['validating the default playbook', (core) => core.parsePlaybook(defaultPlaybookSource())],
    [
      'refusing a broken playbook with every issue and its path',
      (core) => core.parsePlaybook({ stages: 'none' }),
    ],
    ['qualifying a lead', (core) => core.qualify(record, events, playbookOf(core), NOW_MS)],
    [
      'computing due dates and elapsed business time on every calendar',
      (core) =>
        playbookOf(core).calendars.map((spec) => {
          const calendar = core.compileCalendar(spec);
          const start = Date.UTC(2026, 2, 6, 21, 30);
          return [calendar.due(start, 4 * 3_600_000), calendar.elapsed(start, Date.UTC(2026, 2, 12))];
        }),
    ],
    [
      'reading an SLA clock',
      (core) => {
        const playbook = playbookOf(core);
        const policy = playbook.slaPolicies[0];
        const spec = playbook.calendars.find((c) => c.id === policy?.calendar);
        if (!policy || !spec) throw new Error('the default playbook has an SLA policy on a calendar');
        return core.slaClock({
          policy,
          calendar: core.compileCalendar(spec),
          triggeredAtMs: Date.UTC(2026, 2, 11, 20),
          nowMs: NOW_MS,
        });
      },
    ],
    [
      'planning a disposition, idempotency key included',
      (core) =>
        core.disposition(
          {
            submissionId: 's-1',
            outcome: 'accept',
            reasonCode: 'accept_meeting_booked',
            notes: '<b>Tue</b>',
          },
          { recordId: 'lead-1', stage: 'sql' },
          playbookOf(core),
          NOW_MS,
        ),
    ],
    [
      'refusing a disposition with every bad field',
      (core) =>
        core.disposition(
          { outcome: 'reject' },
          { recordId: 'lead-1', stage: 'mql' },
          playbookOf(core),
          NOW_MS,
        ),
    ],
    [
      'reading a lead’s SLA clocks',
      (core) =>
        core.leadSlaClocks(
          playbookOf(core),
          {
            stage: 'sql',
            stageEnteredAt: '2026-03-11T20:00:00Z',
            firstTouchAt: null,
            handoffStatus: 'open',
            dispositions: [],
          },
          NOW_MS,
        ),
    ],
    [
      'building the disposition form of an MQL',
      (core) => core.dispositionForm(playbookOf(core), 'mql', NOW_MS),
    ],
    ['reading business durations', (core) => ['PT4H', 'PT37H13M', 'P1D', ''].map(core.parseBusinessDuration)],
  ])('%s', (_scenario, ask) => {
    expect(JSON.stringify(ask(bundled))).toBe(JSON.stringify(ask(source)));
  });
});
