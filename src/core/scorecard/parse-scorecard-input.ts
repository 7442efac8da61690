import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { formatPath, zodIssues } from '../shared/zod-issues';
import { ScorecardInputSchema, type ScorecardInput } from './input-schema';

export type ScorecardInputErrorCode = 'INVALID_SCORECARD_INPUT';

/**
 * Validates report input against the schema, then its references (unique lead and deal ids, dispositions of
 * known leads, deals of known leads, touches of known deals); every problem comes back with its path.
 * @example parseScorecardInput({ period: { from: 'x' } }) // → { ok: false, error: { issues: [{ path: 'period.from', … }, …] } }
 */
export function parseScorecardInput(input: unknown): Result<ScorecardInput, ScorecardInputErrorCode> {
  const parsed = ScorecardInputSchema.safeParse(input);
  if (!parsed.success) {
    return err(
      'INVALID_SCORECARD_INPUT',
      'the report input does not match the schema',
      zodIssues(parsed.error),
    );
  }
  const issues = referenceIssues(parsed.data);
  if (issues.length > 0)
    return err('INVALID_SCORECARD_INPUT', 'the report input has broken references', issues);
  return ok(parsed.data);
}

function referenceIssues(input: ScorecardInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: PropertyKey[], message: string) => issues.push({ path: formatPath(path), message });

  const leadIds = uniqueIds(input.leads, 'leads', 'lead', add);
  const dealIds = uniqueIds(input.deals, 'deals', 'deal', add);
  input.deals.forEach((deal, i) => {
    if (deal.leadId !== undefined && !leadIds.has(deal.leadId))
      add(['deals', i, 'leadId'], `unknown lead "${deal.leadId}"`);
  });
  input.dispositions.forEach((disposition, i) => {
    if (!leadIds.has(disposition.leadId))
      add(['dispositions', i, 'leadId'], `unknown lead "${disposition.leadId}"`);
  });
  input.touches.forEach((touch, i) => {
    if (!dealIds.has(touch.dealId)) add(['touches', i, 'dealId'], `unknown deal "${touch.dealId}"`);
  });
  return issues;
}

function uniqueIds(
  records: readonly { id: string }[],
  path: string,
  noun: string,
  add: (path: PropertyKey[], message: string) => void,
): Set<string> {
  const ids = new Set<string>();
  records.forEach((record, i) => {
    if (ids.has(record.id)) add([path, i, 'id'], `duplicate ${noun} id "${record.id}"`);
    ids.add(record.id);
  });
  return ids;
}
