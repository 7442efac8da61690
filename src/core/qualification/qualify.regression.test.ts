// Regression guard for the qualification hot path: 600 generated records on three playbooks (the default one, one
// with every criterion kind and operator, one without decay and with negative points), each result reduced to a
// digest of every field — key order, undefined, -0 and NaN included — so a speed-up that changes any score, label,
// actual value or breakdown fails here. Regenerate deliberately with `npx vitest run -u <this file>`.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Playbook } from '../playbook/schema';
import { compileQualifier, qualify } from './qualify';
import type { EngagementEvent, PropertyValue, QualificationRecord } from './record-schema';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const defaultRules: Playbook = defaultPlaybook();

const NOW_MS = Date.UTC(2026, 2, 12, 15, 0, 0);
const DAY_MS = 86_400_000;

// Every criterion kind and operator, nested groups, an ICP facet the ICP does not define and an unknown question.
const everyKindPlaybook: Playbook = {
  ...defaultRules,
  stages: [
    {
      id: 'touch',
      label: 'Touched',
      entry: {
        kind: 'at_least',
        n: 2,
        criteria: [
          { kind: 'property', property: 'industry', op: 'eq', value: 'Software' },
          { kind: 'property', property: 'employees', op: 'eq', value: 1200 },
          { kind: 'property', property: 'vip', op: 'eq', value: true },
          { kind: 'property', property: 'country', op: 'neq', value: 'US', label: 'outside the US' },
          { kind: 'property', property: 'country', op: 'in', values: ['DE', 'fr', 1] },
          { kind: 'property', property: 'seniority', op: 'not_in', values: ['intern', false] },
          { kind: 'property', property: 'annualRevenue', op: 'gte', value: 1_000_000 },
          { kind: 'property', property: 'employees', op: 'lte', value: 999.5 },
          { kind: 'property', property: 'employees', op: 'between', min: 10, max: 2500 },
          { kind: 'property', property: 'technologies', op: 'contains', value: 'force' },
          { kind: 'property', property: 'jobTitle', op: 'contains', value: 'VP' },
          { kind: 'property', property: 'leadSource', op: 'exists' },
          { kind: 'property', property: 'handoffStatus', op: 'not_exists' },
          { kind: 'property', property: 'constructor', op: 'exists' },
        ],
      },
    },
    {
      id: 'engaged',
      label: 'Engaged',
      entry: {
        kind: 'all_of',
        criteria: [
          {
            kind: 'engagement',
            eventTypes: ['page_view', 'email_click', 'never_scored'],
            minCount: 2.5,
            windowDays: 14,
            halfLifeDays: 7,
          },
          { kind: 'engagement', eventTypes: ['webinar_attended'], minCount: 1, windowDays: 30 },
          { kind: 'engagement_score', min: 20 },
          { kind: 'fit_score', min: 50, label: 'a decent fit' },
        ],
      },
    },
    {
      id: 'fit',
      label: 'Fit',
      entry: {
        kind: 'all_of',
        label: 'fits and is known',
        criteria: [
          { kind: 'icp' },
          { kind: 'icp', facets: ['role', 'technographics'] },
          { kind: 'discovery', questions: ['need', 'budget'] },
        ],
      },
    },
    {
      id: 'ready',
      label: 'Ready',
      entry: {
        kind: 'at_least',
        n: 1,
        criteria: [
          { kind: 'engagement_score', min: 60 },
          {
            kind: 'all_of',
            criteria: [
              { kind: 'fit_score', min: 80 },
              {
                kind: 'discovery',
                questions: ['authority', 'timeline', 'nonexistent'],
                label: 'who and when',
              },
            ],
          },
          { kind: 'icp', facets: ['geography', 'role'] },
        ],
      },
    },
  ],
  icp: {
    industries: { property: 'industry', values: ['Software', 'Health Care', 'Fintech'], weight: 2.5 },
    employees: { property: 'employees', min: 20, weight: 3 },
    revenue: { property: 'annualRevenue', max: 50_000_000, weight: 0 },
    roles: { property: 'jobTitle', values: ['vp', 'Chief', 'ops'], weight: 1 },
    technographics: {
      property: 'technologies',
      values: ['Salesforce', 'HubSpot', 'Snowflake'],
      minMatches: 2,
      weight: 1.5,
    },
  },
  engagement: {
    windowDays: 60,
    halfLifeDays: 14,
    maxScore: 75,
    points: { page_view: 1.5, email_click: 3, webinar_attended: 20, demo_requested: 35, spam_report: -10 },
  },
};

// No decay anywhere, a negative-points type, and a score that caps.
const noDecayPlaybook: Playbook = {
  ...defaultRules,
  stages: [
    {
      id: 'any',
      label: 'Any',
      entry: { kind: 'engagement', eventTypes: ['page_view', 'spam_report'], minCount: 1, windowDays: 7 },
    },
    {
      id: 'scored',
      label: 'Scored',
      entry: { kind: 'engagement_score', min: 30, label: 'engagement 30+' },
    },
  ],
  icp: { geographies: { property: 'country', values: ['US', 'CA'], weight: 1 } },
  engagement: {
    windowDays: 45,
    maxScore: 40,
    points: { page_view: 0.1, email_click: 0.7, content_download: 4, spam_report: -3.3, demo_requested: 30 },
  },
};

// A small seeded PRNG (mulberry32), so the inputs are the same on every machine and run.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const EVENT_TYPES = [
  'page_view',
  'page_view',
  'email_click',
  'content_download',
  'webinar_registered',
  'webinar_attended',
  'demo_requested',
  'form_submitted',
  'event_attended',
  'spam_report',
  'never_scored',
  'tweet',
];

const VALUES: Record<string, readonly (PropertyValue | undefined)[]> = {
  industry: ['Software', 'software ', 'HEALTHCARE', 'Health Care', ['Retail', 'Software'], 'Retail', '', 42],
  employees: [250, '1,200', 1200, '1 200', '35', 999.5, '2e3', 'many', '', -5, null, ['300'], '0012'],
  annualRevenue: ['48,000,000', 4_000_000, '5,000,000.50', '1e9', 'n/a', null, 0],
  country: ['US', 'us', 'DE', 'fr', 'GB', 1, '  ', null, ['CA', 'US']],
  jobTitle: ['VP, Revenue Operations', 'Chief Growth Officer', 'Engineer', ['Head', 'of Sales'], '', null],
  seniority: ['vp', 'Director', 'intern', 'c_level', false, null],
  technologies: [
    'Salesforce; Outreach; Snowflake',
    'hubspot,salesforce, HubSpot',
    ['Gong', 'Snowflake', 'snowflake '],
    'Excel',
    ' ; , ',
    [],
    null,
  ],
  discoveryNeed: ['Routing is manual', '', '   ', null, 0, false],
  discoveryBudget: ['Approved', null, ''],
  discoveryAuthority: ['CRO signs', null],
  discoveryTimeline: ['Q3', null, '\tQ4'],
  handoffStatus: ['accepted', 'ACCEPTED ', 'waiting_on_prospect', null, ''],
  leadSource: ['webinar', null, ''],
  vip: [true, 'true', 'TRUE', false, 'yes', null],
  constructor: ['set', null],
};

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

// An eager lead mostly takes each property's first (qualifying) value, so later stages are reached too.
function aRecord(random: () => number, i: number, eager: boolean): QualificationRecord {
  const properties: Record<string, PropertyValue> = { firstName: 'Dana', email: `lead${i}@example.com` };
  for (const [name, values] of Object.entries(VALUES)) {
    if (random() < (eager ? 0.03 : 0.15)) continue; // absent
    const value = eager && random() < 0.85 ? values[0] : pick(random, values);
    if (value !== undefined) properties[name] = value;
  }
  return { id: `lead-${i}`, properties };
}

// Mostly what toISOString writes, plus every other accepted form, unreadable text, future events and ages
// exactly on a window edge.
function anInstant(random: () => number, nowMs: number, eager: boolean): string {
  const age = Math.floor(random() * (eager ? 25 : 100) * DAY_MS) - 5 * DAY_MS;
  const roll = random();
  if (roll < 0.6) return new Date(nowMs - age).toISOString();
  if (roll < 0.7) {
    const edge = pick(random, [7, 14, 30, 45, 60, 90]) * DAY_MS + pick(random, [-1, 0, 1]);
    return new Date(nowMs - edge).toISOString();
  }
  const iso = new Date(nowMs - age).toISOString();
  return pick(random, [
    iso.slice(0, 19) + 'Z',
    iso.slice(0, 16) + 'Z',
    iso.slice(0, 23) + '999Z',
    iso.slice(0, 10) + 't' + iso.slice(11),
    iso.slice(0, 23) + 'z',
    iso.slice(0, 19) + '+05:30',
    iso.slice(0, 19) + '-08:00',
    '2026-02-30T00:00:00.000Z',
    '2026-03-01T24:00:00.000Z',
    '2026-03-01T24:00:00.001Z',
    '2026-03-01T23:59:60.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-03-0xT00:00:00.000Z',
    '2026-03-01 00:00:00.000Z',
    '2026-03-01T00:00:00.000',
    'yesterday',
    '',
  ]);
}

function someEvents(random: () => number, nowMs: number, eager: boolean): EngagementEvent[] {
  const count = pick(random, [0, 1, 3, 8, 20, 20, 20, 45]);
  return Array.from({ length: count }, () => ({
    type: eager && random() < 0.3 ? 'webinar_attended' : pick(random, EVENT_TYPES),
    at: anInstant(random, nowMs, eager),
  }));
}

// Every field, in key order, with what JSON would blur (undefined, -0, NaN, ±Infinity) spelled out.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return '<undefined>';
    if (Object.is(v, -0)) return '<-0>';
    if (typeof v === 'number' && !Number.isFinite(v)) return `<${String(v)}>`;
    return v;
  });
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const playbooks: [string, Playbook][] = [
  ['default', defaultRules],
  ['every-kind', everyKindPlaybook],
  ['no-decay', noDecayPlaybook],
];

describe('qualification results stay identical, field for field', () => {
  it('matches the recorded digest of 600 generated records on three playbooks', async () => {
    const lines: string[] = [];
    for (const [name, playbook] of playbooks) {
      const random = prng(name.length * 7919 + 17);
      const qualifyRecord = compileQualifier(playbook);
      for (let i = 0; i < 200; i++) {
        const nowMs = NOW_MS + Math.floor(random() * 3) * 3_600_000 + i;
        const eager = random() < 0.4;
        const record = aRecord(random, i, eager);
        const events = someEvents(random, nowMs, eager);
        const result = qualifyRecord(record, events, nowMs);
        const text = canonical(result);
        // The cached entry point must agree with the compiled qualifier on every field too.
        expect(canonical(qualify(record, events, playbook, nowMs))).toBe(text);
        lines.push(
          `${name} ${record.id} ${result.highestStage ?? '-'} next=${result.next?.stageId ?? '-'} fit=${result.fit.score} ` +
            `engagement=${result.engagement.score}/${result.engagement.rawPoints} ${digest(text)}`,
        );
      }
    }
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/qualify.regression.txt');
  });
});
