import { describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../../test/support/default-playbook';
import { buyerStageAt } from './buyer-stage';

const playbook = defaultPlaybook();

describe('buyerStageAt', () => {
  it.each<[string, { dealStage?: string | null; leadStage?: string | null }, string | null]>([
    [
      'a touch on a deal takes the deal stage’s buyer stage',
      { dealStage: 'proposal', leadStage: 'mql' },
      'decision',
    ],
    ['a touch on a lead alone takes the lead stage’s', { leadStage: 'mql' }, 'consideration'],
    ['a deal with a null stage falls back to the lead', { dealStage: null, leadStage: 'sal' }, 'decision'],
    [
      'a deal stage the playbook does not map falls back to the lead',
      { dealStage: 'legal', leadStage: 'inquiry' },
      'awareness',
    ],
    ['a won deal is expansion', { dealStage: 'closed_won' }, 'expansion'],
    ['nothing mapped is null', { dealStage: 'legal', leadStage: 'customer' }, null],
    ['no stage at all is null', {}, null],
    ['an inherited name is not a stage', { leadStage: 'constructor' }, null],
  ])('%s', (_scenario, at, expected) => {
    expect(buyerStageAt(playbook, at)).toBe(expected);
  });
});
