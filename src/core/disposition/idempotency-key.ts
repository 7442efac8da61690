import { sha256Hex } from '../shared/sha256';
import { canonicalJson } from './canonical-json';

/** The content that identifies one disposition: a retry repeats it exactly, an edit changes it. */
export interface DispositionIdentity {
  readonly recordId: string;
  readonly submissionId: string;
  readonly outcome: string;
  readonly reasonCode: string;
  /** Trimmed; '' when none. */
  readonly notes: string;
  /** The recycle date as submitted, normalised to `toISOString()`; null when none was given (a default date moves with now). */
  readonly recycleAt: string | null;
}

/**
 * The idempotency key of a disposition: hex SHA-256 of the canonical JSON of its identity. A retried submit gives
 * the same key; different content under the same submission id gives a different one.
 * @example dispositionKey({ recordId: 'c1', submissionId: 's1', outcome: 'accept', reasonCode: 'accept_meeting_booked', notes: '', recycleAt: null }) // → '3f…' (64 hex digits)
 */
export function dispositionKey(identity: DispositionIdentity): string {
  return sha256Hex(
    canonicalJson({
      recordId: identity.recordId,
      submissionId: identity.submissionId,
      outcome: identity.outcome,
      reasonCode: identity.reasonCode,
      notes: identity.notes,
      recycleAt: identity.recycleAt,
    }),
  );
}
