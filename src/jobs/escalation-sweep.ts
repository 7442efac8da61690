// The SLA escalation sweep: a scheduled job that reads, through the CRM port, the leads whose clocks may have
// reached an escalation step, asks the core which steps they reached, and files one task per step. Every task is
// keyed by lead, policy, trigger and step, so the sweep can run as often as the scheduler likes (or be rerun after a
// failure) and never files a step twice.
import type { Playbook } from '../core/playbook/schema';
import type { CoreError } from '../core/shared/result';
import {
  escalationPlan,
  type EscalationRouting,
  type EscalationTaskPlan,
  type UnassignedEscalation,
} from '../core/sla/escalation-plan';
import { escalationScopes, type EscalationScope } from '../core/sla/escalation-scopes';
import { leadSlaClocks } from '../core/sla/lead-clocks';
import type { CrmErrorCode, CrmPort, CrmResult, EscalationCandidate } from '../crm/port';
import { policyAssignees } from './escalation-routing';

export interface EscalationSweepOptions {
  readonly nowMs: number;
  /** Clocks triggered longer ago than this are left alone (default 30 days): a first run files no ancient steps. */
  readonly lookbackMs?: number;
  /**
   * Who receives the steps when not the lead's owner and their manager. Without `routing.policies`, the sweep looks
   * up each policy's `escalateTo` email in the CRM (an email the CRM does not have stops the sweep before it reads).
   */
  readonly routing?: EscalationRouting;
  /** Plan and report, write nothing. */
  readonly dryRun?: boolean;
  /** Candidates read per call (default 100). */
  readonly pageSize?: number;
  /** Task writes in flight at once (default 4): independent calls run concurrently, within the CRM's limits. */
  readonly concurrency?: number;
  /** Called after each page read and each task written, for progress output. */
  readonly onProgress?: (progress: SweepProgress) => void;
}

export interface SweepProgress {
  readonly scanned: number;
  readonly planned: number;
  readonly written: number;
}

/** What happened to one planned task. */
export type TaskOutcome =
  | { readonly status: 'created' | 'already_filed'; readonly task: EscalationTaskPlan; readonly id: string }
  | { readonly status: 'planned'; readonly task: EscalationTaskPlan }
  | { readonly status: 'failed'; readonly task: EscalationTaskPlan; readonly error: CoreError<CrmErrorCode> };

export interface SweepReport {
  readonly scopes: readonly EscalationScope[];
  /** Leads read from the CRM. */
  readonly scanned: number;
  readonly tasks: readonly TaskOutcome[];
  readonly unassigned: readonly UnassignedEscalation[];
  readonly dryRun: boolean;
}

const DEFAULT_LOOKBACK_MS = 30 * 86_400_000;
const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_CONCURRENCY = 4;
/** A misbehaving cursor must not loop forever: far more pages than any CRM's candidates fill. */
const MAX_PAGES_PER_SCOPE = 10_000;

/**
 * Runs one escalation sweep over a CRM. A failed read stops the sweep with the CRM's error (nothing half-done
 * matters: a rerun files what this run did not); a failed task write is reported and the other tasks still go in.
 * @example const report = await runEscalationSweep(port, playbook, { nowMs: Date.now() }); report.ok && report.data.tasks.length
 */
export async function runEscalationSweep(
  port: CrmPort,
  playbook: Playbook,
  options: EscalationSweepOptions,
): Promise<CrmResult<SweepReport>> {
  const { nowMs } = options;
  const scopes = escalationScopes(playbook, nowMs, options.lookbackMs ?? DEFAULT_LOOKBACK_MS);
  const progress = { scanned: 0, planned: 0, written: 0 };
  const report = () => options.onProgress?.({ ...progress });
  const seen = new Set<string>();
  const planned: EscalationTaskPlan[] = [];
  const unassigned: UnassignedEscalation[] = [];
  let routing = options.routing ?? {};
  if (routing.policies === undefined) {
    const policies = await policyAssignees(port, playbook);
    if (!policies.ok) return policies;
    routing = { ...routing, policies: policies.data };
  }

  for (const scope of scopes) {
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await port.listEscalationCandidates({
        stage: scope.stage,
        enteredBefore: scope.enteredBefore,
        enteredAfter: scope.enteredAfter,
        includeTouched: scope.includeTouched,
        withStatusHistory: scope.withStatusHistory,
        pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
        ...(cursor === undefined ? {} : { cursor }),
      });
      if (!page.ok) return page;
      for (const candidate of page.data.items) {
        if (seen.has(candidate.leadId)) continue;
        seen.add(candidate.leadId);
        const plan = planFor(playbook, candidate, nowMs, routing);
        planned.push(...plan.tasks);
        unassigned.push(...plan.unassigned);
      }
      progress.scanned = seen.size;
      progress.planned = planned.length;
      report();
      cursor = page.data.nextCursor ?? undefined;
      pages += 1;
      if (cursor !== undefined && pages >= MAX_PAGES_PER_SCOPE) {
        const message = `the CRM still had more ${scope.stage} leads after ${pages} pages: stopped`;
        return { ok: false, error: { code: 'UNAVAILABLE', message, issues: [] } };
      }
    } while (cursor !== undefined);
  }

  const dryRun = options.dryRun === true;
  const tasks = dryRun
    ? planned.map((task): TaskOutcome => ({ status: 'planned', task }))
    : await inPool(
        planned,
        options.concurrency ?? DEFAULT_CONCURRENCY,
        async (task): Promise<TaskOutcome> => {
          const written = await port.createEscalationTask(task);
          progress.written += 1;
          report();
          if (!written.ok) return { status: 'failed', task, error: written.error };
          return { status: written.data.created ? 'created' : 'already_filed', task, id: written.data.id };
        },
      );
  return { ok: true, data: { scopes, scanned: seen.size, tasks, unassigned, dryRun } };
}

// The candidate's clocks as the core computes them from what the port read, and the tasks they call for.
function planFor(
  playbook: Playbook,
  candidate: EscalationCandidate,
  nowMs: number,
  routing: EscalationRouting,
) {
  const clocks = leadSlaClocks(
    playbook,
    {
      stage: candidate.stage,
      stageEnteredAt: candidate.stageEnteredAt,
      firstTouchAt: candidate.firstTouchAt,
      handoffStatus: candidate.handoffStatus,
      dispositions: candidate.latestDisposition === null ? [] : [candidate.latestDisposition],
      statusHistory: candidate.statusHistory,
    },
    nowMs,
  );
  const lead = {
    id: candidate.leadId,
    name: candidate.name,
    ownerId: candidate.ownerId,
    managerId: candidate.managerId,
  };
  return escalationPlan(playbook, lead, clocks, nowMs, routing);
}

// Maps items with at most `limit` calls in flight, keeping the input order in the output.
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
