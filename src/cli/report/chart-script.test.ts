import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import everyRecord from '../../core/scorecard/__fixtures__/quarter-with-every-kind-of-record.json';
import { parseScorecardInput } from '../../core/scorecard/parse-scorecard-input';
import { scorecard } from '../../core/scorecard/scorecard';
import { loadPlaybook } from '../io/load-playbook';
import { CHART_SCRIPT } from './chart-script';
import { jsonForScript } from './escape-html';

interface DrawnChart {
  canvas: string;
  config: { data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] } };
}

/** Runs the page script against a minimal document and a recording Chart constructor. */
function drawCharts(missingCanvas?: string): DrawnChart[] {
  const playbook = loadPlaybook();
  const input = parseScorecardInput(everyRecord);
  if (!playbook.ok || !input.ok) throw new Error('fixtures and the default playbook must be valid');
  const card = scorecard(input.data, playbook.data);
  if (!card.ok) throw new Error(card.error.message);
  const drawn: DrawnChart[] = [];
  function Chart(canvas: { id: string }, config: DrawnChart['config']) {
    drawn.push({ canvas: canvas.id, config });
  }
  Chart.defaults = {};
  const document = {
    getElementById: (id: string) =>
      id === 'scorecard-data'
        ? { textContent: jsonForScript(card.data) }
        : id === missingCanvas
          ? null
          : { id },
  };
  runInNewContext(CHART_SCRIPT, { document, Chart });
  return JSON.parse(JSON.stringify(drawn)) as DrawnChart[];
}

describe('the chart script', () => {
  const charts = drawCharts();
  const chart = (id: string) => charts.find((c) => c.canvas === id)?.config.data;

  it('draws the five charts of the report', () => {
    expect(charts.map((c) => c.canvas)).toEqual([
      'chart-funnel',
      'chart-sla-owner',
      'chart-win-rate',
      'chart-reason-codes',
      'chart-content',
    ]);
  });

  type Data = DrawnChart['config']['data'];
  it.each([
    [
      'one funnel series per source',
      'chart-funnel',
      (d: Data) => d.datasets.map((s) => [s.label, s.data]),
      [
        ['paid-search', [1, 0, 0, 0, 0, 0]],
        ['webinar', [3, 3, 2, 2, 2, 2]],
      ],
    ],
    [
      'SLA compliance per owner against a 95 % target line',
      'chart-sla-owner',
      (d: Data) => [d.labels, ...d.datasets.map((s) => s.data)],
      [
        ['u-ana', 'u-bo'],
        [66.7, 66.7],
        [95, 95],
      ],
    ],
    [
      'win rate by source in percent',
      'chart-win-rate',
      (d: Data) => [d.labels, d.datasets[0]?.data],
      [
        ['outbound', 'webinar'],
        [0, 66.7],
      ],
    ],
    [
      'reason codes stacked by source',
      'chart-reason-codes',
      (d: Data) => [d.labels, ...d.datasets.map((s) => [s.label, s.data])],
      [
        ['paid-search', 'webinar'],
        ['accept_meeting_booked', [0, 2]],
        ['recycle_no_budget', [0, 1]],
        ['reject_bad_data', [2, 0]],
        ['reject_legacy_code', [1, 0]],
        ['reject_student_or_job_seeker', [1, 0]],
      ],
    ],
    [
      'won and lost deals per asset',
      'chart-content',
      (d: Data) => [d.labels, ...d.datasets.map((s) => s.data)],
      [
        ['roi-calculator', 'case-study', 'battle-card'],
        [2, 1, 0],
        [0, 1, 1],
      ],
    ],
  ])('plots %s', (_name, id, pick, expected) => {
    const data = chart(id);
    expect(data && pick(data)).toEqual(expected);
  });

  it('skips a chart whose canvas is missing instead of failing the page', () => {
    expect(drawCharts('chart-win-rate').map((c) => c.canvas)).not.toContain('chart-win-rate');
  });
});
