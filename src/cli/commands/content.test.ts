import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHandoff as run, scratchFiles } from '../test-support';

const fixture = (name: string) =>
  new URL(`../../core/content/__fixtures__/${name}.json`, import.meta.url).pathname;
const library = fixture('library-healthcare-pricing');
const stats = fixture('stats-healthcare-pricing');
const NOW = ['--now', '2026-06-01T12:00:00Z'];
const { dir, file } = scratchFiles('handoff-content-');

describe('handoff content recommend', () => {
  it('prints the ranked assets with their reasons for a deal stage', async () => {
    const r = await run(
      'content',
      'recommend',
      '--library',
      library,
      '--stats',
      stats,
      '--deal-stage',
      'evaluation',
      '--industry',
      'Healthcare',
      '--objection',
      'price',
      '--limit',
      '2',
      ...NOW,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Top 2 for deal stage evaluation (Consideration), open objections: price',
      ' 1. Healthcare payback case study [A1, case-study]  score 1.696',
      '    won 7 of 9 deals at Consideration; answers the price objection; matches Healthcare; shared 6 times in the last 30 days',
      '    https://content.example.com/healthcare-payback',
    ]);
  });

  it.each([
    ['ranks for a lead stage, stage matches first', ['--stage', 'sal'], 'decision', ['A1', 'A5', 'A3', 'A2']],
    [
      'reads comma-separated objections',
      ['--stage', 'sql', '--objection', 'competition,implementation'],
      'consideration',
      ['A1', 'A2', 'A3', 'A5'],
    ],
    ['ranks an untried asset above one that loses more than most', [], null, ['A1', 'A3', 'A5', 'A2']],
  ])('%s (--json)', async (_name, extra, buyerStage, ids) => {
    const r = await run(
      'content',
      'recommend',
      '--library',
      library,
      '--stats',
      stats,
      ...extra,
      '--json',
      ...NOW,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { buyerStage: string | null; recommendations: { assetId: string }[] };
    expect(out.buyerStage).toBe(buyerStage);
    expect(out.recommendations.map((x) => x.assetId)).toEqual(ids);
  });

  it('names the options that are wrong, one line each, and exits 1', async () => {
    const r = await run(
      'content',
      'recommend',
      '--library',
      library,
      '--stage',
      'customer',
      '--objection',
      'legal',
      '--limit',
      '0',
      ...NOW,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('handoff: the context does not match the playbook');
    expect(r.stderr).toContain('  --stage: unknown lead stage "customer"');
    expect(r.stderr).toContain('  --objection: unknown objection type "legal"');
    expect(r.stderr).toContain('  --limit: expected a whole number of at least 1, got 0');
  });

  it('refuses a lead stage and a deal stage together', async () => {
    const r = await run(
      'content',
      'recommend',
      '--library',
      library,
      '--stage',
      'sql',
      '--deal-stage',
      'proposal',
      ...NOW,
    );
    expect(r).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--deal-stage: give a lead stage or a deal stage, not both'),
    });
  });

  it('reports every bad asset with its path and exits 1', async () => {
    const r = await run(
      'content',
      'recommend',
      '--library',
      fixture('library-unknown-facets-and-duplicate-id'),
      ...NOW,
    );
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((line) => line.startsWith('  assets['))).toHaveLength(6);
    expect(r.stderr).toContain('  assets[0].format: unknown format "pdf"');
  });

  it('reports inconsistent stats with their paths', async () => {
    const r = await run(
      'content',
      'recommend',
      '--library',
      library,
      '--stats',
      fixture('stats-closed-deals-exceed-touched'),
      ...NOW,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  stats[0].wonDealsTouched: 2 won + 2 lost is more than the 3 deals touched');
  });

  it.each([
    ['a missing library file', () => join(dir, 'missing.json'), 'no such file'],
    ['an unparseable library file', () => file('broken.json', '{ "assets": ['), 'not valid JSON'],
  ])('prints one clear line for %s', async (_name, path, message) => {
    const r = await run('content', 'recommend', '--library', path(), ...NOW);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it('rejects a --now without an offset', async () => {
    const r = await run('content', 'recommend', '--library', library, '--now', '2026-06-01 12:00');
    expect(r).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('invalid instant "2026-06-01 12:00"'),
    });
  });
});

describe('handoff content gaps', () => {
  it('prints usage, missing pairs and archive candidates', async () => {
    const r = await run('content', 'gaps', '--library', library, '--stats', stats, ...NOW);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: 2 of 4 active assets shared or used in the last 30 days (50 %)');
    expect(r.stdout).toContain(
      'Missing content (buyer stage × objection): 9 of 16 pairs\n  Awareness × Price',
    );
    expect(r.stdout).toContain('  A5  Implementation plan walkthrough  never used');
    expect(r.stdout).toContain('  A3  ROI calculator  last used 2026-01-05T15:00:00Z (146 days ago)');
  });

  it('prints the audit as JSON', async () => {
    const r = await run('content', 'gaps', '--library', library, '--stats', stats, '--json', ...NOW);
    const audit = JSON.parse(r.stdout) as {
      missing: unknown[];
      archiveCandidates: { assetId: string }[];
      usage: unknown;
    };
    expect(audit.missing).toHaveLength(9);
    expect(audit.archiveCandidates.map((c) => c.assetId)).toEqual(['A5', 'A3']);
    expect(audit.usage).toEqual({ activeAssets: 4, usedLast30Days: 2, rate: 0.5 });
  });

  it('counts every active asset unused without stats', async () => {
    const r = await run('content', 'gaps', '--library', library, '--json', ...NOW);
    expect(JSON.parse(r.stdout)).toMatchObject({ usage: { activeAssets: 4, usedLast30Days: 0, rate: 0 } });
  });
});

describe('handoff content request', () => {
  const request = fixture('request-rush-price-case-study');

  it('prints the request with its due date in UTC and on the team’s wall clock', async () => {
    const r = await run('content', 'request', '--input', request, '--now', '2026-03-09T15:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id +cr-[0-9a-f]{16}$/m);
    expect(r.stdout).toContain('priority     rush (content-request-rush: PT48H on us-east)');
    expect(r.stdout).toContain('due at       2026-03-16T20:00:00.000Z (2026-03-16 16:00 America/New_York)');
    expect(r.stdout).toContain('status       open');
  });

  it('reports a late request as late', async () => {
    const r = await run('content', 'request', '--input', request, '--json', '--now', '2026-03-17T15:00:00Z');
    expect(JSON.parse(r.stdout)).toMatchObject({ sla: { dueAt: '2026-03-16T20:00:00.000Z', state: 'late' } });
  });

  it('reports every problem with its path and exits 1', async () => {
    const r = await run(
      'content',
      'request',
      '--input',
      fixture('request-unknown-stage-and-use-case-rush-without-deals'),
    );
    expect(r.code).toBe(1);
    expect(
      r.stderr
        .split('\n')
        .filter((line) => line.startsWith('  '))
        .map((line) => line.split(':')[0]),
    ).toEqual(['  buyerStage', '  useCase', '  dealIds']);
  });
});
