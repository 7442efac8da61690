import { describe, expect, it } from 'vitest';
import { openObjections, type ObjectionSource } from './open-objections';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();

describe('openObjections', () => {
  it.each<[string, ObjectionSource[], string[]]>([
    ['reads the objection a reason code carries', [{ reasonCode: 'recycle_no_budget' }], ['price']],
    [
      'ignores reason codes without an objection',
      [{ reasonCode: 'reject_duplicate' }, { reasonCode: 'nope' }],
      [],
    ],
    [
      'finds an objection named in the notes, in any case',
      [{ notes: 'They asked about ROI twice.' }],
      ['roi'],
    ],
    ['accepts a plural', [{ notes: 'Prices went up last year.' }], ['price']],
    ['ignores a name inside another word', [{ notes: 'A priceless heroic effort.' }], []],
    [
      'combines codes and notes, in playbook order, without duplicates',
      [
        { reasonCode: 'recycle_implementation_concern', notes: 'implementation and price' },
        { reasonCode: 'recycle_using_competitor' },
      ],
      ['price', 'competition', 'implementation'],
    ],
  ])('%s', (_name, sources, expected) => {
    expect(openObjections(sources, playbook)).toEqual(expected);
  });
});
