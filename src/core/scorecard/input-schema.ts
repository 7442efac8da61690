import * as z from 'zod';

// Instants must carry Z or an offset: a zone-less time would depend on the machine's time zone.
const instant = z.iso.datetime({
  offset: true,
  message: 'expected an ISO-8601 date-time with Z or an offset',
});
const id = z.string().min(1, 'must not be empty');
const count = z.number().int().nonnegative();

/** The period a scorecard covers, `from` inclusive and `to` exclusive. */
export const PeriodSchema = z
  .object({ from: instant, to: instant })
  .refine((p) => Date.parse(p.from) < Date.parse(p.to), {
    message: '`from` must be before `to`',
    path: ['to'],
  });

const StageEntrySchema = z.object({ stage: id, at: instant });

const LeadSchema = z.object({
  id,
  source: id,
  ownerId: id,
  createdAt: instant,
  stageHistory: z.array(StageEntrySchema),
  handoffStatus: z.string().optional(),
  disqualifiedAt: instant.nullable().optional(),
});

const DealSchema = z
  .object({
    id,
    leadId: id.optional(),
    source: id,
    ownerId: id,
    amount: z.number().nonnegative(),
    createdAt: instant,
    closedAt: instant.nullable(),
    won: z.boolean().nullable(),
  })
  .superRefine((deal, ctx) => {
    // An open deal has no outcome and a closed one must have one, or win rates would silently skip it.
    if (deal.closedAt === null && deal.won !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['won'],
        message: 'must be null while the deal is open (closedAt is null)',
      });
    if (deal.closedAt !== null && deal.won === null)
      ctx.addIssue({
        code: 'custom',
        path: ['won'],
        message: 'must be true or false once the deal is closed',
      });
    if (deal.closedAt !== null && Date.parse(deal.closedAt) < Date.parse(deal.createdAt))
      ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'must not be before createdAt' });
  });

const DispositionSchema = z.object({
  id,
  leadId: id,
  outcome: z.enum(['accept', 'reject', 'recycle']),
  reasonCode: id,
  at: instant,
  ownerId: id,
});

const TouchSchema = z.object({ id, dealId: id, assetId: id, channel: id, at: instant });

const SlaClockSchema = z.object({
  recordId: id,
  policyId: id,
  ownerId: id,
  status: z.enum(['running', 'paused', 'met', 'breached']),
  elapsedMs: z.number().nonnegative(),
  isCompleted: z.boolean(),
  isViolated: z.boolean(),
  triggeredAt: instant,
  completedAt: instant.nullable(),
});

const AssetSchema = z.object({ id, status: z.enum(['active', 'archived']) });
const ShareSchema = z.object({ assetId: id, ownerId: id, at: instant });
const ContentRequestSchema = z.object({
  id,
  priority: z.enum(['standard', 'rush']),
  requestedAt: instant,
  dueAt: instant,
  fulfilledAt: instant.nullable(),
});
const BriefingSchema = z
  .object({ at: instant, salesInvited: count, salesAttended: count })
  .refine((b) => b.salesAttended <= b.salesInvited, {
    message: 'cannot exceed salesInvited',
    path: ['salesAttended'],
  });
const FeedbackSchema = z.object({ at: instant, answeredAt: instant.nullable() });

/** What `handoff report --input` reads: the period and the records the scorecard measures. */
export const ScorecardInputSchema = z.object({
  period: PeriodSchema,
  leads: z.array(LeadSchema),
  deals: z.array(DealSchema),
  dispositions: z.array(DispositionSchema),
  touches: z.array(TouchSchema),
  slaClocks: z.array(SlaClockSchema),
  assets: z.array(AssetSchema).optional(),
  shares: z.array(ShareSchema).optional(),
  contentRequests: z.array(ContentRequestSchema).optional(),
  briefings: z.array(BriefingSchema).optional(),
  feedback: z.array(FeedbackSchema).optional(),
  marketingSources: z
    .array(id)
    .optional()
    .describe(
      'Deal sources that count as marketing-sourced; without it, a deal with a leadId is marketing-sourced.',
    ),
});

export type ScorecardInput = z.infer<typeof ScorecardInputSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Lead = ScorecardInput['leads'][number];
export type Deal = ScorecardInput['deals'][number];
export type Disposition = ScorecardInput['dispositions'][number];
export type Touch = ScorecardInput['touches'][number];
export type SlaClock = ScorecardInput['slaClocks'][number];
export type Asset = NonNullable<ScorecardInput['assets']>[number];
export type Share = NonNullable<ScorecardInput['shares']>[number];
export type ContentRequest = NonNullable<ScorecardInput['contentRequests']>[number];
export type Briefing = NonNullable<ScorecardInput['briefings']>[number];
export type Feedback = NonNullable<ScorecardInput['feedback']>[number];
