/**
 * The handoff statuses a lead can have. A fixed vocabulary, unlike stage ids and reason codes: both CRMs store it in
 * a restricted field (a HubSpot enumeration, a Salesforce restricted picklist) that the cards and SLA pause rules
 * read, so a playbook outcome may only write one of these.
 */
export const LEAD_STATUSES = ['open', 'accepted', 'disqualified', 'recycled', 'waiting_on_prospect'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
