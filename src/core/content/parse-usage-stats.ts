import * as z from 'zod';
import type { Playbook } from '../playbook/schema';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { formatPath, zodIssues } from '../shared/zod-issues';
import { AssetUsageSchema, type AssetUsage } from './library-schema';
import { contentTaxonomy, unknownId } from './taxonomy';

const FileShape = z.object({ stats: z.array(z.unknown()) }).strict();

/**
 * Validates a usage-stats file: counts that add up and buyer stages the playbook knows.
 * @example parseUsageStats({ stats: [{ assetId: 'A1', dealsTouched: 1, wonDealsTouched: 2, … }] }, playbook) // → issue at 'stats[0].wonDealsTouched'
 */
export function parseUsageStats(
  input: unknown,
  playbook: Playbook,
): Result<readonly AssetUsage[], 'INVALID_USAGE_STATS'> {
  const file = FileShape.safeParse(input);
  if (!file.success) {
    return err('INVALID_USAGE_STATS', 'the usage stats do not match the schema', zodIssues(file.error));
  }
  const { buyerStages } = contentTaxonomy(playbook);
  const issues: FieldIssue[] = [];
  const add = (path: PropertyKey[], message: string) => issues.push({ path: formatPath(path), message });
  const seen = new Set<string>();
  const stats: AssetUsage[] = [];
  file.data.stats.forEach((raw, i) => {
    const at = (...rest: PropertyKey[]) => ['stats', i, ...rest];
    // Each row is parsed on its own, so one malformed row does not hide the inconsistencies of the others.
    const parsed = AssetUsageSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(at(...issue.path), issue.message);
      return;
    }
    const usage = parsed.data;
    stats.push(usage);
    if (seen.has(usage.assetId)) add(at('assetId'), `duplicate stats for asset "${usage.assetId}"`);
    seen.add(usage.assetId);
    // Open deals make up the difference; closed deals can never outnumber the deals touched.
    if (usage.wonDealsTouched + usage.lostDealsTouched > usage.dealsTouched) {
      add(
        at('wonDealsTouched'),
        `${usage.wonDealsTouched} won + ${usage.lostDealsTouched} lost is more than the ${usage.dealsTouched} deals touched`,
      );
    }
    for (const [stage, outcomes] of Object.entries(usage.byBuyerStage)) {
      if (!buyerStages.has(stage)) {
        add(at('byBuyerStage', stage), unknownId('buyer stage', stage, buyerStages));
        continue;
      }
      // A deal counts at most once per stage, so no stage can see more wins (or losses) than the total.
      if (outcomes.won > usage.wonDealsTouched) {
        add(
          at('byBuyerStage', stage, 'won'),
          `${outcomes.won} is more than the ${usage.wonDealsTouched} won deals touched`,
        );
      }
      if (outcomes.lost > usage.lostDealsTouched) {
        add(
          at('byBuyerStage', stage, 'lost'),
          `${outcomes.lost} is more than the ${usage.lostDealsTouched} lost deals touched`,
        );
      }
    }
  });
  if (issues.length > 0) return err('INVALID_USAGE_STATS', 'the usage stats are not valid', issues);
  return ok(stats);
}
