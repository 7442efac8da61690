import type { CriterionResult, Requirement } from './types';

/**
 * Flattens a stage's criteria into the checklist a rep reads: every leaf under groups that need all their
 * children (all_of, icp, discovery) is one requirement; an `at_least` group is one requirement under its own label,
 * because any of its children may satisfy it and counting them one by one would misstate what is missing.
 * @example requirementsOf(mqlResult) // → [{ label: 'industry', met: true }, …, { label: 'meaningful engagement in 30 days', met: false }]
 */
export function requirementsOf(result: CriterionResult): Requirement[] {
  const out: Requirement[] = [];
  collect(result, out);
  return out;
}

function collect(result: CriterionResult, out: Requirement[]): void {
  if (result.type === 'leaf' || result.kind === 'at_least') {
    out.push({ label: result.label, met: result.met });
    return;
  }
  for (const child of result.children) collect(child, out);
}
