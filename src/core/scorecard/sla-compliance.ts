import type { SlaPolicy } from '../playbook/schema';
import { byText } from './by-text';
import type { SlaClock } from './input-schema';
import { median } from './median';
import { inPeriod, type PeriodMs } from './period';
import { ratio, type Measure, type Ratio } from './ratio';
import { epochMs } from './epoch-ms';

/** SLA results of one group of clocks (all, one policy or one owner). */
export interface SlaGroup {
  readonly key: string;
  /** The policy's label from the playbook; null for owners and for policies the playbook no longer has. */
  readonly label: string | null;
  readonly clocks: number;
  readonly completed: number;
  readonly violatedOpen: number;
  /** Open and not yet violated: undecided, so outside the compliance rate. */
  readonly pending: number;
  /** Completed within target / (completed + violated and still open). */
  readonly compliance: Ratio;
  /** Business milliseconds to completion, over completed clocks. */
  readonly medianElapsedMs: Measure;
  /** Business milliseconds to first touch, over completed clocks of policies that stop on the first touch. */
  readonly medianFirstTouchMs: Measure;
}

export interface SlaCompliance {
  readonly overall: SlaGroup;
  readonly byPolicy: readonly SlaGroup[];
  readonly byOwner: readonly SlaGroup[];
}

/**
 * SLA compliance and median business time, overall, per policy and per owner, for clocks triggered in the period.
 * @example slaCompliance(clocks, playbook.slaPolicies, q1).overall.compliance.value // → 0.96
 */
export function slaCompliance(
  clocks: readonly SlaClock[],
  policies: readonly SlaPolicy[],
  period: PeriodMs,
): SlaCompliance {
  const policyById = new Map(policies.map((policy) => [policy.id, policy]));
  const overall = newTally();
  const byPolicy = new Map<string, Tally>();
  const byOwner = new Map<string, Tally>();
  for (const clock of clocks) {
    if (!inPeriod(epochMs(clock.triggeredAt), period)) continue;
    const firstTouch = policyById.get(clock.policyId)?.stopsOn === 'first_touch';
    for (const tally of [overall, tallyOf(byPolicy, clock.policyId), tallyOf(byOwner, clock.ownerId)]) {
      tally.clocks++;
      if (clock.isCompleted) {
        tally.completed++;
        if (!clock.isViolated) tally.metInTime++;
        tally.elapsed.push(clock.elapsedMs);
        if (firstTouch) tally.firstTouch.push(clock.elapsedMs);
      } else if (clock.isViolated) tally.violatedOpen++;
    }
  }
  return {
    overall: group('all', null, overall),
    byPolicy: [...byPolicy.keys()]
      .sort(byText)
      .map((id) => group(id, policyById.get(id)?.label ?? null, byPolicy.get(id) as Tally)),
    byOwner: [...byOwner.keys()].sort(byText).map((id) => group(id, null, byOwner.get(id) as Tally)),
  };
}

interface Tally {
  clocks: number;
  completed: number;
  metInTime: number;
  violatedOpen: number;
  readonly elapsed: number[];
  readonly firstTouch: number[];
}

function newTally(): Tally {
  return { clocks: 0, completed: 0, metInTime: 0, violatedOpen: 0, elapsed: [], firstTouch: [] };
}

function tallyOf(map: Map<string, Tally>, key: string): Tally {
  let tally = map.get(key);
  if (tally === undefined) map.set(key, (tally = newTally()));
  return tally;
}

function group(key: string, label: string | null, t: Tally): SlaGroup {
  return {
    key,
    label,
    clocks: t.clocks,
    completed: t.completed,
    violatedOpen: t.violatedOpen,
    pending: t.clocks - t.completed - t.violatedOpen,
    compliance: ratio(
      t.metInTime,
      t.completed + t.violatedOpen,
      'no clock was completed or violated in the period',
    ),
    medianElapsedMs: median(t.elapsed, 'no clock was completed in the period'),
    medianFirstTouchMs: median(t.firstTouch, 'no first-touch clock was completed in the period'),
  };
}
