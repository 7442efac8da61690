import type { Properties } from './property-criterion';
import type { CompiledFacet } from './icp-facets';
import type { FacetScore, FitScore } from './types';

/**
 * The ICP fit score: matched facet weights / weights of every defined facet × 100, rounded to an integer, with
 * each facet's verdict; 0 when the playbook defines no weight at all.
 * @example fitScore(compileIcpFacets(playbook.icp), { industry: 'Software' }).score // → 21 (3 of 14 weight)
 */
export function fitScore(facets: readonly CompiledFacet[], properties: Properties): FitScore {
  let matchedWeight = 0;
  let totalWeight = 0;
  const results: FacetScore[] = [];
  for (const facet of facets) {
    const result = facet.evaluate(properties);
    results.push(result);
    totalWeight += facet.weight;
    if (result.matched) matchedWeight += facet.weight;
  }
  const score = totalWeight === 0 ? 0 : Math.round((matchedWeight / totalWeight) * 100);
  return { score, matchedWeight, totalWeight, facets: results };
}
