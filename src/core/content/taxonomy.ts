import type { Playbook } from '../playbook/schema';

/** The playbook's content facets as id → label maps, in playbook order. */
export interface ContentTaxonomy {
  readonly buyerStages: ReadonlyMap<string, string>;
  readonly useCases: ReadonlyMap<string, string>;
  readonly objections: ReadonlyMap<string, string>;
  readonly formats: ReadonlyMap<string, string>;
}

/**
 * Reads the content taxonomy (buyer stages, use cases, objection types, formats) from the playbook.
 * @example contentTaxonomy(playbook).objections.get('price') // → 'Price'
 */
export function contentTaxonomy(playbook: Playbook): ContentTaxonomy {
  const toMap = (entries: readonly { id: string; label: string }[]) =>
    new Map(entries.map((entry) => [entry.id, entry.label] as const));
  const { buyerStages, useCases, objectionTypes, formats } = playbook.content;
  return {
    buyerStages: toMap(buyerStages),
    useCases: toMap(useCases),
    objections: toMap(objectionTypes),
    formats: toMap(formats),
  };
}

/**
 * The message for an id the taxonomy does not know, listing the ids it does know.
 * @example unknownId('format', 'pdf', formats) // → 'unknown format "pdf" (known: one-pager, deck)'
 */
export function unknownId(what: string, id: string, known: ReadonlyMap<string, string>): string {
  return `unknown ${what} "${id}" (known: ${[...known.keys()].join(', ')})`;
}

/**
 * A label as it reads inside a sentence: the first letter lower-cased unless the label is an acronym.
 * @example inSentence('Price') // → 'price'; inSentence('ROI') // → 'ROI'
 */
export function inSentence(label: string): string {
  const second = label.charAt(1);
  if (second !== '' && second === second.toUpperCase() && second !== second.toLowerCase()) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
