import type { Properties } from './property-criterion';
import type { CompiledFacet } from './icp-facets';
import type { PropertyValue } from './record-schema';
import type { FacetScore, FitScore } from './types';

/**
 * The ICP fit score: matched facet weights / weights of every defined facet × 100, rounded to an integer, with
 * each facet's verdict; 0 when the playbook defines no weight at all. `values`, when given, holds each facet's
 * property value already read (values[i] for facets[i]), so the record is not read again.
 * @example fitScore(compileIcpFacets(playbook.icp), { industry: 'Software' }).score // → 21 (3 of 14 weight)
 */
export function fitScore(
  facets: readonly CompiledFacet[],
  properties: Properties,
  values?: readonly (PropertyValue | undefined)[],
): FitScore {
  let matchedWeight = 0;
  let totalWeight = 0;
  const results: FacetScore[] = new Array<FacetScore>(facets.length);
  for (let i = 0; i < facets.length; i++) {
    const facet = facets[i] as CompiledFacet;
    const result = values === undefined ? facet.evaluate(properties) : facet.score(values[i]);
    results[i] = result;
    totalWeight += facet.weight;
    if (result.matched) matchedWeight += facet.weight;
  }
  const score = totalWeight === 0 ? 0 : Math.round((matchedWeight / totalWeight) * 100);
  return { score, matchedWeight, totalWeight, facets: results };
}
