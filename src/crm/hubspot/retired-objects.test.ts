import { describe, expect, it } from 'vitest';
import { RETIRED_OBJECTS } from './retired-objects';

const links = {
  contactId: '101',
  dealId: '201',
  assetIdOf: (external: string) => (external === 'asset-7' ? '301' : undefined),
};
const record = (properties: Record<string, string>) => ({ id: '9', properties });
const retired = (name: string) => {
  const found = RETIRED_OBJECTS.find((o) => o.name === name);
  if (!found) throw new Error(`no retired object ${name}`);
  return found;
};

describe('copying a retired object’s record into handoff_activity', () => {
  it.each([
    [
      'a disposition keeps its key, outcome, reason, notes and owner, and occurs when it was disposed',
      'handoff_disposition',
      {
        handoff_idempotency_key: 'k-1',
        handoff_outcome: 'recycle',
        handoff_reason_code: 'recycle_no_budget',
        handoff_notes: 'Next fiscal year',
        handoff_disposed_at: '2026-03-01T10:00:00.000Z',
        handoff_recycle_at: '2026-06-01T00:00:00.000Z',
        hubspot_owner_id: '80000001',
        handoff_external_id: 'seed-d-1',
      },
      {
        handoff_external_id: 'k-1',
        handoff_kind: 'disposition',
        handoff_activity_type: 'recycle',
        handoff_occurred_at: '2026-03-01T10:00:00.000Z',
        handoff_contact_id: '101',
        handoff_outcome: 'recycle',
        handoff_reason_code: 'recycle_no_budget',
        handoff_notes: 'Next fiscal year',
        handoff_submission_id: 'seed-d-1',
        handoff_recycle_at: '2026-06-01T00:00:00.000Z',
        hubspot_owner_id: '80000001',
      },
    ],
    [
      'an engagement event names its asset by record id when the library has it',
      'handoff_engagement_event',
      {
        handoff_external_id: 'e-1',
        handoff_event_type: 'webinar_attended',
        handoff_occurred_at: '2026-03-02T10:00:00.000Z',
        handoff_asset_external_id: 'asset-7',
      },
      {
        handoff_external_id: 'e-1',
        handoff_kind: 'engagement_event',
        handoff_activity_type: 'webinar_attended',
        handoff_occurred_at: '2026-03-02T10:00:00.000Z',
        handoff_contact_id: '101',
        handoff_asset_external_id: 'asset-7',
        handoff_asset_id: '301',
      },
    ],
    [
      'a content touch keeps its deal, and an asset the library lost keeps only its external id',
      'handoff_content_touch',
      {
        handoff_external_id: 't-1',
        handoff_channel: 'email',
        handoff_touched_at: '2026-03-03T10:00:00.000Z',
        handoff_asset_external_id: 'asset-gone',
      },
      {
        handoff_external_id: 't-1',
        handoff_kind: 'content_touch',
        handoff_activity_type: 'email',
        handoff_occurred_at: '2026-03-03T10:00:00.000Z',
        handoff_contact_id: '101',
        handoff_deal_id: '201',
        handoff_asset_external_id: 'asset-gone',
      },
    ],
  ])('%s', (_, name, properties, expected) => {
    expect(retired(name).toActivity(record(properties), links)).toEqual(expected);
  });

  it.each([
    ['a disposition without its idempotency key', 'handoff_disposition', { handoff_outcome: 'accept' }],
    ['an engagement event without its type', 'handoff_engagement_event', { handoff_external_id: 'e-2' }],
    ['a content touch without its time', 'handoff_content_touch', { handoff_external_id: 't-2' }],
  ])('skips %s (an activity requires it)', (_, name, properties) => {
    expect(retired(name).toActivity(record(properties), links)).toBeUndefined();
  });
});
