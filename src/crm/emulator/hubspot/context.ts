import type * as z from 'zod';
import type { RouteParams } from '../router';
import type { EmulatorRequest, EmulatorResponse } from '../types';
import { HubSpotError, invalid } from './errors';
import type { HubSpotStore, ObjectTypeInfo } from './store';

export interface HsContext {
  readonly store: HubSpotStore;
  /** The emulator clock, read once per request. */
  readonly now: number;
  readonly req: EmulatorRequest;
}

export type HsHandler = (params: RouteParams, ctx: HsContext) => EmulatorResponse;

/** Parses a request body with a zod schema, or throws HubSpot's 400. */
export function parseBody<S extends z.ZodType>(schema: S, req: EmulatorRequest): z.infer<S> {
  if (req.body === undefined && req.rawBody.trim() !== '') {
    throw invalid(`Invalid input JSON on line 1, column 1: the body is not JSON`);
  }
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      message: issue.message,
      code: 'INVALID_INPUT',
      in: issue.path.join('.') || 'body',
    }));
    throw new HubSpotError(
      400,
      'VALIDATION_ERROR',
      `Invalid input JSON: ${errors.map((e) => `${e.in}: ${e.message}`).join('; ')}`,
      errors,
    );
  }
  return parsed.data;
}

export function requireType(ctx: HsContext, segment: string | undefined): ObjectTypeInfo {
  const type = segment === undefined ? undefined : ctx.store.resolveType(segment);
  if (!type)
    throw new HubSpotError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${segment ?? ''}`);
  return type;
}

/** A query parameter that may repeat or hold a comma-separated list. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export const json = (status: number, body: unknown): EmulatorResponse => ({ status, body });
export const noContent = (): EmulatorResponse => ({ status: 204 });
