import { describe, expect, it } from 'vitest';
import twoSources from './__fixtures__/funnel-two-sources.json';
import { fixture } from './__fixtures__/fixture';
import { ALL_SOURCES, funnel } from './funnel';
import { toPeriodMs } from './period';

const stages = [
  { id: 'inquiry', label: 'Inquiry' },
  { id: 'mql', label: 'MQL' },
  { id: 'sql', label: 'SQL' },
  { id: 'sal', label: 'SAL' },
];
const input = fixture(twoSources);
const result = funnel(input.leads, input.deals, stages, toPeriodMs(input.period));
const rowOf = (source: string) =>
  source === ALL_SOURCES ? result.overall : result.bySource.find((r) => r.source === source);

describe('funnel', () => {
  it.each([
    ['counts webinar leads that reached Inquiry in the period', 'webinar', 'inquiry', 4, 1],
    ['halves webinar leads from Inquiry to MQL', 'webinar', 'mql', 2, 0.5],
    ['follows the webinar lead that was won all the way', 'webinar', 'won', 1, 1],
    ['ignores a lead whose stages all fell before the period', 'paid-search', 'inquiry', 2, 1],
    ['counts a lead that skipped MQL as having passed it', 'paid-search', 'mql', 1, 0.5],
    ['counts a lead with two deals as one opportunity', 'paid-search', 'opportunity', 1, 1],
    ['gives zero, not null, when an opportunity was not won', 'paid-search', 'won', 0, 0],
    ['adds the sources up overall', ALL_SOURCES, 'inquiry', 6, 1],
    ['converts overall from MQL to SQL', ALL_SOURCES, 'sql', 2, 2 / 3],
    ['converts overall from Opportunity to Won', ALL_SOURCES, 'won', 1, 0.5],
  ])('%s', (_name, source, stepId, count, fromPrevious) => {
    const step = rowOf(source)?.steps.find((s) => s.id === stepId);
    expect(step?.count).toBe(count);
    expect(step?.fromPrevious.value).toBeCloseTo(fromPrevious, 12);
  });

  it.each([
    ['excludes a stage reached exactly at the end of the period', 'paid-search', 'mql', 1],
    ['excludes a stage reached a millisecond before the period', 'paid-search', 'inquiry', 2],
  ])('%s', (_name, source, stepId, count) => {
    expect(rowOf(source)?.steps.find((s) => s.id === stepId)?.count).toBe(count);
  });

  it('lists sources in a stable order with the steps in funnel order', () => {
    expect(result.bySource.map((r) => r.source)).toEqual(['paid-search', 'webinar']);
    expect(result.overall.steps.map((s) => s.id)).toEqual([
      'inquiry',
      'mql',
      'sql',
      'sal',
      'opportunity',
      'won',
    ]);
  });

  it('counts leads disqualified in the period by source', () => {
    expect([
      result.overall.disqualified,
      rowOf('webinar')?.disqualified,
      rowOf('paid-search')?.disqualified,
    ]).toEqual([1, 1, 0]);
  });

  it('measures conversion from the top of the funnel', () => {
    expect(rowOf('webinar')?.steps.map((s) => s.fromFirst.value)).toEqual([1, 0.5, 0.25, 0.25, 0.25, 0.25]);
  });

  it('gives null rates with a reason, never NaN, when no lead entered the funnel', () => {
    const empty = funnel([], [], stages, toPeriodMs(input.period));
    expect(empty.bySource).toEqual([]);
    expect(empty.overall.steps[1]).toEqual({
      id: 'mql',
      label: 'MQL',
      count: 0,
      fromPrevious: {
        numerator: 0,
        denominator: 0,
        value: null,
        reason: 'no lead reached Inquiry in the period',
      },
      fromFirst: {
        numerator: 0,
        denominator: 0,
        value: null,
        reason: 'no lead reached Inquiry in the period',
      },
    });
  });
});
