import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../../cli/io/load-playbook';
import {
  BUYER_STAGES,
  DEFAULT_ANCHOR_MS,
  EVENT_TYPES,
  FORMATS,
  ICP_INDUSTRIES,
  OBJECTION_TYPES,
  OPEN_DEAL_BUYER_STAGES,
  OPEN_DEAL_STAGES,
  REASON_CODES,
  USE_CASES,
  generateSeed,
} from './generate';

const playbookResult = loadPlaybook();
if (!playbookResult.ok) throw new Error(playbookResult.error.message);
const playbook = playbookResult.data;
const seed = generateSeed();
const DAY = 86_400_000;

describe('generateSeed', () => {
  it('gives identical data for the same seed and different data for another', () => {
    expect(generateSeed({ seed: 42 })).toEqual(seed);
    expect(generateSeed({ seed: 43 }).leads).not.toEqual(seed.leads);
  });

  it.each([
    ['the default sizes', {}, [500, 150, 40]],
    ['the sizes asked for', { leads: 30, deals: 8, assets: 12 }, [30, 8, 12]],
    ['no records at all', { leads: 0, deals: 0, assets: 0 }, [0, 0, 0]],
  ])('generates %s', (_name, sizes, [leads, deals, assets]) => {
    const data = generateSeed({ seed: 1, ...sizes });
    expect([data.leads.length, data.deals.length, data.assets.length]).toEqual([leads, deals, assets]);
  });

  it('uses the ids of the default playbook for stages, reason codes, taxonomy and event types', () => {
    const stageIds = playbook.stages.map((s) => s.id);
    const reasonIds = playbook.dispositions.reasonCodes.map((r) => r.id);
    const taxonomy = playbook.content;
    expect(new Set(seed.leads.map((l) => l.stage))).toEqual(new Set(stageIds));
    expect(
      Object.values(REASON_CODES)
        .flat()
        .map(([id]) => id)
        .sort(),
    ).toEqual([...reasonIds].sort());
    expect(BUYER_STAGES).toEqual(taxonomy.buyerStages.map((s) => s.id));
    expect(USE_CASES).toEqual(taxonomy.useCases.map((s) => s.id));
    expect(OBJECTION_TYPES).toEqual(taxonomy.objectionTypes.map((s) => s.id));
    expect(FORMATS).toEqual(taxonomy.formats.map((s) => s.id));
    expect(ICP_INDUSTRIES).toEqual(playbook.icp.industries?.values);
    expect([...OPEN_DEAL_STAGES, 'closed_won', 'closed_lost']).toEqual(playbook.dealStages.map((s) => s.id));
    expect(new Set(seed.events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
  });

  it('writes dispositions whose reason codes match their outcome, with notes as long as the code needs', () => {
    for (const d of seed.dispositions) {
      const code = playbook.dispositions.reasonCodes.find((r) => r.id === d.reasonCode);
      expect(code?.outcome).toBe(d.outcome);
      if (code?.notesRequired) expect(d.notes.length).toBeGreaterThanOrEqual(code.minNoteLength ?? 1);
    }
    expect(new Set(seed.dispositions.map((d) => d.outcome))).toEqual(
      new Set(['accept', 'reject', 'recycle']),
    );
  });

  it('shapes the leads as a funnel and wins about a third of closed deals', () => {
    const count = (stage: string): number => seed.leads.filter((l) => l.stage === stage).length;
    expect(count('inquiry')).toBeGreaterThan(count('mql'));
    expect(count('mql')).toBeGreaterThan(count('sql'));
    const closed = seed.deals.filter((d) => d.won !== null);
    const winRate = closed.filter((d) => d.won).length / closed.length;
    expect(winRate).toBeGreaterThan(0.2);
    expect(winRate).toBeLessThan(0.45);
  });

  it('turns most accepted leads, some sales-qualified ones and few others into deals, one deal per lead', () => {
    const withDeal = new Set(seed.deals.map((d) => d.leadId));
    expect(withDeal.size).toBe(seed.deals.length);
    const share = (stage: string): number => {
      const leads = seed.leads.filter((l) => l.stage === stage);
      return leads.filter((l) => withDeal.has(l.id)).length / leads.length;
    };
    expect(share('sal')).toBeGreaterThan(share('sql'));
    expect(share('sql')).toBeGreaterThan(share('mql'));
    expect(share('mql')).toBeGreaterThan(share('inquiry'));
    const qualified = seed.leads.filter((l) => l.stage === 'sql' || l.stage === 'sal');
    const converted = qualified.filter((l) => withDeal.has(l.id)).length / qualified.length;
    expect(converted).toBeGreaterThan(0.5);
    expect(converted).toBeLessThan(0.85);
  });

  it('records each touch’s buyer stage from the deal stage it was in, as the playbook maps it', () => {
    expect(OPEN_DEAL_BUYER_STAGES).toEqual(
      Object.fromEntries(OPEN_DEAL_STAGES.map((stage) => [stage, playbook.content.stageMap.deal[stage]])),
    );
    const allowed = new Set(Object.values(OPEN_DEAL_BUYER_STAGES));
    expect(seed.touches.every((t) => t.buyerStage !== null && allowed.has(t.buyerStage))).toBe(true);
    // An open deal in discovery was never past it: its touches are all at discovery's buyer stage.
    const early = seed.deals.filter((d) => d.stage === 'discovery').map((d) => d.id);
    const earlyStages = new Set(
      seed.touches.filter((t) => early.includes(t.dealId)).map((t) => t.buyerStage),
    );
    expect([...earlyStages].every((s) => s === OPEN_DEAL_BUYER_STAGES['discovery'])).toBe(true);
    expect(new Set(seed.touches.map((t) => t.buyerStage))).toEqual(allowed);
  });

  it('records the first touch of every accepted or rejected lead, as the adapters do when a disposition stops an SLA', () => {
    for (const d of seed.dispositions) {
      const lead = seed.leads.find((l) => l.id === d.leadId);
      if (d.outcome === 'recycle') {
        expect(lead?.stageEnteredAt).toBe(d.at);
        continue;
      }
      expect(lead?.firstTouchAt).not.toBeNull();
      expect(Date.parse(lead?.firstTouchAt ?? '')).toBeLessThanOrEqual(Date.parse(d.at));
    }
  });

  it('mostly picks ICP industries and spreads company sizes over orders of magnitude', () => {
    const icpShare = seed.leads.filter((l) => ICP_INDUSTRIES.includes(l.industry)).length / seed.leads.length;
    expect(icpShare).toBeGreaterThan(0.7);
    expect(icpShare).toBeLessThan(0.95);
    const sizes = seed.leads.map((l) => l.employees);
    expect(Math.min(...sizes)).toBeLessThan(50);
    expect(Math.max(...sizes)).toBeGreaterThan(5000);
  });

  it('gives 6 reps and 2 marketers, each rep reporting to one of 2 managers', () => {
    const managers = seed.owners.filter((o) => o.role === 'manager').map((o) => o.id);
    const reps = seed.owners.filter((o) => o.role === 'rep');
    expect(managers).toHaveLength(2);
    expect(reps).toHaveLength(6);
    expect(seed.owners.filter((o) => o.role === 'marketer')).toHaveLength(2);
    for (const rep of reps) expect(managers).toContain(rep.managerId);
  });

  it('dates every engagement event within 90 days before the anchor', () => {
    const anchor = Date.parse('2027-02-01T12:00:00Z');
    const data = generateSeed({ seed: 3, leads: 60, anchorMs: anchor });
    for (const e of data.events) {
      const at = Date.parse(e.at);
      expect(at).toBeLessThanOrEqual(anchor);
      expect(at).toBeGreaterThanOrEqual(anchor - 90 * DAY - 1000);
    }
    expect(DEFAULT_ANCHOR_MS).toBe(Date.parse('2026-11-30T15:00:00Z'));
  });

  it('links touches to existing deals, assets and the deal’s contacts', () => {
    const deals = new Map(seed.deals.map((d) => [d.id, d]));
    const assets = new Set(seed.assets.map((a) => a.id));
    for (const t of seed.touches) {
      expect(deals.get(t.dealId)?.contactIds).toContain(t.leadId);
      expect(assets.has(t.assetId)).toBe(true);
    }
    expect(seed.touches.length).toBeGreaterThan(seed.deals.length);
  });
});
