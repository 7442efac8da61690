/** A failure's location and reason, e.g. `{ path: 'slaPolicies[1].calendar', message: 'unknown calendar "emea"' }`. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** An error value crossing the core boundary: a stable code, one readable sentence, and every bad field. */
export interface CoreError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  readonly issues: readonly FieldIssue[];
}

export type Result<T, Code extends string = string> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: CoreError<Code> };

/** Wraps a success: `ok(42)` → `{ ok: true, data: 42 }`. */
export function ok<T>(data: T): { readonly ok: true; readonly data: T } {
  return { ok: true, data };
}

/** Wraps a failure: `err('INVALID_INPUT', 'notes are required', [{ path: 'notes', message: 'required' }])`. */
export function err<Code extends string>(
  code: Code,
  message: string,
  issues: readonly FieldIssue[] = [],
): { readonly ok: false; readonly error: CoreError<Code> } {
  return { ok: false, error: { code, message, issues } };
}

/**
 * Renders issues one per line as `path: message` (the path is omitted at the root).
 * @example formatIssues([{ path: 'notes', message: 'required' }]) // → ['notes: required']
 */
export function formatIssues(issues: readonly FieldIssue[]): string[] {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
}
