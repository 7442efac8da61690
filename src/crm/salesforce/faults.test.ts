import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContentTouchFields,
  LeadDispositionFields,
  LeadFields,
  PersonFields,
  SObjects,
  TaskFields,
} from './schema-names';
import { and, eq, like, likePrefix, text } from './soql';
import { NOW_MS, startHarness, type SalesforceHarness } from './test-emulator';
import { countOf, planFor } from './test-plans';

const LEADS = 30;

let h: SalesforceHarness;
const leadIds: string[] = [];

beforeAll(async () => {
  h = await startHarness({ adapter: { maxRetries: 10, retryBaseMs: 5, maxRetryDelayMs: 40 } });
  const rows = Array.from({ length: LEADS }, (_, i) => ({
    [PersonFields.externalId]: `fault-lead-${i}`,
    [LeadFields.lastName]: `Fault ${i}`,
    [LeadFields.company]: 'Flaky Co',
    [PersonFields.stage]: 'mql',
    [PersonFields.status]: 'open',
    [PersonFields.stageEnteredAt]: '2026-12-01T09:00:00Z',
  }));
  const created = await h.adapter.bulkUpsert(SObjects.lead, PersonFields.externalId, rows);
  if (!created.ok || created.data.created !== LEADS) throw new Error(JSON.stringify(created));
  for (let i = 0; i < LEADS; i++) leadIds.push(await h.idOf(SObjects.lead, `fault-lead-${i}`));
});
afterAll(async () => {
  await h.close();
});

// jsforce itself retries failed GETs after 0.5 s, 1 s, 2 s…, so the faulted run needs more than the default 5 s.
describe('writes under injected faults', () => {
  it('writes every disposition, share and escalation exactly once through 403 rate limits, 5xx and dropped connections', async () => {
    const asset = await h.idOf(SObjects.contentAsset, 'asset-1');
    const owner = await h.idOf(SObjects.user, 'rep-1');
    h.emulator.setFaults({ rate429: 0.1, rate5xx: 0.1, rateDrop: 0.05, seed: 11 });
    h.emulator.clearStats();
    const outcomes = await Promise.all(
      leadIds.map(async (leadId, i) => {
        const context = await h.adapter.getLeadHandoffContext(leadId);
        if (!context.ok) return [context];
        const plan = planFor('rejectCompetitorWithControlCharacters', context.data, NOW_MS);
        return Promise.all([
          h.adapter.writeDisposition({ leadId, plan }),
          h.adapter.recordContentShare({
            leadId,
            dealId: null,
            assetId: asset,
            channel: 'share',
            sharedBy: owner,
            buyerStage: null,
            at: '2026-12-03T14:00:00Z',
            idempotencyKey: `fault-share-${i}`,
          }),
          h.adapter.createEscalationTask({
            leadId,
            assigneeId: owner,
            policyId: 'mql-disposition',
            level: 1,
            action: 'alert_owner',
            subject: 'Overdue',
            body: 'No disposition yet',
            dueAt: '2026-12-04T15:00:00Z',
            idempotencyKey: `fault-escalation-${i}`,
          }),
        ]);
      }),
    );
    const stats = h.emulator.stats();
    h.emulator.setFaults({ rate429: 0, rate5xx: 0, rateDrop: 0 });

    expect(outcomes.flat().filter((r) => !r.ok)).toEqual([]);
    expect(stats.byOutcome['rate-limited']).toBeGreaterThan(0);
    expect(stats.byOutcome['server-error']).toBeGreaterThan(0);
    expect(stats.byOutcome.dropped).toBeGreaterThan(0);
    const faultLeads = like(LeadFields.lastName, likePrefix('Fault '));
    expect(
      await countOf(h.jsforce, SObjects.lead, and(faultLeads, eq(PersonFields.status, text('disqualified')))),
    ).toBe(LEADS);
    expect(
      await countOf(
        h.jsforce,
        SObjects.leadDisposition,
        like(LeadDispositionFields.reasonCode, likePrefix('reject_competitor')),
      ),
    ).toBe(LEADS);
    expect(
      await countOf(
        h.jsforce,
        SObjects.task,
        like(TaskFields.idempotencyKey, likePrefix('disposition-note:')),
      ),
    ).toBe(LEADS);
    expect(
      await countOf(
        h.jsforce,
        SObjects.task,
        like(TaskFields.idempotencyKey, likePrefix('escalation:fault-')),
      ),
    ).toBe(LEADS);
    expect(
      await countOf(
        h.jsforce,
        SObjects.contentTouch,
        like(ContentTouchFields.externalId, likePrefix('fault-share-')),
      ),
    ).toBe(LEADS);
  }, 30_000);

  it('gives up after maxRetries and reports RATE_LIMITED when every call is limited', async () => {
    const lead = leadIds[0] ?? '';
    h.emulator.setFaults({ rate429: 1, seed: 2 });
    h.emulator.clearStats();
    const result = await h.adapter.getLeadHandoffContext(lead);
    const calls = h.emulator.stats().total;
    h.emulator.setFaults({ rate429: 0 });
    expect(result.ok ? 'ok' : result.error.code).toBe('RATE_LIMITED');
    expect(calls).toBe(11);
  });
});
