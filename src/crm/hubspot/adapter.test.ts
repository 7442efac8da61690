import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmPort } from '../port';
import { createHubSpotAdapter } from './adapter';
import acceptMeeting from './__fixtures__/accept-meeting.json';
import hostileNotes from './__fixtures__/hostile-notes.json';
import {
  ASSOCIATION_TYPES,
  CONTENT_TOUCH_PROPERTIES,
  CUSTOM_OBJECTS,
  HUBSPOT_PROPERTIES,
} from './schema-names';
import { NOW_MS, planFor, startTestHubSpot, type TestHubSpot } from './test-emulator';

// The adapter over the real @hubspot/api-client against the emulator.

let hs: TestHubSpot;
let crm: CrmPort;
const NOW = new Date(NOW_MS).toISOString();

beforeAll(async () => {
  hs = await startTestHubSpot();
  crm = createHubSpotAdapter({
    accessToken: hs.emulator.token,
    basePath: hs.basePath,
    retryBaseMs: 1,
    now: () => NOW_MS,
  });
});

afterAll(async () => {
  await hs.emulator.close();
});

const leadWith = (predicate: (leadId: string) => boolean) => {
  const lead = hs.seed.leads.find((l) => predicate(l.id));
  if (!lead) throw new Error('no seeded lead fits');
  return lead;
};

/** A seeded lead in `stage` that has no disposition yet. */
const freshLead = (stage: string, skip: readonly string[] = []) =>
  leadWith((id) => {
    const lead = hs.seed.leads.find((l) => l.id === id);
    return lead?.stage === stage && !skip.includes(id) && !hs.seed.dispositions.some((d) => d.leadId === id);
  });

describe('reads', () => {
  it('reads a lead with its owner, record, events, touches and dispositions as the seed has them', async () => {
    const lead = leadWith(
      (id) => hs.seed.touches.some((t) => t.leadId === id) && hs.seed.events.some((e) => e.leadId === id),
    );
    const contactId = await hs.idOf('contacts', lead.id);
    const result = await crm.getLeadHandoffContext(contactId);
    if (!result.ok) throw new Error(result.error.message);
    const context = result.data;
    const owner = hs.seed.owners.find((o) => o.id === lead.ownerId);
    expect(context.lead).toMatchObject({
      id: contactId,
      objectType: 'contact',
      name: `${lead.firstName} ${lead.lastName}`,
      email: lead.email,
      stage: lead.stage,
      handoffStatus: lead.handoffStatus,
      source: lead.source,
    });
    expect(context.lead.owner).toMatchObject({ name: owner?.name, email: owner?.email });
    expect(context.record.properties).toMatchObject({
      industry: lead.industry,
      employees: lead.employees,
      technologies: [...lead.technologies],
      handoffStatus: lead.handoffStatus,
    });
    expect(context.events).toHaveLength(hs.seed.events.filter((e) => e.leadId === lead.id).length);
    expect(context.touches).toHaveLength(hs.seed.touches.filter((t) => t.leadId === lead.id).length);
    const touch = hs.seed.touches.find((t) => t.leadId === lead.id);
    expect(context.touches.map((t) => t.dealId)).toContain(await hs.idOf('deals', touch?.dealId ?? ''));
    expect(context.touches.map((t) => t.assetId)).toContain(
      await hs.idOf(CUSTOM_OBJECTS.contentAsset, touch?.assetId ?? ''),
    );
  });

  it('reads a lead’s seeded dispositions newest first with their idempotency keys', async () => {
    const lead = leadWith((id) => hs.seed.dispositions.some((d) => d.leadId === id));
    const contactId = await hs.idOf('contacts', lead.id);
    const result = await crm.getLeadHandoffContext(contactId);
    if (!result.ok) throw new Error(result.error.message);
    const seeded = hs.seed.dispositions
      .filter((d) => d.leadId === lead.id)
      .sort((a, b) => b.at.localeCompare(a.at));
    expect(result.data.dispositions.map((d) => [d.id, d.outcome, d.reasonCode, d.notes, d.recordId])).toEqual(
      seeded.map((d) => [d.idempotencyKey, d.outcome, d.reasonCode, d.notes, contactId]),
    );
    expect(result.data.appliedDispositionKeys).toEqual(seeded.map((d) => d.idempotencyKey));
  });

  it('reads a deal with its contacts, touches and the assets they touched', async () => {
    const deal = hs.seed.deals.find((d) => hs.seed.touches.some((t) => t.dealId === d.id));
    const dealId = await hs.idOf('deals', deal?.id ?? '');
    const result = await crm.getDealAttributionContext(dealId);
    if (!result.ok) throw new Error(result.error.message);
    const touches = hs.seed.touches.filter((t) => t.dealId === deal?.id);
    expect(result.data.deal).toMatchObject({
      id: dealId,
      name: deal?.name,
      amount: deal?.amount,
      won: deal?.won,
    });
    expect(result.data.contacts).toHaveLength(deal?.contactIds.length ?? -1);
    expect(result.data.touches).toHaveLength(touches.length);
    expect(result.data.assets.map((a) => a.title).sort()).toEqual(
      [...new Set(touches.map((t) => hs.seed.assets.find((a) => a.id === t.assetId)?.title))].sort(),
    );
    expect(result.data.touches.every((t) => t.leadId !== null && t.dealId === dealId)).toBe(true);
  });

  it('lists the content library with every seeded asset', async () => {
    const result = await crm.listContentLibrary();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.map((a) => a.title).sort()).toEqual(hs.seed.assets.map((a) => a.title).sort());
  });

  it('computes closed-loop content usage from every touch and its deal outcome', async () => {
    const result = await crm.getContentUsage(NOW);
    if (!result.ok) throw new Error(result.error.message);
    const won = new Set(hs.seed.deals.filter((d) => d.won === true).map((d) => d.id));
    const wonTouchedDeals = new Set(
      hs.seed.touches.filter((t) => won.has(t.dealId)).map((t) => `${t.assetId}|${t.dealId}`),
    );
    expect(result.data.reduce((sum, u) => sum + u.wonDealsTouched, 0)).toBe(wonTouchedDeals.size);
    expect(new Set(result.data.map((u) => u.assetId)).size).toBe(
      new Set(hs.seed.touches.map((t) => t.assetId)).size,
    );
  });

  it.each([
    ['a lead that does not exist', () => crm.getLeadHandoffContext('999999999')],
    ['a deal that does not exist', () => crm.getDealAttributionContext('999999999')],
    [
      'a share of an asset that does not exist',
      () =>
        crm.recordContentShare({
          leadId: '999999999',
          dealId: null,
          assetId: '999999999',
          channel: 'share',
          sharedBy: '1',
          at: NOW,
          idempotencyKey: 'share-missing-asset',
        }),
    ],
    [
      'a disposition on a lead that does not exist',
      () => crm.writeDisposition({ leadId: '999999999', plan: planFor(acceptMeeting, '999999999', 'sql') }),
    ],
  ])('answers NOT_FOUND for %s', async (_name, read) => {
    const result = await read();
    expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
  });

  it('answers a malformed content usage date as INVALID', async () => {
    const result = await crm.getContentUsage('yesterday-ish');
    expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
  });
});

describe('API calls per port call', () => {
  it('reads a lead with 100 touches in the same number of calls as a lead with one, all but one concurrent', async () => {
    const lead = freshLead('sql');
    const contactId = await hs.idOf('contacts', lead.id);
    const assetId = await hs.idOf(CUSTOM_OBJECTS.contentAsset, hs.seed.assets[0]?.id ?? '');
    const dealId = await hs.idOf('deals', hs.seed.deals[0]?.id ?? '');
    const touch = (i: number) => ({
      properties: {
        [CONTENT_TOUCH_PROPERTIES.externalId]: `perf-touch-${i}`,
        [CONTENT_TOUCH_PROPERTIES.channel]: 'email',
        [CONTENT_TOUCH_PROPERTIES.touchedAt]: new Date(NOW_MS - i * 60_000).toISOString(),
        [CONTENT_TOUCH_PROPERTIES.assetExternalId]: hs.seed.assets[0]?.id ?? '',
      },
      associations: [
        { to: { id: contactId }, types: [ASSOCIATION_TYPES.touchToContact] },
        { to: { id: assetId }, types: [ASSOCIATION_TYPES.touchToAsset] },
        { to: { id: dealId }, types: [ASSOCIATION_TYPES.touchToDeal] },
      ],
    });
    await hs.client.crm.objects.batchApi.create(CUSTOM_OBJECTS.contentTouch, { inputs: [touch(0)] } as never);
    await crm.listContentLibrary(); // not the directory: the first context read below loads it
    const warm = await crm.getLeadHandoffContext(contactId);
    expect(warm.ok).toBe(true);
    const one = await hs.measure(() => crm.getLeadHandoffContext(contactId));
    const seeded = hs.seed.touches.filter((t) => t.leadId === lead.id).length;
    await hs.client.crm.objects.batchApi.create(CUSTOM_OBJECTS.contentTouch, {
      inputs: Array.from({ length: 99 - seeded }, (_, i) => touch(i + 1)),
    } as never);
    const hundred = await hs.measure(() => crm.getLeadHandoffContext(contactId));
    if (!hundred.result.ok) throw new Error(hundred.result.error.message);
    expect(hundred.result.data.touches).toHaveLength(100);
    expect(hundred.calls).toBe(one.calls);
    // One contact read, then one batch call per associated type (events, touches, touch → deal, dispositions).
    expect(hundred.byEndpoint).toMatchObject({
      'GET /hubspot/crm/v3/objects/contacts/:id': 1,
      'POST /hubspot/crm/v3/objects/handoff_content_touch/batch/read': 1,
      'POST /hubspot/crm/v4/associations/handoff_content_touch/deals/batch/read': 1,
    });
    expect(hundred.calls).toBeLessThanOrEqual(5);
  });
});

describe('writeDisposition', () => {
  it('writes once when called twice: one disposition record, one note, the contact updated', async () => {
    const lead = freshLead('sql');
    const contactId = await hs.idOf('contacts', lead.id);
    const plan = planFor(acceptMeeting, contactId, 'sql');
    const [dispositions, notes] = [await hs.count(CUSTOM_OBJECTS.disposition), await hs.count('notes')];
    const { result: first, calls: firstCalls } = await hs.measure(() =>
      crm.writeDisposition({ leadId: contactId, plan }),
    );
    const { result: second, calls: secondCalls } = await hs.measure(() =>
      crm.writeDisposition({ leadId: contactId, plan }),
    );
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    expect(second).toMatchObject({ ok: true, data: { created: false } });
    // Key check ‖ contact check, disposition, note, contact update, done mark; a repeat only checks.
    expect([firstCalls, secondCalls]).toEqual([6, 2]);
    expect(await hs.count(CUSTOM_OBJECTS.disposition)).toBe(dispositions + 1);
    expect(await hs.count('notes')).toBe(notes + 1);
    const context = await crm.getLeadHandoffContext(contactId);
    if (!context.ok) throw new Error(context.error.message);
    expect(context.data.lead).toMatchObject({ stage: 'sal', handoffStatus: 'accepted' });
    expect(context.data.appliedDispositionKeys).toContain(plan.idempotencyKey);
    expect(context.data.dispositions[0]).toEqual(plan.disposition);
  });

  it('writes once when the same disposition is submitted twice at the same moment', async () => {
    const lead = freshLead('sql');
    const contactId = await hs.idOf('contacts', lead.id);
    const plan = planFor({ ...acceptMeeting, submissionId: 'sub-concurrent' }, contactId, 'sql');
    const [dispositions, notes] = [await hs.count(CUSTOM_OBJECTS.disposition), await hs.count('notes')];
    const results = await Promise.all([
      crm.writeDisposition({ leadId: contactId, plan }),
      crm.writeDisposition({ leadId: contactId, plan }),
    ]);
    expect(results.map((r) => (r.ok ? r.data.created : r.error.code)).sort()).toEqual([false, true]);
    expect(await hs.count(CUSTOM_OBJECTS.disposition)).toBe(dispositions + 1);
    expect(await hs.count('notes')).toBe(notes + 1);
  });

  it('escapes a rep’s notes in the timeline note so they cannot inject markup', async () => {
    const lead = freshLead('mql');
    const contactId = await hs.idOf('contacts', lead.id);
    const plan = planFor(hostileNotes, contactId, 'mql');
    const written = await crm.writeDisposition({ leadId: contactId, plan });
    expect(written.ok).toBe(true);
    const page = await hs.client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'notes');
    const noteIds = page.results.map((r) => String(r.toObjectId));
    const notes = await hs.client.crm.objects.notes.batchApi.read({
      inputs: noteIds.map((id) => ({ id })),
      properties: [HUBSPOT_PROPERTIES.note.body],
      propertiesWithHistory: [],
    });
    const body = notes.results
      .map((n) => n.properties[HUBSPOT_PROPERTIES.note.body] ?? '')
      .find((b) => b.includes('pwned'));
    expect(body).toContain(
      '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;steal()&#39;&gt;<br>Second line: 5 &gt; 3 &lt; 9',
    );
    expect(body?.replace(/<p data-handoff-key="[0-9a-f]+">|<br>|<\/p>/g, '')).not.toMatch(/[<>"]/);
  });
});

describe('other keyed writes', () => {
  it('records a content share once per idempotency key', async () => {
    const lead = hs.seed.leads[0];
    const contactId = await hs.idOf('contacts', lead?.id ?? '');
    const assetId = await hs.idOf(CUSTOM_OBJECTS.contentAsset, hs.seed.assets[1]?.id ?? '');
    const command = {
      leadId: contactId,
      dealId: null,
      assetId,
      channel: 'share',
      sharedBy: '80000001',
      at: NOW,
      idempotencyKey: 'share-once-1',
    };
    const first = await crm.recordContentShare(command);
    const second = await crm.recordContentShare(command);
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    expect(second).toEqual({ ok: true, data: { id: first.ok ? first.data.id : '', created: false } });
    const context = await crm.getLeadHandoffContext(contactId);
    expect(
      context.ok && context.data.touches.filter((t) => t.id === (first.ok ? first.data.id : '')),
    ).toEqual([
      {
        id: first.ok ? first.data.id : '',
        assetId,
        dealId: null,
        leadId: contactId,
        channel: 'share',
        at: NOW,
      },
    ]);
  });

  it('files a content request as one task however often it is filed', async () => {
    const dealId = await hs.idOf('deals', hs.seed.deals[0]?.id ?? '');
    const command = {
      assigneeId: '80000002',
      request: {
        id: 'cr-test-1',
        buyerStage: 'decision',
        objection: 'price',
        dealIds: [dealId],
        priority: 'rush' as const,
        requestedBy: 'rep@example.test',
        requestedAt: NOW,
        title: 'ROI one-pager <for CFOs>',
        details: 'Need numbers & a chart',
        sla: {
          policyId: 'content-request-rush',
          calendarId: 'us-east',
          target: 'PT48H',
          dueAt: '2026-12-02T20:00:00.000Z',
          state: 'open' as const,
          fulfilledOnTime: null,
        },
      },
    };
    const tasks = await hs.count('tasks');
    const first = await crm.fileContentRequest(command);
    const second = await crm.fileContentRequest(command);
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    expect(second).toMatchObject({ ok: true, data: { created: false } });
    expect(await hs.count('tasks')).toBe(tasks + 1);
    const task = await hs.client.crm.objects.tasks.basicApi.getById(first.ok ? first.data.id : '', [
      HUBSPOT_PROPERTIES.task.body,
    ]);
    expect(task.properties[HUBSPOT_PROPERTIES.task.body]).toContain('Need numbers &amp; a chart<br>');
  });

  it('creates one escalation task per idempotency key', async () => {
    const contactId = await hs.idOf('contacts', hs.seed.leads[1]?.id ?? '');
    const command = {
      leadId: contactId,
      assigneeId: '80000001',
      policyId: 'sql-first-touch',
      level: 1,
      action: 'remind_owner',
      subject: 'SLA reminder',
      body: 'First touch is overdue',
      dueAt: NOW,
      idempotencyKey: `${contactId}:sql-first-touch:${NOW}:1`,
    };
    const tasks = await hs.count('tasks');
    const results = [await crm.createEscalationTask(command), await crm.createEscalationTask(command)];
    expect(results.map((r) => r.ok && r.data.created)).toEqual([true, false]);
    expect(await hs.count('tasks')).toBe(tasks + 1);
  });
});
