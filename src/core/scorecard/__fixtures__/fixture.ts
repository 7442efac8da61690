import { formatIssues } from '../../shared/result';
import type { ScorecardInput } from '../input-schema';
import { parseScorecardInput } from '../parse-scorecard-input';

/**
 * Validates a JSON fixture as report input, so a broken fixture fails loudly instead of testing nothing.
 * @example const input = fixture(twoSources); // → ScorecardInput, or an error naming every bad path
 */
export function fixture(json: unknown): ScorecardInput {
  const parsed = parseScorecardInput(json);
  if (!parsed.ok) throw new Error(`invalid fixture: ${formatIssues(parsed.error.issues).join('; ')}`);
  return parsed.data;
}
