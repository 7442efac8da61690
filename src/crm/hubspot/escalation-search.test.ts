import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationCandidate } from '../port';
import { createHubSpotAdapter, SEARCH_RESULT_CAP } from './adapter';
import { CONTACT_PROPERTIES, HUBSPOT_PROPERTIES } from './schema-names';
import { NOW_MS, startTestHubSpot, type TestHubSpot } from './test-emulator';

// HubSpot's search stops at 10,000 results; the sweep must still see every candidate exactly once.

const MATCHING = 10_150;
/** Seven records share each instant, so windows restart in the middle of a run of equal timestamps. */
const TIES = 7;
const STAGE = 'window_test';

let hs: TestHubSpot;
const expectedIds: string[] = [];
/** A new adapter (nothing cached) over the test emulator, its clock at NOW_MS. */
const freshAdapter = () =>
  createHubSpotAdapter({ accessToken: hs.emulator.token, basePath: hs.basePath, now: () => NOW_MS });

beforeAll(async () => {
  hs = await startTestHubSpot({ leads: 5, deals: 1, assets: 1 });
  const first = NOW_MS - 30 * 86_400_000;
  const contact = (i: number, overrides: Record<string, string> = {}) => ({
    properties: {
      [HUBSPOT_PROPERTIES.contact.email]: `window-${i}@example.test`,
      [CONTACT_PROPERTIES.stage]: STAGE,
      [CONTACT_PROPERTIES.stageEnteredAt]: new Date(first + Math.floor(i / TIES) * 60_000).toISOString(),
      ...overrides,
    },
    associations: [],
  });
  for (let start = 0; start < MATCHING + 200; start += 100) {
    const inputs = Array.from({ length: 100 }, (_, k) => {
      const i = start + k;
      // The last 200 do not match: 100 already touched, 100 entered the stage after the cut-off.
      if (i >= MATCHING + 100)
        return contact(i, {
          [CONTACT_PROPERTIES.stageEnteredAt]: new Date(NOW_MS + 86_400_000).toISOString(),
        });
      if (i >= MATCHING)
        return contact(i, { [CONTACT_PROPERTIES.firstTouchAt]: new Date(NOW_MS).toISOString() });
      return contact(i);
    });
    const created = await hs.client.crm.contacts.batchApi.create({ inputs } as never);
    const byEmail = new Map(created.results.map((r) => [r.properties['email'], r.id] as const));
    for (const input of inputs.slice(0, Math.max(0, Math.min(100, MATCHING - start)))) {
      expectedIds.push(byEmail.get(input.properties.email) ?? '');
    }
  }
}, 120_000);

afterAll(async () => {
  await hs.emulator.close();
});

describe('listEscalationCandidates', () => {
  it(`pages through ${MATCHING} matching contacts, past the ${SEARCH_RESULT_CAP}-result cap, each exactly once in stage-entry order`, async () => {
    const crm = freshAdapter();
    const seen: EscalationCandidate[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await crm.listEscalationCandidates({
        stage: STAGE,
        enteredBefore: new Date(NOW_MS).toISOString(),
        pageSize: 200,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      if (!page.ok) throw new Error(`${page.error.code}: ${page.error.message}`);
      seen.push(...page.data.items);
      cursor = page.data.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined && pages < 100);
    expect(cursor).toBeUndefined();
    expect(seen).toHaveLength(MATCHING);
    expect(new Set(seen.map((c) => c.leadId)).size).toBe(MATCHING);
    expect([...seen.map((c) => c.leadId)].sort()).toEqual([...expectedIds].sort());
    const times = seen.map((c) => Date.parse(c.stageEnteredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(seen.every((c) => c.stage === STAGE && c.firstTouchAt === null)).toBe(true);
  }, 120_000);

  it('keeps a lookback across windows past the cap, and refuses its cursor for another lookback', async () => {
    const crm = freshAdapter();
    // Five instants (35 contacts) fall before the lookback; the 10,115 after it still pass the cap.
    const enteredAfter = new Date(NOW_MS - 30 * 86_400_000 + 5 * 60_000).toISOString();
    const query = {
      stage: STAGE,
      enteredBefore: new Date(NOW_MS).toISOString(),
      enteredAfter,
      pageSize: 200,
    };
    const seen: string[] = [];
    let cursor: string | undefined;
    let firstCursor: string | undefined;
    let pages = 0;
    do {
      const page = await crm.listEscalationCandidates({
        ...query,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      if (!page.ok) throw new Error(`${page.error.code}: ${page.error.message}`);
      seen.push(...page.data.items.map((c) => c.leadId));
      cursor = page.data.nextCursor ?? undefined;
      firstCursor ??= cursor;
      pages += 1;
    } while (cursor !== undefined && pages < 100);
    expect(seen).toHaveLength(MATCHING - 5 * TIES);
    expect([...seen].sort()).toEqual(expectedIds.slice(5 * TIES).sort());
    const other = await crm.listEscalationCandidates({
      ...query,
      enteredAfter: new Date(Date.parse(enteredAfter) - 60_000).toISOString(),
      cursor: firstCursor ?? '',
    });
    expect(other.ok ? 'ok' : other.error.code).toBe('INVALID');
  }, 120_000);

  it('reads the status history of a 200-contact page in batches HubSpot accepts (50 with histories)', async () => {
    const crm = freshAdapter();
    const first = await crm.listEscalationCandidates({
      stage: STAGE,
      enteredBefore: new Date(NOW_MS).toISOString(),
      withStatusHistory: true,
      pageSize: 200,
    });
    if (!first.ok) throw new Error(`${first.error.code}: ${first.error.message}`);
    expect(first.data.items).toHaveLength(200);
    // These contacts never had a status: their history is empty, and reading it did not fail.
    expect(first.data.items.every((c) => c.statusHistory.length === 0)).toBe(true);
  });

  it('answers an empty page with no cursor for a stage nobody is in', async () => {
    const crm = freshAdapter();
    const page = await crm.listEscalationCandidates({
      stage: 'nobody_here',
      enteredBefore: new Date(NOW_MS).toISOString(),
    });
    expect(page).toEqual({ ok: true, data: { items: [], nextCursor: null } });
  });
});
