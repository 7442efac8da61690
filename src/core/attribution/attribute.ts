import { err, ok, type Result } from '../shared/result';
import { attributeAll, type ModelRun } from './attribute-all';
import { validateAttributionInput, type AttributionInputErrorCode } from './input';
import {
  attributionModel,
  MODEL_IDS,
  type AttributionSettings,
  type ModelErrorCode,
  type ModelId,
} from './models';
import { indexAttribution, type AttributionIndex } from './touch-index';

export interface AttributeOptions {
  /** One model, or every model in catalogue order. */
  readonly model: ModelId | 'all';
  /** When open deals end; the caller passes the clock, the core never reads it. */
  readonly asOf: Date;
  readonly settings: AttributionSettings;
}

export interface Attribution {
  readonly index: AttributionIndex;
  readonly runs: readonly ModelRun[];
}

/**
 * Validates raw input, then runs the model (or all of them in one pass): the whole of `handoff attribute`.
 * @example attribute(JSON.parse(text), { model: 'u_shaped', asOf: new Date(), settings: playbook.attribution })
 */
export function attribute(
  input: unknown,
  options: AttributeOptions,
): Result<Attribution, AttributionInputErrorCode | ModelErrorCode> {
  const ids = options.model === 'all' ? MODEL_IDS : [options.model];
  const specs = [];
  for (const id of ids) {
    const spec = attributionModel(id, options.settings);
    if (!spec.ok) return spec;
    specs.push(spec.data);
  }
  if (Number.isNaN(options.asOf.getTime())) {
    return err('INVALID_ATTRIBUTION_INPUT', 'the as-of date is not a valid date', [
      { path: 'asOf', message: 'expected a valid date' },
    ]);
  }
  const validated = validateAttributionInput(input);
  if (!validated.ok) return validated;
  const index = indexAttribution(validated.data.data, options.asOf, validated.data.columns);
  return ok({ index, runs: attributeAll(index, specs) });
}
