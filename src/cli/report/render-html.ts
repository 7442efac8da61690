import type { Scorecard } from '../../core/scorecard/scorecard';
import { CHART_SCRIPT } from './chart-script';
import { escapeHtml as esc, jsonForScript, scriptForInline } from './escape-html';
import { amount, businessTime, days, percent, ratioText } from './format';

const STATUS = { pass: 'pass', fail: 'fail', no_data: 'no data' } as const;

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #111827; background: #f9fafb; }
header, main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid #e5e7eb; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.meta { color: #4b5563; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 8px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 700; padding: 2px 8px; border-radius: 10px; }
.pass { background: #dcfce7; color: #166534; } .fail { background: #fee2e2; color: #991b1b; }
.no_data { background: #e5e7eb; color: #374151; }
.chart { position: relative; height: 320px; background: #fff; border: 1px solid #e5e7eb; padding: 8px; margin: 8px 0; }
`;

/**
 * The scorecard as one self-contained HTML page: inline CSS, the Chart.js library inlined (`chartLibrary` is its UMD
 * source), the scorecard embedded as JSON and drawn as charts, with every string escaped.
 */
export function renderHtml(card: Scorecard, chartLibrary: string): string {
  const title = `Alignment scorecard ${card.period.from.slice(0, 10)} → ${card.period.to.slice(0, 10)}`;
  const rows = (cells: readonly (readonly Cell[])[]) =>
    cells.map((row) => `<tr>${row.map(td).join('')}</tr>`).join('\n');
  const head = (...names: string[]) => `<tr>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr>`;
  const chart = (id: string, label: string) =>
    `<div class="chart"><canvas id="${id}" role="img" aria-label="${esc(label)}"></canvas></div>`;

  const steps = card.funnel.overall.steps;
  const p = card.pipeline;
  const c = card.content;
  const r = card.contentRequests;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<div class="meta">Playbook: ${esc(card.playbook)} · period ${esc(card.period.from)} to ${esc(card.period.to)} (end excluded)</div>
</header>
<main>
<h2>Targets</h2>
<table>
${head('status', 'target', 'actual')}
${card.targets
  .map(
    (t) =>
      `<tr><td><span class="status ${t.status}">${esc(STATUS[t.status])}</span></td><td>${esc(t.label)}</td><td>${esc(ratioText(t.actual))}</td></tr>`,
  )
  .join('\n')}
</table>

<h2>Funnel by source</h2>
${chart('chart-funnel', 'Leads reaching each funnel step, by source')}
<table>
${head('source', ...steps.map((s) => s.label), 'disqualified')}
${rows(
  [card.funnel.overall, ...card.funnel.bySource].map((row) => [
    row.source,
    ...row.steps.map((s, i): Cell =>
      num(i === 0 ? String(s.count) : `${s.count} (${percent(s.fromPrevious.value)})`),
    ),
    num(String(row.disqualified)),
  ]),
)}
</table>

<h2>SLA compliance</h2>
${chart('chart-sla-owner', 'SLA compliance per owner against the target')}
<table>
${head('group', 'compliance', 'median time', 'median first touch', 'pending')}
${rows(
  [
    ...[card.sla.overall].map((g) => ['all clocks', g] as const),
    ...card.sla.byPolicy.map((g) => [`policy ${g.label ?? g.key}`, g] as const),
    ...card.sla.byOwner.map((g) => [`owner ${g.key}`, g] as const),
  ].map(([name, g]) => [
    name,
    ratioText(g.compliance),
    num(businessTime(g.medianElapsedMs)),
    num(businessTime(g.medianFirstTouchMs)),
    num(String(g.pending)),
  ]),
)}
</table>

<h2>Win rate, cycle length and deal size by source</h2>
${chart('chart-win-rate', 'Win rate by source')}
<table>
${head('source', 'won', 'lost', 'win rate', 'avg cycle', 'avg won amount')}
${rows(
  [card.deals.overall, ...card.deals.bySource].map((row) => [
    row.source,
    num(String(row.won)),
    num(String(row.lost)),
    num(percent(row.winRate.value)),
    num(days(row.averageCycleDays)),
    num(amount(row.averageWonAmount.value)),
  ]),
)}
</table>
<p>Marketing-sourced pipeline: ${esc(amount(p.marketingAmount))} of ${esc(amount(p.amount))} = <strong>${esc(percent(p.share.value))}</strong>
(${p.rule === 'has_lead' ? 'deals that came from a lead' : 'deals from the listed marketing sources'}).</p>

<h2>Reason codes by lead source</h2>
${chart('chart-reason-codes', 'Dispositions by lead source and reason code')}
<table>
${head('source', 'outcome', 'reason code', 'count', 'share of source')}
${rows(card.reasonCodes.bySource.flatMap((row) => row.codes.map((code) => [row.source, code.outcome, code.label === null ? code.code : `${code.label} (${code.code})`, num(String(code.count)), num(percent(code.share))])))}
</table>

<h2>Content</h2>
<p>Active assets used in ${esc(c.window.from.slice(0, 10))} → ${esc(c.window.to.slice(0, 10))}: ${esc(ratioText(c.assetUsage))}.
Reps using the library: ${esc(ratioText(c.repsUsingLibrary))}.
Won deals with content: ${esc(ratioText(c.wonWithContent))}; lost deals with content: ${esc(ratioText(c.lostWithContent))}.</p>
${chart('chart-content', 'Content in won versus lost deals')}
<table>
${head('asset', 'won deals touched', 'lost deals touched', 'win rate')}
${rows(c.byAsset.map((a) => [a.assetId, num(String(a.wonDeals)), num(String(a.lostDeals)), num(percent(a.winRate.value))]))}
</table>
<p>Content requests: ${
    r.provided
      ? esc(
          `requested ${r.requested}, open ${r.open} (late ${r.late}), fulfilled on time ${r.fulfilledOnTime}, fulfilled late ${r.fulfilledLate}`,
        )
      : 'n/a (the input lists no content requests)'
  }.</p>

<h2>Collaboration</h2>
<p>Feedback answered within ${esc(String(card.feedback.targetHours))} h: ${esc(ratioText(card.feedback.answeredInTime))}; pending ${esc(String(card.feedback.pending))}.<br>
Briefing attendance: ${esc(ratioText(card.briefings.attendance))} over ${esc(String(card.briefings.briefings))} briefing(s).</p>
</main>
<script type="application/json" id="scorecard-data">${jsonForScript(card)}</script>
<script>${scriptForInline(chartLibrary)}</script>
<script>${scriptForInline(CHART_SCRIPT)}</script>
</body>
</html>
`;
}

/** A table cell: plain text, or a number right-aligned. */
type Cell = string | { readonly num: string };

function num(text: string): Cell {
  return { num: text };
}

function td(cell: Cell): string {
  return typeof cell === 'string' ? `<td>${esc(cell)}</td>` : `<td class="num">${esc(cell.num)}</td>`;
}
