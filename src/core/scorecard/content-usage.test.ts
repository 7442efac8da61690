import { describe, expect, it } from 'vitest';
import library from './__fixtures__/content-library.json';
import { fixture } from './__fixtures__/fixture';
import { contentUsage } from './content-usage';
import { toPeriodMs } from './period';

const input = fixture(library);
const period = toPeriodMs(input.period);

describe('contentUsage', () => {
  const result = contentUsage(input, period);

  it('audits the last 30 days of the period', () => {
    expect(result.window).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
  });

  it('counts active assets shared or touched in the window, not archived ones nor older touches', () => {
    // case-study (touched), roi-calculator (shared at the window's first instant), battle-card (shared by a marketer).
    expect([result.assetUsage.numerator, result.assetUsage.denominator]).toEqual([3, 4]);
  });

  it('counts reps who shared in the window among owners of deals open in the period and of its dispositions', () => {
    // Reps: u-ana (open deal), u-bo (closed in period), u-eve (disposition); not u-cy (closed before) nor u-dee (opened after).
    // Sharing in the window: u-ana and u-bo; u-eve shared before the window; u-mia is not a rep.
    expect([result.repsUsingLibrary.numerator, result.repsUsingLibrary.denominator]).toEqual([2, 3]);
  });

  it.each([
    [
      'explains a missing asset list instead of reporting 0 %',
      { ...input, assets: undefined },
      'assetUsage',
      'the input lists no assets',
    ],
    [
      'explains a missing share list instead of reporting 0 %',
      { ...input, shares: undefined },
      'repsUsingLibrary',
      'the input lists no library shares',
    ],
    ['explains a library with no active asset', { ...input, assets: [] }, 'assetUsage', 'no asset is active'],
    [
      'explains a period in which nobody worked a deal or a lead',
      { ...input, deals: [], dispositions: [] },
      'repsUsingLibrary',
      'no rep owned a deal or dispositioned a lead in the period',
    ],
  ] as const)('%s', (_name, records, measure, reason) => {
    expect(contentUsage(records, period)[measure]).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      reason,
    });
  });
});
