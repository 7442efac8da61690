import { describe, expect, it } from 'vitest';
import { parseAttributionInput } from './input';

const aDeal = (overrides: Record<string, unknown> = {}) => ({
  id: 'D1',
  amount: 48000,
  leadCreatedAt: '2026-02-01T00:00:00Z',
  createdAt: '2026-03-01T00:00:00Z',
  closedAt: '2026-04-01T00:00:00Z',
  won: true,
  ...overrides,
});
const aTouch = (overrides: Record<string, unknown> = {}) => ({
  id: 'T1',
  dealId: 'D1',
  assetId: 'A7',
  channel: 'webinar',
  at: '2026-01-10T09:00:00Z',
  ...overrides,
});

describe('parseAttributionInput', () => {
  it.each([
    ['accepts a closed deal with a touch', { deals: [aDeal()], touches: [aTouch()] }],
    [
      'accepts an open deal whose closedAt is null',
      { deals: [aDeal({ closedAt: null, won: false })], touches: [] },
    ],
    ['accepts an open deal without closedAt', { deals: [{ ...aDeal(), closedAt: undefined }], touches: [] }],
    [
      'accepts times written with an offset',
      { deals: [aDeal()], touches: [aTouch({ at: '2026-01-10T09:00:00.5-05:00' })] },
    ],
    ['accepts a deal of zero amount', { deals: [aDeal({ amount: 0 })], touches: [] }],
  ])('%s', (_name, input) => {
    expect(parseAttributionInput(input).ok).toBe(true);
  });

  it.each([
    [
      'reports a missing amount',
      { deals: [{ ...aDeal(), amount: undefined }], touches: [] },
      [['deals[0].amount', 'required']],
    ],
    [
      'reports a negative amount',
      { deals: [aDeal({ amount: -5 })], touches: [] },
      [['deals[0].amount', 'must not be negative']],
    ],
    [
      'reports an amount given as text',
      { deals: [aDeal({ amount: '48000' })], touches: [] },
      [['deals[0].amount', 'expected the amount as a number']],
    ],
    [
      'reports a date that is not ISO-8601',
      { deals: [aDeal({ createdAt: '03/01/2026' })], touches: [] },
      [
        [
          'deals[0].createdAt',
          'expected an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z (got "03/01/2026")',
        ],
      ],
    ],
    [
      'reports a local time without a zone, which would depend on the machine',
      { deals: [aDeal()], touches: [aTouch({ at: '2026-01-10T09:00:00' })] },
      [
        [
          'touches[0].at',
          'expected an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z (got "2026-01-10T09:00:00")',
        ],
      ],
    ],
    [
      'reports a missing won flag',
      { deals: [{ ...aDeal(), won: undefined }], touches: [] },
      [['deals[0].won', 'required']],
    ],
    ['reports a missing list of touches', { deals: [] }, [['touches', 'required']]],
    [
      'reports a touch of an unknown deal',
      { deals: [aDeal()], touches: [aTouch({ dealId: 'D9' })] },
      [['touches[0].dealId', 'unknown deal "D9"']],
    ],
    [
      'reports a duplicate deal id with where it was first used',
      { deals: [aDeal(), aDeal()], touches: [] },
      [['deals[1].id', 'duplicate deal id "D1" (first used at deals[0])']],
    ],
    [
      'reports a duplicate touch id with where it was first used',
      { deals: [aDeal()], touches: [aTouch(), aTouch({ at: '2026-01-11T09:00:00Z' })] },
      [['touches[1].id', 'duplicate touch id "T1" (first used at touches[0])']],
    ],
    [
      'reports an empty asset id',
      { deals: [aDeal()], touches: [aTouch({ assetId: '' })] },
      [['touches[0].assetId', 'an asset id must not be empty']],
    ],
    [
      'reports every bad field at once, one issue each',
      {
        deals: [aDeal({ amount: -1, leadCreatedAt: 'yesterday' })],
        touches: [{ ...aTouch(), channel: undefined }],
      },
      [
        ['deals[0].amount', 'must not be negative'],
        [
          'deals[0].leadCreatedAt',
          'expected an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z (got "yesterday")',
        ],
        ['touches[0].channel', 'required'],
      ],
    ],
  ])('%s', (_name, input, issues) => {
    const result = parseAttributionInput(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ATTRIBUTION_INPUT');
    expect(result.error.issues.map((issue) => [issue.path, issue.message])).toEqual(issues);
  });

  it('reports input that is not an object at all', () => {
    const result = parseAttributionInput([1, 2]);
    expect(!result.ok && result.error.issues.length).toBeGreaterThan(0);
  });
});
