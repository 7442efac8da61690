import type { Command } from 'commander';
import { fileContentRequest } from '../../core/content/file-content-request';
import { gaps, type ContentGaps } from '../../core/content/gaps';
import type { Asset, AssetUsage } from '../../core/content/library-schema';
import { parseLibrary } from '../../core/content/parse-library';
import { parseUsageStats } from '../../core/content/parse-usage-stats';
import { recommend, type Recommendation, type RecommendContext } from '../../core/content/recommend';
import type { Playbook } from '../../core/playbook/schema';
import { compileCalendar } from '../../core/sla/business-calendar';
import { parseInstant } from '../../core/time/instant';
import type { CliIo } from '../io/cli-io';
import { fail, orFail } from '../io/fail';
import { loadPlaybook } from '../io/load-playbook';
import { readDataFile } from '../io/read-data-file';

export function registerContent(program: Command, io: CliIo): void {
  const content = program
    .command('content')
    .description('the enablement library: recommend assets for a record, audit gaps, file content requests');

  content
    .command('recommend')
    .description('rank the active assets for a lead or deal stage, with the reasons a rep reads')
    .requiredOption('--library <file>', 'library file: { "assets": [ … ] } (JSON or YAML)')
    .option('--stats <file>', 'usage stats file: { "stats": [ … ] }')
    .option('--stage <lead-stage>', 'the lead stage, e.g. sql')
    .option('--deal-stage <deal-stage>', 'the deal stage, e.g. evaluation')
    .option('--industry <name>', 'the account industry, e.g. Healthcare')
    .option('--persona <name>', 'the contact persona, e.g. CFO')
    .option('--objection <id...>', 'an open objection type id (repeatable or comma-separated), e.g. price')
    .option('--limit <n>', 'how many assets to show', '5')
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .option('--now <iso>', 'the instant to rank at (default: now)')
    .option('--json', 'print JSON')
    .action(
      (opts: {
        library: string;
        stats?: string;
        stage?: string;
        dealStage?: string;
        industry?: string;
        persona?: string;
        objection?: string[];
        limit: string;
        playbook?: string;
        now?: string;
        json?: boolean;
      }) => {
        const playbook = orFail(io, loadPlaybook(opts.playbook));
        const nowMs = nowFrom(io, opts.now);
        const library = loadLibrary(io, opts.library, playbook);
        const stats = loadStats(io, opts.stats, playbook);
        const context: RecommendContext = {
          ...(opts.stage !== undefined && { leadStage: opts.stage }),
          ...(opts.dealStage !== undefined && { dealStage: opts.dealStage }),
          ...(opts.industry !== undefined && { industry: opts.industry }),
          ...(opts.persona !== undefined && { persona: opts.persona }),
          openObjections: (opts.objection ?? []).flatMap((text) => text.split(',')).filter((id) => id !== ''),
        };
        const ranked = recommend(context, library, stats, playbook, nowMs, { limit: Number(opts.limit) });
        if (!ranked.ok) fail(io, { ...ranked.error, issues: ranked.error.issues.map(asOption) });
        const buyerStage = buyerStageOf(context, playbook);
        if (opts.json) {
          io.out(JSON.stringify({ buyerStage: buyerStage ?? null, recommendations: ranked.data }, null, 2));
          return;
        }
        io.out(describeRecommendations(ranked.data, context, buyerStage, playbook));
      },
    );

  content
    .command('gaps')
    .description('the content audit: stage × objection pairs with no asset, archive candidates, usage rate')
    .requiredOption('--library <file>', 'library file: { "assets": [ … ] } (JSON or YAML)')
    .option('--stats <file>', 'usage stats file: { "stats": [ … ] }')
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .option('--now <iso>', 'the instant to audit at (default: now)')
    .option('--json', 'print JSON')
    .action((opts: { library: string; stats?: string; playbook?: string; now?: string; json?: boolean }) => {
      const playbook = orFail(io, loadPlaybook(opts.playbook));
      const nowMs = nowFrom(io, opts.now);
      const library = loadLibrary(io, opts.library, playbook);
      const stats = loadStats(io, opts.stats, playbook);
      const audit = gaps(library, stats, playbook, nowMs);
      io.out(opts.json ? JSON.stringify(audit, null, 2) : describeGaps(audit, playbook));
    });

  content
    .command('request')
    .description('file a content request (reverse brief) and print it with its SLA due date')
    .requiredOption('--input <file>', 'the request (JSON or YAML)')
    .option('--playbook <file>', 'playbook file (default: the built-in default playbook)')
    .option('--now <iso>', 'the instant to report the status at (default: now)')
    .option('--json', 'print JSON')
    .action((opts: { input: string; playbook?: string; now?: string; json?: boolean }) => {
      const playbook = orFail(io, loadPlaybook(opts.playbook));
      const nowMs = nowFrom(io, opts.now);
      const input = orFail(io, readDataFile(opts.input));
      const calendars = new Map(playbook.calendars.map((spec) => [spec.id, compileCalendar(spec)] as const));
      const filed = fileContentRequest(input, playbook, (id) => calendars.get(id), nowMs);
      if (!filed.ok) fail(io, { ...filed.error, message: `${opts.input}: ${filed.error.message}` });
      if (opts.json) {
        io.out(JSON.stringify(filed.data, null, 2));
        return;
      }
      const r = filed.data;
      const { buyerStages, useCases, objectionTypes } = playbook.content;
      const label = (entries: readonly { id: string; label: string }[], id: string | undefined) =>
        entries.find((entry) => entry.id === id)?.label ?? id;
      const zone = playbook.calendars.find((c) => c.id === r.sla.calendarId)?.timeZone ?? 'UTC';
      const rows: [string, string][] = [
        ['id', r.id],
        ['title', r.title],
        ['buyer stage', label(buyerStages, r.buyerStage) ?? r.buyerStage],
        ...(r.useCase !== undefined
          ? [['use case', label(useCases, r.useCase) ?? r.useCase] as [string, string]]
          : []),
        ...(r.objection !== undefined
          ? [['objection', label(objectionTypes, r.objection) ?? r.objection] as [string, string]]
          : []),
        ...(r.competitiveContext !== undefined
          ? [['competition', r.competitiveContext] as [string, string]]
          : []),
        ['deals', r.dealIds.length > 0 ? r.dealIds.join(', ') : 'none'],
        ['priority', `${r.priority} (${r.sla.policyId}: ${r.sla.target} on ${r.sla.calendarId})`],
        ['requested', `${r.requestedAt} by ${r.requestedBy}`],
        ['due at', `${r.sla.dueAt} (${wallClock(Date.parse(r.sla.dueAt), zone)} ${zone})`],
        [
          'status',
          r.sla.state +
            (r.sla.fulfilledOnTime === null ? '' : r.sla.fulfilledOnTime ? ', on time' : ', late'),
        ],
      ];
      const width = Math.max(...rows.map(([k]) => k.length));
      io.out(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
    });
}

function nowFrom(io: CliIo, text: string | undefined): number {
  // The shell is where the clock is read; the core only ever receives `now`.
  return text === undefined ? Date.now() : orFail(io, parseInstant(text));
}

function loadLibrary(io: CliIo, path: string, playbook: Playbook): readonly Asset[] {
  const parsed = parseLibrary(orFail(io, readDataFile(path)), playbook);
  if (!parsed.ok) fail(io, { ...parsed.error, message: `${path}: ${parsed.error.message}` });
  return parsed.data;
}

function loadStats(io: CliIo, path: string | undefined, playbook: Playbook): readonly AssetUsage[] {
  if (path === undefined) return [];
  const parsed = parseUsageStats(orFail(io, readDataFile(path)), playbook);
  if (!parsed.ok) fail(io, { ...parsed.error, message: `${path}: ${parsed.error.message}` });
  return parsed.data;
}

const OPTION_OF_FIELD: Record<string, string> = {
  leadStage: '--stage',
  dealStage: '--deal-stage',
  industry: '--industry',
  persona: '--persona',
  limit: '--limit',
};

/** Context issues name the option the user typed, not the core's field. */
function asOption(issue: { path: string; message: string }): { path: string; message: string } {
  const objection = /^openObjections\[\d+\]$/.test(issue.path);
  return {
    path: objection ? '--objection' : (OPTION_OF_FIELD[issue.path] ?? issue.path),
    message: issue.message,
  };
}

function buyerStageOf(context: RecommendContext, playbook: Playbook): string | undefined {
  const { lead, deal } = playbook.content.stageMap;
  if (context.leadStage !== undefined) return lead[context.leadStage];
  if (context.dealStage !== undefined) return deal[context.dealStage];
  return undefined;
}

function describeRecommendations(
  ranked: readonly Recommendation[],
  context: RecommendContext,
  buyerStage: string | undefined,
  playbook: Playbook,
): string {
  const stageLabel = playbook.content.buyerStages.find((s) => s.id === buyerStage)?.label;
  const record =
    context.leadStage !== undefined
      ? `lead stage ${context.leadStage} (${stageLabel})`
      : context.dealStage !== undefined
        ? `deal stage ${context.dealStage} (${stageLabel})`
        : 'any stage';
  const objections = context.openObjections ?? [];
  const header =
    `Top ${ranked.length} for ${record}` +
    (objections.length > 0 ? `, open objections: ${objections.join(', ')}` : '');
  if (ranked.length === 0) return `${header}\nNo active asset in the library.`;
  const lines = ranked.flatMap((r, i) => [
    `${String(i + 1).padStart(2)}. ${r.title} [${r.assetId}, ${r.format}]  score ${r.score.toFixed(3)}`,
    `    ${r.reasons.join('; ')}`,
    `    ${r.url}`,
  ]);
  return [header, ...lines].join('\n');
}

function describeGaps(audit: ContentGaps, playbook: Playbook): string {
  const pairs = playbook.content.buyerStages.length * playbook.content.objectionTypes.length;
  const { activeAssets, usedLast30Days, rate } = audit.usage;
  const lines = [
    `Usage: ${usedLast30Days} of ${activeAssets} active assets shared or used in the last 30 days` +
      (rate === null ? '' : ` (${Math.round(rate * 100)} %)`),
    '',
    `Missing content (buyer stage × objection): ${audit.missing.length} of ${pairs} pairs`,
    ...(audit.missing.length === 0 ? ['  none'] : audit.missing.map((m) => `  ${m.label}`)),
    '',
    `Candidates to archive (no share or touch in 90 days): ${audit.archiveCandidates.length}`,
    ...(audit.archiveCandidates.length === 0
      ? ['  none']
      : audit.archiveCandidates.map(
          (c) =>
            `  ${c.assetId}  ${c.title}  ` +
            (c.lastUsedAt === null ? 'never used' : `last used ${c.lastUsedAt} (${c.idleDays} days ago)`),
        )),
  ];
  return lines.join('\n');
}

/** `2026-03-16 16:00` in the calendar's zone, so the due date reads as the team's wall clock. */
function wallClock(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
