import { describe, expect, it } from 'vitest';
import type { Criterion, Icp } from '../playbook/schema';
import { compileCriterion, type CriterionEnvironment, type EvaluationContext } from './compile-criterion';
import { compileEngagementScore } from './engagement-score';
import { toEventBatch, type EventTypeIndex } from './event-batch';
import { fitScore } from './fit-score';
import { compileIcpFacets } from './icp-facets';
import type { EngagementEvent, PropertyValue } from './record-schema';
import type { CriterionResult, GroupResult } from './types';
import { anEvent, NOW_MS } from './test-builders';

const icp: Icp = {
  industries: { property: 'industry', values: ['Software'], weight: 1 },
  employees: { property: 'employees', min: 50, weight: 1 },
  roles: { property: 'jobTitle', values: ['marketing'], weight: 1 },
};
const eventTypes: EventTypeIndex = { ids: new Map([['webinar_attended', 0]]), size: 1 };
const environment: CriterionEnvironment = {
  facets: compileIcpFacets(icp),
  questions: new Map([
    ['need', { id: 'need', property: 'discoveryNeed', label: 'need' }],
    ['budget', { id: 'budget', property: 'discoveryBudget', label: 'budget' }],
  ]),
  eventTypes,
};

function evaluate(
  criterion: Criterion,
  properties: Record<string, PropertyValue>,
  events: EngagementEvent[] = [],
): CriterionResult {
  const batch = toEventBatch(events, eventTypes, NOW_MS);
  const context: EvaluationContext = {
    properties,
    events: batch,
    fit: fitScore(environment.facets, properties),
    engagement: compileEngagementScore(
      { windowDays: 90, maxScore: 100, points: { webinar_attended: 30 } },
      eventTypes,
    )(batch),
  };
  return compileCriterion(criterion, environment).evaluate(context);
}

const exists = (property: string): Criterion => ({ kind: 'property', property, op: 'exists' });
const children = (result: CriterionResult) => (result as GroupResult).children.map((c) => [c.label, c.met]);

describe('compileCriterion', () => {
  it.each<[string, Criterion, Record<string, PropertyValue>, boolean, number]>([
    [
      'all_of is met when every child is',
      { kind: 'all_of', criteria: [exists('a'), exists('b')] },
      { a: 1, b: 2 },
      true,
      2,
    ],
    [
      'all_of is unmet when one child is',
      { kind: 'all_of', criteria: [exists('a'), exists('b')] },
      { a: 1 },
      false,
      1,
    ],
    [
      'at_least 2 of 3 is met by two children',
      { kind: 'at_least', n: 2, criteria: [exists('a'), exists('b'), exists('c')] },
      { a: 1, c: 3 },
      true,
      2,
    ],
    [
      'at_least 2 of 3 is unmet by one child',
      { kind: 'at_least', n: 2, criteria: [exists('a'), exists('b'), exists('c')] },
      { b: 1 },
      false,
      1,
    ],
    [
      'groups nest: all_of containing an at_least',
      {
        kind: 'all_of',
        criteria: [exists('a'), { kind: 'at_least', n: 1, criteria: [exists('b'), exists('c')] }],
      },
      { a: 1, c: 1 },
      true,
      2,
    ],
  ])('%s', (_name, criterion, properties, met, metCount) => {
    expect(evaluate(criterion, properties)).toMatchObject({ type: 'group', met, metCount });
  });

  it('labels groups from their children unless the playbook names them', () => {
    expect(evaluate({ kind: 'at_least', n: 1, criteria: [exists('a'), exists('b')] }, {}).label).toBe(
      'at least 1 of: a is set, b is set',
    );
    expect(evaluate({ kind: 'all_of', label: 'firmographics', criteria: [exists('a')] }, {}).label).toBe(
      'firmographics',
    );
  });

  it('expands icp to one leaf per defined facet by default', () => {
    const result = evaluate(
      { kind: 'icp' },
      { industry: 'software', employees: 10, jobTitle: 'Marketing lead' },
    );
    expect(result).toMatchObject({ kind: 'icp', label: 'ICP fit', met: false, required: 3, metCount: 2 });
    expect(children(result)).toEqual([
      ['industry', true],
      ['employee count', false],
      ['role', true],
    ]);
  });

  it('expands icp to the listed facets only', () => {
    const result = evaluate(
      { kind: 'icp', facets: ['industry', 'role'] },
      { industry: 'Software', jobTitle: 'CMO, Marketing' },
    );
    expect(result).toMatchObject({ met: true, required: 2 });
    expect((result as GroupResult).children[1]).toMatchObject({
      kind: 'icp_facet',
      facet: 'role',
      property: 'jobTitle',
      actual: 'CMO, Marketing',
      expected: 'title contains marketing',
    });
  });

  it('treats an ICP facet the playbook does not define as unmet rather than crashing', () => {
    const result = evaluate({ kind: 'icp', facets: ['seniority'] }, { seniority: 'vp' });
    expect((result as GroupResult).children[0]).toMatchObject({
      label: 'seniority',
      met: false,
      actual: null,
    });
  });

  it('expands discovery to one "answered" leaf per question', () => {
    const result = evaluate(
      { kind: 'discovery', questions: ['need', 'budget'] },
      { discoveryNeed: 'Routing', discoveryBudget: ' ' },
    );
    expect(result).toMatchObject({
      kind: 'discovery',
      label: 'discovery questions answered',
      met: false,
      metCount: 1,
    });
    expect((result as GroupResult).children).toMatchObject([
      {
        kind: 'discovery_question',
        label: 'need answered',
        met: true,
        actual: 'Routing',
        property: 'discoveryNeed',
      },
      {
        kind: 'discovery_question',
        label: 'budget answered',
        met: false,
        actual: null,
        expected: 'answered',
      },
    ]);
  });

  it('treats an unknown discovery question as unanswered', () => {
    const result = evaluate({ kind: 'discovery', questions: ['timeline'] }, { discoveryTimeline: 'Q3' });
    expect((result as GroupResult).children[0]).toMatchObject({ label: 'timeline answered', met: false });
  });

  it.each<[string, Criterion, Record<string, PropertyValue>, EngagementEvent[], boolean, number]>([
    [
      'fit_score is met at its minimum',
      { kind: 'fit_score', min: 67 },
      { industry: 'Software', employees: 60 },
      [],
      true,
      67,
    ],
    [
      'fit_score is unmet below it',
      { kind: 'fit_score', min: 70 },
      { industry: 'Software', employees: 60 },
      [],
      false,
      67,
    ],
    [
      'engagement_score is met by a fresh webinar',
      { kind: 'engagement_score', min: 30 },
      {},
      [anEvent('webinar_attended', 1)],
      true,
      30,
    ],
    ['engagement_score is unmet without events', { kind: 'engagement_score', min: 1 }, {}, [], false, 0],
  ])('%s', (_name, criterion, properties, events, met, actual) => {
    expect(evaluate(criterion, properties, events)).toMatchObject({ type: 'leaf', met, actual });
  });

  it('evaluates engagement criteria against the events', () => {
    const criterion: Criterion = {
      kind: 'engagement',
      eventTypes: ['webinar_attended'],
      minCount: 1,
      windowDays: 30,
    };
    expect(evaluate(criterion, {}, [anEvent('webinar_attended', 3)])).toMatchObject({ met: true, actual: 1 });
    expect(evaluate(criterion, {}, [anEvent('webinar_attended', 31)])).toMatchObject({
      met: false,
      actual: 0,
    });
  });
});
