/** What the timeline note says about one disposition; labels come from the playbook. */
export interface TimelineNoteInput {
  readonly outcomeLabel: string;
  readonly reasonLabel: string;
  readonly fromStageLabel: string;
  readonly toStageLabel: string | null;
  readonly leadStatus: string;
  readonly notes: string;
  readonly recycleAt: string | null;
}

/**
 * The plain-text note a disposition leaves on the record's timeline: outcome, reason, stage move, notes and
 * recycle date, one per line (the adapter escapes it for HTML).
 * @example timelineNote({ outcomeLabel: 'Reject', reasonLabel: 'Competitor or vendor', fromStageLabel: 'MQL', toStageLabel: null, leadStatus: 'disqualified', notes: '', recycleAt: null }) // → 'Disposition: Reject — Competitor or vendor\nStage: MQL (unchanged), status disqualified'
 */
export function timelineNote(input: TimelineNoteInput): string {
  const stage =
    input.toStageLabel === null || input.toStageLabel === input.fromStageLabel
      ? `${input.fromStageLabel} (unchanged)`
      : `${input.fromStageLabel} → ${input.toStageLabel}`;
  const lines = [
    `Disposition: ${input.outcomeLabel} — ${input.reasonLabel}`,
    `Stage: ${stage}, status ${input.leadStatus}`,
  ];
  if (input.notes !== '') lines.push(`Notes: ${input.notes}`);
  if (input.recycleAt !== null) lines.push(`Back to marketing until: ${input.recycleAt}`);
  return lines.join('\n');
}
