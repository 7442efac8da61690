import * as z from 'zod';
import { LEAD_STATUSES } from './lead-statuses';
import { CalendarSchema } from '../sla/calendar-schema';
import { parseBusinessDuration } from '../time/duration';

const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'ids are lower-case letters, digits, "-" and "_"');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** An ISO-8601 duration of business time: `PT4H`, `PT37H13M`, `PT0S`. */
export const BusinessDurationSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseBusinessDuration(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error.message });
});

// ---------------------------------------------------------------- criteria

const labelled = { label: z.string().optional().describe('What a rep reads, e.g. "50+ employees".') };

const PropertyCriterionSchema = z.discriminatedUnion('op', [
  z.object({
    kind: z.literal('property'),
    property: z.string(),
    op: z.enum(['eq', 'neq']),
    value: scalar,
    ...labelled,
  }),
  z.object({
    kind: z.literal('property'),
    property: z.string(),
    op: z.enum(['in', 'not_in']),
    values: z.array(scalar).min(1),
    ...labelled,
  }),
  z.object({
    kind: z.literal('property'),
    property: z.string(),
    op: z.enum(['gte', 'lte']),
    value: z.number(),
    ...labelled,
  }),
  z.object({
    kind: z.literal('property'),
    property: z.string(),
    op: z.literal('between'),
    min: z.number(),
    max: z.number(),
    ...labelled,
  }),
  z.object({
    kind: z.literal('property'),
    property: z.string(),
    op: z.literal('contains'),
    value: z.string().min(1),
    ...labelled,
  }),
  z.object({
    kind: z.literal('property'),
    property: z.string(),
    op: z.enum(['exists', 'not_exists']),
    ...labelled,
  }),
]);

const EngagementCriterionSchema = z.object({
  kind: z.literal('engagement'),
  eventTypes: z.array(z.string()).min(1).describe('Any of these event types counts.'),
  minCount: z.number().positive(),
  windowDays: z.number().int().positive(),
  halfLifeDays: z
    .number()
    .positive()
    .optional()
    .describe('With decay, an event counts 2^(-age/halfLife) instead of 1.'),
  ...labelled,
});

const IcpFacetSchema = z.enum([
  'industry',
  'employees',
  'revenue',
  'geography',
  'role',
  'seniority',
  'technographics',
]);

const IcpCriterionSchema = z.object({
  kind: z.literal('icp'),
  facets: z
    .array(IcpFacetSchema)
    .min(1)
    .optional()
    .describe('Which ICP facets must match; default: all defined.'),
  ...labelled,
});

const ScoreCriterionSchema = z.object({
  kind: z.enum(['fit_score', 'engagement_score']),
  min: z.number().min(0).max(100),
  ...labelled,
});

const DiscoveryCriterionSchema = z.object({
  kind: z.literal('discovery'),
  questions: z.array(id).min(1).describe('Ids from discoveryQuestions; each must be answered.'),
  ...labelled,
});

export type PropertyCriterion = z.infer<typeof PropertyCriterionSchema>;
export type EngagementCriterion = z.infer<typeof EngagementCriterionSchema>;
export type IcpCriterion = z.infer<typeof IcpCriterionSchema>;
export type ScoreCriterion = z.infer<typeof ScoreCriterionSchema>;
export type DiscoveryCriterion = z.infer<typeof DiscoveryCriterionSchema>;
export type IcpFacet = z.infer<typeof IcpFacetSchema>;

export interface AllOfCriterion {
  kind: 'all_of';
  criteria: Criterion[];
  label?: string | undefined;
}
export interface AtLeastCriterion {
  kind: 'at_least';
  n: number;
  criteria: Criterion[];
  label?: string | undefined;
}
export type Criterion =
  | PropertyCriterion
  | EngagementCriterion
  | IcpCriterion
  | ScoreCriterion
  | DiscoveryCriterion
  | AllOfCriterion
  | AtLeastCriterion;

export const CriterionSchema: z.ZodType<Criterion> = z.lazy(() =>
  z.union([
    PropertyCriterionSchema,
    EngagementCriterionSchema,
    IcpCriterionSchema,
    ScoreCriterionSchema,
    DiscoveryCriterionSchema,
    z.object({ kind: z.literal('all_of'), criteria: z.array(CriterionSchema).min(1), ...labelled }),
    z.object({
      kind: z.literal('at_least'),
      n: z.number().int().positive(),
      criteria: z.array(CriterionSchema).min(1),
      ...labelled,
    }),
  ]),
);

// ---------------------------------------------------------------- sections

const StageSchema = z
  .object({
    id,
    label: z.string(),
    description: z.string().optional(),
    entry: CriterionSchema.describe(
      'Entry criteria; a stage is reached when these and every earlier stage are met.',
    ),
  })
  .strict();

const rangeFacet = {
  property: z.string(),
  min: z.number().nonnegative().optional(),
  max: z.number().nonnegative().optional(),
  weight: z.number().nonnegative().default(1),
};
const listFacet = {
  property: z.string(),
  values: z.array(z.string()).min(1),
  weight: z.number().nonnegative().default(1),
};

const IcpSchema = z
  .object({
    industries: z.object(listFacet).strict().optional(),
    employees: z.object(rangeFacet).strict().optional(),
    revenue: z.object(rangeFacet).strict().optional(),
    geographies: z.object(listFacet).strict().optional(),
    roles: z
      .object({
        ...listFacet,
        values: z.array(z.string()).min(1).describe('Keywords matched inside the job title.'),
      })
      .strict()
      .optional(),
    seniorities: z.object(listFacet).strict().optional(),
    technographics: z
      .object({ ...listFacet, minMatches: z.number().int().positive().default(1) })
      .strict()
      .optional(),
  })
  .strict()
  .describe('The ideal customer profile; fit score = matched facet weights / all facet weights × 100.');

const EngagementScoringSchema = z
  .object({
    windowDays: z.number().int().positive().default(90),
    halfLifeDays: z.number().positive().optional(),
    points: z.record(z.string(), z.number()).describe('Points per event type, e.g. webinar_attended: 25.'),
    maxScore: z.number().positive().default(100),
  })
  .strict();

const DiscoveryQuestionSchema = z
  .object({ id, property: z.string(), label: z.string(), question: z.string().optional() })
  .strict();

const EscalationSchema = z
  .object({
    after: BusinessDurationSchema.describe('Business time since the trigger, e.g. PT24H.'),
    action: z.enum(['remind_owner', 'alert_owner', 'notify_manager', 'notify_team']),
    label: z.string().optional(),
  })
  .strict();

const SlaTriggerSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('stage_entered'), stage: id }).strict(),
  z.object({ event: z.literal('lead_recycled') }).strict(),
  z.object({ event: z.literal('content_requested'), priority: z.enum(['standard', 'rush']) }).strict(),
]);

const PauseRuleSchema = z
  .object({
    property: z.string(),
    in: z.array(scalar).min(1),
    label: z.string().optional(),
  })
  .strict()
  .describe('The clock is paused while the record property has one of these values.');

const SlaPolicySchema = z
  .object({
    id,
    label: z.string(),
    owner: z.enum(['sales', 'marketing']),
    trigger: SlaTriggerSchema,
    target: BusinessDurationSchema,
    calendar: id,
    stopsOn: z
      .enum(['first_touch', 'disposition', 'fulfilled'])
      .default('first_touch')
      .describe('What completes the clock.'),
    pauseWhen: z.array(PauseRuleSchema).default([]),
    escalations: z.array(EscalationSchema).default([]),
    escalateTo: z
      .object({
        email: z.email().describe('The CRM user (found by email in either CRM) who receives the steps.'),
      })
      .strict()
      .optional()
      .describe(
        "Who receives this policy's owner steps instead of the lead's owner (manager steps go to their manager), " +
          'e.g. marketing operations for the recycled-lead response.',
      ),
  })
  .strict();

const OutcomeSchema = z
  .object({
    label: z.string(),
    from: z.array(id).min(1).describe('Stages a record may be in to take this outcome.'),
    toStage: id
      .nullable()
      .describe('The stage after the outcome; null keeps the stage (the lead leaves the funnel).'),
    leadStatus: z
      .enum(LEAD_STATUSES)
      .describe('The handoff status written to the record (a fixed vocabulary both CRMs store).'),
    restartsPolicy: id
      .optional()
      .describe('An SLA policy started by this outcome (recycle → marketing response).'),
  })
  .strict();

const ReasonCodeSchema = z
  .object({
    id,
    label: z.string(),
    outcome: z.enum(['accept', 'reject', 'recycle']),
    notesRequired: z.boolean().default(false),
    minNoteLength: z.number().int().nonnegative().default(0),
    recycleAfterDays: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Recycle only: the default nurture delay.'),
    objection: id.optional().describe('The objection type this reason reveals, used to rank content.'),
  })
  .strict();

const TaxonomyEntrySchema = z.object({ id, label: z.string() }).strict();

const ContentSchema = z
  .object({
    buyerStages: z.array(TaxonomyEntrySchema).min(1),
    useCases: z.array(TaxonomyEntrySchema),
    objectionTypes: z.array(TaxonomyEntrySchema),
    formats: z.array(TaxonomyEntrySchema),
    stageMap: z
      .object({
        lead: z.record(id, id).describe('Lead stage id → buyer stage id.'),
        deal: z.record(id, id).describe('Deal stage id → buyer stage id.'),
      })
      .strict(),
    requests: z
      .object({ standardPolicy: id, rushPolicy: id })
      .strict()
      .describe('SLA policies for content requests (reverse briefs).'),
  })
  .strict();

const AttributionSchema = z
  .object({
    halfLifeDays: z.number().positive().default(7),
    custom: z
      .object({
        FT: z.number().min(0).max(1),
        LC: z.number().min(0).max(1),
        OC: z.number().min(0).max(1),
        LAST: z.number().min(0).max(1),
        middle: z.number().min(0).max(1),
      })
      .strict()
      .describe('Shares of the custom position model; they must add up to 1.'),
  })
  .strict();

const ScorecardTargetsSchema = z
  .object({
    slaCompliance: z.number().min(0).max(1).default(0.95),
    libraryUsage: z.number().min(0).max(1).default(0.8),
    briefingAttendance: z.number().min(0).max(1).default(0.9),
    feedbackResponseHours: z.number().positive().default(48),
  })
  .strict();

export const PlaybookSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1).describe('The playbook format version.'),
    name: z.string(),
    revision: z.string().optional().describe('Your own label for this edition, e.g. "2026-Q4".'),
    stages: z
      .array(StageSchema)
      .min(2)
      .describe('Lead stages in funnel order, e.g. inquiry → mql → sql → sal.'),
    dealStages: z.array(TaxonomyEntrySchema).min(1),
    icp: IcpSchema,
    engagement: EngagementScoringSchema,
    discoveryQuestions: z.array(DiscoveryQuestionSchema).default([]),
    calendars: z.array(CalendarSchema).min(1),
    slaPolicies: z.array(SlaPolicySchema),
    dispositions: z
      .object({
        outcomes: z.object({ accept: OutcomeSchema, reject: OutcomeSchema, recycle: OutcomeSchema }).strict(),
        reasonCodes: z.array(ReasonCodeSchema).min(1),
        maxNoteLength: z.number().int().positive().default(5000),
      })
      .strict(),
    content: ContentSchema,
    attribution: AttributionSchema,
    scorecard: ScorecardTargetsSchema.prefault({}),
    propertyMap: z
      .object({
        hubspot: z.record(z.string(), z.string()).default({}),
        salesforce: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .prefault({})
      .describe('Playbook property name → CRM field name, where they differ from the built-in mapping.'),
  })
  .strict();

export type Playbook = z.infer<typeof PlaybookSchema>;
export type PlaybookInput = z.input<typeof PlaybookSchema>;
export type Stage = Playbook['stages'][number];
export type SlaPolicy = Playbook['slaPolicies'][number];
export type Escalation = SlaPolicy['escalations'][number];
export type ReasonCode = Playbook['dispositions']['reasonCodes'][number];
export type DispositionOutcome = ReasonCode['outcome'];
export type Icp = Playbook['icp'];
export type EngagementScoring = Playbook['engagement'];
export type DiscoveryQuestion = Playbook['discoveryQuestions'][number];
