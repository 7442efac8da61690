import type { Criterion, DiscoveryQuestion, IcpFacet } from '../playbook/schema';
import { compileEngagementCriterion } from './engagement-criterion';
import type { EventBatch, EventTypeIndex } from './event-batch';
import type { CompiledFacet } from './icp-facets';
import { compilePropertyCheck, type Properties } from './property-criterion';
import { formatNumber, isMissing, readProperty } from './property-value';
import type { PropertyValue } from './record-schema';
import type { CriterionResult, EngagementScore, FitScore, LeafResult } from './types';

/** What every criterion of one record is evaluated against, computed once per qualification. */
export interface EvaluationContext {
  readonly properties: Properties;
  readonly events: EventBatch;
  readonly fit: FitScore;
  readonly engagement: EngagementScore;
  /** Property values read up front, by the slot `CriterionEnvironment.slot` gave; absent: read `properties`. */
  readonly values?: readonly (PropertyValue | undefined)[];
}

/** A criterion compiled once per playbook: its label (known up front) and its evaluation. */
export interface CompiledCriterion {
  readonly label: string;
  readonly evaluate: (context: EvaluationContext) => CriterionResult;
}

/** The parts of a playbook that criteria refer to, indexed for lookup. */
export interface CriterionEnvironment {
  /** The compiled ICP facets, in the same order as `FitScore.facets`. */
  readonly facets: readonly CompiledFacet[];
  readonly questions: ReadonlyMap<string, DiscoveryQuestion>;
  readonly eventTypes: EventTypeIndex;
  /** Registers a property the qualifier reads up front and returns its index in `EvaluationContext.values`. */
  readonly slot?: (property: string) => number;
}

/**
 * Compiles one stage criterion (recursively for all_of / at_least). `icp` expands to one leaf per facet (default:
 * every defined facet), reusing the fit score's verdicts; `discovery` expands to one leaf per question, answered
 * when its property is set.
 * @example compileCriterion(stage.entry, environment).evaluate(context).met // → true
 */
export function compileCriterion(criterion: Criterion, environment: CriterionEnvironment): CompiledCriterion {
  switch (criterion.kind) {
    case 'property': {
      const check = compilePropertyCheck(criterion);
      const read = propertyRead(criterion.property, environment);
      return { label: check(undefined).label, evaluate: (context) => check(read(context)) };
    }
    case 'engagement': {
      const evaluate = compileEngagementCriterion(criterion, environment.eventTypes);
      return { label: evaluate(NO_EVENTS).label, evaluate: (context) => evaluate(context.events) };
    }
    case 'fit_score':
    case 'engagement_score': {
      const { min } = criterion;
      const name = criterion.kind === 'fit_score' ? 'fit score' : 'engagement score';
      const expected = `≥ ${formatNumber(min)}`;
      const label = criterion.label ?? `${name} ${expected}`;
      const kind = criterion.kind;
      return {
        label,
        evaluate: (context) => {
          const actual = kind === 'fit_score' ? context.fit.score : context.engagement.score;
          return { type: 'leaf', kind, label, met: actual >= min, actual, expected };
        },
      };
    }
    case 'icp':
      return compileIcp(criterion.facets, criterion.label ?? 'ICP fit', environment);
    case 'discovery':
      return compileDiscovery(
        criterion.questions,
        criterion.label ?? 'discovery questions answered',
        environment,
      );
    case 'all_of':
    case 'at_least': {
      const children = criterion.criteria.map((child) => compileCriterion(child, environment));
      const childLabels = children.map((child) => child.label).join(', ');
      const kind = criterion.kind;
      const required = kind === 'all_of' ? children.length : criterion.n;
      const label =
        criterion.label ??
        (kind === 'all_of' ? `all of: ${childLabels}` : `at least ${required} of: ${childLabels}`);
      return { label, evaluate: groupEvaluator(kind, label, required, children) };
    }
  }
}

const NO_EVENTS: EventBatch = { length: 0, types: new Int32Array(0), ages: new Float64Array(0) };

// How a leaf gets its property's value: from the values the qualifier read up front, else from the record.
function propertyRead(
  property: string,
  environment: CriterionEnvironment,
): (context: EvaluationContext) => PropertyValue | undefined {
  const slot = environment.slot?.(property);
  if (slot === undefined) return (context) => readProperty(context.properties, property);
  return (context) =>
    context.values === undefined ? readProperty(context.properties, property) : context.values[slot];
}

function groupEvaluator(
  kind: 'all_of' | 'at_least' | 'icp' | 'discovery',
  label: string,
  required: number,
  children: readonly CompiledCriterion[],
): CompiledCriterion['evaluate'] {
  return (context) => {
    // Sized up front: a pushed-to empty array reserves room for 17.
    const results: CriterionResult[] = new Array<CriterionResult>(children.length);
    let metCount = 0;
    for (let i = 0; i < children.length; i++) {
      const result = (children[i] as CompiledCriterion).evaluate(context);
      if (result.met) metCount++;
      results[i] = result;
    }
    return { type: 'group', kind, label, met: metCount >= required, required, metCount, children: results };
  };
}

function compileIcp(
  wanted: readonly IcpFacet[] | undefined,
  label: string,
  environment: CriterionEnvironment,
): CompiledCriterion {
  const facets = wanted ?? environment.facets.map((f) => f.facet);
  const children: CompiledCriterion[] = facets.map((facet) => {
    const index = environment.facets.findIndex((f) => f.facet === facet);
    const compiled = environment.facets[index];
    if (compiled === undefined) return undefinedLeaf('icp_facet', facet, 'defined in the playbook ICP');
    const { label: facetLabel, property } = compiled;
    return {
      label: facetLabel,
      evaluate: (context): LeafResult => {
        // The fit score has already judged every facet; reuse its verdict rather than evaluate twice.
        const score = context.fit.facets[index];
        return {
          type: 'leaf',
          kind: 'icp_facet',
          label: facetLabel,
          met: score?.matched ?? false,
          actual: score?.actual ?? null,
          expected: compiled.expected,
          property,
          facet,
        };
      },
    };
  });
  return { label, evaluate: groupEvaluator('icp', label, children.length, children) };
}

function compileDiscovery(
  questionIds: readonly string[],
  label: string,
  environment: CriterionEnvironment,
): CompiledCriterion {
  const children: CompiledCriterion[] = questionIds.map((id) => {
    const question = environment.questions.get(id);
    if (question === undefined) return undefinedLeaf('discovery_question', id, 'a question in the playbook');
    const questionLabel = `${question.label} answered`;
    const { property } = question;
    const read = propertyRead(property, environment);
    return {
      label: questionLabel,
      evaluate: (context): LeafResult => {
        const value = read(context);
        const missing = isMissing(value);
        return {
          type: 'leaf',
          kind: 'discovery_question',
          label: questionLabel,
          met: !missing,
          actual: missing ? null : value,
          expected: 'answered',
          property,
        };
      },
    };
  });
  return { label, evaluate: groupEvaluator('discovery', label, children.length, children) };
}

// A reference the playbook validator would reject; evaluating it must still not crash, so it is simply unmet.
function undefinedLeaf(
  kind: 'icp_facet' | 'discovery_question',
  name: string,
  what: string,
): CompiledCriterion {
  const label = kind === 'icp_facet' ? name : `${name} answered`;
  const leaf: LeafResult = {
    type: 'leaf',
    kind,
    label,
    met: false,
    actual: null,
    expected: `${name} is not ${what}`,
  };
  return { label, evaluate: () => leaf };
}
