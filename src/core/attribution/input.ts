import { z } from 'zod';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { formatPath, zodIssues } from '../shared/zod-issues';
import { StringIndex } from './string-index';

export type AttributionInputErrorCode = 'INVALID_ATTRIBUTION_INPUT';

// A missing field reads "required" rather than zod's "expected string, received undefined".
const required = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'required' : `expected ${expected}`;

const id = (what: string) =>
  z.string({ error: required(`${what} as a string`) }).min(1, { error: `${what} must not be empty` });

// A time zone is required: a local time would depend on the machine that runs the attribution.
const instant = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input === undefined
      ? 'required'
      : `expected an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z (got ${JSON.stringify(issue.input)})`,
});

export const DealSchema = z.object({
  id: id('a deal id'),
  amount: z
    .number({ error: required('the amount as a number') })
    .nonnegative({ error: 'must not be negative' })
    .finite({ error: 'must be a finite number' }),
  leadCreatedAt: instant,
  createdAt: instant,
  // null (or absent) means the deal is still open: its touches count up to the as-of date.
  closedAt: instant.nullable().optional(),
  won: z.boolean({ error: required('true or false') }),
});

export const TouchSchema = z.object({
  id: id('a touch id'),
  dealId: id('a deal id'),
  assetId: id('an asset id'),
  channel: id('a channel'),
  at: instant,
});

export const AttributionInputSchema = z.object({
  deals: z.array(DealSchema, { error: required('a list of deals') }),
  touches: z.array(TouchSchema, { error: required('a list of touches') }),
});

export type Deal = z.infer<typeof DealSchema>;
export type Touch = z.infer<typeof TouchSchema>;
export type AttributionInput = z.infer<typeof AttributionInputSchema>;

/**
 * Validates deals and touches (schema, unique ids, touches of known deals), reporting every problem with its path.
 * @example parseAttributionInput({ deals: [], touches: [{ id: 'T1', dealId: 'D9', … }] }) // → issue at touches[0].dealId
 */
export function parseAttributionInput(input: unknown): Result<AttributionInput, AttributionInputErrorCode> {
  const parsed = AttributionInputSchema.safeParse(input);
  if (!parsed.success) {
    return err('INVALID_ATTRIBUTION_INPUT', 'the attribution input is not valid', zodIssues(parsed.error));
  }
  const issues = referenceIssues(parsed.data);
  if (issues.length > 0) {
    return err('INVALID_ATTRIBUTION_INPUT', 'the attribution input has inconsistent ids', issues);
  }
  return ok(parsed.data);
}

function referenceIssues({ deals, touches }: AttributionInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const dealIds = new StringIndex(deals.length);
  for (let i = 0; i < deals.length; i++) {
    const id = (deals[i] as Deal).id;
    const known = dealIds.intern(id);
    if (known >= 0) issues.push(duplicate(['deals', i, 'id'], 'deal', id, ['deals', known]));
  }
  // A million touch ids are checked here, so the loop allocates nothing unless it finds a problem.
  const touchIds = new StringIndex(touches.length);
  for (let i = 0; i < touches.length; i++) {
    const touch = touches[i] as Touch;
    const known = touchIds.intern(touch.id);
    if (known >= 0) issues.push(duplicate(['touches', i, 'id'], 'touch', touch.id, ['touches', known]));
    if (dealIds.indexOf(touch.dealId) < 0) {
      issues.push({ path: formatPath(['touches', i, 'dealId']), message: `unknown deal "${touch.dealId}"` });
    }
  }
  return issues;
}

function duplicate(path: PropertyKey[], what: string, value: string, firstPath: PropertyKey[]): FieldIssue {
  return {
    path: formatPath(path),
    message: `duplicate ${what} id "${value}" (first used at ${formatPath(firstPath)})`,
  };
}
