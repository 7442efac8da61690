import type { Playbook } from '../playbook/schema';

/** What a rep recorded: a disposition's reason code and notes, or a note on its own. */
export interface ObjectionSource {
  readonly reasonCode?: string | undefined;
  readonly notes?: string | undefined;
}

/**
 * The objection types a record's dispositions reveal: from reason codes that carry an `objection`, and from notes
 * that name an objection by its id or label as a whole word ("price", "prices", "ROI"). Returned in playbook order.
 * @example openObjections([{ reasonCode: 'recycle_no_budget' }, { notes: 'worried about ROI' }], playbook) // → ['price', 'roi']
 */
export function openObjections(sources: readonly ObjectionSource[], playbook: Playbook): string[] {
  const byReasonCode = new Map(
    playbook.dispositions.reasonCodes.flatMap((code) =>
      code.objection !== undefined ? [[code.id, code.objection] as const] : [],
    ),
  );
  const found = new Set<string>();
  const notes = sources.map((source) => source.notes ?? '').join('\n');
  for (const source of sources) {
    const objection = source.reasonCode !== undefined ? byReasonCode.get(source.reasonCode) : undefined;
    if (objection !== undefined) found.add(objection);
  }
  for (const type of playbook.content.objectionTypes) {
    if (found.has(type.id)) continue;
    const names = [...new Set([type.id.replace(/[-_]/g, ' '), type.label])];
    if (names.some((name) => mentions(notes, name))) found.add(type.id);
  }
  return playbook.content.objectionTypes.map((type) => type.id).filter((id) => found.has(id));
}

// Whole words only, so "price" does not fire inside "priceless" and "roi" not inside "heroic".
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s_-]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}s?(?![\\p{L}\\p{N}])`, 'iu').test(text);
}
