/**
 * zod schemas for the Salesforce JSON the adapter relies on: query results, the records it selects, collections
 * results and composite responses. Datetimes come back as `2026-12-03T15:00:00.000+0000` and leave as ISO instants.
 */
import * as z from 'zod';
import {
  ContentTouchFields,
  EngagementEventFields,
  LeadDispositionFields,
  Picklists,
  SystemFields,
  UserFields,
} from './schema-names';

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A Salesforce datetime (or date) as an ISO instant (`toISOString()`), or null when it is not one.
 * @example toIsoInstant('2026-12-03T15:00:00.000+0000') // → '2026-12-03T15:00:00.000Z'
 */
export function toIsoInstant(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00.000Z`;
  const m = INSTANT.exec(value);
  if (m === null) return null;
  const zone = m[3] === undefined || m[3] === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${m[1] ?? ''}T${m[2] ?? ''}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A datetime field: an ISO instant. */
export const sfInstant = z.string().transform((value, ctx) => {
  const iso = toIsoInstant(value);
  if (iso === null) {
    ctx.addIssue({ code: 'custom', message: `not a Salesforce datetime: ${value}` });
    return z.NEVER;
  }
  return iso;
});

/** An optional text field: absent, null and '' (Bulk CSV) all mean null. */
export const sfText = z
  .union([z.string(), z.null(), z.undefined()])
  .transform((value) => (value === undefined || value === '' ? null : value));

export const sfNumber = z.union([z.number(), z.string(), z.null(), z.undefined()]).transform((value, ctx) => {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `not a number: ${String(value)}` });
    return z.NEVER;
  }
  return n;
});

export const sfBoolean = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true');

export const sfInstantOrNull = z.union([z.string(), z.null(), z.undefined()]).transform((value, ctx) => {
  if (value === undefined || value === null || value === '') return null;
  const iso = toIsoInstant(value);
  if (iso === null) {
    ctx.addIssue({ code: 'custom', message: `not a Salesforce datetime: ${value}` });
    return z.NEVER;
  }
  return iso;
});

/** A child relationship in a query result: null when there are no children. */
export function childList<T extends z.ZodType>(record: T): z.ZodType<z.output<T>[], unknown> {
  return z
    .union([z.object({ records: z.array(record) }), z.null(), z.undefined()])
    .transform((value) =>
      value === null || value === undefined ? [] : value.records,
    ) as unknown as z.ZodType<z.output<T>[], unknown>;
}

/** `{ totalSize, done, records }` of `GET /query`. */
export function queryResult<T extends z.ZodType>(record: T) {
  return z.object({
    totalSize: z.number().int().nonnegative(),
    done: z.boolean(),
    records: z.array(record),
    nextRecordsUrl: z.string().optional(),
  });
}

/** One row of an sObject Collections answer. */
export const SaveResultSchema = z.object({
  id: z.string().optional().nullable(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z
    .array(
      z
        .object({ statusCode: z.string().optional(), errorCode: z.string().optional(), message: z.string() })
        .loose(),
    )
    .default([]),
});

export const SaveResultsSchema = z.array(SaveResultSchema);

/** `POST /composite`'s answer. */
export const CompositeResponseSchema = z.object({
  compositeResponse: z.array(
    z.object({
      body: z.unknown(),
      httpStatusCode: z.number().int(),
      referenceId: z.string(),
    }),
  ),
});

export const TouchRecordSchema = z.object({
  [SystemFields.id]: z.string(),
  [ContentTouchFields.contentAsset]: z.string(),
  [ContentTouchFields.opportunity]: sfText,
  [ContentTouchFields.lead]: sfText,
  [ContentTouchFields.contact]: sfText,
  [ContentTouchFields.channel]: sfText,
  [ContentTouchFields.touchedAt]: sfInstant,
  [ContentTouchFields.buyerStage]: sfText,
});

export const EventRecordSchema = z.object({
  [SystemFields.id]: z.string(),
  [EngagementEventFields.type]: z.string().min(1),
  [EngagementEventFields.occurredAt]: sfInstant,
  [EngagementEventFields.contentAsset]: sfText,
});

export const DispositionRecordSchema = z.object({
  [SystemFields.id]: z.string(),
  [LeadDispositionFields.idempotencyKey]: z.string(),
  [LeadDispositionFields.externalId]: sfText,
  [LeadDispositionFields.outcome]: z.enum(Picklists.dispositionOutcome),
  [LeadDispositionFields.reasonCode]: z.string(),
  [LeadDispositionFields.notes]: sfText,
  [LeadDispositionFields.disposedAt]: sfInstant,
  [LeadDispositionFields.disposedBy]: sfText,
  [LeadDispositionFields.submissionId]: sfText,
  [LeadDispositionFields.reasonLabel]: sfText,
  [LeadDispositionFields.recycleAt]: sfInstant.nullish(),
});

export const UserRecordSchema = z.object({
  [SystemFields.id]: z.string(),
  [UserFields.name]: sfText,
  [UserFields.email]: sfText,
  [UserFields.managerId]: sfText,
});

export const CountResultSchema = z.object({ totalSize: z.number().int().nonnegative() });
