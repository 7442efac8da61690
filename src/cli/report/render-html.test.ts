import { describe, expect, it } from 'vitest';
import { parseScorecardInput } from '../../core/scorecard/parse-scorecard-input';
import { scorecard, type Scorecard } from '../../core/scorecard/scorecard';
import { loadPlaybook } from '../io/load-playbook';
import everyRecord from '../../core/scorecard/__fixtures__/quarter-with-every-kind-of-record.json';
import hostile from './__fixtures__/hostile-source-and-reason-code.json';
import { renderHtml } from './render-html';

const CHART_LIBRARY = '/* chart library stand-in */ window.Chart = function () {};';

function cardOf(json: unknown): Scorecard {
  const playbook = loadPlaybook();
  const input = parseScorecardInput(json);
  if (!playbook.ok || !input.ok) throw new Error('fixtures and the default playbook must be valid');
  const card = scorecard(input.data, playbook.data);
  if (!card.ok) throw new Error(card.error.message);
  return card.data;
}

/** The embedded scorecard, read back the way the page's script reads it. */
function embedded(html: string): unknown {
  const match = /<script type="application\/json" id="scorecard-data">([\s\S]*?)<\/script>/.exec(html);
  return match ? JSON.parse(match[1] ?? '') : undefined;
}

describe('renderHtml', () => {
  const card = cardOf(hostile);
  const html = renderHtml(card, CHART_LIBRARY);

  it.each([
    ['a script tag in a source name', "<script>alert('source')</script>"],
    ['an attribute break-out in a reason code', `"><img src=x onerror=alert('code')>`],
    ['a closing script tag in an asset id', "</script><script>alert('asset')</script>"],
    ['markup in an owner id', '<b>rep</b>'],
  ])('never lets %s into the page as markup', (_name, text) => {
    expect(html).not.toContain(text);
  });

  it.each([
    ['the source name', '&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;'],
    ['the reason code', '&quot;&gt;&lt;img src=x onerror=alert(&#39;code&#39;)&gt;'],
    ['the owner', 'owner &lt;b&gt;rep&lt;/b&gt;'],
  ])('shows %s as escaped text', (_name, escaped) => {
    expect(html).toContain(escaped);
  });

  it('keeps exactly the three scripts it writes: the data, the chart library and the charts', () => {
    expect(html.match(/<script/g)).toHaveLength(3);
  });

  it('embeds the scorecard as JSON that reads back unchanged', () => {
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(card)));
  });

  it('inlines the chart library and a canvas for each chart', () => {
    const full = renderHtml(cardOf(everyRecord), CHART_LIBRARY);
    expect(full).toContain(CHART_LIBRARY);
    for (const id of [
      'chart-funnel',
      'chart-sla-owner',
      'chart-win-rate',
      'chart-reason-codes',
      'chart-content',
    ])
      expect(full).toContain(`<canvas id="${id}"`);
  });

  it('puts the target verdicts first, styled by status', () => {
    const full = renderHtml(cardOf(everyRecord), CHART_LIBRARY);
    const targets = full.indexOf('<h2>Targets</h2>');
    expect(targets).toBeGreaterThan(0);
    expect(targets).toBeLessThan(full.indexOf('<h2>Funnel by source</h2>'));
    expect(full).toContain('<span class="status fail">fail</span>');
    expect(full).toContain('<span class="status pass">pass</span>');
  });
});
