import type { Scorecard } from '../../core/scorecard/scorecard';
import { amount, businessTime, days, percent, ratioText, table } from './format';

const STATUS = { pass: 'PASS', fail: 'FAIL', no_data: 'NO DATA' } as const;
const TOP_ASSETS = 10;

/** The scorecard as a plain-text summary: targets and their verdicts first, then the measures behind them. */
export function renderText(card: Scorecard): string {
  const lines: string[] = [];
  const section = (title: string) => lines.push('', title);
  const indent = (rows: string[]) => lines.push(...rows.map((row) => `  ${row}`));

  lines.push(`Alignment scorecard ${card.period.from} → ${card.period.to}`, `Playbook: ${card.playbook}`);

  section('Targets');
  indent(
    table(
      ['', 'target', 'actual'],
      card.targets.map((t) => [STATUS[t.status], t.label, ratioText(t.actual)]),
    ),
  );

  section('Funnel (leads reaching each step in the period; % from the step before)');
  const steps = card.funnel.overall.steps;
  indent(
    table(
      ['source', ...steps.map((s) => s.label), 'disqualified'],
      [card.funnel.overall, ...card.funnel.bySource].map((row) => [
        row.source,
        ...row.steps.map((s, i) =>
          i === 0 ? String(s.count) : `${s.count} (${percent(s.fromPrevious.value)})`,
        ),
        String(row.disqualified),
      ]),
    ),
  );

  section('SLA compliance (completed in time / completed + violated and open)');
  const slaRow = (name: string, g: Scorecard['sla']['overall']) => [
    name,
    ratioText(g.compliance),
    businessTime(g.medianElapsedMs),
    businessTime(g.medianFirstTouchMs),
    String(g.pending),
  ];
  indent(
    table(
      ['group', 'compliance', 'median time', 'median first touch', 'pending'],
      [
        slaRow('all clocks', card.sla.overall),
        ...card.sla.byPolicy.map((g) => slaRow(`policy ${g.key}`, g)),
        ...card.sla.byOwner.map((g) => slaRow(`owner ${g.key}`, g)),
      ],
    ),
  );

  section('Deals closed in the period');
  indent(
    table(
      ['source', 'won', 'lost', 'win rate', 'avg cycle', 'avg won amount'],
      [card.deals.overall, ...card.deals.bySource].map((row) => [
        row.source,
        String(row.won),
        String(row.lost),
        percent(row.winRate.value),
        days(row.averageCycleDays),
        amount(row.averageWonAmount.value),
      ]),
    ),
  );

  const p = card.pipeline;
  section('Pipeline created in the period');
  lines.push(
    `  Marketing-sourced: ${amount(p.marketingAmount)} of ${amount(p.amount)} = ${percent(p.share.value)}` +
      ` (${p.rule === 'has_lead' ? 'deals that came from a lead' : 'deals from the listed marketing sources'})`,
  );
  indent(
    table(
      ['source', 'deals', 'amount', 'marketing-sourced'],
      p.bySource.map((s) => [s.source, String(s.deals), amount(s.amount), amount(s.marketingAmount)]),
    ),
  );

  section('Dispositions by lead source (reason codes, most used first)');
  if (card.reasonCodes.bySource.length === 0) lines.push('  none in the period');
  for (const row of card.reasonCodes.bySource) {
    const o = row.byOutcome;
    lines.push(
      `  ${row.source}: ${row.dispositions} (accept ${o.accept}, reject ${o.reject}, recycle ${o.recycle})`,
    );
    indent(
      table(
        ['  outcome', 'reason code', 'count', 'share'],
        row.codes.map((c) => [`  ${c.outcome}`, c.code, String(c.count), percent(c.share)]),
      ),
    );
  }

  const c = card.content;
  section(`Content (usage window ${c.window.from} → ${c.window.to})`);
  lines.push(
    `  Active assets used: ${ratioText(c.assetUsage)}`,
    `  Reps using the library: ${ratioText(c.repsUsingLibrary)}`,
    `  Won deals with content: ${ratioText(c.wonWithContent)}; lost deals with content: ${ratioText(c.lostWithContent)}`,
  );
  if (c.byAsset.length > 0) {
    lines.push(
      `  Assets in closed deals (top ${Math.min(TOP_ASSETS, c.byAsset.length)} of ${c.byAsset.length}):`,
    );
    indent(
      table(
        ['  asset', 'won deals', 'lost deals', 'win rate'],
        c.byAsset
          .slice(0, TOP_ASSETS)
          .map((a) => [`  ${a.assetId}`, String(a.wonDeals), String(a.lostDeals), percent(a.winRate.value)]),
      ),
    );
  }

  const r = card.contentRequests;
  section('Content requests');
  lines.push(
    r.provided
      ? `  requested ${r.requested}, open ${r.open} (late ${r.late}), fulfilled on time ${r.fulfilledOnTime}, fulfilled late ${r.fulfilledLate}`
      : '  n/a (the input lists no content requests)',
  );

  section('Collaboration');
  lines.push(
    `  Feedback answered within ${card.feedback.targetHours} h: ${ratioText(card.feedback.answeredInTime)}; pending ${card.feedback.pending}`,
    `  Briefing attendance: ${ratioText(card.briefings.attendance)} over ${card.briefings.briefings} briefing(s)`,
  );
  return `${lines.join('\n')}\n`;
}
