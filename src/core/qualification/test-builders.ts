// Small builders for the qualification tests: a lead with just the properties a scenario is about.
import type { EngagementEvent, PropertyValue, QualificationRecord } from './record-schema';

export const NOW_MS = Date.UTC(2026, 2, 12, 15, 0, 0);
export const DAY = 86_400_000;

/** A lead with only the given properties: `aLead({ industry: 'Healthcare' })`. */
export function aLead(properties: Record<string, PropertyValue> = {}, id = 'lead-1'): QualificationRecord {
  return { id, properties };
}

/** A lead that fits every facet of the default playbook's ICP. */
export function anIcpLead(overrides: Record<string, PropertyValue> = {}): QualificationRecord {
  return aLead({
    industry: 'Software',
    employees: 250,
    annualRevenue: 40_000_000,
    country: 'US',
    jobTitle: 'Director of Demand Generation',
    seniority: 'director',
    technologies: ['HubSpot', 'Gong'],
    ...overrides,
  });
}

/** An event `daysAgo` days before NOW_MS (negative = in the future). */
export function anEvent(type: string, daysAgo: number, nowMs = NOW_MS): EngagementEvent {
  return { type, at: new Date(nowMs - daysAgo * DAY).toISOString() };
}
