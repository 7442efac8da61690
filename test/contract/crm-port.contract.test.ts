// The parity promise: one suite, run through the HubSpot adapter and through the Salesforce adapter, both talking
// to the same seeded emulator through their real clients. Every answer is compared with the seed (after mapping CRM
// ids back to seed ids), and a final block compares the two adapters' answers with each other.
import { describe, expect, it } from 'vitest';
import { fileContentRequest } from '../../src/core/content/file-content-request';
import { disposition } from '../../src/core/disposition/disposition';
import type { DispositionPlan } from '../../src/core/disposition/types';
import { compileCalendar } from '../../src/core/sla/business-calendar';
import { leadSlaClocks } from '../../src/core/sla/lead-clocks';
import { makeId } from '../../src/crm/emulator/salesforce/ids';
import { generateSeed } from '../../src/crm/emulator/seed/generate';
import type { SeedData, SeedLead } from '../../src/crm/emulator/types';
import type { CrmName, CrmPort, FileContentRequestCommand, LeadHandoffContext } from '../../src/crm/port';
import { CONTRACT_SEED, NOW, NOW_MS, useCrmHarness, type CrmHarness, type CrmUnderTest } from './crm-harness';
import {
  expectedAsset,
  expectedDispositions,
  expectedEvents,
  expectedLeadSummary,
  expectedStatusHistory,
  expectedTouches,
  expectedUsage,
  neutralAsset,
  neutralCandidate,
  neutralDealContext,
  neutralLeadContext,
  neutralOwner,
  neutralUsage,
  seedIdOf,
  seedLead,
  seedOwner,
} from './neutral';

const seed: SeedData = generateSeed({ ...CONTRACT_SEED, anchorMs: NOW_MS });
const CRMS = [
  ['HubSpot', 'hubspot'],
  ['Salesforce', 'salesforce'],
] as const satisfies readonly (readonly [string, CrmName])[];

let harness: CrmHarness;

useCrmHarness((started) => (harness = started));

// ---------------------------------------------------------------- scenarios picked from the seed

const touchesOf = (leadId: string) => seed.touches.filter((t) => t.leadId === leadId).length;
const dispositionsOf = (leadId: string) => seed.dispositions.filter((d) => d.leadId === leadId).length;
const converted = (leadId: string) => seed.deals.some((d) => d.contactIds.includes(leadId));
const used = new Set<string>();

/** The first seed lead that fits and no other scenario has taken (writes must not meet each other). */
function leadWhere(what: string, fits: (lead: SeedLead) => boolean): string {
  const lead = seed.leads.find((l) => !used.has(l.id) && fits(l));
  if (!lead) throw new Error(`the contract seed has no ${what}; change CONTRACT_SEED or the scenario`);
  used.add(lead.id);
  return lead.id;
}

function dealWhere(what: string, fits: (deal: SeedData['deals'][number]) => boolean): string {
  const deal = seed.deals.find(fits);
  if (!deal) throw new Error(`the contract seed has no ${what}`);
  return deal.id;
}

const LEAD_SCENARIOS: readonly (readonly [string, string])[] = [
  [
    'a sales-accepted lead with deal touches and a disposition',
    leadWhere(
      'SAL with touches',
      (l) => l.stage === 'sal' && touchesOf(l.id) > 0 && dispositionsOf(l.id) > 0,
    ),
  ],
  [
    'a converted SQL with touches',
    leadWhere('SQL with touches', (l) => l.stage === 'sql' && touchesOf(l.id) > 0),
  ],
  [
    'an open MQL with no touches and no disposition',
    leadWhere(
      'untouched MQL',
      (l) => l.stage === 'mql' && l.handoffStatus === 'open' && touchesOf(l.id) === 0,
    ),
  ],
  ['a recycled inquiry', leadWhere('recycled inquiry', (l) => l.handoffStatus === 'recycled')],
  [
    'an SQL that waited on the prospect for a while and is open again',
    leadWhere(
      'SQL with a past pause',
      (l) =>
        l.stage === 'sql' &&
        l.handoffStatus === 'open' &&
        (l.statusHistory ?? []).some((h) => h.status === 'waiting_on_prospect'),
    ),
  ],
  [
    'a disqualified MQL that is a contact on a lost deal',
    leadWhere('disqualified converted MQL', (l) => l.handoffStatus === 'disqualified' && converted(l.id)),
  ],
];

const DEAL_SCENARIOS: readonly (readonly [string, string])[] = [
  ['a won deal with touches', dealWhere('won deal with touches', (d) => d.won === true && hasTouches(d.id))],
  [
    'a lost deal with two contacts',
    dealWhere('lost deal, two contacts', (d) => d.won === false && d.contactIds.length > 1),
  ],
  [
    'an open deal without touches',
    dealWhere('open untouched deal', (d) => d.won === null && !hasTouches(d.id)),
  ],
];

function hasTouches(dealId: string): boolean {
  return seed.touches.some((t) => t.dealId === dealId);
}

const unconvertedIn = (stage: string) => (l: SeedLead) =>
  l.stage === stage && l.handoffStatus === 'open' && !converted(l.id) && dispositionsOf(l.id) === 0;

const WRITES = {
  accept: leadWhere('open unconverted SQL', unconvertedIn('sql')),
  reject: leadWhere('open unconverted MQL', unconvertedIn('mql')),
  recycle: leadWhere('another open unconverted MQL', unconvertedIn('mql')),
  parity: leadWhere('a third open unconverted MQL', unconvertedIn('mql')),
  escalation: leadWhere('an MQL for escalations', (l) => l.stage === 'mql'),
  share: leadWhere('a converted lead for shares', (l) => converted(l.id)),
} as const;

const SUBMISSIONS = {
  accept: { outcome: 'accept', reasonCode: 'accept_meeting_booked', notes: 'Booked for Tuesday.' },
  reject: {
    outcome: 'reject',
    reasonCode: 'reject_not_icp',
    notes: 'A two-person agency, far below our ICP.',
  },
  recycle: {
    outcome: 'recycle',
    reasonCode: 'recycle_bad_timing',
    notes: 'Budget opens again next fiscal year.',
  },
} as const;

const EXPECTED_AFTER = {
  accept: { stage: 'sal', handoffStatus: 'accepted' },
  reject: { stage: 'mql', handoffStatus: 'disqualified' },
  recycle: { stage: 'inquiry', handoffStatus: 'recycled' },
} as const;

// ---------------------------------------------------------------- helpers

function data<T>(result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function contextOf(sut: CrmUnderTest, seedLeadId: string): Promise<LeadHandoffContext> {
  return data(await sut.port.getLeadHandoffContext(sut.ids.lead(seedLeadId)));
}

/** A plan from the real core, for the lead as the CRM shows it now. */
async function planFor(
  sut: CrmUnderTest,
  seedLeadId: string,
  submission: { outcome: string; reasonCode: string; notes: string },
  submissionId: string,
): Promise<DispositionPlan> {
  const context = await contextOf(sut, seedLeadId);
  const planned = disposition(
    { submissionId, ...submission },
    {
      recordId: context.lead.id,
      stage: context.lead.stage ?? '',
      ...(context.lead.owner ? { ownerId: context.lead.owner.id } : {}),
      appliedKeys: [...context.appliedDispositionKeys],
    },
    harness.playbook,
    NOW_MS,
  );
  const plan = data(planned);
  if (plan.alreadyApplied) throw new Error('the core says this disposition is already applied');
  return plan;
}

function contentRequestFor(sut: CrmUnderTest, id: string): FileContentRequestCommand {
  const calendars = new Map(harness.playbook.calendars.map((spec) => [spec.id, compileCalendar(spec)]));
  const filed = fileContentRequest(
    {
      id,
      buyerStage: 'decision',
      objection: 'price',
      dealIds: [sut.ids.deal(DEAL_SCENARIOS[0]?.[1] ?? '')],
      priority: 'rush',
      requestedBy: sut.ids.owner('owner-03'),
      requestedAt: NOW,
      title: 'Pricing one-pager for healthcare buyers',
      details: 'Two deals stalled on price against the incumbent; we need a one-page answer.',
    },
    harness.playbook,
    (calendarId) => calendars.get(calendarId),
    NOW_MS,
  );
  return { request: data(filed), assigneeId: sut.ids.owner('owner-09') };
}

/** How many records every write kind has made so far, through the CRM's API. */
async function footprint(sut: CrmUnderTest) {
  const [dispositions, touches, tasks, notes] = await Promise.all([
    sut.count('dispositions'),
    sut.count('touches'),
    sut.count('tasks'),
    sut.count('notes'),
  ]);
  return { dispositions, touches, tasks, notes };
}

const normalizeList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string' && value !== ''
      ? value.split(/[;,]/).map((s) => s.trim())
      : [];

// ---------------------------------------------------------------- one suite, run through each adapter

describe.each(CRMS)('the %s adapter', (_label, crm) => {
  const sut = (): CrmUnderTest => harness.get(crm);

  describe('reading a lead handoff context', () => {
    it.each(LEAD_SCENARIOS)('gives the seed’s lead, owner and manager for %s', async (_, leadId) => {
      const context = await contextOf(sut(), leadId);
      const neutral = neutralLeadContext(context, sut().ids, { instants: 'iso' });
      expect(neutral.lead).toEqual(expectedLeadSummary(seed, leadId));
      // A converted Salesforce lead is read from the Contact it became; HubSpot only has contacts.
      expect(context.lead.objectType).toBe(crm === 'salesforce' && !converted(leadId) ? 'lead' : 'contact');
    });

    it.each(LEAD_SCENARIOS)(
      'gives the seed’s events, touches by asset and dispositions for %s',
      async (_, leadId) => {
        const neutral = neutralLeadContext(await contextOf(sut(), leadId), sut().ids, { instants: 'iso' });
        expect(neutral.events).toEqual(expectedEvents(seed, leadId));
        expect(neutral.touches).toEqual(expectedTouches(seed, { leadId }));
        const expected = expectedDispositions(seed, leadId);
        expect(neutral.dispositions).toHaveLength(expected.length);
        expected.forEach((d, i) => expect(neutral.dispositions[i]).toMatchObject(d));
        expect(neutral.appliedDispositionKeys).toEqual(expected.map((d) => d.id).sort());
      },
    );

    it.each(LEAD_SCENARIOS)(
      'gives the handoff status’s history the seed recorded for %s',
      async (_, leadId) => {
        const neutral = neutralLeadContext(await contextOf(sut(), leadId), sut().ids, { instants: 'iso' });
        expect(neutral.statusHistory).toEqual(expectedStatusHistory(seed, leadId));
      },
    );

    it.each(LEAD_SCENARIOS)(
      'gives the qualification record in neutral property names for %s',
      async (_, leadId) => {
        const lead = seedLead(seed, leadId);
        const { record } = await contextOf(sut(), leadId);
        expect(seedIdOf(sut().ids, record.id)).toBe(leadId);
        const p = record.properties;
        expect({
          industry: p['industry'],
          country: p['country'],
          jobTitle: p['jobTitle'],
          seniority: p['seniority'],
          employees: String(p['employees']),
          annualRevenue: String(p['annualRevenue']),
          technologies: normalizeList(p['technologies']).sort(),
        }).toEqual({
          industry: lead.industry,
          country: lead.country,
          jobTitle: lead.jobTitle,
          seniority: lead.seniority,
          employees: String(lead.employees),
          annualRevenue: String(lead.annualRevenue),
          technologies: [...lead.technologies].sort(),
        });
      },
    );
  });

  it.each(LEAD_SCENARIOS)(
    'gives what the lead card’s SLA clocks need, so they match the seed’s, for %s',
    async (_, leadId) => {
      const context = await contextOf(sut(), leadId);
      const lead = seedLead(seed, leadId);
      const fromSeed = leadSlaClocks(
        harness.playbook,
        {
          ...lead,
          dispositions: seed.dispositions.filter((d) => d.leadId === leadId),
          statusHistory: lead.statusHistory ?? [],
        },
        NOW_MS,
      );
      const fromCrm = leadSlaClocks(
        harness.playbook,
        { ...context.lead, dispositions: context.dispositions, statusHistory: context.statusHistory },
        NOW_MS,
      );
      expect(fromCrm).toEqual(fromSeed);
    },
  );

  describe('reading a deal attribution context', () => {
    it.each(DEAL_SCENARIOS)(
      'gives the seed’s deal, contacts, touches and assets for %s',
      async (_, dealId) => {
        const deal = seed.deals.find((d) => d.id === dealId);
        if (!deal) throw new Error(dealId);
        const context = neutralDealContext(
          data(await sut().port.getDealAttributionContext(sut().ids.deal(dealId))),
          sut().ids,
          { instants: 'iso' },
        );
        expect(context.deal).toEqual({
          id: deal.id,
          name: deal.name,
          amount: deal.amount,
          stage: deal.stage,
          source: deal.source,
          ownerId: deal.ownerId,
          leadCreatedAt: new Date(deal.leadCreatedAt).toISOString(),
          createdAt: new Date(deal.createdAt).toISOString(),
          closedAt: deal.closedAt === null ? null : new Date(deal.closedAt).toISOString(),
          won: deal.won,
        });
        expect(context.contacts).toEqual(
          deal.contactIds
            .map((id) => {
              const l = seedLead(seed, id);
              return { id, name: `${l.firstName} ${l.lastName}` };
            })
            .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        );
        expect(context.touches).toEqual(expectedTouches(seed, { dealId }));
        const assetIds = [...new Set(seed.touches.filter((t) => t.dealId === dealId).map((t) => t.assetId))];
        expect(context.assets).toEqual(
          assetIds
            .map((id) => expectedAsset(seed, id))
            .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        );
      },
    );
  });

  describe('reading content', () => {
    it('lists every asset of the library with its facets', async () => {
      const library = data(await sut().port.listContentLibrary())
        .map((a) => neutralAsset(a, sut().ids, { instants: 'iso' }))
        .sort((a, b) => a.id.localeCompare(b.id));
      expect(library).toEqual(seed.assets.map((a) => expectedAsset(seed, a.id)));
    });

    it('gives closed-loop usage per asset as the core computes it from the seed’s touches', async () => {
      const usage = neutralUsage(data(await sut().port.getContentUsage(NOW)), sut().ids, { instants: 'iso' });
      expect(usage).toEqual(expectedUsage(seed, NOW_MS));
    });
  });

  describe('paging escalation candidates', () => {
    const enteredBefore = new Date(NOW_MS - 2 * 86_400_000).toISOString();
    const mqlsEnteredBefore = seed.leads.filter(
      (l) => l.stage === 'mql' && Date.parse(l.stageEnteredAt) <= Date.parse(enteredBefore),
    );
    const expectedLeads = mqlsEnteredBefore
      .filter((l) => l.firstTouchAt === null)
      .map((l) => l.id)
      .sort();
    /** The lead's latest disposition in the seed, as the lead's own fields record it. */
    const latestDisposition = (leadId: string) => {
      const latest = seed.dispositions
        .filter((d) => d.leadId === leadId)
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
        .at(-1);
      return latest === undefined ? null : { outcome: latest.outcome, at: new Date(latest.at).toISOString() };
    };

    it('finds the seed’s MQLs that entered before the instant and have no first touch', async () => {
      expect(expectedLeads.length).toBeGreaterThan(3);
      const page = data(
        await sut().port.listEscalationCandidates({ stage: 'mql', enteredBefore, pageSize: 200 }),
      );
      expect(page.nextCursor).toBeNull();
      expect(page.items.map((c) => seedIdOf(sut().ids, c.leadId)).sort()).toEqual(expectedLeads);
      for (const c of page.items) {
        const lead = seedLead(seed, seedIdOf(sut().ids, c.leadId) ?? '');
        expect(neutralCandidate(c, sut().ids, { instants: 'iso' })).toEqual({
          leadId: lead.id,
          name: `${lead.firstName} ${lead.lastName}`,
          ownerId: lead.ownerId,
          managerId: seed.owners.find((o) => o.id === lead.ownerId)?.managerId ?? null,
          stage: 'mql',
          handoffStatus: lead.handoffStatus,
          stageEnteredAt: new Date(lead.stageEnteredAt).toISOString(),
          firstTouchAt: null,
          latestDisposition: latestDisposition(lead.id),
          statusHistory: [],
        });
      }
    });

    it('includes touched leads, with their latest disposition, when asked to', async () => {
      const touched = mqlsEnteredBefore.filter((l) => l.firstTouchAt !== null);
      expect(touched.length).toBeGreaterThan(0);
      const page = data(
        await sut().port.listEscalationCandidates({
          stage: 'mql',
          enteredBefore,
          includeTouched: true,
          pageSize: 200,
        }),
      );
      const found = page.items.map((c) => neutralCandidate(c, sut().ids, { instants: 'iso' }));
      expect(found.map((c) => c.leadId).sort()).toEqual(mqlsEnteredBefore.map((l) => l.id).sort());
      for (const lead of touched) {
        expect(found.find((c) => c.leadId === lead.id)).toMatchObject({
          firstTouchAt: new Date(lead.firstTouchAt ?? '').toISOString(),
          latestDisposition: latestDisposition(lead.id),
        });
      }
    });

    it('gives each candidate the status history the seed recorded, when asked, and none otherwise', async () => {
      const read = async (withStatusHistory: boolean) =>
        data(
          await sut().port.listEscalationCandidates({
            stage: 'sql',
            enteredBefore: NOW,
            includeTouched: true,
            withStatusHistory,
            pageSize: 200,
          }),
        ).items;
      const withHistory = await read(true);
      expect(withHistory.length).toBeGreaterThan(2);
      expect(withHistory.some((c) => c.statusHistory.length > 1)).toBe(true);
      for (const c of withHistory) {
        const leadId = seedIdOf(sut().ids, c.leadId) ?? '';
        const history = c.statusHistory.map((h) => ({ at: new Date(h.at).toISOString(), status: h.status }));
        expect(history).toEqual(expectedStatusHistory(seed, leadId));
      }
      expect((await read(false)).every((c) => c.statusHistory.length === 0)).toBe(true);
    });

    it('leaves out leads that entered before the lookback, and its cursor pages within it', async () => {
      const times = mqlsEnteredBefore
        .filter((l) => l.firstTouchAt === null)
        .map((l) => Date.parse(l.stageEnteredAt))
        .sort((a, b) => a - b);
      const since = times[Math.floor(times.length / 2)] ?? 0;
      const enteredAfter = new Date(since).toISOString();
      const expected = mqlsEnteredBefore
        .filter((l) => l.firstTouchAt === null && Date.parse(l.stageEnteredAt) >= since)
        .map((l) => l.id)
        .sort();
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.length).toBeLessThan(expectedLeads.length);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = data(
          await sut().port.listEscalationCandidates({
            stage: 'mql',
            enteredBefore,
            enteredAfter,
            pageSize: 1,
            ...(cursor === undefined ? {} : { cursor }),
          }),
        );
        seen.push(...page.items.map((c) => seedIdOf(sut().ids, c.leadId) ?? ''));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && seen.length <= expected.length);
      expect(seen.sort()).toEqual(expected);
    });

    it('returns the same set of leads two at a time, each exactly once, then a null cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = data(
          await sut().port.listEscalationCandidates({
            stage: 'mql',
            enteredBefore,
            pageSize: 2,
            ...(cursor === undefined ? {} : { cursor }),
          }),
        );
        pages += 1;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((c) => seedIdOf(sut().ids, c.leadId) ?? ''));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && pages < 50);
      expect(cursor).toBeUndefined();
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(expectedLeads.length / 2));
      expect([...seen].sort()).toEqual(expectedLeads);
    });

    it.each([
      ['an entered-before', { enteredBefore: 'yesterday' }],
      ['an entered-after', { enteredAfter: 'last week' }],
    ])('answers INVALID for %s that is not an instant', async (_name, patch) => {
      const result = await sut().port.listEscalationCandidates({ stage: 'mql', enteredBefore, ...patch });
      expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
    });

    it('finds nobody in a stage no lead is in', async () => {
      const page = data(
        await sut().port.listEscalationCandidates({ stage: 'no-such-stage', enteredBefore: NOW }),
      );
      expect(page).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('writing a disposition', () => {
    const OUTCOMES = [
      ['an accept', 'accept'],
      ['a reject', 'reject'],
      ['a recycle', 'recycle'],
    ] as const;

    it.each(OUTCOMES)(
      'writes %s planned by the core, and the re-read context shows the new stage, status and disposition',
      async (_, outcome) => {
        const leadId = WRITES[outcome];
        const plan = await planFor(sut(), leadId, SUBMISSIONS[outcome], `contract-${outcome}-1`);
        const before = await footprint(sut());
        const historyBefore = (await contextOf(sut(), leadId)).statusHistory;
        const written = data(await sut().port.writeDisposition({ leadId: sut().ids.lead(leadId), plan }));
        expect(written.created).toBe(true);

        const after = await contextOf(sut(), leadId);
        expect(after.lead).toMatchObject(EXPECTED_AFTER[outcome]);
        // The status change joins the field history, at the emulator's (frozen) clock.
        expect(after.statusHistory.slice(0, -1)).toEqual(historyBefore);
        expect(after.statusHistory.at(-1)).toEqual({
          at: expect.stringMatching(/^2026-/) as unknown,
          status: plan.fields.handoffStatus,
        });
        expect(Date.parse(after.statusHistory.at(-1)?.at ?? '')).toBe(NOW_MS);
        expect(after.dispositions[0]).toEqual(plan.disposition);
        expect(after.appliedDispositionKeys).toContain(plan.idempotencyKey);
        expect((await footprint(sut())).dispositions).toBe(before.dispositions + 1);
      },
    );

    it.each(OUTCOMES)(
      'answers created false to %s plan written again, and duplicates nothing',
      async (_, outcome) => {
        const leadId = WRITES[outcome];
        const context = await contextOf(sut(), leadId);
        // Rebuild the very plan the first write used: same submission, same record, the stage before it.
        const planned = disposition(
          { submissionId: `contract-${outcome}-1`, ...SUBMISSIONS[outcome] },
          {
            recordId: context.lead.id,
            stage: seedLead(seed, leadId).stage,
            ...(context.lead.owner ? { ownerId: context.lead.owner.id } : {}),
          },
          harness.playbook,
          NOW_MS,
        );
        const plan = data(planned);
        if (plan.alreadyApplied) throw new Error('unreachable: no applied keys were given');
        expect(context.dispositions.map((d) => d.id)).toContain(plan.idempotencyKey);

        const before = await footprint(sut());
        const again = data(await sut().port.writeDisposition({ leadId: sut().ids.lead(leadId), plan }));
        expect(again.created).toBe(false);
        expect(await footprint(sut())).toEqual(before);
        const reread = await contextOf(sut(), leadId);
        expect(reread.dispositions).toEqual(context.dispositions);
        expect(reread.lead).toEqual(context.lead);
      },
    );

    it('makes the core see the written disposition as already applied', async () => {
      const context = await contextOf(sut(), WRITES.accept);
      const retried = disposition(
        { submissionId: 'contract-accept-1', ...SUBMISSIONS.accept },
        {
          recordId: context.lead.id,
          stage: context.lead.stage ?? '',
          appliedKeys: [...context.appliedDispositionKeys],
        },
        harness.playbook,
        NOW_MS,
      );
      expect(data(retried).alreadyApplied).toBe(true);
    });
  });

  describe('idempotent writes', () => {
    it('records a content share once, however often it is sent, and the lead context shows it', async () => {
      const ids = sut().ids;
      const deal = seed.deals.find((d) => d.contactIds.includes(WRITES.share));
      const library = data(await sut().port.listContentLibrary());
      const asset = library.find((a) => seedIdOf(ids, a.id) === 'asset-003');
      if (!deal || !asset) throw new Error('the share scenario needs a deal and asset-003');
      const command = {
        leadId: ids.lead(WRITES.share),
        dealId: ids.deal(deal.id),
        assetId: asset.id,
        channel: 'email',
        buyerStage: 'decision',
        sharedBy: ids.owner('owner-03'),
        at: NOW,
        idempotencyKey: `share:${WRITES.share}:asset-003:1`,
      };
      const before = await footprint(sut());
      const first = data(await sut().port.recordContentShare(command));
      const second = data(await sut().port.recordContentShare(command));
      expect([first.created, second.created]).toEqual([true, false]);
      expect(second.id).toBe(first.id);
      expect((await footprint(sut())).touches).toBe(before.touches + 1);

      const touches = neutralLeadContext(await contextOf(sut(), WRITES.share), ids, {
        instants: 'iso',
      }).touches;
      expect(touches.filter((t) => t.id === '<written by the test>')).toEqual([
        {
          id: '<written by the test>',
          assetId: 'asset-003',
          dealId: deal.id,
          leadId: WRITES.share,
          channel: 'email',
          at: NOW,
          buyerStage: 'decision',
        },
      ]);
    });

    it('files a content request once, however often it is filed', async () => {
      const command = contentRequestFor(sut(), 'cr-contract-1');
      const before = await footprint(sut());
      const first = data(await sut().port.fileContentRequest(command));
      const second = data(await sut().port.fileContentRequest(command));
      expect([first.created, second.created]).toEqual([true, false]);
      expect(second.id).toBe(first.id);
      expect((await footprint(sut())).tasks).toBe(before.tasks + 1);
    });

    it('creates one escalation task per idempotency key, and another for a new key', async () => {
      const ids = sut().ids;
      const lead = seedLead(seed, WRITES.escalation);
      const command = {
        leadId: ids.lead(lead.id),
        assigneeId: ids.owner('owner-01'),
        policyId: 'mql-disposition',
        level: 1,
        action: 'remind_owner',
        subject: 'MQL waiting for a disposition',
        body: 'This MQL has waited 24 business hours for a disposition.',
        dueAt: NOW,
        idempotencyKey: `${lead.id}:mql-disposition:${lead.stageEnteredAt}:1`,
      };
      const before = await footprint(sut());
      const first = data(await sut().port.createEscalationTask(command));
      const second = data(await sut().port.createEscalationTask(command));
      const nextLevel = data(
        await sut().port.createEscalationTask({
          ...command,
          level: 2,
          idempotencyKey: command.idempotencyKey.replace(/1$/, '2'),
        }),
      );
      expect([first.created, second.created, nextLevel.created]).toEqual([true, false, true]);
      expect(second.id).toBe(first.id);
      expect(nextLevel.id).not.toBe(first.id);
      expect((await footprint(sut())).tasks).toBe(before.tasks + 2);
    });
  });

  describe('finding an owner by email', () => {
    it.each(seed.owners.map((o) => [o.name, o.id] as const))(
      'finds %s with their manager, whatever the letter case',
      async (_name, ownerId) => {
        const owner = seedOwner(seed, ownerId);
        for (const email of [owner.email, owner.email.toUpperCase()]) {
          const found = data(await sut().port.findOwnerByEmail(email));
          expect(neutralOwner(found, sut().ids)).toEqual(owner);
        }
      },
    );

    it.each([
      ['an address nobody has', 'nobody@handoff.example'],
      ['a quote that tries to widen the filter', "x'OR'1'='1@handoff.example"],
      ['a backslash before a quote', "x\\'@handoff.example"],
      ['a LIKE wildcard', '%@handoff.example'],
    ])('finds nobody for %s', async (_name, email) => {
      expect(data(await sut().port.findOwnerByEmail(email))).toBeNull();
    });

    it.each([['not an address'], [''], ['two@@at.signs extra']])('answers INVALID for %j', async (email) => {
      const result = await sut().port.findOwnerByEmail(email);
      expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
    });
  });

  describe('unknown ids', () => {
    /** A well-formed id no record has: HubSpot's next-to-impossible number, Salesforce's id with a free counter. */
    const unknown = (kind: 'lead' | 'deal'): string => {
      const real =
        kind === 'lead' ? sut().ids.lead(seed.leads[0]?.id ?? '') : sut().ids.deal(seed.deals[0]?.id ?? '');
      return crm === 'hubspot' ? '987654321' : makeId(real.slice(0, 3), 999_999);
    };

    const cases: readonly (readonly [
      string,
      (port: CrmPort) => Promise<{ ok: boolean; error?: { code: string } }>,
    ])[] = [
      ['reading a lead context', (port) => port.getLeadHandoffContext(unknown('lead'))],
      ['reading a deal context', (port) => port.getDealAttributionContext(unknown('deal'))],
      [
        'writing a disposition',
        async (port) => {
          const plan = data(
            disposition(
              { submissionId: 'unknown-1', ...SUBMISSIONS.reject },
              { recordId: unknown('lead'), stage: 'mql' },
              harness.playbook,
              NOW_MS,
            ),
          );
          if (plan.alreadyApplied) throw new Error('unreachable');
          return port.writeDisposition({ leadId: unknown('lead'), plan });
        },
      ],
      [
        'recording a content share',
        async (port) => {
          const asset = data(await port.listContentLibrary())[0];
          return port.recordContentShare({
            leadId: unknown('lead'),
            dealId: null,
            assetId: asset?.id ?? '',
            channel: 'email',
            buyerStage: null,
            sharedBy: sut().ids.owner('owner-03'),
            at: NOW,
            idempotencyKey: 'share:unknown-lead',
          });
        },
      ],
      [
        'creating an escalation task',
        (port) =>
          port.createEscalationTask({
            leadId: unknown('lead'),
            assigneeId: sut().ids.owner('owner-01'),
            policyId: 'mql-disposition',
            level: 1,
            action: 'remind_owner',
            subject: 'x',
            body: 'x',
            dueAt: NOW,
            idempotencyKey: 'escalation:unknown-lead',
          }),
      ],
    ];

    it.each(cases)('answers NOT_FOUND to %s for an id no record has', async (_, call) => {
      const before = await footprint(sut());
      const result = await call(sut().port);
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('NOT_FOUND');
      expect(await footprint(sut())).toEqual(before);
    });
  });
});

// ---------------------------------------------------------------- the direct parity test (after the suites wrote the same things to both CRMs)

describe('parity between the HubSpot and Salesforce adapters', () => {
  const both = async <T>(read: (sut: CrmUnderTest) => Promise<T>): Promise<[T, T]> =>
    Promise.all([read(harness.hubspot), read(harness.salesforce)]);

  it.each(LEAD_SCENARIOS)(
    'gives deep-equal lead contexts for %s once ids are mapped back',
    async (_, leadId) => {
      const [hs, sf] = await both(async (sut) =>
        neutralLeadContext(await contextOf(sut, leadId), sut.ids, { instants: 'raw' }),
      );
      // Part by part, so one run names every part that differs.
      for (const part of Object.keys(hs) as (keyof typeof hs)[]) {
        expect.soft(sf[part], `${part} differs`).toEqual(hs[part]);
      }
    },
  );

  it.each(DEAL_SCENARIOS)(
    'gives deep-equal deal contexts for %s once ids are mapped back',
    async (_, dealId) => {
      const [hs, sf] = await both(async (sut) =>
        neutralDealContext(data(await sut.port.getDealAttributionContext(sut.ids.deal(dealId))), sut.ids, {
          instants: 'raw',
        }),
      );
      expect(sf).toEqual(hs);
    },
  );

  it('gives deep-equal content libraries and content usage', async () => {
    const [hs, sf] = await both(async (sut) => ({
      library: data(await sut.port.listContentLibrary())
        .map((a) => neutralAsset(a, sut.ids, { instants: 'raw' }))
        .sort((a, b) => a.id.localeCompare(b.id)),
      usage: neutralUsage(data(await sut.port.getContentUsage(NOW)), sut.ids, { instants: 'raw' }),
    }));
    expect(sf).toEqual(hs);
  });

  it('gives the same escalation candidates, field for field', async () => {
    const [hs, sf] = await both(async (sut) => {
      const page = data(
        await sut.port.listEscalationCandidates({ stage: 'mql', enteredBefore: NOW, pageSize: 200 }),
      );
      return page.items
        .map((c) => neutralCandidate(c, sut.ids, { instants: 'raw' }))
        .sort((a, b) => a.leadId.localeCompare(b.leadId));
    });
    expect(sf).toEqual(hs);
  });

  it('writes the same disposition and reads back the same context afterwards', async () => {
    const [hs, sf] = await both(async (sut) => {
      const plan = await planFor(sut, WRITES.parity, SUBMISSIONS.reject, 'parity-submit-1');
      const outcome = data(await sut.port.writeDisposition({ leadId: sut.ids.lead(WRITES.parity), plan }));
      const context = neutralLeadContext(await contextOf(sut, WRITES.parity), sut.ids, { instants: 'raw' });
      // The idempotency key hashes the CRM record id, so it differs by CRM; everything else must not.
      const keyless = {
        ...context,
        dispositions: context.dispositions.map((d) => ({
          ...d,
          id: d.id === plan.idempotencyKey ? '<this plan>' : d.id,
        })),
        appliedDispositionKeys: context.appliedDispositionKeys.map((k) =>
          k === plan.idempotencyKey ? '<this plan>' : k,
        ),
      };
      return { created: outcome.created, context: keyless };
    });
    expect(sf).toEqual(hs);
  });
});
