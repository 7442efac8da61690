import type { DispositionOutcome, Playbook } from '../playbook/schema';

const PAST_TENSE: Record<DispositionOutcome, string> = {
  accept: 'accepted',
  reject: 'rejected',
  recycle: 'recycled',
};

/** A stage's label in the playbook, or its id when the playbook does not name it. */
export function stageLabel(playbook: Playbook, stageId: string): string {
  return playbook.stages.find((s) => s.id === stageId)?.label ?? stageId;
}

/**
 * Why a record in `stageId` may not take `outcome` (the outcome's `from` stages), or null when it may. The same
 * sentence is the disposition error and the disabled form button's explanation.
 * @example outcomeBlockedReason(playbook, 'accept', 'mql') // → 'only SQL records can be accepted to SAL; this record is MQL'
 */
export function outcomeBlockedReason(
  playbook: Playbook,
  outcome: DispositionOutcome,
  stageId: string,
): string | null {
  const rule = playbook.dispositions.outcomes[outcome];
  if (rule.from.includes(stageId)) return null;
  const allowed = joinOr(rule.from.map((id) => stageLabel(playbook, id)));
  const to = rule.toStage === null ? '' : ` to ${stageLabel(playbook, rule.toStage)}`;
  return `only ${allowed} records can be ${PAST_TENSE[outcome]}${to}; this record is ${stageLabel(playbook, stageId)}`;
}

function joinOr(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
