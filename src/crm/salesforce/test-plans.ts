/**
 * Test support: real disposition plans from the core and the default playbook, and record counts read with the
 * query builder.
 */
import { readFileSync } from 'node:fs';
import type { Connection } from 'jsforce';
import { disposition } from '../../core/disposition/disposition';
import type { DispositionPlan } from '../../core/disposition/types';
import type { LeadHandoffContext } from '../port';
import { buildCount, type Condition } from './soql';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const submissions = JSON.parse(
  readFileSync(new URL('./fixtures/submissions.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/**
 * The core's plan for a fixture submission on the record a context describes.
 * @example planFor('acceptWithMeeting', context, NOW_MS)
 */
export function planFor(name: string, context: LeadHandoffContext, nowMs: number): DispositionPlan {
  const result = disposition(
    submissions[name],
    {
      recordId: context.lead.id,
      stage: context.lead.stage ?? '',
      ...(context.lead.owner === null ? {} : { ownerId: context.lead.owner.id }),
      appliedKeys: [...context.appliedDispositionKeys],
    },
    defaultPlaybook(),
    nowMs,
  );
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  if (result.data.alreadyApplied) throw new Error(`${name} is already applied`);
  return result.data;
}

/** `SELECT COUNT() FROM object WHERE …` through the builder. */
export async function countOf(conn: Connection, object: string, where?: Condition): Promise<number> {
  const soql = buildCount(object, where);
  if (!soql.ok) throw new Error(soql.error.message);
  return (await conn.query(soql.data)).totalSize;
}
