import type { Requirement } from './types';

/**
 * The sentence that tells a rep what stands between the record and the next stage, built from requirement labels.
 * @example nextStageSummary('SQL', [{ label: 'need answered', met: true }, { label: 'budget answered', met: false }]) // → 'meets 1 of 2 SQL criteria; misses budget answered'
 */
export function nextStageSummary(stageLabel: string, requirements: readonly Requirement[]): string {
  const missing = requirements.filter((r) => !r.met).map((r) => r.label);
  const met = requirements.length - missing.length;
  const noun = requirements.length === 1 ? 'criterion' : 'criteria';
  const head = `meets ${met} of ${requirements.length} ${stageLabel} ${noun}`;
  return missing.length === 0 ? `${head}; every criterion is met` : `${head}; misses ${joinWords(missing)}`;
}

/** Joins words as a sentence does: "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
