import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../shared/sha256';
import { dispositionKey, type DispositionIdentity } from './idempotency-key';

const identity = (overrides: Partial<DispositionIdentity> = {}): DispositionIdentity => ({
  recordId: 'lead-1',
  submissionId: 'sub-1',
  outcome: 'reject',
  reasonCode: 'reject_not_icp',
  notes: 'Retail chain, 12 employees',
  recycleAt: null,
  ...overrides,
});

describe('dispositionKey', () => {
  it('is the SHA-256 of the canonical JSON of the identity', () => {
    expect(dispositionKey(identity())).toBe(
      sha256Hex(
        '{"notes":"Retail chain, 12 employees","outcome":"reject","reasonCode":"reject_not_icp","recordId":"lead-1","recycleAt":null,"submissionId":"sub-1"}',
      ),
    );
    expect(dispositionKey(identity())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same content', () => {
    expect(dispositionKey(identity())).toBe(dispositionKey({ ...identity() }));
  });

  it.each<[string, Partial<DispositionIdentity>]>([
    ['another record', { recordId: 'lead-2' }],
    ['another submission', { submissionId: 'sub-2' }],
    ['another outcome', { outcome: 'recycle' }],
    ['another reason code', { reasonCode: 'reject_other' }],
    ['changed notes', { notes: 'Retail chain, 12 employees!' }],
    ['a recycle date', { recycleAt: '2026-06-01T00:00:00.000Z' }],
  ])('changes with %s', (_name, change) => {
    expect(dispositionKey(identity(change))).not.toBe(dispositionKey(identity()));
  });
});
