import type { DispositionOutcome, Playbook } from '../playbook/schema';
import { outcomeBlockedReason, stageLabel } from './outcome-rule';

const DAY_MS = 86_400_000;
const OUTCOMES: readonly DispositionOutcome[] = ['accept', 'reject', 'recycle'];

/** One reason code as the form offers it, with what a submission citing it must carry. */
export interface ReasonOption {
  readonly id: string;
  readonly label: string;
  readonly notesRequired: boolean;
  /** The fewest characters notes must have once trimmed: 0 unless required, then at least 1. */
  readonly minNoteLength: number;
  /** The objection type this reason reveals (content is ranked for it), or null. */
  readonly objection: string | null;
  /** Recycle only: the date `disposition` will use when the rep picks none (now + the reason's delay). */
  readonly defaultRecycleAt: string | null;
  /** Recycle only: the reason has no default delay, so the rep must pick a date. */
  readonly recycleDateRequired: boolean;
}

/** One outcome button: whether this record may take it, why not, and its reasons. */
export interface OutcomeOption {
  readonly outcome: DispositionOutcome;
  readonly label: string;
  /** The stage after the outcome, null when the record keeps its stage (it leaves the funnel). */
  readonly toStage: string | null;
  readonly toStageLabel: string | null;
  readonly allowed: boolean;
  /** Why a record in this stage may not take it (the sentence `disposition` answers), null when allowed. */
  readonly blockedReason: string | null;
  readonly reasons: readonly ReasonOption[];
}

/** Everything a disposition form needs for one record, decided by the same rules `disposition` checks. */
export interface DispositionForm {
  readonly stage: string;
  readonly stageLabel: string;
  readonly outcomes: readonly OutcomeOption[];
  readonly maxNoteLength: number;
}

/**
 * The disposition form for a record in `stageId` at `nowMs`: every outcome (accept, reject, recycle) with whether it
 * is allowed from this stage, its reason codes in playbook order and their note and recycle-date requirements. What
 * the form offers, `disposition` accepts; what it blocks, `disposition` refuses with the same sentence.
 * @example dispositionForm(playbook, 'mql', nowMs).outcomes[0] // → { outcome: 'accept', allowed: false, blockedReason: 'only SQL records can be accepted to SAL; this record is MQL', … }
 */
export function dispositionForm(playbook: Playbook, stageId: string, nowMs: number): DispositionForm {
  const { outcomes, reasonCodes, maxNoteLength } = playbook.dispositions;
  return {
    stage: stageId,
    stageLabel: stageLabel(playbook, stageId),
    maxNoteLength,
    outcomes: OUTCOMES.map((outcome): OutcomeOption => {
      const rule = outcomes[outcome];
      const blockedReason = outcomeBlockedReason(playbook, outcome, stageId);
      return {
        outcome,
        label: rule.label,
        toStage: rule.toStage,
        toStageLabel: rule.toStage === null ? null : stageLabel(playbook, rule.toStage),
        allowed: blockedReason === null,
        blockedReason,
        reasons: reasonCodes
          .filter((code) => code.outcome === outcome)
          .map((code) => {
            const recycle = outcome === 'recycle';
            const days = code.recycleAfterDays;
            return {
              id: code.id,
              label: code.label,
              notesRequired: code.notesRequired,
              minNoteLength: code.notesRequired ? Math.max(1, code.minNoteLength) : 0,
              objection: code.objection ?? null,
              defaultRecycleAt:
                recycle && days !== undefined ? new Date(nowMs + days * DAY_MS).toISOString() : null,
              recycleDateRequired: recycle && days === undefined,
            };
          }),
      };
    }),
  };
}
