// The fault suite: with a fifth of all API calls failing (429s, 5xx, dropped connections), 1,000 dispositions
// submitted through each adapter — retried by the adapter, and on a returned error by the caller as a card would —
// leave exactly 1,000 disposition records and 1,000 stage changes: none lost, none duplicated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { disposition } from '../../src/core/disposition/disposition';
import type { DispositionPlan } from '../../src/core/disposition/types';
import type { SeedData } from '../../src/crm/emulator/types';
import type { CrmErrorCode, CrmName, CrmResult } from '../../src/crm/port';
import {
  NO_FAULTS,
  NOW_MS,
  hubspotAll,
  soqlAll,
  startCrmHarness,
  statsDelta,
  type CrmHarness,
  type CrmUnderTest,
} from './crm-harness';

const DISPOSITIONS = 1_000;
/**
 * Both adapters honour the emulator's `Retry-After: 1` on every 429, so a run's time is dominated by about
 * 0.07 × calls × 1 s / CONCURRENCY: at 8 HubSpot took ~105 s and Salesforce ~46 s on this machine; 16 halves it.
 */
const CONCURRENCY = 16;
/** Attempts the caller makes when the adapter returns a retryable error (the adapter has retried already). */
const CALLER_ATTEMPTS = 10;
/** Three independent fault draws of 7.17 % each fail 1 − 0.9283³ ≈ 20 % of calls. */
const EACH_FAULT_RATE = 0.0717;
const FAULTS = {
  latencyMs: 1,
  rate429: EACH_FAULT_RATE,
  rate5xx: EACH_FAULT_RATE,
  rateDrop: EACH_FAULT_RATE,
  seed: 2026,
};
const RETRYABLE: readonly CrmErrorCode[] = ['RATE_LIMITED', 'UNAVAILABLE'];

/** Every lead an open SQL with no disposition, so each accept is one disposition and one stage change. */
function allOpenSqls(seed: SeedData): SeedData {
  return {
    ...seed,
    leads: seed.leads.map((l) => ({ ...l, stage: 'sql', handoffStatus: 'open', firstTouchAt: null })),
    dispositions: [],
  };
}

interface CallerOutcome<T> {
  readonly result: CrmResult<T>;
  readonly attempts: number;
}

/** What a client does with a returned error: try again (a few times, briefly) if the error says it may pass. */
async function asACallerWould<T>(call: () => Promise<CrmResult<T>>): Promise<CallerOutcome<T>> {
  let result = await call();
  let attempts = 1;
  while (!result.ok && RETRYABLE.includes(result.error.code) && attempts < CALLER_ATTEMPTS) {
    // The adapter already honoured Retry-After within its own retries; the caller only pauses briefly.
    await sleep(5);
    result = await call();
    attempts += 1;
  }
  return { result, attempts };
}

async function inPool<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

interface Submission {
  readonly seedLeadId: string;
  readonly key: string | null;
  readonly created: boolean | null;
  readonly failure: string | null;
  readonly callerRetries: number;
}

/** Reads the lead, plans an accept with the core, and writes it — each step retried as a caller would. */
async function submitAccept(
  sut: CrmUnderTest,
  seedLeadId: string,
  playbook: CrmHarness['playbook'],
): Promise<Submission> {
  const leadId = sut.ids.lead(seedLeadId);
  const read = await asACallerWould(() => sut.port.getLeadHandoffContext(leadId));
  if (!read.result.ok) {
    return {
      seedLeadId,
      key: null,
      created: null,
      failure: `read ${read.result.error.code}`,
      callerRetries: read.attempts - 1,
    };
  }
  const context = read.result.data;
  const planned = disposition(
    { submissionId: `fault-${seedLeadId}`, outcome: 'accept', reasonCode: 'accept_meeting_booked' },
    {
      recordId: context.lead.id,
      stage: context.lead.stage ?? '',
      ...(context.lead.owner ? { ownerId: context.lead.owner.id } : {}),
      appliedKeys: [...context.appliedDispositionKeys],
    },
    playbook,
    NOW_MS,
  );
  if (!planned.ok || planned.data.alreadyApplied) {
    return {
      seedLeadId,
      key: null,
      created: null,
      failure: `plan ${JSON.stringify(planned)}`,
      callerRetries: read.attempts - 1,
    };
  }
  const plan: DispositionPlan = planned.data;
  const write = await asACallerWould(() => sut.port.writeDisposition({ leadId, plan }));
  return {
    seedLeadId,
    key: plan.idempotencyKey,
    created: write.result.ok ? write.result.data.created : null,
    failure: write.result.ok ? null : `write ${write.result.error.code}: ${write.result.error.message}`,
    callerRetries: read.attempts - 1 + write.attempts - 1,
  };
}

interface StoredState {
  /** Idempotency key → number of disposition records carrying it. */
  readonly dispositionKeys: ReadonlyMap<string, number>;
  /** Seed lead id → [stage, status] as the CRM stores it. */
  readonly leads: ReadonlyMap<string, readonly [string | null, string | null]>;
  readonly timelineNotes: number;
}

/** Reads every disposition and lead back through the CRM's own API (faults off). */
async function storedState(harness: CrmHarness, crm: CrmName): Promise<StoredState> {
  const countKeys = (keys: readonly (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key ?? '<no key>', (counts.get(key ?? '<no key>') ?? 0) + 1);
    return counts;
  };
  if (crm === 'hubspot') {
    const client = harness.hubspotClient;
    const [dispositions, contacts] = await Promise.all([
      // Dispositions are activities of kind `disposition`, keyed by their unique external id.
      hubspotAll(
        client,
        'handoff_activity',
        ['handoff_external_id'],
        [{ propertyName: 'handoff_kind', operator: 'EQ', value: 'disposition' }],
      ),
      hubspotAll(client, 'contacts', ['handoff_external_id', 'handoff_stage', 'handoff_status']),
    ]);
    return {
      dispositionKeys: countKeys(dispositions.map((d) => d.properties['handoff_external_id'] ?? null)),
      leads: new Map(
        contacts.map((c) => [
          c.properties['handoff_external_id'] ?? c.id,
          [c.properties['handoff_stage'] ?? null, c.properties['handoff_status'] ?? null],
        ]),
      ),
      timelineNotes: await harness.hubspot.count('notes'),
    };
  }
  const conn = harness.salesforceConnection;
  const [dispositions, leads] = await Promise.all([
    soqlAll<{ Idempotency_Key__c: string | null }>(
      conn,
      'SELECT Idempotency_Key__c FROM Lead_Disposition__c',
    ),
    soqlAll<{
      Handoff_External_Id__c: string;
      Handoff_Stage__c: string | null;
      Handoff_Status__c: string | null;
    }>(conn, 'SELECT Handoff_External_Id__c, Handoff_Stage__c, Handoff_Status__c FROM Lead'),
  ]);
  return {
    dispositionKeys: countKeys(dispositions.map((d) => d.Idempotency_Key__c)),
    leads: new Map(leads.map((l) => [l.Handoff_External_Id__c, [l.Handoff_Stage__c, l.Handoff_Status__c]])),
    timelineNotes: await harness.salesforce.count('notes'),
  };
}

/** Runs one accept per lead, `CONCURRENCY` at a time, and returns the submissions and the seconds it took. */
async function acceptAll(sut: CrmUnderTest, leads: readonly string[], playbook: CrmHarness['playbook']) {
  const started = performance.now();
  const submissions: Submission[] = [];
  await inPool(leads, CONCURRENCY, async (id) => {
    submissions.push(await submitAccept(sut, id, playbook));
  });
  return { submissions, seconds: (performance.now() - started) / 1000 };
}

/** Each submission succeeded once in the caller's eyes and left exactly one of everything in the CRM. */
async function expectEachStoredOnce(
  harness: CrmHarness,
  crm: CrmName,
  leads: readonly string[],
  submissions: readonly Submission[],
  notesBefore: number,
): Promise<void> {
  expect(submissions.filter((s) => s.failure !== null)).toEqual([]);
  const keys = submissions.map((s) => s.key ?? '');
  expect(new Set(keys).size).toBe(leads.length);

  const stored = await storedState(harness, crm);
  const duplicated = [...stored.dispositionKeys].filter(([, n]) => n > 1);
  const missing = keys.filter((k) => !stored.dispositionKeys.has(k));
  expect({ duplicated, missing }).toEqual({ duplicated: [], missing: [] });
  expect([...stored.dispositionKeys.values()].reduce((a, b) => a + b, 0)).toBe(leads.length);
  const notAccepted = leads
    .map((id) => [id, ...(stored.leads.get(id) ?? [null, null])] as const)
    .filter(([, stage, status]) => stage !== 'sal' || status !== 'accepted')
    .map(([id, stage, status]) => {
      const created = submissions.find((s) => s.seedLeadId === id)?.created;
      return `${id} is ${stage}/${status} (write answered created: ${String(created)})`;
    });
  expect(notAccepted).toEqual([]);
  // One timeline note per disposition, not one per attempt.
  expect(stored.timelineNotes - notesBefore).toBe(leads.length);
}

const CRMS = [
  ['HubSpot', 'hubspot'],
  ['Salesforce', 'salesforce'],
] as const;

describe('with a fifth of all API calls failing at the emulator', () => {
  let harness: CrmHarness;

  beforeAll(async () => {
    harness = await startCrmHarness({
      sizes: { leads: DISPOSITIONS, deals: 0, assets: 4 },
      tweak: allOpenSqls,
      maxRetries: 6,
      retryBaseMs: 2,
    });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it.each(CRMS)(
    `the %s adapter stores exactly ${DISPOSITIONS} dispositions and stage changes, none lost, none duplicated`,
    async (label, crm) => {
      const sut = harness.get(crm);
      const leads = harness.seed.leads.map((l) => l.id);
      expect(leads).toHaveLength(DISPOSITIONS);
      const notesBefore = await sut.count('notes');

      await harness.setFaults(FAULTS);
      const statsBefore = await harness.stats();
      const { submissions, seconds } = await acceptAll(sut, leads, harness.playbook);
      const calls = statsDelta(statsBefore, await harness.stats());
      await harness.setFaults(NO_FAULTS);
      const faultsMet = calls.total - calls.handled;
      console.info(
        `[fault suite] ${label}: ${DISPOSITIONS} dispositions in ${seconds.toFixed(1)} s; ${calls.total} calls, ` +
          `${faultsMet} faults (${((100 * faultsMet) / calls.total).toFixed(1)} %), ` +
          `${submissions.reduce((n, s) => n + s.callerRetries, 0)} caller retries`,
      );
      // The faults were really there, at about the rate asked for.
      expect(faultsMet / calls.total).toBeGreaterThan(0.15);
      expect(faultsMet / calls.total).toBeLessThan(0.25);
      await expectEachStoredOnce(harness, crm, leads, submissions, notesBefore);
    },
    240_000,
  );
});

const LOST_ANSWERS = 200;
const LOSS_RATE = 0.2;

describe('with a fifth of write answers lost after the CRM applied the write', () => {
  let harness: CrmHarness;

  beforeAll(async () => {
    harness = await startCrmHarness({
      sizes: { leads: LOST_ANSWERS, deals: 0, assets: 4 },
      tweak: allOpenSqls,
      maxRetries: 6,
      retryBaseMs: 2,
      observe: true,
    });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it.each(CRMS)(
    `the %s adapter still stores exactly one disposition, stage change and timeline note for each of ${LOST_ANSWERS}`,
    async (label, crm) => {
      const sut = harness.get(crm);
      const observer = harness.observer;
      if (!observer) throw new Error('this block runs with the observing proxy');
      const leads = harness.seed.leads.map((l) => l.id);
      const notesBefore = await sut.count('notes');

      observer.reset();
      observer.loseWriteResponses(LOSS_RATE, 4242);
      const { submissions, seconds } = await acceptAll(sut, leads, harness.playbook);
      observer.loseWriteResponses(0, 1);
      console.info(
        `[fault suite] ${label}: ${LOST_ANSWERS} dispositions in ${seconds.toFixed(1)} s with ` +
          `${observer.lostResponses} applied writes whose answer was lost`,
      );
      expect(observer.lostResponses).toBeGreaterThan(LOST_ANSWERS * LOSS_RATE * 0.5);
      await expectEachStoredOnce(harness, crm, leads, submissions, notesBefore);
    },
    120_000,
  );
});
