import type { Playbook } from '../playbook/schema';

/**
 * The buyer stage a touch happens at, from the playbook's stage maps: the deal's stage when the touch is on a deal
 * (the deal is where the buying happens), else the lead's; null when neither is mapped. What a content share
 * records, so usage can count won deals per buyer stage.
 * @example buyerStageAt(playbook, { dealStage: 'proposal', leadStage: 'sql' }) // → 'decision'
 */
export function buyerStageAt(
  playbook: Playbook,
  at: { readonly dealStage?: string | null; readonly leadStage?: string | null },
): string | null {
  const { deal, lead } = playbook.content.stageMap;
  const byDeal = typeof at.dealStage === 'string' ? own(deal, at.dealStage) : undefined;
  if (byDeal !== undefined) return byDeal;
  return (typeof at.leadStage === 'string' ? own(lead, at.leadStage) : undefined) ?? null;
}

// A map entry of the playbook's own, never an inherited name such as "constructor".
function own(map: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
