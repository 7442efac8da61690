import type { IcpFacet } from '../playbook/schema';
import type { PropertyValue } from './record-schema';

/** What a leaf criterion found on the record: a property value, an event count or a score; null when missing. */
export type Actual = PropertyValue | number;

/** One checkable condition, as a rep reads it: "employee count — actual 30, expected 50–5,000 — not met". */
export interface LeafResult {
  readonly type: 'leaf';
  readonly kind:
    'property' | 'engagement' | 'icp_facet' | 'discovery_question' | 'fit_score' | 'engagement_score';
  readonly label: string;
  readonly met: boolean;
  readonly actual: Actual;
  /** The requirement in words, e.g. "50–5,000" or "≥ 3 in 30 days". */
  readonly expected: string;
  /** The record property read, when the criterion reads one. */
  readonly property?: string;
  readonly facet?: IcpFacet;
}

/**
 * A criterion made of others: `all_of`, `at_least` N, and the `icp` and `discovery` criteria, which expand to one
 * leaf per facet or question and need every one.
 */
export interface GroupResult {
  readonly type: 'group';
  readonly kind: 'all_of' | 'at_least' | 'icp' | 'discovery';
  readonly label: string;
  readonly met: boolean;
  /** How many children must be met. */
  readonly required: number;
  readonly metCount: number;
  readonly children: readonly CriterionResult[];
}

export type CriterionResult = LeafResult | GroupResult;

/** One item of a stage's checklist; see `requirementsOf` for how a criteria tree becomes a checklist. */
export interface Requirement {
  readonly label: string;
  readonly met: boolean;
}

export interface StageQualification {
  readonly stageId: string;
  readonly label: string;
  readonly met: boolean;
  readonly criteria: CriterionResult;
  readonly requirements: readonly Requirement[];
  readonly metCount: number;
  readonly total: number;
}

export interface NextStage {
  readonly stageId: string;
  readonly label: string;
  readonly metCount: number;
  readonly total: number;
  readonly missing: readonly string[];
  /** "meets 4 of 6 SQL criteria; misses employee count and the 30-day engagement bar" */
  readonly summary: string;
}

export interface FacetScore {
  readonly facet: IcpFacet;
  readonly label: string;
  readonly weight: number;
  readonly matched: boolean;
  readonly actual: Actual;
  readonly expected: string;
}

export interface FitScore {
  /** 0–100, rounded: matched facet weights / defined facet weights × 100. */
  readonly score: number;
  readonly matchedWeight: number;
  readonly totalWeight: number;
  readonly facets: readonly FacetScore[];
}

export interface EventTypeScore {
  readonly type: string;
  /** Events of this type inside the window. */
  readonly count: number;
  /** Their points after decay, before the cap, rounded to 2 decimals. */
  readonly points: number;
}

export interface EngagementScore {
  /** 0–100, rounded: min(decayed points, maxScore) / maxScore × 100. */
  readonly score: number;
  /** Decayed points before the cap, rounded to 2 decimals. */
  readonly rawPoints: number;
  readonly maxScore: number;
  readonly windowDays: number;
  readonly halfLifeDays: number | null;
  readonly byType: readonly EventTypeScore[];
}

export interface Qualification {
  readonly recordId: string;
  readonly stages: readonly StageQualification[];
  /** The last stage of the unbroken chain of met stages from the first; null when the first is not met. */
  readonly highestStage: string | null;
  /** The first stage after `highestStage`; null when every stage is met. */
  readonly next: NextStage | null;
  readonly fit: FitScore;
  readonly engagement: EngagementScore;
}
