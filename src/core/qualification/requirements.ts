import type { Criterion } from '../playbook/schema';
import type { CriterionResult, Requirement } from './types';

/**
 * Flattens a stage's criteria into the checklist a rep reads: every leaf under groups that need all their
 * children (all_of, icp, discovery) is one requirement; an `at_least` group is one requirement under its own label,
 * because any of its children may satisfy it and counting them one by one would misstate what is missing.
 * `size`, when known (see `requirementCount`), sizes the list up front.
 * @example requirementsOf(mqlResult) // → [{ label: 'industry', met: true }, …, { label: 'meaningful engagement in 30 days', met: false }]
 */
export function requirementsOf(result: CriterionResult, size?: number): Requirement[] {
  const out: Requirement[] = size === undefined ? [] : new Array<Requirement>(size);
  const filled = collect(result, out, 0);
  // A wrong size only costs this fix-up: the list always holds exactly what was collected.
  if (out.length !== filled) out.length = filled;
  return out;
}

function collect(result: CriterionResult, out: Requirement[], at: number): number {
  if (result.type === 'leaf' || result.kind === 'at_least') {
    out[at] = { label: result.label, met: result.met };
    return at + 1;
  }
  for (const child of result.children) at = collect(child, out, at);
  return at;
}

/**
 * How many requirements `requirementsOf` gives for a criterion's results, known before any record: an `icp`
 * criterion without a facet list expands to `definedFacets` leaves.
 * @example requirementCount({ kind: 'discovery', questions: ['need', 'budget'] }, 7) // → 2
 */
export function requirementCount(criterion: Criterion, definedFacets: number): number {
  switch (criterion.kind) {
    case 'all_of':
      return criterion.criteria.reduce((sum, child) => sum + requirementCount(child, definedFacets), 0);
    case 'icp':
      return criterion.facets?.length ?? definedFacets;
    case 'discovery':
      return criterion.questions.length;
    default:
      return 1;
  }
}
