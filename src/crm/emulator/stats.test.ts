import { describe, expect, it } from 'vitest';
import { CallStats, endpointKey } from './stats';

describe('endpointKey', () => {
  it.each([
    [
      'replaces a HubSpot record id',
      'GET',
      '/hubspot',
      '/crm/v3/objects/contacts/100051',
      'GET /hubspot/crm/v3/objects/contacts/:id',
    ],
    [
      'keeps object type names and versions',
      'POST',
      '/hubspot',
      '/crm/v4/associations/deals/handoff_activity/batch/read',
      'POST /hubspot/crm/v4/associations/deals/handoff_activity/batch/read',
    ],
    [
      'replaces a Salesforce 18-character id',
      'PATCH',
      '/salesforce',
      '/services/data/v62.0/sobjects/Lead/00Q5g00000AbCdEFGH',
      'PATCH /salesforce/services/data/v62.0/sobjects/Lead/:id',
    ],
    [
      'replaces a query locator',
      'GET',
      '/salesforce',
      '/services/data/v62.0/query/01gD0000002HU6KIAW-2000',
      'GET /salesforce/services/data/v62.0/query/:id',
    ],
    [
      'replaces both ids of an association path',
      'PUT',
      '/hubspot',
      '/crm/v4/objects/notes/7/associations/contacts/100051',
      'PUT /hubspot/crm/v4/objects/notes/:id/associations/contacts/:id',
    ],
  ])('%s', (_name, method, prefix, path, expected) => {
    expect(endpointKey(method, prefix, path)).toBe(expected);
  });
});

describe('CallStats', () => {
  it('counts per API, endpoint and outcome, and clears', () => {
    const stats = new CallStats();
    stats.record('hubspot', 'GET /hubspot/a', 'handled');
    stats.record('hubspot', 'GET /hubspot/a', 'rate-limited');
    stats.record('salesforce', 'GET /salesforce/b', 'handled');
    expect(stats.snapshot()).toMatchObject({
      total: 3,
      byApi: { hubspot: 2, salesforce: 1 },
      byEndpoint: { 'GET /hubspot/a': 2, 'GET /salesforce/b': 1 },
      byOutcome: { handled: 2, 'rate-limited': 1 },
    });
    stats.clear();
    expect(stats.snapshot().total).toBe(0);
  });
});
