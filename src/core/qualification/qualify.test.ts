import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Criterion, Playbook } from '../playbook/schema';
import { compileQualifier, qualify } from './qualify';
import { RecordWithEventsSchema } from './record-schema';
import { aLead, anEvent, anIcpLead, NOW_MS } from './test-builders';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook: Playbook = defaultPlaybook();

const fixturesDir = new URL('./__fixtures__/', import.meta.url).pathname;
const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const data = JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as {
      scenario: string;
      now: string;
      record: unknown;
      events: unknown;
      expected: {
        highestStage: string | null;
        next: { stageId: string; summary: string } | null;
        fitScore: number;
      };
    };
    return [`${name}: ${data.scenario}`, data] as const;
  });

describe('qualify on the default playbook', () => {
  it.each(fixtures)('%s', (_name, fixture) => {
    const input = RecordWithEventsSchema.parse({ ...(fixture.record as object), events: fixture.events });
    const result = qualify(input, input.events, playbook, Date.parse(fixture.now));
    expect(result.highestStage).toBe(fixture.expected.highestStage);
    if (fixture.expected.next === null) expect(result.next).toBeNull();
    else expect(result.next).toMatchObject(fixture.expected.next);
    expect(result.fit.score).toBe(fixture.expected.fitScore);
  });

  it('reports every stage in order with its checklist, even after the chain breaks', () => {
    const result = qualify(
      anIcpLead({ handoffStatus: 'accepted' }),
      [anEvent('webinar_attended', 2)],
      playbook,
      NOW_MS,
    );
    expect(result.stages.map((s) => [s.stageId, s.met, s.metCount, s.total])).toEqual([
      ['inquiry', true, 1, 1],
      ['mql', true, 4, 4],
      ['sql', false, 0, 4],
      ['sal', true, 1, 1],
    ]);
    expect(result.highestStage).toBe('mql');
    expect(result.next).toMatchObject({ stageId: 'sql', metCount: 0, total: 4 });
    expect(result.next?.missing).toEqual([
      'need answered',
      'budget answered',
      'authority answered',
      'timeline answered',
    ]);
  });

  it('never crashes on a record with no properties and no events', () => {
    const result = qualify(aLead(), [], playbook, NOW_MS);
    expect(result).toMatchObject({
      recordId: 'lead-1',
      highestStage: null,
      fit: { score: 0 },
      engagement: { score: 0 },
    });
    expect(result.stages[1]?.requirements.filter((r) => !r.met).map((r) => r.label)).toEqual([
      'industry',
      'employee count',
      'role',
      'meaningful engagement in 30 days',
    ]);
  });

  it('scores engagement with the playbook points, decay and breakdown', () => {
    const result = qualify(
      aLead(),
      [anEvent('demo_requested', 0), anEvent('webinar_attended', 30), anEvent('page_view', 0)],
      playbook,
      NOW_MS,
    );
    expect(result.engagement).toEqual({
      score: 54,
      rawPoints: 53.5,
      maxScore: 100,
      windowDays: 90,
      halfLifeDays: 30,
      byType: [
        { type: 'demo_requested', count: 1, points: 40 },
        { type: 'webinar_attended', count: 1, points: 12.5 },
        { type: 'page_view', count: 1, points: 1 },
      ],
    });
  });

  it('gives the same answer through compileQualifier as through qualify', () => {
    const lead = anIcpLead({ employees: '1,200' });
    const events = [
      anEvent('content_download', 1),
      anEvent('content_download', 2),
      anEvent('content_download', 3),
    ];
    expect(compileQualifier(playbook)(lead, events, NOW_MS)).toEqual(qualify(lead, events, playbook, NOW_MS));
  });

  it('does not let one record leak into the next (scratch space is reset)', () => {
    const qualifyRecord = compileQualifier(playbook);
    const many = Array.from({ length: 40 }, (_, i) => anEvent('page_view', i));
    qualifyRecord(aLead(), many, NOW_MS);
    expect(qualifyRecord(aLead(), [anEvent('webinar_attended', 1)], NOW_MS).engagement.byType).toEqual([
      { type: 'webinar_attended', count: 1, points: 24.43 },
    ]);
  });
});

describe('the highest stage is the unbroken chain of met stages from the first', () => {
  const flag = (property: string): Criterion => ({ kind: 'property', property, op: 'eq', value: true });
  const chain: Playbook = {
    ...playbook,
    stages: ['a', 'b', 'c'].map((id) => ({ id, label: id.toUpperCase(), entry: flag(id) })),
  };

  it.each<[string, Record<string, boolean>, string | null, string | null]>([
    ['no stage met gives null and the first stage next', {}, null, 'a'],
    ['the first stage alone', { a: true }, 'a', 'b'],
    ['the first two', { a: true, b: true }, 'b', 'c'],
    ['every stage gives no next stage', { a: true, b: true, c: true }, 'c', null],
    ['a gap stops the chain even if later stages are met', { a: true, c: true }, 'a', 'b'],
    ['a later stage alone does not count', { b: true, c: true }, null, 'a'],
  ])('%s', (_name, properties, highest, next) => {
    const result = qualify(aLead(properties), [], chain, NOW_MS);
    expect(result.highestStage).toBe(highest);
    expect(result.next?.stageId ?? null).toBe(next);
  });
});
