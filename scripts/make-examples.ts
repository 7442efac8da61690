// Writes examples/*.json from the emulator's deterministic seed, so the demo and the README run on data that
// looks like a real quarter. Run: `node bin/run-ts.js scripts/make-examples.ts` (the outputs are committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { computeAssetUsage, SHARE_CHANNEL } from '../src/core/content/asset-usage';
import { parsePlaybook } from '../src/core/playbook/parse-playbook';
import { compileCalendar } from '../src/core/sla/business-calendar';
import { slaClock } from '../src/core/sla/sla-clock';
import { DEFAULT_ANCHOR_MS, generateSeed } from '../src/crm/emulator/seed/generate';
import type { SeedLead } from '../src/crm/emulator/types';

const ANCHOR = DEFAULT_ANCHOR_MS;
const out = fileURLToPath(new URL('../examples/', import.meta.url));
const playbookFile = fileURLToPath(new URL('../playbooks/default.yaml', import.meta.url));
const parsed = parsePlaybook(parse(readFileSync(playbookFile, 'utf8')));
if (!parsed.ok) throw new Error('the default playbook must be valid');
const playbook = parsed.data;
// Sizes in the field's proportions: about one deal per five leads, most of them from sales-accepted leads.
const SIZES = { leads: 400, deals: 64, assets: 40 } as const;
const seed = generateSeed({ seed: 42, ...SIZES, anchorMs: ANCHOR });

function write(name: string, value: unknown): void {
  writeFileSync(`${out}${name}`, `${JSON.stringify(value, null, 2)}\n`);
  console.log(`examples/${name}`);
}

mkdirSync(out, { recursive: true });

// qualify: records in the playbook's neutral property names, with their engagement events.
const eventsByLead = new Map<string, (typeof seed.events)[number][]>();
for (const event of seed.events)
  eventsByLead.set(event.leadId, [...(eventsByLead.get(event.leadId) ?? []), event]);
const properties = (lead: SeedLead) => ({
  name: `${lead.firstName} ${lead.lastName}`,
  company: lead.company,
  industry: lead.industry,
  employees: lead.employees,
  annualRevenue: lead.annualRevenue,
  country: lead.country,
  jobTitle: lead.jobTitle,
  seniority: lead.seniority,
  technologies: lead.technologies.join(';'),
  source: lead.source,
  handoffStage: lead.stage,
  handoffStatus: lead.handoffStatus,
  discoveryNeed: lead.discovery.need,
  discoveryBudget: lead.discovery.budget,
  discoveryAuthority: lead.discovery.authority,
  discoveryTimeline: lead.discovery.timeline,
});
write(
  'leads.json',
  seed.leads.slice(0, 12).map((lead) => ({
    id: lead.id,
    properties: properties(lead),
    events: (eventsByLead.get(lead.id) ?? []).map((e) => ({
      type: e.type,
      at: e.at,
      ...(e.assetId ? { assetId: e.assetId } : {}),
    })),
  })),
);

// The us-east calendar on its own, for `handoff sla due|elapsed --calendar`.
write(
  'calendar-us-east.json',
  playbook.calendars.find((c) => c.id === 'us-east'),
);

// attribute: deals and the touches on them.
write('attribution.json', {
  deals: seed.deals.map((d) => ({
    id: d.id,
    amount: d.amount,
    leadCreatedAt: d.leadCreatedAt,
    createdAt: d.createdAt,
    closedAt: d.closedAt,
    won: d.won,
  })),
  touches: seed.touches.map((t) => ({
    id: t.id,
    dealId: t.dealId,
    assetId: t.assetId,
    channel: t.channel,
    at: t.at,
  })),
});

// content: the library and its closed-loop usage.
write('library.json', {
  assets: seed.assets.map((a) => ({
    id: a.id,
    title: a.title,
    url: a.url,
    format: a.format,
    buyerStages: a.buyerStages,
    useCases: a.useCases,
    industries: a.industries,
    personas: a.personas,
    objectionTypes: a.objectionTypes,
    status: a.status,
    ownerId: a.ownerId,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  })),
});
write('usage.json', {
  stats: computeAssetUsage(
    // A seed touch is a usage touch (asset, deal, channel, time, buyer stage).
    seed.touches,
    seed.deals.map((d) => ({ id: d.id, won: d.won })),
    ANCHOR,
  ),
});

// disposition: an SQL's current state and a rep's submission.
const sql = seed.leads.find((l) => l.stage === 'sql');
if (sql) {
  write('disposition-state.json', {
    recordId: sql.id,
    stage: 'sql',
    handoffStatus: sql.handoffStatus,
    ownerId: sql.ownerId,
  });
  write('disposition-submission.json', {
    submissionId: 'demo-1',
    outcome: 'recycle',
    reasonCode: 'recycle_no_budget',
    notes: 'Budget frozen until the next fiscal year; revisit in Q2 with the ROI calculator.',
  });
}

// report: a quarter of leads, deals, dispositions, touches and SLA clocks computed by the core.
const stageOrder = playbook.stages.map((s) => s.id);
const sqlPolicy = playbook.slaPolicies.find((p) => p.id === 'sql-first-touch');
const usEast = playbook.calendars.find((c) => c.id === 'us-east');
if (!sqlPolicy || !usEast) throw new Error('the default playbook must have sql-first-touch on us-east');
const calendar = compileCalendar(usEast);
const leadSource = new Map(seed.leads.map((l) => [l.id, l.source]));
const dealOwner = new Map(seed.deals.map((d) => [d.id, d.ownerId]));
const lastRejection = new Map<string, string>();
for (const d of seed.dispositions) {
  const seen = lastRejection.get(d.leadId);
  if (d.outcome === 'reject' && (seen === undefined || d.at > seen)) lastRejection.set(d.leadId, d.at);
}
write('quarter.json', {
  period: { from: new Date(ANCHOR - 90 * 86_400_000).toISOString(), to: new Date(ANCHOR).toISOString() },
  leads: seed.leads.map((lead) => {
    const reached = stageOrder.indexOf(lead.stage);
    const created = Date.parse(lead.createdAt);
    const entered = Date.parse(lead.stageEnteredAt);
    return {
      id: lead.id,
      source: lead.source,
      ownerId: lead.ownerId,
      createdAt: lead.createdAt,
      handoffStatus: lead.handoffStatus,
      // A disqualified lead left the funnel when sales rejected it.
      disqualifiedAt:
        lead.handoffStatus === 'disqualified' ? (lastRejection.get(lead.id) ?? lead.stageEnteredAt) : null,
      // Earlier stages are spread evenly between creation and entry into the current stage.
      stageHistory: stageOrder.slice(0, reached + 1).map((stage, i) => ({
        stage,
        at: new Date(reached === 0 ? created : created + ((entered - created) * i) / reached).toISOString(),
      })),
    };
  }),
  deals: seed.deals.map((d) => ({
    id: d.id,
    leadId: d.leadId,
    source: d.source,
    ownerId: d.ownerId,
    amount: d.amount,
    createdAt: d.createdAt,
    closedAt: d.closedAt,
    won: d.won,
  })),
  dispositions: seed.dispositions.map((d) => ({
    id: d.id,
    leadId: d.leadId,
    outcome: d.outcome,
    reasonCode: d.reasonCode,
    at: d.at,
    ownerId: d.ownerId,
  })),
  touches: seed.touches.map((t) => ({
    id: t.id,
    dealId: t.dealId,
    assetId: t.assetId,
    channel: t.channel,
    at: t.at,
  })),
  slaClocks: seed.leads
    .filter((l) => l.stage === 'sql' || l.stage === 'sal')
    .map((lead) => {
      const clock = slaClock({
        policy: sqlPolicy,
        calendar,
        triggeredAtMs: Date.parse(lead.stageEnteredAt),
        completedAtMs: lead.firstTouchAt === null ? null : Date.parse(lead.firstTouchAt),
        nowMs: ANCHOR,
      });
      return {
        recordId: lead.id,
        policyId: clock.policyId,
        ownerId: lead.ownerId,
        status: clock.status,
        elapsedMs: clock.elapsedMs,
        isCompleted: clock.isCompleted,
        isViolated: clock.isViolated,
        triggeredAt: clock.triggeredAt,
        completedAt: clock.completedAt,
      };
    }),
  assets: seed.assets.map((a) => ({ id: a.id, status: a.status })),
  // Reps sharing assets from the record page, for the library-usage target.
  shares: seed.touches
    .filter((t) => t.channel === SHARE_CHANNEL)
    .map((t) => ({ assetId: t.assetId, ownerId: dealOwner.get(t.dealId) ?? 'unknown', at: t.at })),
  marketingSources: [...new Set([...leadSource.values()])].filter((s) => s !== 'outbound'),
});
