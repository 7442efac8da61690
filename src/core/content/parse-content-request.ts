import type { Playbook } from '../playbook/schema';
import { sha256Hex } from '../shared/sha256';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { zodIssues } from '../shared/zod-issues';
import { ContentRequestSchema, type ContentRequest } from './content-request-schema';
import { contentTaxonomy, unknownId } from './taxonomy';

/**
 * Validates a content request against the schema and the playbook's taxonomy, and gives it a stable id.
 * @example parseContentRequest({ buyerStage: 'decision', objection: 'price', … }, playbook).data.id // → 'cr-3f9a…'
 */
export function parseContentRequest(
  input: unknown,
  playbook: Playbook,
): Result<ContentRequest, 'INVALID_CONTENT_REQUEST'> {
  const parsed = ContentRequestSchema.safeParse(input);
  if (!parsed.success) {
    return err(
      'INVALID_CONTENT_REQUEST',
      'the content request does not match the schema',
      zodIssues(parsed.error),
    );
  }
  const request = parsed.data;
  const taxonomy = contentTaxonomy(playbook);
  const issues: FieldIssue[] = [];
  if (!taxonomy.buyerStages.has(request.buyerStage)) {
    issues.push({
      path: 'buyerStage',
      message: unknownId('buyer stage', request.buyerStage, taxonomy.buyerStages),
    });
  }
  if (request.useCase !== undefined && !taxonomy.useCases.has(request.useCase)) {
    issues.push({ path: 'useCase', message: unknownId('use case', request.useCase, taxonomy.useCases) });
  }
  if (request.objection !== undefined && !taxonomy.objections.has(request.objection)) {
    issues.push({
      path: 'objection',
      message: unknownId('objection type', request.objection, taxonomy.objections),
    });
  }
  if (request.useCase === undefined && request.objection === undefined) {
    issues.push({
      path: 'useCase',
      message: 'give the use case or the objection the content must resolve (or both)',
    });
  }
  // Rush exists for live deals; without one, the request waits its turn.
  if (request.priority === 'rush' && request.dealIds.length === 0) {
    issues.push({ path: 'dealIds', message: 'a rush request names at least one live deal' });
  }
  if (
    request.fulfilledAt !== undefined &&
    Date.parse(request.fulfilledAt) < Date.parse(request.requestedAt)
  ) {
    issues.push({ path: 'fulfilledAt', message: 'fulfilled before it was requested' });
  }
  if (issues.length > 0) {
    return err('INVALID_CONTENT_REQUEST', 'the content request does not match the playbook', issues);
  }
  return ok({ ...request, id: request.id ?? contentRequestId(request) });
}

/**
 * A stable id derived from what the rep asked for, so filing the same request twice (a retry, a double click)
 * yields the same id and the store can ignore the duplicate. Details and fulfilment do not change the identity.
 * @example contentRequestId(request) // → 'cr-1a2b3c4d5e6f7a8b'
 */
export function contentRequestId(request: {
  readonly buyerStage: string;
  readonly useCase?: string | undefined;
  readonly objection?: string | undefined;
  readonly dealIds: readonly string[];
  readonly priority: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly title: string;
}): string {
  const identity = JSON.stringify([
    request.requestedBy,
    Date.parse(request.requestedAt),
    request.buyerStage,
    request.useCase ?? null,
    request.objection ?? null,
    request.priority,
    request.title.trim(),
    [...request.dealIds].sort(),
  ]);
  return `cr-${sha256Hex(identity).slice(0, 16)}`;
}
