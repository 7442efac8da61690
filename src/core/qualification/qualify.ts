import type { Playbook } from '../playbook/schema';
import { compileCriterion, type CompiledCriterion, type EvaluationContext } from './compile-criterion';
import { compileEngagementScore } from './engagement-score';
import { compileEventBatcher, eventTypeIndex, type EventBatch } from './event-batch';
import { fitScore } from './fit-score';
import { compileIcpFacets } from './icp-facets';
import { missingLabels, summaryOf } from './next-stage-summary';
import { compilePropertyReader } from './property-reader';
import type { EngagementEvent, QualificationRecord } from './record-schema';
import { requirementCount, requirementsOf } from './requirements';
import type { NextStage, Qualification, StageQualification } from './types';

/** Qualifies one record against a playbook compiled once; see `compileQualifier`. */
export type Qualifier = (
  record: QualificationRecord,
  events: readonly EngagementEvent[],
  nowMs: number,
) => Qualification;

/**
 * Compiles a playbook into a qualifier, so labels, sets and lookups are built once rather than per record.
 * @example const qualifyRecord = compileQualifier(playbook); qualifyRecord(record, events, Date.UTC(2026, 2, 12)).highestStage // → 'mql'
 */
export function compileQualifier(playbook: Playbook): Qualifier {
  const facets = compileIcpFacets(playbook.icp);
  const eventTypes = eventTypeIndex(playbook);
  const toEventBatch = compileEventBatcher(eventTypes);
  const scoreEngagement = compileEngagementScore(playbook.engagement, eventTypes);
  const questions = new Map(playbook.discoveryQuestions.map((q) => [q.id, q]));
  // Every property the playbook reads, read once per record up front; the facets' first, so values[i] is the
  // value of facets[i], as fitScore takes them.
  const names = facets.map((f) => f.property);
  const slot = (property: string): number => {
    const known = names.indexOf(property);
    return known >= 0 ? known : names.push(property) - 1;
  };
  const stages: { id: string; label: string; criterion: CompiledCriterion; size: number }[] =
    playbook.stages.map((stage) => ({
      id: stage.id,
      label: stage.label,
      criterion: compileCriterion(stage.entry, { facets, questions, eventTypes, slot }),
      size: requirementCount(stage.entry, facets.length),
    }));
  const readProperties = compilePropertyReader(names);

  let scratch: EventBatch | undefined;
  return (record, events, nowMs) => {
    // An unreadable event time ages to NaN, which every window check refuses.
    const batch = toEventBatch(events, nowMs, scratch);
    scratch = batch;
    const values = readProperties(record.properties);
    const fit = fitScore(facets, record.properties, values);
    const context: EvaluationContext = {
      properties: record.properties,
      events: batch,
      fit,
      engagement: scoreEngagement(batch),
      values,
    };

    const results: StageQualification[] = new Array<StageQualification>(stages.length);
    let highestStage: string | null = null;
    let next: NextStage | null = null;
    let chainUnbroken = true;
    for (let s = 0; s < stages.length; s++) {
      const stage = stages[s] as (typeof stages)[number];
      const criteria = stage.criterion.evaluate(context);
      const requirements = requirementsOf(criteria, stage.size);
      let metCount = 0;
      for (const requirement of requirements) if (requirement.met) metCount++;
      results[s] = {
        stageId: stage.id,
        label: stage.label,
        met: criteria.met,
        criteria,
        requirements,
        metCount,
        total: requirements.length,
      };
      if (!chainUnbroken) continue;
      if (criteria.met) {
        highestStage = stage.id;
      } else {
        chainUnbroken = false;
        // Same text as nextStageSummary(stage.label, requirements), without collecting the missing labels twice.
        const missing = missingLabels(requirements);
        next = {
          stageId: stage.id,
          label: stage.label,
          metCount,
          total: requirements.length,
          missing,
          summary: summaryOf(stage.label, requirements.length, missing),
        };
      }
    }
    return { recordId: record.id, stages: results, highestStage, next, fit, engagement: context.engagement };
  };
}

const compiled = new WeakMap<Playbook, Qualifier>();

/**
 * Which stage criteria a record meets at `nowMs`: every stage's criteria with actual and expected values, the
 * highest stage — the last of the unbroken chain of met stages from the first, so an SAL flag without SQL
 * discovery stays an MQL —, what the next stage still needs, and the fit and engagement scores. Missing
 * properties are unmet, never a crash. The compiled playbook is cached per playbook object.
 * @example qualify({ id: 'c1', properties: { industry: 'Healthcare' } }, [], playbook, Date.UTC(2026, 2, 12)).next?.summary // → 'meets 0 of 1 Inquiry criterion; misses any tracked engagement in 90 days'
 */
export function qualify(
  record: QualificationRecord,
  events: readonly EngagementEvent[],
  playbook: Playbook,
  nowMs: number,
): Qualification {
  let qualifier = compiled.get(playbook);
  if (qualifier === undefined) {
    qualifier = compileQualifier(playbook);
    compiled.set(playbook, qualifier);
  }
  return qualifier(record, events, nowMs);
}
