import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUsageStats } from './parse-usage-stats';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));

describe('parseUsageStats', () => {
  it('accepts consistent stats and defaults a missing last use to null', () => {
    const result = parseUsageStats(fixture('stats-healthcare-pricing'), playbook);
    expect(result.ok && result.data.length).toBe(4);
    expect(result.ok && result.data[0]?.byBuyerStage).toEqual({ consideration: { won: 7, lost: 2 } });
    const bare = parseUsageStats(
      {
        stats: [
          { assetId: 'A', dealsTouched: 0, wonDealsTouched: 0, lostDealsTouched: 0, sharesLast30Days: 0 },
        ],
      },
      playbook,
    );
    expect(bare.ok && bare.data[0]).toMatchObject({ lastUsedAt: null, byBuyerStage: {} });
  });

  it('reports every inconsistency with its path, in every row', () => {
    const result = parseUsageStats(fixture('stats-closed-deals-exceed-touched'), playbook);
    expect(!result.ok && result.error.issues.map((i) => [i.path, i.message])).toEqual([
      ['stats[0].wonDealsTouched', '2 won + 2 lost is more than the 3 deals touched'],
      ['stats[0].byBuyerStage.evaluation', expect.stringContaining('unknown buyer stage "evaluation"')],
      ['stats[0].byBuyerStage.decision.won', '3 is more than the 2 won deals touched'],
      ['stats[1].sharesLast30Days', expect.stringContaining('>=0')],
    ]);
  });

  it('reports a duplicate row for the same asset', () => {
    const row = {
      assetId: 'A',
      dealsTouched: 0,
      wonDealsTouched: 0,
      lostDealsTouched: 0,
      sharesLast30Days: 0,
    };
    const result = parseUsageStats({ stats: [row, row] }, playbook);
    expect(!result.ok && result.error.issues).toEqual([
      { path: 'stats[1].assetId', message: 'duplicate stats for asset "A"' },
    ]);
  });
});
