import * as z from 'zod';

/** A rep's disposition as submitted from a record page; `submissionId` is generated once per form submit. */
export const DispositionSubmissionSchema = z
  .object({
    submissionId: z.string().trim().min(1, 'a submission id is required').max(200, 'at most 200 characters'),
    outcome: z.enum(['accept', 'reject', 'recycle'], 'outcome must be accept, reject or recycle'),
    // Presence and membership are checked against the playbook, so the message can name the outcome.
    reasonCode: z.string().optional(),
    notes: z.string('notes must be text').optional(),
    recycleAt: z.iso
      .datetime({
        offset: true,
        message: 'expected an ISO-8601 instant with an offset, e.g. 2026-06-01T09:00:00Z',
      })
      .optional(),
  })
  .strict();

/** What the CRM says about the record now; `appliedKeys` are the idempotency keys of dispositions already stored. */
export const DispositionStateSchema = z
  .object({
    recordId: z.string().trim().min(1, 'a record id is required'),
    stage: z.string().min(1, 'the record stage is required'),
    handoffStatus: z.string().optional(),
    ownerId: z.string().optional(),
    appliedKeys: z.array(z.string()).optional(),
  })
  .strict();

export type DispositionSubmission = z.infer<typeof DispositionSubmissionSchema>;
export type DispositionState = z.infer<typeof DispositionStateSchema>;
