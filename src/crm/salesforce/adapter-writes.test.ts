import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiledContentRequest } from '../../core/content/file-content-request';
import type { LeadHandoffContext } from '../port';
import { ContentTouchFields, LeadDispositionFields, SObjects, TaskFields } from './schema-names';
import { buildSelect, eq, like, likePrefix, text } from './soql';
import { NOW_MS, startHarness, type SalesforceHarness } from './test-emulator';
import { countOf, planFor } from './test-plans';

const QUERY = 'GET /salesforce/services/data/v62.0/query';
const COMPOSITE = 'POST /salesforce/services/data/v62.0/composite';

let h: SalesforceHarness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  for (const lead of ['lead-1', 'lead-2', 'lead-3', 'lead-4', 'lead-5']) {
    ids[lead] = await h.idOf(SObjects.lead, lead);
  }
  ids['contact-4'] = await h.idOf(SObjects.contact, 'lead-4');
  ids['deal-1'] = await h.idOf(SObjects.opportunity, 'deal-1');
  ids['asset-1'] = await h.idOf(SObjects.contentAsset, 'asset-1');
  ids['rep-1'] = await h.idOf(SObjects.user, 'rep-1');
  ids['mkt-1'] = await h.idOf(SObjects.user, 'mkt-1');
});
afterAll(async () => {
  await h.close();
});

async function contextOf(id: string): Promise<LeadHandoffContext> {
  const result = await h.adapter.getLeadHandoffContext(id);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function taskDescription(key: string): Promise<string> {
  const soql = buildSelect({
    fields: [TaskFields.description],
    from: SObjects.task,
    where: eq(TaskFields.idempotencyKey, text(key)),
  });
  if (!soql.ok) throw new Error(soql.error.message);
  const rows = await h.jsforce.query<Record<string, string>>(soql.data);
  return rows.records[0]?.[TaskFields.description] ?? '';
}

describe('writeDisposition', () => {
  it('accepts a converted lead through its Contact in one read and one composite call, and a rerun writes nothing', async () => {
    const before = await contextOf(ids['lead-1'] ?? '');
    const plan = planFor('acceptWithMeeting', before, NOW_MS);
    let first: Awaited<ReturnType<typeof h.adapter.writeDisposition>> | undefined;
    const calls = await h.measure(async () => {
      first = await h.adapter.writeDisposition({ leadId: ids['lead-1'] ?? '', plan });
    });
    expect(calls).toEqual({ [QUERY]: 2, [COMPOSITE]: 1 });
    expect(first?.ok && first.data.created).toBe(true);
    const again = await h.adapter.writeDisposition({ leadId: before.lead.id, plan });
    expect(again).toEqual({ ok: true, data: { id: first?.ok ? first.data.id : '', created: false } });
    const key = eq(LeadDispositionFields.idempotencyKey, text(plan.idempotencyKey));
    expect(await countOf(h.jsforce, SObjects.leadDisposition, key)).toBe(1);
    expect(
      await countOf(
        h.jsforce,
        SObjects.task,
        eq(TaskFields.idempotencyKey, text(`disposition-note:${plan.idempotencyKey}`)),
      ),
    ).toBe(1);
    const after = await contextOf(ids['lead-1'] ?? '');
    expect(after.lead).toMatchObject({
      objectType: 'contact',
      stage: 'sal',
      handoffStatus: 'accepted',
      stageEnteredAt: plan.fields.handoffDispositionAt,
      firstTouchAt: plan.sla.stop.at,
    });
    expect(after.appliedDispositionKeys).toContain(plan.idempotencyKey);
    expect(after.dispositions[0]).toMatchObject({
      id: plan.idempotencyKey,
      outcome: 'accept',
      reasonCode: 'accept_meeting_booked',
    });
  });

  it('rejects an MQL lead, keeps the stage, stops the first-touch clock and logs plain text without control characters', async () => {
    const before = await contextOf(ids['lead-2'] ?? '');
    const plan = planFor('rejectCompetitorWithControlCharacters', before, NOW_MS);
    const written = await h.adapter.writeDisposition({ leadId: before.lead.id, plan });
    expect(written.ok && written.data.created).toBe(true);
    const after = await contextOf(before.lead.id);
    expect(after.lead).toMatchObject({
      stage: 'mql',
      handoffStatus: 'disqualified',
      stageEnteredAt: before.lead.stageEnteredAt,
      firstTouchAt: plan.sla.stop.at,
    });
    const description = await taskDescription(`disposition-note:${plan.idempotencyKey}`);
    expect(description).toContain("Notes: Works at a vendor <b>not</b> a buyer; 'quoted' \\ backslash");
    expect(description).not.toContain(String.fromCharCode(7));
  });

  it('recycles a Contact: back to inquiry with a new clock and no first touch, the disposition read back whole', async () => {
    const before = await contextOf(ids['contact-4'] ?? '');
    const plan = planFor('recycleNoBudget', before, NOW_MS);
    const written = await h.adapter.writeDisposition({ leadId: before.lead.id, plan });
    expect(written.ok && written.data.created).toBe(true);
    const after = await contextOf(before.lead.id);
    expect(after.lead).toMatchObject({
      stage: 'inquiry',
      handoffStatus: 'recycled',
      stageEnteredAt: plan.sla.restart?.triggeredAt,
      firstTouchAt: null,
    });
    expect(after.dispositions.find((d) => d.id === plan.idempotencyKey)).toMatchObject({
      submissionId: plan.disposition.submissionId,
      reasonLabel: 'No budget this cycle',
      recycleAt: plan.disposition.recycleAt,
    });
  });

  it('answers CONFLICT and writes nothing when the record left the stage the plan was made for', async () => {
    const context = await contextOf(ids['lead-5'] ?? '');
    const plan = planFor(
      'rejectCompetitorWithControlCharacters',
      { ...context, lead: { ...context.lead, stage: 'mql' } },
      NOW_MS,
    );
    const result = await h.adapter.writeDisposition({ leadId: context.lead.id, plan });
    expect(result.ok ? 'ok' : result.error.code).toBe('CONFLICT');
    expect(
      await countOf(
        h.jsforce,
        SObjects.leadDisposition,
        eq(LeadDispositionFields.idempotencyKey, text(plan.idempotencyKey)),
      ),
    ).toBe(0);
  });

  it.each([
    ['a lead that does not exist', '00Q5g00000000zzEAA', 'NOT_FOUND'],
    ['a malformed lead id', "00Q' OR Id != '", 'INVALID'],
  ])('answers %s with %s', async (_name, leadId, code) => {
    const context = await contextOf(ids['lead-5'] ?? '');
    const plan = planFor(
      'rejectCompetitorWithControlCharacters',
      { ...context, lead: { ...context.lead, stage: 'mql' } },
      NOW_MS,
    );
    const result = await h.adapter.writeDisposition({ leadId, plan });
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });
});

describe('recordContentShare', () => {
  it('writes one touch however often it is retried, and the lead context shows it', async () => {
    const share = {
      leadId: ids['lead-5'] ?? '',
      dealId: null,
      assetId: ids['asset-1'] ?? '',
      channel: 'share',
      sharedBy: ids['rep-1'] ?? '',
      buyerStage: 'consideration',
      at: '2026-12-03T14:00:00Z',
      idempotencyKey: 'share:lead-5:asset-1:2026-12-03T14:00:00Z',
    };
    const first = await h.adapter.recordContentShare(share);
    const second = await h.adapter.recordContentShare(share);
    expect(first.ok && first.data.created).toBe(true);
    expect(second).toEqual({ ok: true, data: { id: first.ok ? first.data.id : '', created: false } });
    expect(
      await countOf(
        h.jsforce,
        SObjects.contentTouch,
        eq(ContentTouchFields.externalId, text(share.idempotencyKey)),
      ),
    ).toBe(1);
    expect((await contextOf(share.leadId)).touches).toEqual([
      {
        id: first.ok ? first.data.id : '',
        assetId: share.assetId,
        dealId: null,
        leadId: share.leadId,
        channel: 'share',
        at: '2026-12-03T14:00:00.000Z',
        buyerStage: 'consideration',
      },
    ]);
  });

  it.each([
    ['an asset that does not exist', { assetId: 'a005g00000000zzAAA' }, 'NOT_FOUND'],
    ['a deal id that is a Lead id', { dealId: '00Q5g0000000002EAA' }, 'INVALID'],
    ['an empty idempotency key', { idempotencyKey: '' }, 'INVALID'],
  ])('answers %s with %s', async (_name, patch, code) => {
    const result = await h.adapter.recordContentShare({
      leadId: ids['lead-5'] ?? '',
      dealId: null,
      assetId: ids['asset-1'] ?? '',
      channel: 'share',
      sharedBy: ids['rep-1'] ?? '',
      buyerStage: null,
      at: '2026-12-03T14:00:00Z',
      idempotencyKey: 'share:failing',
      ...patch,
    });
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });
});

describe('fileContentRequest and createEscalationTask', () => {
  const request: FiledContentRequest = {
    id: 'cr-1',
    buyerStage: 'decision',
    objection: 'security',
    dealIds: ['deal-1'],
    priority: 'rush',
    requestedBy: 'rep-1',
    requestedAt: '2026-12-03T14:00:00Z',
    title: 'Security one-pager',
    details: 'Buyers ask about SOC 2.\u0000',
    sla: {
      policyId: 'content-request-rush',
      calendarId: 'us-east',
      target: 'PT24H',
      dueAt: '2026-12-04T14:00:00.000Z',
      state: 'open',
      fulfilledOnTime: null,
    },
  };

  it('files one content request task for marketing however often it is retried', async () => {
    const command = {
      request: { ...request, dealIds: [ids['deal-1'] ?? ''] },
      assigneeId: ids['mkt-1'] ?? '',
    };
    const first = await h.adapter.fileContentRequest(command);
    const second = await h.adapter.fileContentRequest(command);
    expect(first.ok && first.data.created).toBe(true);
    expect(second.ok && second.data).toEqual({ id: first.ok ? first.data.id : '', created: false });
    const description = await taskDescription('content-request:cr-1');
    expect(description).toContain('Objection: security');
    expect(description).not.toContain('\u0000');
  });

  it('creates one escalation task per idempotency key however often the sweep runs', async () => {
    const command = {
      leadId: ids['lead-2'] ?? '',
      assigneeId: ids['rep-1'] ?? '',
      policyId: 'mql-disposition',
      level: 1,
      action: 'alert_owner',
      subject: 'MQL waiting 48 business hours',
      body: "Brian O'Brien has had no disposition.",
      dueAt: '2026-12-04T15:00:00Z',
      idempotencyKey: `${ids['lead-2'] ?? ''}:mql-disposition:2026-12-02T12:00:00.000Z:1`,
    };
    const results = await Promise.all([1, 2, 3].map(() => h.adapter.createEscalationTask(command)));
    const created = results.filter((r) => r.ok && r.data.created);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(created).toHaveLength(1);
    expect(
      await countOf(
        h.jsforce,
        SObjects.task,
        eq(TaskFields.idempotencyKey, text(`escalation:${command.idempotencyKey}`)),
      ),
    ).toBe(1);
  });

  it.each([
    ['an assignee that is not a user id', { assigneeId: ids['lead-2'] ?? '00Q' }],
    ['a due date that is not an instant', { dueAt: 'tomorrow' }],
  ])('answers INVALID for %s', async (_name, patch) => {
    const result = await h.adapter.createEscalationTask({
      leadId: ids['lead-2'] ?? '',
      assigneeId: ids['rep-1'] ?? '',
      policyId: 'p',
      level: 1,
      action: 'alert_owner',
      subject: 's',
      body: 'b',
      dueAt: '2026-12-04T15:00:00Z',
      idempotencyKey: 'k',
      ...patch,
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('INVALID');
  });
});

describe('bulkUpsert', () => {
  it('creates rows once and a rerun of the same job only updates them', async () => {
    const rows = [1, 2, 3].map((n) => ({
      [ContentTouchFields.externalId]: `attribution-sync-${n}`,
      [ContentTouchFields.contentAsset]: ids['asset-1'] ?? '',
      [ContentTouchFields.opportunity]: ids['deal-1'] ?? '',
      [ContentTouchFields.channel]: 'email',
      [ContentTouchFields.touchedAt]: `2026-11-2${n}T10:00:00Z`,
    }));
    const first = await h.adapter.bulkUpsert(SObjects.contentTouch, ContentTouchFields.externalId, rows);
    const second = await h.adapter.bulkUpsert(SObjects.contentTouch, ContentTouchFields.externalId, rows);
    expect(first).toEqual({ ok: true, data: { created: 3, updated: 0, failed: [] } });
    expect(second).toEqual({ ok: true, data: { created: 0, updated: 3, failed: [] } });
    const synced = buildSelect({
      fields: [ContentTouchFields.externalId],
      from: SObjects.contentTouch,
      where: like(ContentTouchFields.externalId, likePrefix('attribution-sync-')),
    });
    if (!synced.ok) throw new Error(synced.error.message);
    const read = await h.adapter.bulkQuery(synced.data);
    expect(read.ok && read.data.map((r) => r[ContentTouchFields.externalId]).sort()).toEqual([
      'attribution-sync-1',
      'attribution-sync-2',
      'attribution-sync-3',
    ]);
  });
});
