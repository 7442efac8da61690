// Who receives each policy's escalation steps when the playbook names someone (`slaPolicies[].escalateTo.email`):
// the playbook speaks in emails because one file serves both CRMs, whose user ids differ; this resolves them to
// each CRM's users (and their managers) once per sweep.
import type { Playbook } from '../core/playbook/schema';
import type { EscalationAssignee } from '../core/sla/escalation-plan';
import type { CrmPort, CrmResult, Owner } from '../crm/port';

/**
 * Each policy's `escalateTo` user as this CRM knows them, keyed by policy id. A named user the CRM does not have is
 * an INVALID error with the playbook path, so a sweep never silently falls back to the lead's owner.
 * @example await policyAssignees(port, playbook) // → { ok: true, data: { 'recycled-lead-response': { ownerId: '801', managerId: '805' } } }
 */
export async function policyAssignees(
  port: CrmPort,
  playbook: Playbook,
): Promise<CrmResult<Readonly<Record<string, EscalationAssignee>>>> {
  const named = playbook.slaPolicies.flatMap((policy, index) =>
    policy.escalateTo === undefined ? [] : [{ policyId: policy.id, index, email: policy.escalateTo.email }],
  );
  // One lookup per distinct email (in any letter case), run together: several policies often name the same lead.
  const lookups = new Map<string, Promise<CrmResult<Owner | null>>>();
  const lookUp = (email: string) => {
    const key = email.toLowerCase();
    const known = lookups.get(key);
    if (known !== undefined) return known;
    const asked = port.findOwnerByEmail(key);
    lookups.set(key, asked);
    return asked;
  };
  const answers = await Promise.all(named.map(({ email }) => lookUp(email)));

  const assignees: Record<string, EscalationAssignee> = {};
  const missing: { path: string; message: string }[] = [];
  for (const [i, { policyId, index, email }] of named.entries()) {
    const found = answers[i] as CrmResult<Owner | null>;
    if (!found.ok) return found;
    if (found.data === null) {
      missing.push({
        path: `slaPolicies[${index}].escalateTo.email`,
        message: `no CRM user has the email ${email}`,
      });
      continue;
    }
    assignees[policyId] = { ownerId: found.data.id, managerId: found.data.managerId };
  }
  if (missing.length > 0) {
    const message =
      missing.length === 1
        ? `the playbook names an escalation assignee the CRM does not have (${missing[0]?.path ?? ''})`
        : `the playbook names ${missing.length} escalation assignees the CRM does not have`;
    return { ok: false, error: { code: 'INVALID', message, issues: missing } };
  }
  return { ok: true, data: assignees };
}
