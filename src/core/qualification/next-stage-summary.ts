import type { Requirement } from './types';

/**
 * The sentence that tells a rep what stands between the record and the next stage, built from requirement labels.
 * @example nextStageSummary('SQL', [{ label: 'need answered', met: true }, { label: 'budget answered', met: false }]) // → 'meets 1 of 2 SQL criteria; misses budget answered'
 */
export function nextStageSummary(stageLabel: string, requirements: readonly Requirement[]): string {
  return summaryOf(stageLabel, requirements.length, missingLabels(requirements));
}

/** The labels of the unmet requirements, in order (a plain loop: it runs once per qualified record). */
export function missingLabels(requirements: readonly Requirement[]): string[] {
  let count = 0;
  for (const requirement of requirements) if (!requirement.met) count++;
  // Sized up front: a pushed-to empty array reserves room for 17.
  const missing = new Array<string>(count);
  let at = 0;
  for (const requirement of requirements) if (!requirement.met) missing[at++] = requirement.label;
  return missing;
}

/** `nextStageSummary` for a caller that already has the missing labels, so they are not collected twice. */
export function summaryOf(stageLabel: string, total: number, missing: readonly string[]): string {
  const noun = total === 1 ? 'criterion' : 'criteria';
  const head = `meets ${total - missing.length} of ${total} ${stageLabel} ${noun}`;
  return missing.length === 0 ? `${head}; every criterion is met` : `${head}; misses ${joinWords(missing)}`;
}

/** Joins words as a sentence does: "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[]): string {
  const last = words.length - 1;
  if (last < 0) return '';
  // Concatenation rather than slice + join: no intermediate array.
  let text = words[0] as string;
  for (let i = 1; i < last; i++) text += `, ${words[i] as string}`;
  return last === 0 ? text : `${text} and ${words[last] as string}`;
}
