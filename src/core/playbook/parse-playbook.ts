import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { formatPath, zodIssues } from '../shared/zod-issues';
import { calendarIssues } from '../sla/validate-calendar';
import { parseBusinessDuration } from '../time/duration';
import { PlaybookSchema, type Criterion, type Playbook } from './schema';

export type PlaybookErrorCode = 'INVALID_PLAYBOOK';

/**
 * Parses a playbook (already read from JSON or YAML) against the schema, then checks every cross-reference.
 * Every problem is reported with its path; nothing is thrown for bad input.
 * @example parsePlaybook(yaml.parse(text)) // → { ok: false, error: { issues: [{ path: 'slaPolicies[1].calendar', … }] } }
 */
export function parsePlaybook(input: unknown): Result<Playbook, PlaybookErrorCode> {
  const parsed = PlaybookSchema.safeParse(input);
  if (!parsed.success) {
    return err('INVALID_PLAYBOOK', 'the playbook does not match the schema', zodIssues(parsed.error));
  }
  const issues = playbookCrossReferenceIssues(parsed.data);
  if (issues.length > 0) return err('INVALID_PLAYBOOK', 'the playbook has inconsistent references', issues);
  return ok(parsed.data);
}

/**
 * The checks a schema cannot express: ids that must exist, be unique, increase or add up.
 * @example playbookCrossReferenceIssues(playbook) // → [{ path: 'slaPolicies[1].calendar', message: 'unknown calendar "emea"' }]
 */
export function playbookCrossReferenceIssues(playbook: Playbook): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: PropertyKey[], message: string) => issues.push({ path: formatPath(path), message });

  const stageIds = idsOf(playbook.stages, ['stages'], 'stage', add);
  const dealStageIds = idsOf(playbook.dealStages, ['dealStages'], 'deal stage', add);
  const calendarIds = idsOf(playbook.calendars, ['calendars'], 'calendar', add);
  const policyIds = idsOf(playbook.slaPolicies, ['slaPolicies'], 'SLA policy', add);
  const questionIds = idsOf(playbook.discoveryQuestions, ['discoveryQuestions'], 'discovery question', add);
  const buyerStageIds = idsOf(playbook.content.buyerStages, ['content', 'buyerStages'], 'buyer stage', add);
  const objectionIds = idsOf(
    playbook.content.objectionTypes,
    ['content', 'objectionTypes'],
    'objection type',
    add,
  );
  idsOf(playbook.content.useCases, ['content', 'useCases'], 'use case', add);
  idsOf(playbook.content.formats, ['content', 'formats'], 'format', add);
  idsOf(playbook.dispositions.reasonCodes, ['dispositions', 'reasonCodes'], 'reason code', add);

  // Stage criteria.
  playbook.stages.forEach((stage, i) =>
    checkCriterion(stage.entry, ['stages', i, 'entry'], playbook, questionIds, add),
  );

  // ICP ranges.
  for (const facet of ['employees', 'revenue'] as const) {
    const range = playbook.icp[facet];
    if (range?.min !== undefined && range.max !== undefined && range.min > range.max) {
      add(['icp', facet], `min ${range.min} is greater than max ${range.max}`);
    }
  }

  // Calendars.
  playbook.calendars.forEach((calendar, i) => issues.push(...calendarIssues(calendar, ['calendars', i])));

  // SLA policies.
  playbook.slaPolicies.forEach((policy, i) => {
    if (!calendarIds.has(policy.calendar))
      add(['slaPolicies', i, 'calendar'], `unknown calendar "${policy.calendar}"`);
    if (policy.trigger.event === 'stage_entered' && !stageIds.has(policy.trigger.stage)) {
      add(['slaPolicies', i, 'trigger', 'stage'], `unknown stage "${policy.trigger.stage}"`);
    }
    let previous = -1;
    policy.escalations.forEach((step, j) => {
      const after = parseBusinessDuration(step.after);
      if (!after.ok) return; // already reported by the schema
      if (after.data <= previous) {
        add(
          ['slaPolicies', i, 'escalations', j, 'after'],
          `escalation ladder must increase: ${step.after} is not after the previous step`,
        );
      }
      previous = after.data;
    });
  });

  // Dispositions.
  const { outcomes, reasonCodes, maxNoteLength } = playbook.dispositions;
  for (const [name, outcome] of Object.entries(outcomes)) {
    outcome.from.forEach((stage, j) => {
      if (!stageIds.has(stage))
        add(['dispositions', 'outcomes', name, 'from', j], `unknown stage "${stage}"`);
    });
    if (outcome.toStage !== null && !stageIds.has(outcome.toStage)) {
      add(['dispositions', 'outcomes', name, 'toStage'], `unknown stage "${outcome.toStage}"`);
    }
    if (outcome.restartsPolicy !== undefined && !policyIds.has(outcome.restartsPolicy)) {
      add(
        ['dispositions', 'outcomes', name, 'restartsPolicy'],
        `unknown SLA policy "${outcome.restartsPolicy}"`,
      );
    }
    if (!reasonCodes.some((code) => code.outcome === name)) {
      add(
        ['dispositions', 'outcomes', name],
        `no reason code has outcome "${name}": reps could never choose it`,
      );
    }
  }
  reasonCodes.forEach((code, i) => {
    if (code.recycleAfterDays !== undefined && code.outcome !== 'recycle') {
      add(
        ['dispositions', 'reasonCodes', i, 'recycleAfterDays'],
        'only recycle reason codes have a recycle delay',
      );
    }
    if (code.minNoteLength > maxNoteLength) {
      add(
        ['dispositions', 'reasonCodes', i, 'minNoteLength'],
        `minimum note length ${code.minNoteLength} exceeds the maximum ${maxNoteLength}`,
      );
    }
    if (code.minNoteLength > 0 && !code.notesRequired) {
      add(
        ['dispositions', 'reasonCodes', i, 'minNoteLength'],
        'a minimum note length needs notesRequired: true',
      );
    }
    if (code.objection !== undefined && !objectionIds.has(code.objection)) {
      add(['dispositions', 'reasonCodes', i, 'objection'], `unknown objection type "${code.objection}"`);
    }
  });

  // Content taxonomy and stage maps.
  const { stageMap, requests } = playbook.content;
  for (const [kind, known, label] of [
    ['lead', stageIds, 'stage'],
    ['deal', dealStageIds, 'deal stage'],
  ] as const) {
    for (const [from, to] of Object.entries(stageMap[kind])) {
      if (!known.has(from)) add(['content', 'stageMap', kind, from], `unknown ${label} "${from}"`);
      if (!buyerStageIds.has(to)) add(['content', 'stageMap', kind, from], `unknown buyer stage "${to}"`);
    }
  }
  for (const key of ['standardPolicy', 'rushPolicy'] as const) {
    const policyId = requests[key];
    const policy = playbook.slaPolicies.find((p) => p.id === policyId);
    if (!policy) add(['content', 'requests', key], `unknown SLA policy "${policyId}"`);
    else if (policy.trigger.event !== 'content_requested') {
      add(['content', 'requests', key], `SLA policy "${policyId}" is not triggered by content_requested`);
    }
  }

  // Attribution shares.
  const shares = playbook.attribution.custom;
  const sum = shares.FT + shares.LC + shares.OC + shares.LAST + shares.middle;
  if (Math.abs(sum - 1) > 1e-9) add(['attribution', 'custom'], `shares add up to ${round(sum)}, not 1`);

  return issues;
}

function checkCriterion(
  criterion: Criterion,
  path: PropertyKey[],
  playbook: Playbook,
  questionIds: ReadonlySet<string>,
  add: (path: PropertyKey[], message: string) => void,
): void {
  switch (criterion.kind) {
    case 'all_of':
    case 'at_least':
      if (criterion.kind === 'at_least' && criterion.n > criterion.criteria.length) {
        add(
          [...path, 'n'],
          `at least ${criterion.n} of ${criterion.criteria.length} criteria can never be met`,
        );
      }
      criterion.criteria.forEach((child, i) =>
        checkCriterion(child, [...path, 'criteria', i], playbook, questionIds, add),
      );
      return;
    case 'discovery':
      criterion.questions.forEach((question, i) => {
        if (!questionIds.has(question))
          add([...path, 'questions', i], `unknown discovery question "${question}"`);
      });
      return;
    case 'icp': {
      const defined = definedIcpFacets(playbook);
      if (defined.length === 0) add(path, 'the playbook defines no ICP facet to match');
      criterion.facets?.forEach((facet, i) => {
        if (!defined.includes(facet))
          add([...path, 'facets', i], `ICP facet "${facet}" is not defined under icp`);
      });
      return;
    }
    case 'property':
      if (criterion.op === 'between' && criterion.min > criterion.max) {
        add(path, `between ${criterion.min} and ${criterion.max} is empty (min > max)`);
      }
      return;
    case 'engagement':
    case 'fit_score':
    case 'engagement_score':
      return;
  }
}

const FACET_KEYS = {
  industry: 'industries',
  employees: 'employees',
  revenue: 'revenue',
  geography: 'geographies',
  role: 'roles',
  seniority: 'seniorities',
  technographics: 'technographics',
} as const;

/**
 * The ICP facets the playbook defines, in a stable order.
 * @example definedIcpFacets(defaultPlaybook) // → ['industry', 'employees', 'revenue', 'geography', 'role', 'seniority', 'technographics']
 */
export function definedIcpFacets(playbook: Playbook): (keyof typeof FACET_KEYS)[] {
  return (Object.keys(FACET_KEYS) as (keyof typeof FACET_KEYS)[]).filter(
    (facet) => playbook.icp[FACET_KEYS[facet]] !== undefined,
  );
}

function idsOf(
  items: readonly { id: string }[],
  path: PropertyKey[],
  what: string,
  add: (path: PropertyKey[], message: string) => void,
): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) add([...path, i, 'id'], `duplicate ${what} id "${item.id}"`);
    ids.add(item.id);
  });
  return ids;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
