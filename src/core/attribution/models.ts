import type { Playbook } from '../playbook/schema';
import { err, ok, type Result } from '../shared/result';

/** Every attribution model, in the order reports list them. */
export const MODEL_IDS = [
  'first_touch',
  'lead_creation',
  'last_touch',
  'linear',
  'u_shaped',
  'w_shaped',
  'full_path',
  'j_shaped',
  'inverse_j',
  'time_decay',
  'custom',
] as const;

export type ModelId = (typeof MODEL_IDS)[number];
export type AttributionSettings = Playbook['attribution'];
export type PositionShares = AttributionSettings['custom'];

/** The four milestones of a deal's journey, in the order they happen. */
export const MILESTONES = ['FT', 'LC', 'OC', 'LAST'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_NAMES: Readonly<Record<Milestone, string>> = {
  FT: 'first touch',
  LC: 'lead creation',
  OC: 'opportunity creation',
  LAST: 'last touch',
};

export type ModelSpec =
  | {
      readonly id: ModelId;
      readonly kind: 'position';
      readonly shares: PositionShares;
      readonly label: string;
    }
  | { readonly id: ModelId; readonly kind: 'linear'; readonly label: string }
  | {
      readonly id: ModelId;
      readonly kind: 'time_decay';
      readonly halfLifeDays: number;
      readonly label: string;
    };

export type ModelErrorCode = 'INVALID_ATTRIBUTION_MODEL';

const POSITION_SHARES: Readonly<Partial<Record<ModelId, PositionShares>>> = {
  first_touch: { FT: 1, LC: 0, OC: 0, LAST: 0, middle: 0 },
  lead_creation: { FT: 0, LC: 1, OC: 0, LAST: 0, middle: 0 },
  last_touch: { FT: 0, LC: 0, OC: 0, LAST: 1, middle: 0 },
  u_shaped: { FT: 0.4, LC: 0.4, OC: 0, LAST: 0, middle: 0.2 },
  w_shaped: { FT: 0.3, LC: 0.3, OC: 0.3, LAST: 0, middle: 0.1 },
  full_path: { FT: 0.225, LC: 0.225, OC: 0.225, LAST: 0.225, middle: 0.1 },
  j_shaped: { FT: 0.2, LC: 0, OC: 0, LAST: 0.6, middle: 0.2 },
  inverse_j: { FT: 0.6, LC: 0, OC: 0, LAST: 0.2, middle: 0.2 },
};

/**
 * Builds one model from its id and the playbook's attribution settings (half-life, custom shares).
 * @example attributionModel('u_shaped', playbook.attribution) // → { ok: true, data: { kind: 'position', label: 'first touch 40 %, lead creation 40 %, between 20 %', … } }
 */
export function attributionModel(
  id: ModelId,
  settings: AttributionSettings,
): Result<ModelSpec, ModelErrorCode> {
  if (id === 'linear') return ok({ id, kind: 'linear', label: 'every touch equally' });
  if (id === 'time_decay') {
    const halfLifeDays = settings.halfLifeDays;
    if (!(halfLifeDays > 0) || !Number.isFinite(halfLifeDays)) {
      return err('INVALID_ATTRIBUTION_MODEL', 'the half-life must be a positive number of days', [
        { path: 'attribution.halfLifeDays', message: `expected a positive number, got ${halfLifeDays}` },
      ]);
    }
    return ok({ id, kind: 'time_decay', halfLifeDays, label: timeDecayLabel(halfLifeDays) });
  }
  const shares = id === 'custom' ? settings.custom : POSITION_SHARES[id];
  if (shares === undefined) return err('INVALID_ATTRIBUTION_MODEL', `unknown attribution model "${id}"`);
  const problem = sharesProblem(shares);
  if (problem) {
    return err('INVALID_ATTRIBUTION_MODEL', `the ${id} model's shares cannot be used`, [
      { path: 'attribution.custom', message: problem },
    ]);
  }
  return ok({ id, kind: 'position', shares, label: sharesLabel(shares) });
}

/**
 * Builds every model (the catalogue a UI offers), or the first problem with the playbook's settings.
 * @example attributionModels(playbook.attribution) // → { ok: true, data: [first_touch, …, custom] }
 */
export function attributionModels(settings: AttributionSettings): Result<ModelSpec[], ModelErrorCode> {
  const specs: ModelSpec[] = [];
  for (const id of MODEL_IDS) {
    const spec = attributionModel(id, settings);
    if (!spec.ok) return spec;
    specs.push(spec.data);
  }
  return ok(specs);
}

/**
 * Says what a position model credits, because vendors disagree on what the shape names mean.
 * @example sharesLabel({ FT: 0.4, LC: 0.4, OC: 0, LAST: 0, middle: 0.2 }) // → 'first touch 40 %, lead creation 40 %, between 20 %'
 */
export function sharesLabel(shares: PositionShares): string {
  const parts = MILESTONES.filter((m) => shares[m] > 0).map(
    (m) => `${MILESTONE_NAMES[m]} ${percent(shares[m])}`,
  );
  if (shares.middle > 0) parts.push(`between ${percent(shares.middle)}`);
  return parts.join(', ');
}

/** @example timeDecayLabel(7) // → 'recent touches weigh more: credit halves for every 7 days before the close' */
export function timeDecayLabel(halfLifeDays: number): string {
  return `recent touches weigh more: credit halves for every ${round1(halfLifeDays)} day${halfLifeDays === 1 ? '' : 's'} before the close`;
}

/** A share as people read it: `percent(0.225)` → `'22.5 %'`, `percent(1 / 3)` → `'33.3 %'`. */
export function percent(share: number): string {
  return `${round1(share * 100)} %`;
}

function round1(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function sharesProblem(shares: PositionShares): string | undefined {
  const values = [...MILESTONES.map((m) => shares[m]), shares.middle];
  if (values.some((v) => !(v >= 0) || !Number.isFinite(v))) return 'every share must be a number from 0 to 1';
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-9) return `shares add up to ${Math.round(sum * 1e6) / 1e6}, not 1`;
  // The middle is defined as the touches between milestones, so a model needs at least one milestone to anchor it.
  if (MILESTONES.every((m) => shares[m] === 0))
    return 'at least one milestone (FT, LC, OC or LAST) needs a share';
  return undefined;
}
