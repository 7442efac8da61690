import type * as z from 'zod';
import type { FieldIssue } from './result';

/** Formats a zod path as the admin reads it: `['slaPolicies', 1, 'calendar']` → `slaPolicies[1].calendar`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Turns zod's issues into field issues, one per problem, with readable paths.
 * @example zodIssues(schema.safeParse(input).error) // → [{ path: 'stages[0].id', message: 'Required' }]
 */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
