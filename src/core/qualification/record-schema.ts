import * as z from 'zod';

/** A record property as the CRM adapters hand it over; lists (technologies) may also be `;`/`,`-separated text. */
export const PropertyValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
]);

/** A lead or contact under the playbook's neutral property names (industry, employees, jobTitle, …). */
export const QualificationRecordSchema = z
  .object({
    id: z.string().trim().min(1, 'a record needs an id'),
    properties: z.record(z.string(), PropertyValueSchema),
  })
  .strict();

/** One tracked engagement: `{ type: 'webinar_attended', at: '2026-03-02T15:00:00Z' }`. */
export const EngagementEventSchema = z
  .object({
    type: z.string().trim().min(1, 'an event needs a type'),
    // An explicit offset keeps the instant independent of the machine's zone.
    at: z.iso.datetime({
      offset: true,
      message: 'expected an ISO-8601 instant with an offset, e.g. 2026-03-02T15:00:00Z',
    }),
    assetId: z.string().optional(),
  })
  .strict();

/** A record with its events, the unit of a `handoff qualify` export. */
export const RecordWithEventsSchema = z
  .object({
    id: QualificationRecordSchema.shape.id,
    properties: QualificationRecordSchema.shape.properties,
    events: z.array(EngagementEventSchema).default([]),
  })
  .strict();

export type PropertyValue = z.infer<typeof PropertyValueSchema>;
export type QualificationRecord = z.infer<typeof QualificationRecordSchema>;
export type EngagementEvent = z.infer<typeof EngagementEventSchema>;
export type RecordWithEvents = z.infer<typeof RecordWithEventsSchema>;
