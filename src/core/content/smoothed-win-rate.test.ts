import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseWinRate, smoothedWinRate } from './smoothed-win-rate';

describe('smoothedWinRate', () => {
  it.each([
    ['is the base rate with no closed deal', 0, 0, 0.3, 10, 0.3],
    ['moves one lucky win only a little above the base rate', 1, 0, 0.3, 10, 4 / 11],
    ['weighs 14 wins in 20 deals against 10 pseudo-deals', 14, 6, 0.3, 10, 17 / 30],
    ['is the observed rate when the prior has no strength', 7, 2, 0.3, 0, 7 / 9],
  ])('%s', (_name, won, lost, base, strength, expected) => {
    expect(smoothedWinRate(won, lost, base, strength)).toBeCloseTo(expected, 12);
  });

  it('lies between the base rate and the observed win rate', () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.nat(500),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        (won, lost, base, m) => {
          fc.pre(won + lost > 0);
          const rate = smoothedWinRate(won, lost, base, m);
          const observed = won / (won + lost);
          return rate >= Math.min(base, observed) - 1e-12 && rate <= Math.max(base, observed) + 1e-12;
        },
      ),
    );
  });
});

describe('baseWinRate', () => {
  it.each([
    [
      'pools wins over closed deals across assets',
      [
        { won: 3, lost: 7 },
        { won: 1, lost: 1 },
      ],
      4 / 12,
    ],
    ['has no opinion (0.5) when nothing has closed', [{ won: 0, lost: 0 }], 0.5],
    ['has no opinion for an empty library', [], 0.5],
  ])('%s', (_name, outcomes, expected) => {
    expect(baseWinRate(outcomes)).toBeCloseTo(expected, 12);
  });
});
