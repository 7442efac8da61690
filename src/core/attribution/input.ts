import * as z from 'zod';
import { err, ok, type FieldIssue, type Result } from '../shared/result';
import { formatPath, zodIssues } from '../shared/zod-issues';
import { isoInstantToMs } from './iso-instant';
import { StringIndex } from './string-index';

export type AttributionInputErrorCode = 'INVALID_ATTRIBUTION_INPUT';

// A missing field reads "required" rather than zod's "expected string, received undefined".
const required = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'required' : `expected ${expected}`;

const id = (what: string) =>
  z.string({ error: required(`${what} as a string`) }).min(1, { error: `${what} must not be empty` });

// A time zone is required: a local time would depend on the machine that runs the attribution.
const instant = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input === undefined
      ? 'required'
      : `expected an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z (got ${JSON.stringify(issue.input)})`,
});

export const DealSchema = z.object({
  id: id('a deal id'),
  amount: z
    .number({ error: required('the amount as a number') })
    .nonnegative({ error: 'must not be negative' })
    .finite({ error: 'must be a finite number' }),
  leadCreatedAt: instant,
  createdAt: instant,
  // null (or absent) means the deal is still open: its touches count up to the as-of date.
  closedAt: instant.nullable().optional(),
  // Attribution credits open and closed deals alike; an open deal's outcome is null (as CRMs export it).
  won: z.boolean({ error: required('true, false, or null while the deal is open') }).nullable(),
});

export const TouchSchema = z.object({
  id: id('a touch id'),
  dealId: id('a deal id'),
  assetId: id('an asset id'),
  channel: id('a channel'),
  at: instant,
});

export const AttributionInputSchema = z.object({
  deals: z.array(DealSchema, { error: required('a list of deals') }),
  touches: z.array(TouchSchema, { error: required('a list of touches') }),
});

export type Deal = z.infer<typeof DealSchema>;
export type Touch = z.infer<typeof TouchSchema>;
export type AttributionInput = z.infer<typeof AttributionInputSchema>;

/**
 * The input in columns, built while it is validated: every instant parsed once and every touch's deal, asset and
 * channel numbered, so indexing reads typed arrays instead of a million objects. Indexes are input positions.
 */
export interface InputColumns {
  /** The position of each touch's deal in `deals`, or -1 when no deal has its id (only in unvalidated input). */
  readonly touchDeal: Int32Array;
  readonly touchAt: Float64Array;
  /** Numbers into `assetIds` and `channelIds`, given in order of first appearance. */
  readonly touchAsset: Int32Array;
  readonly touchChannel: Int32Array;
  readonly assetIds: readonly string[];
  readonly channelIds: readonly string[];
  readonly dealAmount: Float64Array;
  readonly dealLeadCreatedAt: Float64Array;
  readonly dealCreatedAt: Float64Array;
  /** NaN while the deal is open. */
  readonly dealClosedAt: Float64Array;
}

export interface ValidatedAttributionInput {
  readonly data: AttributionInput;
  readonly columns: InputColumns;
}

/**
 * Validates deals and touches (schema, unique ids, touches of known deals), reporting every problem with its path.
 * @example parseAttributionInput({ deals: [], touches: [{ id: 'T1', dealId: 'D9', … }] }) // → issue at touches[0].dealId
 */
export function parseAttributionInput(input: unknown): Result<AttributionInput, AttributionInputErrorCode> {
  const validated = validateAttributionInput(input);
  return validated.ok ? ok(validated.data.data) : validated;
}

/**
 * `parseAttributionInput` that also returns the input's columns for `indexAttribution`. Well-formed input takes a
 * hand-written pass that allocates little beyond the columns; only input with a problem goes through the zod
 * schema, which then lists every problem with its path.
 * @example validateAttributionInput(JSON.parse(text)) // → { ok: true, data: { data: { deals, touches }, columns } }
 */
export function validateAttributionInput(
  input: unknown,
): Result<ValidatedAttributionInput, AttributionInputErrorCode> {
  const quick = validateQuickly(input);
  return quick === undefined ? validateWithSchema(input) : ok(quick);
}

/**
 * The fast path: exactly the checks of the schema and of the id references, giving the value zod would give (a
 * fresh top-level object, unknown keys stripped), or undefined at the first problem — it never says what is wrong.
 * @example validateQuickly({ deals: [], touches: [] }) // → { data: { deals: [], touches: [] }, columns: … }
 */
export function validateQuickly(input: unknown): ValidatedAttributionInput | undefined {
  if (!isRecord(input)) return undefined;
  const { deals, touches } = input;
  if (!Array.isArray(deals) || !Array.isArray(touches)) return undefined;
  const dealIds = new StringIndex(deals.length);
  const dealColumns = dealColumnsOf(deals as readonly unknown[], dealIds, true);
  if (dealColumns === undefined) return undefined;
  const touchColumns = touchColumnsOf(touches as readonly unknown[], dealIds, true);
  if (touchColumns === undefined) return undefined;
  return {
    data: { deals: dealColumns.deals, touches: touchColumns.touches },
    columns: { ...dealColumns.columns, ...touchColumns.columns },
  };
}

/**
 * The slow path: the zod schema, then unique ids and known deals, each problem reported with its path.
 * @example validateWithSchema({ deals: [{ id: 'D1', amount: -5, … }], touches: [] }) // → issue at deals[0].amount
 */
export function validateWithSchema(
  input: unknown,
): Result<ValidatedAttributionInput, AttributionInputErrorCode> {
  const parsed = AttributionInputSchema.safeParse(input);
  if (!parsed.success) {
    return err('INVALID_ATTRIBUTION_INPUT', 'the attribution input is not valid', zodIssues(parsed.error));
  }
  const issues = referenceIssues(parsed.data);
  if (issues.length > 0) {
    return err('INVALID_ATTRIBUTION_INPUT', 'the attribution input has inconsistent ids', issues);
  }
  return ok({ data: parsed.data, columns: inputColumns(parsed.data) });
}

/**
 * The columns of typed input that may not have been validated: an unknown deal gives -1, a bad instant NaN.
 * @example inputColumns({ deals: [deal], touches: [touch] }).touchDeal // → Int32Array [0]
 */
export function inputColumns(input: AttributionInput): InputColumns {
  const dealIds = new StringIndex(input.deals.length);
  const deals = dealColumnsOf(input.deals, dealIds, false);
  const touches = touchColumnsOf(input.touches, dealIds, false);
  if (deals === undefined || touches === undefined)
    throw new Error('unreachable: lenient columns never fail');
  return { ...deals.columns, ...touches.columns };
}

type DealColumns = Pick<InputColumns, 'dealAmount' | 'dealLeadCreatedAt' | 'dealCreatedAt' | 'dealClosedAt'>;
type TouchColumns = Omit<InputColumns, keyof DealColumns>;

// With `strict`, any problem gives undefined; without, the input is typed already and problems are carried along.
function dealColumnsOf(
  deals: readonly unknown[],
  dealIds: StringIndex,
  strict: boolean,
): { deals: Deal[]; columns: DealColumns } | undefined {
  const count = deals.length;
  const dealAmount = new Float64Array(count);
  const dealLeadCreatedAt = new Float64Array(count);
  const dealCreatedAt = new Float64Array(count);
  const dealClosedAt = new Float64Array(count);
  let stripped: Deal[] | undefined;
  for (let d = 0; d < count; d++) {
    const deal = deals[d];
    if (!isRecord(deal)) return undefined;
    const { id, amount, leadCreatedAt, createdAt, closedAt, won } = deal;
    if (typeof id !== 'string' || typeof leadCreatedAt !== 'string' || typeof createdAt !== 'string') {
      return undefined;
    }
    const lead = isoInstantToMs(leadCreatedAt);
    const created = isoInstantToMs(createdAt);
    const closed = typeof closedAt === 'string' ? isoInstantToMs(closedAt) : Number.NaN;
    dealAmount[d] = amount as number;
    dealLeadCreatedAt[d] = lead;
    dealCreatedAt[d] = created;
    dealClosedAt[d] = closed;
    const known = dealIds.intern(id);
    if (strict) {
      const amountOk = typeof amount === 'number' && amount >= 0 && amount !== Infinity;
      const closedOk = closedAt === undefined || closedAt === null || closed === closed;
      // `x !== x` is the allocation-free NaN test.
      if (
        !amountOk ||
        !closedOk ||
        (typeof won !== 'boolean' && won !== null) ||
        id === '' ||
        lead !== lead ||
        created !== created
      ) {
        return undefined;
      }
      if (known >= 0) return undefined;
      const own = onlyDealKeys(deal) ? (deal as Deal) : strip<Deal>(deal, DEAL_KEYS);
      if (own !== deal && stripped === undefined) stripped = (deals as Deal[]).slice(0, d);
      stripped?.push(own);
    }
  }
  return {
    deals: stripped ?? (deals as Deal[]),
    columns: { dealAmount, dealLeadCreatedAt, dealCreatedAt, dealClosedAt },
  };
}

function touchColumnsOf(
  touches: readonly unknown[],
  dealIds: StringIndex,
  strict: boolean,
): { touches: Touch[]; columns: TouchColumns } | undefined {
  const count = touches.length;
  const touchDeal = new Int32Array(count);
  const touchAt = new Float64Array(count);
  const touchAsset = new Int32Array(count);
  const touchChannel = new Int32Array(count);
  const assets = new StringIndex(64);
  const channels = new StringIndex(16);
  // Only the strict pass checks touch ids, so the lenient one does not build a million-entry set.
  const touchIds = new StringIndex(strict ? count : 0);
  let stripped: Touch[] | undefined;
  for (let t = 0; t < count; t++) {
    const touch = touches[t];
    if (!isRecord(touch)) return undefined;
    const { id, dealId, assetId, channel, at } = touch;
    if (
      typeof id !== 'string' ||
      typeof dealId !== 'string' ||
      typeof assetId !== 'string' ||
      typeof channel !== 'string' ||
      typeof at !== 'string'
    ) {
      return undefined;
    }
    const ms = isoInstantToMs(at);
    const d = dealIds.indexOf(dealId);
    if (strict) {
      if (id === '' || dealId === '' || assetId === '' || channel === '' || ms !== ms || d < 0)
        return undefined;
      if (touchIds.intern(id) >= 0) return undefined;
      const own = onlyTouchKeys(touch) ? (touch as Touch) : strip<Touch>(touch, TOUCH_KEYS);
      if (own !== touch && stripped === undefined) stripped = (touches as Touch[]).slice(0, t);
      stripped?.push(own);
    }
    touchDeal[t] = d;
    touchAt[t] = ms;
    const asset = assets.intern(assetId);
    touchAsset[t] = asset < 0 ? -asset - 1 : asset;
    const channelIndex = channels.intern(channel);
    touchChannel[t] = channelIndex < 0 ? -channelIndex - 1 : channelIndex;
  }
  return {
    touches: stripped ?? (touches as Touch[]),
    columns: {
      touchDeal,
      touchAt,
      touchAsset,
      touchChannel,
      assetIds: assets.values,
      channelIds: channels.values,
    },
  };
}

const DEAL_KEYS = Object.keys(DealSchema.shape);
const TOUCH_KEYS = Object.keys(TouchSchema.shape);

// zod reads any non-array object, class instances included, and reads fields through the prototype as `in` does.
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// for…in walks the object's cached key list without allocating, and comparing with literals (interned strings) is
// a pointer test: together three times faster than `keys.includes(key)`, a few milliseconds for a million touches.
function onlyDealKeys(deal: object): boolean {
  for (const key in deal) {
    if (
      key !== 'id' &&
      key !== 'amount' &&
      key !== 'leadCreatedAt' &&
      key !== 'createdAt' &&
      key !== 'closedAt' &&
      key !== 'won'
    ) {
      return false;
    }
  }
  return true;
}

function onlyTouchKeys(touch: object): boolean {
  for (const key in touch) {
    if (key !== 'id' && key !== 'dealId' && key !== 'assetId' && key !== 'channel' && key !== 'at')
      return false;
  }
  return true;
}

// What zod's default `strip` gives: the schema's keys only, an optional one only when the input has it.
function strip<T>(value: Record<string, unknown>, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in value) out[key] = value[key];
  return out as T;
}

function referenceIssues({ deals, touches }: AttributionInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const dealIds = new StringIndex(deals.length);
  for (let i = 0; i < deals.length; i++) {
    const id = (deals[i] as Deal).id;
    const known = dealIds.intern(id);
    if (known >= 0) issues.push(duplicate(['deals', i, 'id'], 'deal', id, ['deals', known]));
  }
  // A million touch ids are checked here, so the loop allocates nothing unless it finds a problem.
  const touchIds = new StringIndex(touches.length);
  for (let i = 0; i < touches.length; i++) {
    const touch = touches[i] as Touch;
    const known = touchIds.intern(touch.id);
    if (known >= 0) issues.push(duplicate(['touches', i, 'id'], 'touch', touch.id, ['touches', known]));
    if (dealIds.indexOf(touch.dealId) < 0) {
      issues.push({ path: formatPath(['touches', i, 'dealId']), message: `unknown deal "${touch.dealId}"` });
    }
  }
  return issues;
}

function duplicate(path: PropertyKey[], what: string, value: string, firstPath: PropertyKey[]): FieldIssue {
  return {
    path: formatPath(path),
    message: `duplicate ${what} id "${value}" (first used at ${formatPath(firstPath)})`,
  };
}
