import { describe, expect, it } from 'vitest';
import { parseScorecardInput } from '../../core/scorecard/parse-scorecard-input';
import { scorecard } from '../../core/scorecard/scorecard';
import { loadPlaybook } from '../io/load-playbook';
import everyRecord from '../../core/scorecard/__fixtures__/quarter-with-every-kind-of-record.json';
import { renderText } from './render-text';

function textOf(json: unknown, period?: { from: string; to: string }): string {
  const playbook = loadPlaybook();
  const input = parseScorecardInput(json);
  if (!playbook.ok || !input.ok) throw new Error('fixtures and the default playbook must be valid');
  const card = scorecard(input.data, playbook.data, period ?? input.data.period);
  if (!card.ok) throw new Error(card.error.message);
  return renderText(card.data);
}

describe('renderText', () => {
  const text = textOf(everyRecord);
  const lines = text.split('\n');

  it('opens with the period, then the targets before any measure', () => {
    expect(lines[0]).toBe('Alignment scorecard 2026-01-01T00:00:00.000Z → 2026-04-01T00:00:00.000Z');
    expect(lines.slice(3, 9)).toEqual([
      'Targets',
      '        target                                  actual',
      '  FAIL  Leads handled within SLA ≥ 95 %         66.7 % (4 of 6)',
      '  PASS  Reps actively using the library ≥ 80 %  100.0 % (2 of 2)',
      '  PASS  Sales attendance at briefings ≥ 90 %    95.0 % (19 of 20)',
      '  FAIL  Feedback answered within 48 h ≥ 95 %    50.0 % (2 of 4)',
    ]);
  });

  it.each([
    ['the overall funnel with step conversions', 'all sources  4        3 (75.0 %)   2 (66.7 %)'],
    ['SLA compliance per owner', 'owner u-bo              66.7 % (2 of 3)   5 h 00 min   n/a'],
    ['win rate, cycle and deal size by source', 'webinar      2    1     66.7 %    40.0 d     30,000'],
    [
      'the marketing-sourced pipeline share',
      'Marketing-sourced: 60,000 of 235,000 = 25.5 % (deals that came from a lead)',
    ],
    ['the reject codes of a source', 'reject   reject_bad_data               2      50.0 %'],
    ['content in won and lost deals', 'case-study      1          1           50.0 %'],
    ['open and late content requests', 'requested 4, open 3 (late 2), fulfilled on time 1, fulfilled late 1'],
  ])('shows %s', (_name, line) => {
    expect(text).toContain(line);
  });

  it('says why a target has no verdict in an empty period', () => {
    const empty = textOf(everyRecord, { from: '2020-01-01T00:00:00Z', to: '2020-04-01T00:00:00Z' });
    expect(empty).toContain(
      'NO DATA  Leads handled within SLA ≥ 95 %         n/a (no clock was completed or violated in the period)',
    );
    expect(empty).not.toContain('NaN');
  });
});
