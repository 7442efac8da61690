import { createPrng, type Prng } from '../prng';
import type {
  LeadStage,
  SeedAsset,
  SeedData,
  SeedDeal,
  SeedDisposition,
  SeedEvent,
  SeedLead,
  SeedOwner,
  SeedTouch,
} from '../types';

export interface SeedSizes {
  readonly leads?: number;
  readonly deals?: number;
  readonly assets?: number;
}

export interface SeedOptions extends SeedSizes {
  readonly seed?: number;
  /** The instant relative dates are measured back from (the emulator clock in the sandbox). */
  readonly anchorMs?: number;
}

/** A fixed instant, so a seed alone determines the data. */
export const DEFAULT_ANCHOR_MS = Date.parse('2026-11-30T15:00:00Z');
export const DEFAULT_SIZES = { leads: 500, deals: 150, assets: 40 } as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Vocabularies from playbooks/default.yaml (ids only; seed.test.ts checks them against the parsed playbook).
export const ICP_INDUSTRIES = [
  'Software',
  'Healthcare',
  'Financial Services',
  'Manufacturing',
  'Professional Services',
];
const OTHER_INDUSTRIES = ['Retail', 'Education', 'Government', 'Non-profit', 'Media'];
export const BUYER_STAGES = ['awareness', 'consideration', 'decision', 'expansion'];
export const USE_CASES = [
  'lead-routing',
  'attribution',
  'sales-enablement',
  'mid-market',
  'enterprise',
  'cloud',
  'on-premise',
];
export const OBJECTION_TYPES = ['price', 'competition', 'implementation', 'roi'];
export const FORMATS = [
  'one-pager',
  'deck',
  'video',
  'case-study',
  'battle-card',
  'roi-calculator',
  'executive-brief',
  'whitepaper',
];
export const EVENT_TYPES = [
  'page_view',
  'form_submitted',
  'content_download',
  'webinar_registered',
  'webinar_attended',
  'email_click',
  'demo_requested',
  'event_attended',
];
export const OPEN_DEAL_STAGES = ['discovery', 'evaluation', 'proposal', 'negotiation'];
/** The default playbook's buyer stage for each open deal stage (`content.stageMap.deal`). */
export const OPEN_DEAL_BUYER_STAGES: Readonly<Record<string, string>> = {
  discovery: 'consideration',
  evaluation: 'consideration',
  proposal: 'decision',
  negotiation: 'decision',
};
export const SOURCES = [
  'webinar',
  'paid_search',
  'organic',
  'referral',
  'event',
  'outbound',
  'partner',
  'content_syndication',
];
/** Reason codes of the default playbook with the note length each needs (0: notes optional). */
export const REASON_CODES: Readonly<
  Record<SeedDisposition['outcome'], readonly (readonly [string, number])[]>
> = {
  accept: [
    ['accept_meeting_booked', 0],
    ['accept_active_project', 0],
    ['accept_other', 20],
  ],
  reject: [
    ['reject_not_icp', 20],
    ['reject_student_or_job_seeker', 0],
    ['reject_competitor', 0],
    ['reject_bad_data', 0],
    ['reject_duplicate', 0],
    ['reject_existing_customer', 0],
    ['reject_other', 30],
  ],
  recycle: [
    ['recycle_no_budget', 20],
    ['recycle_bad_timing', 20],
    ['recycle_no_response', 0],
    ['recycle_using_competitor', 20],
    ['recycle_implementation_concern', 20],
    ['recycle_roi_unclear', 20],
  ],
};

const FIRST_NAMES = [
  'Ava', 'Ben', 'Chloe', 'Diego', 'Elena', 'Farah', 'Gabriel', 'Hana', 'Ibrahim', 'Julia', 'Kenji', 'Lena',
  'Marco', 'Nadia', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'Wes', 'Ximena', 'Yusuf',
  'Zoe',
]; // prettier-ignore
const LAST_NAMES = [
  'Adams', 'Becker', 'Chen', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Kowalski',
  'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Utley', 'Varga',
  'Walsh', 'Young', 'Zimmer',
]; // prettier-ignore
const COMPANY_HEADS = ['Acme', 'Blue', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper',
  'Kestrel', 'Lumen', 'Maple', 'Nimbus', 'Orbit', 'Pine', 'Quartz', 'River', 'Summit', 'Tidal', 'Vertex', 'Willow'
]; // prettier-ignore
const COMPANY_TAILS = [
  'Labs',
  'Systems',
  'Health',
  'Capital',
  'Works',
  'Group',
  'Analytics',
  'Partners',
  'Cloud',
];
const COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 45], ['GB', 12], ['CA', 8], ['DE', 8], ['FR', 5], ['AU', 5], ['NL', 4], ['IE', 3], ['IN', 4], ['BR', 3],
  ['JP', 3],
]; // prettier-ignore
const SENIORITIES: readonly (readonly [string, string, number])[] = [
  ['c_level', 'Chief', 5],
  ['vp', 'VP', 12],
  ['director', 'Director', 20],
  ['head', 'Head', 10],
  ['manager', 'Manager', 25],
  ['individual_contributor', 'Specialist', 23],
  ['entry', 'Intern', 5],
];
const FUNCTIONS: readonly (readonly [string, number])[] = [
  ['Marketing', 25], ['Revenue Operations', 12], ['Sales', 18], ['Growth', 8], ['Operations', 8], ['Demand Generation', 9],
  ['Engineering', 10], ['Finance', 6], ['Human Resources', 4],
]; // prettier-ignore
const TECHNOLOGIES = [
  'Salesforce',
  'HubSpot',
  'Marketo',
  'Outreach',
  'Gong',
  'Snowflake',
  'Zendesk',
  'Slack',
];
const PERSONAS = ['marketing', 'sales', 'revenue_ops', 'executive', 'it'];
const TOUCH_CHANNELS: readonly (readonly [string, number])[] = [
  ['email', 40],
  ['meeting', 25],
  ['shared_link', 20],
  ['webinar', 10],
  ['event', 5],
];
const TOPICS = [
  'Routing leads in minutes',
  'Attribution your CFO trusts',
  'The SLA playbook',
  'Closing the loop on MQLs',
  'Enablement that reps use',
  'Mid-market rollout in 30 days',
  'Enterprise security review',
  'Cloud vs on-premise',
  'Pricing that scales',
  'Versus the incumbent',
  'Implementation without tears',
  'Proving ROI in one quarter',
];
const NOTE_SENTENCES: Readonly<Record<SeedDisposition['outcome'], readonly string[]>> = {
  accept: [
    'Spoke with the prospect and confirmed the project on a call.',
    'Champion introduced the economic buyer; next meeting is booked.',
    'They asked for a reference customer in the same industry.',
  ],
  reject: [
    'The contact turned out to be outside our target market.',
    'Company is far below the size we can serve profitably.',
    'Email bounced and the phone number does not exist.',
  ],
  recycle: [
    'Their team is mid-contract and revisits vendors next fiscal year.',
    'Budget was reallocated to a hiring freeze this quarter.',
    'Emailed twice and left a voicemail without any reply.',
  ],
};

const FORMAT_OBJECTIONS: Readonly<Record<string, string>> = {
  'battle-card': 'competition',
  'roi-calculator': 'roi',
  'case-study': 'roi',
  'executive-brief': 'price',
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const iso = (ms: number): string => new Date(Math.round(ms / 1000) * 1000).toISOString();

/**
 * Generates CRM-neutral seed data: the same options always give the same data.
 * @example generateSeed({ seed: 7, leads: 50, deals: 10, assets: 12 }).leads.length // 50
 */
export function generateSeed(options: SeedOptions = {}): SeedData {
  const seed = options.seed ?? 42;
  const anchor = options.anchorMs ?? DEFAULT_ANCHOR_MS;
  const sizes = {
    leads: options.leads ?? DEFAULT_SIZES.leads,
    deals: options.deals ?? DEFAULT_SIZES.deals,
    assets: options.assets ?? DEFAULT_SIZES.assets,
  };
  const rng = createPrng(seed);
  const owners = makeOwners();
  const reps = owners.filter((o) => o.role === 'rep');
  const marketers = owners.filter((o) => o.role === 'marketer');
  const assets = Array.from({ length: sizes.assets }, (_, i) => makeAsset(rng, i + 1, anchor, marketers));
  const leads: SeedLead[] = [];
  const dispositions: SeedDisposition[] = [];
  const events: SeedEvent[] = [];
  for (let i = 1; i <= sizes.leads; i++) {
    const { lead, disposition } = makeLead(rng, i, seed, anchor, reps, marketers);
    leads.push(lead);
    if (disposition) dispositions.push({ ...disposition, id: `disp-${pad(dispositions.length + 1, 5)}` });
    for (const event of makeEvents(rng, lead, anchor, assets)) {
      events.push({ ...event, id: `event-${pad(events.length + 1, 6)}` });
    }
  }
  const deals = makeDeals(rng, sizes.deals, anchor, leads, reps);
  const touches: SeedTouch[] = [];
  for (const deal of deals) {
    for (const touch of makeTouches(rng, deal, anchor, assets)) {
      touches.push({ ...touch, id: `touch-${pad(touches.length + 1, 6)}` });
    }
  }
  return { seed, owners, leads, events, assets, deals, touches, dispositions };
}

function makeOwners(): SeedOwner[] {
  const person = (
    id: string,
    first: string,
    last: string,
    role: SeedOwner['role'],
    managerId: string | null,
  ): SeedOwner => ({
    id,
    name: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@handoff.example`,
    role,
    managerId,
  });
  return [
    person('owner-01', 'Maya', 'Brooks', 'manager', null),
    person('owner-02', 'Tom', 'Hale', 'manager', null),
    person('owner-03', 'Ana', 'Silva', 'rep', 'owner-01'),
    person('owner-04', 'Raj', 'Mehta', 'rep', 'owner-01'),
    person('owner-05', 'Lucy', 'Ward', 'rep', 'owner-01'),
    person('owner-06', 'Omar', 'Haddad', 'rep', 'owner-02'),
    person('owner-07', 'Ines', 'Costa', 'rep', 'owner-02'),
    person('owner-08', 'Jack', 'Reid', 'rep', 'owner-02'),
    person('owner-09', 'Nora', 'Lind', 'marketer', null),
    person('owner-10', 'Felix', 'Grant', 'marketer', null),
  ];
}

function makeAsset(rng: Prng, n: number, anchor: number, marketers: readonly SeedOwner[]): SeedAsset {
  const format = FORMATS[(n - 1) % FORMATS.length] ?? 'one-pager';
  const topic = rng.pick(TOPICS);
  const created = anchor - rng.int(30, 400) * DAY;
  const objection = FORMAT_OBJECTIONS[format];
  return {
    id: `asset-${pad(n, 3)}`,
    title: `${topic} (${format.replace('-', ' ')})`,
    url: `https://content.handoff.example/assets/${pad(n, 3)}`,
    format,
    buyerStages: rng.sample(BUYER_STAGES, rng.int(1, 2)),
    useCases: rng.sample(USE_CASES, rng.int(1, 3)),
    industries: rng.sample(ICP_INDUSTRIES, rng.int(0, 2)),
    personas: rng.sample(PERSONAS, rng.int(1, 2)),
    objectionTypes: objection ? [objection] : rng.chance(0.25) ? [rng.pick(OBJECTION_TYPES)] : [],
    status: rng.chance(0.9) ? 'active' : 'archived',
    ownerId: rng.pick(marketers).id,
    createdAt: iso(created),
    updatedAt: iso(created + rng.int(0, 25) * DAY),
  };
}

function makeLead(
  rng: Prng,
  n: number,
  seed: number,
  anchor: number,
  reps: readonly SeedOwner[],
  marketers: readonly SeedOwner[],
): { lead: SeedLead; disposition: Omit<SeedDisposition, 'id'> | null } {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const company = `${rng.pick(COMPANY_HEADS)} ${rng.pick(COMPANY_TAILS)}`;
  const domain = `${company.toLowerCase().replace(/ /g, '')}.example`;
  const [seniority, title] = rng.weighted(SENIORITIES.map(([id, t, w]) => [[id, t] as const, w] as const));
  const fn = rng.weighted(FUNCTIONS);
  const jobTitle = seniority === 'c_level' ? `Chief ${fn} Officer` : `${title}, ${fn}`;
  // Company sizes are log-normal: a median near 300 employees with a long tail of enterprises.
  const employees = Math.max(2, Math.min(200_000, Math.round(Math.exp(Math.log(300) + 1.4 * rng.normal()))));
  const annualRevenue = Math.round((employees * rng.int(80, 260)) / 10) * 10_000;
  const stage = rng.weighted<LeadStage>([
    ['inquiry', 55],
    ['mql', 25],
    ['sql', 12],
    ['sal', 8],
  ]);
  const createdMs = anchor - rng.next() * 90 * DAY;
  let stageEnteredMs = createdMs + rng.next() * (anchor - createdMs);
  let handoffStatus = 'open';
  let outcome: SeedDisposition['outcome'] | null = null;
  if (stage === 'sal') {
    handoffStatus = 'accepted';
    outcome = 'accept';
  } else if (stage === 'sql') {
    handoffStatus = rng.chance(0.2) ? 'waiting_on_prospect' : 'open';
  } else if (stage === 'mql' && rng.chance(0.25)) {
    handoffStatus = 'disqualified';
    outcome = 'reject';
  } else if (stage === 'inquiry' && rng.chance(0.15)) {
    handoffStatus = 'recycled';
    outcome = 'recycle';
  }
  const ownerId =
    stage === 'inquiry' && handoffStatus === 'open' && rng.chance(0.6)
      ? rng.pick(marketers).id
      : rng.pick(reps).id;
  const salesStage = stage === 'sql' || stage === 'sal';
  const firstTouchMs = salesStage && rng.chance(0.75) ? stageEnteredMs + rng.next() * 30 * HOUR : null;
  const answered = salesStage || (stage === 'mql' && rng.chance(0.3));
  const answer = (text: string): string | null => (salesStage || (answered && rng.chance(0.5)) ? text : null);
  const id = `lead-${pad(n, 5)}`;
  let disposition: Omit<SeedDisposition, 'id'> | null = null;
  let stoppedMs: number | null = null;
  if (outcome) {
    const [reasonCode, minNotes] = rng.pick(REASON_CODES[outcome]);
    const atMs = Math.min(anchor - HOUR, stageEnteredMs + rng.int(1, 72) * HOUR);
    disposition = {
      leadId: id,
      outcome,
      reasonCode,
      notes: makeNotes(rng, outcome, minNotes),
      at: iso(atMs),
      ownerId,
      idempotencyKey: `seed-${seed}-${id}-disposition`,
    };
    // A recycled lead re-entered inquiry when it was dispositioned (and its first touch was cleared); an accept or
    // a reject stopped the stage's SLA, which the adapters record as the first touch when there was none.
    if (outcome === 'recycle') stageEnteredMs = atMs;
    else stoppedMs = atMs;
  }
  const lead: SeedLead = {
    id,
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}.${n}@${domain}`,
    company,
    jobTitle,
    seniority,
    industry: rng.chance(0.8) ? rng.pick(ICP_INDUSTRIES) : rng.pick(OTHER_INDUSTRIES),
    employees,
    annualRevenue,
    country: rng.weighted(COUNTRIES),
    technologies: rng.sample(TECHNOLOGIES, rng.int(0, 3)),
    source: rng.weighted(SOURCES.map((s, i) => [s, [18, 16, 20, 10, 10, 12, 6, 8][i] ?? 1] as const)),
    stage,
    handoffStatus,
    ownerId,
    createdAt: iso(createdMs),
    stageEnteredAt: iso(stageEnteredMs),
    firstTouchAt: firstTouchAt(firstTouchMs, stoppedMs, anchor),
    statusHistory: statusHistory(createPrng(seed * 100_003 + n), {
      createdMs,
      stageEnteredMs,
      handoffStatus,
      stage,
      changedAtMs: disposition === null ? null : Date.parse(disposition.at),
      untouchedUntilMs: firstTouchMs ?? anchor,
      anchor,
    }),
    discovery: {
      need: answer('Manual lead routing loses hot leads overnight; they want it fixed before Q1.'),
      budget: answer('Budget approved in the operations line for next year.'),
      authority: answer('The VP Revenue signs; the marketing director is the champion.'),
      timeline: answer('Live before the spring campaign, about eight weeks.'),
    },
  };
  return { lead, disposition };
}

/**
 * A lead's status timeline (its own generator, so the rest of the seed does not move): open from creation, then the
 * disposition's status when it had one, or waiting on the prospect since some time in the stage; an open SQL now
 * and then waited on the prospect for a while before its first touch (a pause its first-touch clock gets back).
 */
function statusHistory(
  rng: Prng,
  lead: {
    readonly createdMs: number;
    readonly stageEnteredMs: number;
    readonly handoffStatus: string;
    readonly stage: LeadStage;
    readonly changedAtMs: number | null;
    /** The first touch, or the anchor: a past pause falls before it, where the first-touch clock runs. */
    readonly untouchedUntilMs: number;
    readonly anchor: number;
  },
): { at: string; status: string }[] {
  const history = [{ at: iso(lead.createdMs), status: 'open' }];
  const change = (atMs: number, status: string) => {
    const last = history[history.length - 1];
    if (last !== undefined && atMs > Date.parse(last.at)) history.push({ at: iso(atMs), status });
  };
  const inStage = (fraction: number) => lead.stageEnteredMs + fraction * (lead.anchor - lead.stageEnteredMs);
  if (lead.changedAtMs !== null) change(lead.changedAtMs, lead.handoffStatus);
  else if (lead.handoffStatus === 'waiting_on_prospect') change(inStage(rng.next()), lead.handoffStatus);
  else if (lead.stage === 'sql' && rng.chance(0.4)) {
    const span = Math.max(0, Math.min(lead.untouchedUntilMs, lead.anchor) - lead.stageEnteredMs);
    const from = lead.stageEnteredMs + rng.next() * 0.5 * span;
    change(from, 'waiting_on_prospect');
    change(from + (0.2 + rng.next() * 0.7) * (lead.stageEnteredMs + span - from), 'open');
  }
  // Whatever the draws, the timeline ends where the lead is.
  if (history[history.length - 1]?.status !== lead.handoffStatus) {
    history.splice(1);
    history[0] = { at: iso(lead.createdMs), status: lead.handoffStatus };
  }
  return history;
}

function makeNotes(rng: Prng, outcome: SeedDisposition['outcome'], minLength: number): string {
  if (minLength === 0 && rng.chance(0.4)) return '';
  const sentences = NOTE_SENTENCES[outcome];
  let notes = rng.pick(sentences);
  while (notes.length < Math.max(minLength, 20)) notes = `${notes} ${rng.pick(sentences)}`;
  return notes;
}

function makeEvents(
  rng: Prng,
  lead: SeedLead,
  anchor: number,
  assets: readonly SeedAsset[],
): Omit<SeedEvent, 'id'>[] {
  const from = Math.max(anchor - 90 * DAY, Date.parse(lead.createdAt));
  const at = (start: number): string => iso(start + rng.next() * (anchor - start));
  const assetFor = (type: string): string | null =>
    assets.length > 0 &&
    (type === 'content_download' || type === 'webinar_attended' || type === 'webinar_registered')
      ? rng.pick(assets).id
      : null;
  const events: Omit<SeedEvent, 'id'>[] = [];
  const count = rng.int(1, 10);
  for (let i = 0; i < count; i++) {
    const type = rng.weighted(EVENT_TYPES.map((t, k) => [t, [30, 10, 15, 8, 6, 20, 3, 4][k] ?? 1] as const));
    events.push({ leadId: lead.id, type, at: at(from), assetId: assetFor(type) });
  }
  // Leads past inquiry showed the meaningful engagement the MQL criterion asks for, within 30 days of reaching it.
  if (lead.stage !== 'inquiry') {
    const qualifiedMs = Date.parse(lead.stageEnteredAt);
    const windowStart = Math.max(from, qualifiedMs - 30 * DAY);
    const type = rng.pick(['webinar_attended', 'demo_requested', 'content_download']);
    const repeats = type === 'content_download' ? 3 : 1;
    for (let i = 0; i < repeats; i++) {
      events.push({
        leadId: lead.id,
        type,
        at: iso(windowStart + rng.next() * (qualifiedMs - windowStart)),
        assetId: assetFor(type),
      });
    }
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

// The earlier of a rep's first touch and an SLA-stopping disposition, if before the anchor.
function firstTouchAt(touchMs: number | null, stoppedMs: number | null, anchor: number): string | null {
  const candidates = [touchMs, stoppedMs].filter((ms): ms is number => ms !== null && ms < anchor);
  return candidates.length === 0 ? null : iso(Math.min(...candidates));
}

function makeDeals(
  rng: Prng,
  count: number,
  anchor: number,
  leads: readonly SeedLead[],
  reps: readonly SeedOwner[],
): SeedDeal[] {
  // Which leads open a deal: a weighted draw without replacement (Efraimidis–Spirakis keys u^(1/w)), so accepted
  // leads usually do, sales-qualified ones often, MQLs and inquiries now and then (sales-sourced deals), and the
  // share of SQLs that become opportunities stays well under 100 % as in the field (≈ 2/3 at the default sizes).
  // A lead opens at most one deal until every lead has one.
  const weight = (l: SeedLead): number =>
    l.stage === 'sal' ? 6 : l.stage === 'sql' ? 2 : l.stage === 'mql' ? 1 : 0.5;
  const ordered = leads
    .map((lead) => ({ lead, key: rng.next() ** (1 / weight(lead)) }))
    .sort((a, b) => b.key - a.key || a.lead.id.localeCompare(b.lead.id))
    .map(({ lead }) => lead);
  const deals: SeedDeal[] = [];
  for (let i = 0; i < count && leads.length > 0; i++) {
    const lead = ordered[i % ordered.length] as SeedLead;
    const leadCreatedMs = Date.parse(lead.createdAt);
    const createdMs = leadCreatedMs + rng.next() * (anchor - leadCreatedMs) * 0.5;
    const closed = rng.chance(0.45);
    const won = closed ? rng.chance(0.35) : null;
    const closedMs = closed ? createdMs + rng.next() * (anchor - createdMs) : null;
    const others = rng.chance(0.25) ? [rng.pick(leads).id].filter((id) => id !== lead.id) : [];
    const amount = Math.round(Math.exp(Math.log(40_000) + 0.8 * rng.normal()) / 100) * 100;
    const owner = reps.some((r) => r.id === lead.ownerId) ? lead.ownerId : rng.pick(reps).id;
    deals.push({
      id: `deal-${pad(i + 1, 5)}`,
      name: `${lead.company} — ${rng.pick(['Platform', 'Expansion', 'Pilot', 'Renewal', 'Team plan'])}`,
      amount,
      stage: closed ? (won ? 'closed_won' : 'closed_lost') : rng.pick(OPEN_DEAL_STAGES),
      source: lead.source,
      ownerId: owner,
      leadId: lead.id,
      contactIds: [lead.id, ...others],
      leadCreatedAt: lead.createdAt,
      createdAt: iso(createdMs),
      closedAt: closedMs === null ? null : iso(closedMs),
      won,
    });
  }
  return deals;
}

function makeTouches(
  rng: Prng,
  deal: SeedDeal,
  anchor: number,
  assets: readonly SeedAsset[],
): Omit<SeedTouch, 'id'>[] {
  if (assets.length === 0) return [];
  // About a third of the library carries most touches, as in the field; won deals see more decision-stage content.
  const popular = assets.slice(0, Math.max(1, Math.ceil(assets.length / 3)));
  const decision = assets.filter((a) => a.buyerStages.includes('decision'));
  const start = Date.parse(deal.createdAt);
  const end = deal.closedAt ? Date.parse(deal.closedAt) : anchor;
  const count = deal.won ? rng.int(3, 10) : rng.int(0, 6);
  // A closed deal went through every open stage; an open one has reached its current stage. A touch's stage is the
  // one the deal was in at that point of its life, assuming even stage lengths.
  const reached = deal.closedAt ? OPEN_DEAL_STAGES.length : OPEN_DEAL_STAGES.indexOf(deal.stage) + 1;
  const touches: Omit<SeedTouch, 'id'>[] = [];
  for (let i = 0; i < count; i++) {
    const pool =
      deal.won && decision.length > 0 && rng.chance(0.5) ? decision : rng.chance(0.8) ? popular : assets;
    // Drawn in this order so the seed's other data stays what it was before touches had a stage.
    const leadId = rng.pick(deal.contactIds);
    const assetId = rng.pick(pool).id;
    const channel = rng.weighted(TOUCH_CHANNELS);
    const share = rng.next();
    const dealStage = OPEN_DEAL_STAGES[Math.min(reached - 1, Math.floor(share * reached))] ?? '';
    touches.push({
      dealId: deal.id,
      leadId,
      assetId,
      channel,
      at: iso(start + share * (end - start)),
      buyerStage: OPEN_DEAL_BUYER_STAGES[dealStage] ?? null,
    });
  }
  return touches.sort((a, b) => a.at.localeCompare(b.at));
}
