import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAttributionInput,
  validateAttributionInput,
  validateQuickly,
  validateWithSchema,
} from './input';

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
      'accepts an open deal whose outcome is null, as CRMs export it',
      { deals: [aDeal({ closedAt: null, won: null })], touches: [] },
    ],
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

describe('validateAttributionInput', () => {
  it.each([
    ['a negative amount', { deals: [aDeal({ amount: -5 })], touches: [] }, 'deals[0].amount'],
    ['an infinite amount', { deals: [aDeal({ amount: Infinity })], touches: [] }, 'deals[0].amount'],
    ['an amount that is NaN', { deals: [aDeal({ amount: Number.NaN })], touches: [] }, 'deals[0].amount'],
    ['an amount given as text', { deals: [aDeal({ amount: '48000' })], touches: [] }, 'deals[0].amount'],
    ['a missing deal id', { deals: [{ ...aDeal(), id: undefined }], touches: [] }, 'deals[0].id'],
    ['an empty deal id', { deals: [aDeal({ id: '' })], touches: [] }, 'deals[0].id'],
    ['a won flag given as text', { deals: [aDeal({ won: 'yes' })], touches: [] }, 'deals[0].won'],
    [
      'a lead date on 30 February',
      { deals: [aDeal({ leadCreatedAt: '2026-02-30T00:00:00Z' })], touches: [] },
      'deals[0].leadCreatedAt',
    ],
    [
      'a created date without a zone',
      { deals: [aDeal({ createdAt: '2026-03-01T00:00:00' })], touches: [] },
      'deals[0].createdAt',
    ],
    [
      'a close date given as a number',
      { deals: [aDeal({ closedAt: 1767225600000 })], touches: [] },
      'deals[0].closedAt',
    ],
    ['a deal that is not an object', { deals: ['D1'], touches: [] }, 'deals[0]'],
    ['a deal that is an array', { deals: [[]], touches: [] }, 'deals[0]'],
    ['a duplicate deal id', { deals: [aDeal(), aDeal()], touches: [] }, 'deals[1].id'],
    ['a missing touch id', { deals: [aDeal()], touches: [{ ...aTouch(), id: undefined }] }, 'touches[0].id'],
    ['an empty channel', { deals: [aDeal()], touches: [aTouch({ channel: '' })] }, 'touches[0].channel'],
    [
      'an asset id given as a number',
      { deals: [aDeal()], touches: [aTouch({ assetId: 7 })] },
      'touches[0].assetId',
    ],
    [
      'a touch time with an offset missing its colon',
      { deals: [aDeal()], touches: [aTouch({ at: '2026-01-10T09:00:00+0100' })] },
      'touches[0].at',
    ],
    [
      'a touch of an unknown deal',
      { deals: [aDeal()], touches: [aTouch({ dealId: 'D9' })] },
      'touches[0].dealId',
    ],
    ['a duplicate touch id', { deals: [aDeal()], touches: [aTouch(), aTouch()] }, 'touches[1].id'],
    ['a touch that is null', { deals: [aDeal()], touches: [null] }, 'touches[0]'],
    ['a list of deals that is an object', { deals: {}, touches: [] }, 'deals'],
    ['a missing list of touches', { deals: [] }, 'touches'],
    ['input that is null', null, ''],
  ])('sends %s to the schema, which reports it at its path', (_name, input, path) => {
    expect(validateQuickly(input)).toBeUndefined();
    const result = validateAttributionInput(input);
    expect(result).toEqual(validateWithSchema(input));
    expect(!result.ok && result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it.each([
    ['a deal with an unknown key', { deals: [aDeal({ stage: 'won' })], touches: [] }],
    [
      'a touch with an unknown key',
      { deals: [aDeal()], touches: [aTouch(), aTouch({ id: 'T2', campaign: 'Q1' })] },
    ],
    ['an unknown top-level key', { deals: [aDeal()], touches: [], source: 'crm' }],
    [
      'a deal whose closedAt is present but undefined',
      { deals: [aDeal({ closedAt: undefined })], touches: [] },
    ],
  ])('gives for %s the value zod gives, unknown keys stripped', (_name, input) => {
    const quick = validateQuickly(input);
    const schema = validateWithSchema(input);
    expect(schema.ok).toBe(true);
    expect(quick?.data).toStrictEqual(schema.ok && schema.data.data);
  });

  it('keeps the input objects when they have only the schema keys, so a million touches are not copied', () => {
    const input = { deals: [aDeal()], touches: [aTouch()] };
    const quick = validateQuickly(input);
    expect(quick?.data.deals).toBe(input.deals);
    expect(quick?.data.touches).toBe(input.touches);
  });

  it('accepts and rejects exactly what the schema does, with the same value and columns, for valid and mutated input', () => {
    fc.assert(
      fc.property(validInput, fc.array(mutation, { maxLength: 3 }), (generated, mutations) => {
        // Mutations change the input in place; fast-check may replay a generated value while shrinking.
        const input = structuredClone(generated);
        for (const mutate of mutations) mutate(input);
        const quick = validateQuickly(input);
        const schema = validateWithSchema(input);
        expect(quick !== undefined).toBe(schema.ok);
        if (quick !== undefined && schema.ok) expect(quick).toStrictEqual(schema.data);
      }),
      { numRuns: 500 },
    );
  });
});

type Row = Record<string, unknown>;
interface Input {
  deals: Row[];
  touches: Row[];
}

const instant = fc
  .tuple(
    fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
    fc.constantFrom('Z', '+02:00', '-05:30'),
  )
  .map(([ms, zone]) => new Date(ms).toISOString().slice(0, 19) + zone);

const validInput = fc
  .array(
    fc.record({
      amount: fc.oneof(fc.integer({ min: 0, max: 250_000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
      leadCreatedAt: instant,
      createdAt: instant,
      closedAt: fc.option(instant),
      won: fc.option(fc.boolean(), { nil: null }),
      touches: fc.array(fc.record({ asset: fc.integer({ min: 1, max: 4 }), at: instant }), { maxLength: 4 }),
    }),
    { maxLength: 4 },
  )
  .map((rows): Input => ({
    deals: rows.map(({ touches: _touches, ...deal }, d) => ({ id: `D${d}`, ...deal })),
    touches: rows.flatMap((row, d) =>
      row.touches.map((touch, i) => ({
        id: `T${d}-${i}`,
        dealId: `D${d}`,
        assetId: `A${touch.asset}`,
        channel: 'email',
        at: touch.at,
      })),
    ),
  }));

const BAD_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  'x',
  -1,
  0,
  Number.NaN,
  Infinity,
  true,
  {},
  [],
  'D0',
  'T0-0',
  '2026-02-30T00:00:00Z',
  '2026-01-10T09:00:00',
  '2026-01-10T09:00:00.5+05:30',
];
// A fresh copy each time, so that mutating a row that is `{}` or `[]` cannot change the list for later runs.
const bad = (value: number): unknown => structuredClone(BAD_VALUES[value]);
const DEAL_FIELDS = ['id', 'amount', 'leadCreatedAt', 'createdAt', 'closedAt', 'won', 'extra'];
const TOUCH_FIELDS = ['id', 'dealId', 'assetId', 'channel', 'at', 'extra'];

/** One change to an input: a field set to a (mostly) bad value or deleted, a row replaced, or a list replaced. */
const mutation = fc.oneof(
  fc
    .tuple(
      fc.boolean(),
      fc.nat(),
      fc.constantFrom(...DEAL_FIELDS, ...TOUCH_FIELDS),
      fc.nat(BAD_VALUES.length),
    )
    .map(([deal, at, field, value]) => (input: Input) => {
      const rows: unknown = deal ? input.deals : input.touches;
      if (!Array.isArray(rows)) return;
      const row: unknown = rows[at % Math.max(rows.length, 1)];
      if (typeof row !== 'object' || row === null) return;
      if (value === BAD_VALUES.length) Reflect.deleteProperty(row, field);
      else (row as Row)[field] = bad(value);
    }),
  fc
    .tuple(fc.boolean(), fc.nat(), fc.nat(BAD_VALUES.length - 1))
    .map(([deal, at, value]) => (input: Input) => {
      const rows: unknown = deal ? input.deals : input.touches;
      if (Array.isArray(rows) && rows.length > 0) rows[at % rows.length] = bad(value);
    }),
  fc.tuple(fc.boolean(), fc.nat()).map(([deal, at]) => (input: Input) => {
    // A copy of another row: a duplicate id unless its id is changed afterwards.
    const rows: unknown = deal ? input.deals : input.touches;
    if (!Array.isArray(rows)) return;
    const row: unknown = rows[at % Math.max(rows.length, 1)];
    if (typeof row === 'object' && row !== null) rows.push({ ...row });
  }),
  fc.tuple(fc.boolean(), fc.nat(BAD_VALUES.length - 1)).map(([deal, value]) => (input: Input) => {
    (input as unknown as Record<string, unknown>)[deal ? 'deals' : 'touches'] = bad(value);
  }),
);
