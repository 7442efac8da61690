// The escalation sweep job through both adapters over one seeded emulator: it files exactly the tasks the core
// plans from the seed itself, the same tasks through HubSpot and Salesforce, and nothing more however often it runs.
import { describe, expect, it } from 'vitest';
import { escalationPlan, type EscalationTaskPlan } from '../../src/core/sla/escalation-plan';
import { escalationScopes } from '../../src/core/sla/escalation-scopes';
import { leadSlaClocks } from '../../src/core/sla/lead-clocks';
import type { SeedData } from '../../src/crm/emulator/types';
import { runEscalationSweep, type SweepReport } from '../../src/jobs/escalation-sweep';
import { NOW_MS, useCrmHarness, type CrmHarness, type IdBook } from './crm-harness';
import { seedIdOf } from './neutral';

const DAY = 86_400_000;
const LOOKBACK_MS = 30 * DAY;

let harness: CrmHarness;

useCrmHarness((started) => (harness = started));

/** What the sweep should file, planned by the core from the seed's leads directly (no CRM in between). */
function expectedFromSeed(seed: SeedData): string[] {
  const ownerOf = new Map(seed.owners.map((o) => [o.id, o]));
  const latest = (leadId: string) =>
    seed.dispositions
      .filter((d) => d.leadId === leadId)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .at(-1);
  const tasks: EscalationTaskPlan[] = [];
  for (const scope of escalationScopes(harness.playbook, NOW_MS, LOOKBACK_MS)) {
    const inScope = seed.leads.filter(
      (l) =>
        l.stage === scope.stage &&
        Date.parse(l.stageEnteredAt) <= Date.parse(scope.enteredBefore) &&
        Date.parse(l.stageEnteredAt) >= Date.parse(scope.enteredAfter) &&
        (scope.includeTouched || l.firstTouchAt === null),
    );
    for (const l of inScope) {
      const d = latest(l.id);
      const clocks = leadSlaClocks(
        harness.playbook,
        { ...l, dispositions: d === undefined ? [] : [{ outcome: d.outcome, at: d.at }] },
        NOW_MS,
      );
      const lead = {
        id: l.id,
        name: `${l.firstName} ${l.lastName}`,
        ownerId: l.ownerId,
        managerId: ownerOf.get(l.ownerId)?.managerId ?? null,
      };
      tasks.push(...escalationPlan(harness.playbook, lead, clocks, NOW_MS).tasks);
    }
  }
  return tasks.map((t) => line(t, (id) => id)).sort();
}

/** One task as a comparable line, CRM ids mapped back to the seed's. */
function line(task: EscalationTaskPlan, seedId: (crmId: string) => string): string {
  const leadId = seedId(task.leadId);
  const key = task.idempotencyKey.replace(task.leadId, leadId);
  const assignee = seedId(task.assigneeId);
  return [leadId, task.policyId, task.level, task.action, assignee, task.subject, key, task.dueAt].join(
    ' | ',
  );
}

const linesOf = (report: SweepReport, ids: IdBook) =>
  report.tasks.map((t) => line(t.task, (id) => seedIdOf(ids, id) ?? `unknown ${id}`)).sort();

async function sweep(crm: 'hubspot' | 'salesforce', dryRun = false): Promise<SweepReport> {
  const result = await runEscalationSweep(harness.get(crm).port, harness.playbook, {
    nowMs: NOW_MS,
    lookbackMs: LOOKBACK_MS,
    pageSize: 7,
    dryRun,
  });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

describe.each([
  ['HubSpot', 'hubspot'],
  ['Salesforce', 'salesforce'],
] as const)('the escalation sweep through the %s adapter', (_label, crm) => {
  it('plans on a dry run exactly what the core plans from the seed, writing nothing', async () => {
    const expected = expectedFromSeed(harness.seed);
    expect(expected.length).toBeGreaterThan(2);
    const before = await harness.get(crm).count('tasks');
    const report = await sweep(crm, true);
    expect(linesOf(report, harness.get(crm).ids)).toEqual(expected);
    expect(report.tasks.every((t) => t.status === 'planned')).toBe(true);
    expect(await harness.get(crm).count('tasks')).toBe(before);
  });

  it('files those tasks once, and a second run finds each already filed', async () => {
    const before = await harness.get(crm).count('tasks');
    const first = await sweep(crm);
    const second = await sweep(crm);
    expect(first.tasks.map((t) => t.status)).toEqual(first.tasks.map(() => 'created'));
    expect(second.tasks.map((t) => [t.status, 'id' in t ? t.id : null])).toEqual(
      first.tasks.map((t) => ['already_filed', 'id' in t ? t.id : null]),
    );
    expect(await harness.get(crm).count('tasks')).toBe(before + first.tasks.length);
  });
});

it('plans the same tasks through both CRMs, and reports the same unassigned steps', async () => {
  const [hubspot, salesforce] = [await sweep('hubspot', true), await sweep('salesforce', true)];
  expect(linesOf(hubspot, harness.hubspot.ids)).toEqual(linesOf(salesforce, harness.salesforce.ids));
  const unassigned = (report: SweepReport, ids: IdBook) =>
    report.unassigned.map((u) => JSON.stringify({ ...u, leadId: seedIdOf(ids, u.leadId) })).sort();
  expect(unassigned(hubspot, harness.hubspot.ids)).toEqual(unassigned(salesforce, harness.salesforce.ids));
  expect(hubspot.scanned).toBe(salesforce.scanned);
});
