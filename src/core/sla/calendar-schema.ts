import * as z from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const wallTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a wall-clock time "HH:MM" (00:00–24:00)');

/** `[open, close)` in local wall-clock time; close may be `24:00`. */
export const BusinessIntervalSchema = z.tuple([wallTime, wallTime]);

/**
 * True when the runtime's time-zone database knows the IANA zone.
 * @example isKnownTimeZone('America/New_York') // → true; isKnownTimeZone('Mars/Olympus') // → false
 */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const CalendarSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids are lower-case letters, digits, "-" and "_"'),
    label: z.string().optional(),
    timeZone: z.string().superRefine((zone, ctx) => {
      if (!isKnownTimeZone(zone)) ctx.addIssue({ code: 'custom', message: `unknown time zone "${zone}"` });
    }),
    hours: z.partialRecord(z.enum(WEEKDAYS), z.array(BusinessIntervalSchema)),
    holidays: z
      .array(
        z
          .string()
          .regex(
            /^(?:\d{4}|\*)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
            'expected a holiday as YYYY-MM-DD or *-MM-DD (every year)',
          ),
      )
      .default([]),
  })
  .strict()
  .describe(
    'A business-hours calendar: weekly [open, close) wall-clock intervals in a time zone, minus holidays.',
  );

export type CalendarSpec = z.infer<typeof CalendarSchema>;
export type CalendarInput = z.input<typeof CalendarSchema>;
