import { describe, expect, it } from 'vitest';
import { zodIssues } from '../shared/zod-issues';
import { EngagementEventSchema, RecordWithEventsSchema } from './record-schema';

describe('RecordWithEventsSchema', () => {
  it('accepts scalar, null and list properties, and defaults events to none', () => {
    const parsed = RecordWithEventsSchema.safeParse({
      id: 'lead-1',
      properties: {
        industry: 'Software',
        employees: 250,
        active: true,
        owner: null,
        technologies: ['HubSpot'],
      },
    });
    expect(parsed.success && parsed.data.events).toEqual([]);
  });

  it.each([
    [
      'a record without an id',
      { properties: {} },
      ['id: Invalid input: expected string, received undefined'],
    ],
    ['a blank id', { id: ' ', properties: {} }, ['id: a record needs an id']],
    [
      'an object as a property value',
      { id: 'x', properties: { address: { city: 'Oslo' } } },
      ['properties.address: Invalid input'],
    ],
    [
      'an event without an offset and one without a type',
      {
        id: 'x',
        properties: {},
        events: [
          { type: 'page_view', at: '2026-03-01T10:00:00' },
          { type: '', at: '2026-03-01T10:00:00Z' },
        ],
      },
      [
        'events[0].at: expected an ISO-8601 instant with an offset, e.g. 2026-03-02T15:00:00Z',
        'events[1].type: an event needs a type',
      ],
    ],
    ['an unknown top-level field', { id: 'x', properties: {}, owner: 'me' }, [': Unrecognized key: "owner"']],
  ])('reports %s with its path', (_name, input, expected) => {
    const parsed = RecordWithEventsSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`)).toEqual(expected);
  });
});

describe('EngagementEventSchema', () => {
  it.each([
    ['a UTC instant', '2026-03-01T10:00:00Z', true],
    ['an instant with an offset and milliseconds', '2026-03-01T10:00:00.250+05:30', true],
    ['a local time without offset', '2026-03-01T10:00:00', false],
    ['a date only', '2026-03-01', false],
  ])('accepts %s: %s', (_name, at, valid) => {
    expect(EngagementEventSchema.safeParse({ type: 'page_view', at }).success).toBe(valid);
  });
});
