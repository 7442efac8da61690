import * as z from 'zod';
import { IsoInstantSchema } from './library-schema';

/** A content request (reverse brief): what sales needs marketing to build, for which stage and deals, how fast. */
export const ContentRequestSchema = z
  .object({
    id: z.string().min(1).optional().describe('Your own id; without one, an id is derived from the request.'),
    buyerStage: z.string().min(1).describe('A buyer stage id from the playbook.'),
    useCase: z.string().min(1).optional().describe('A use case id; give it, the objection, or both.'),
    objection: z.string().min(1).optional().describe('An objection type id the content must resolve.'),
    competitiveContext: z.string().min(1).optional().describe('The competitor or alternative in play.'),
    dealIds: z.array(z.string().min(1)).describe('Deals where the content would have helped.'),
    priority: z.enum(['standard', 'rush']),
    requestedBy: z.string().min(1),
    requestedAt: IsoInstantSchema,
    title: z.string().min(1),
    details: z.string().min(1),
    fulfilledAt: IsoInstantSchema.optional().describe('When marketing delivered it; absent while open.'),
  })
  .strict();

export type ContentRequestInput = z.input<typeof ContentRequestSchema>;
/** A validated request; its id is always set. */
export type ContentRequest = z.infer<typeof ContentRequestSchema> & { readonly id: string };
