import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aContentRequest } from './__fixtures__/builders';
import { contentRequestId, parseContentRequest } from './parse-content-request';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));

describe('parseContentRequest: validation', () => {
  it('accepts a rush request for a price case study', () => {
    const result = parseContentRequest(fixture('request-rush-price-case-study'), playbook);
    expect(result.ok && result.data).toMatchObject({
      buyerStage: 'decision',
      objection: 'price',
      priority: 'rush',
    });
  });

  it('reports an unknown stage and use case and a rush without a deal, each with its path', () => {
    const result = parseContentRequest(
      fixture('request-unknown-stage-and-use-case-rush-without-deals'),
      playbook,
    );
    expect(!result.ok && result.error.issues.map((i) => i.path)).toEqual([
      'buyerStage',
      'useCase',
      'dealIds',
    ]);
  });

  it.each([
    [
      'requires a use case or an objection',
      { objection: undefined },
      'useCase',
      'give the use case or the objection',
    ],
    ['accepts a use case without an objection', { objection: undefined, useCase: 'enterprise' }, null, null],
    ['rejects an unknown objection', { objection: 'legal' }, 'objection', 'unknown objection type "legal"'],
    ['accepts a standard request without a deal', { priority: 'standard' as const, dealIds: [] }, null, null],
    ['rejects an unknown priority', { priority: 'urgent' as 'rush' }, 'priority', 'expected one of'],
    [
      'rejects a request time without an offset',
      { requestedAt: '2026-03-06T16:00:00' },
      'requestedAt',
      'invalid instant',
    ],
    [
      'rejects a fulfilment before the request',
      { fulfilledAt: '2026-03-05T12:00:00Z' },
      'fulfilledAt',
      'fulfilled before',
    ],
    ['rejects an empty title', { title: '' }, 'title', 'Too small'],
  ])('%s', (_name, overrides, path, message) => {
    const result = parseContentRequest(aContentRequest(overrides), playbook);
    if (path === null) expect(result.ok).toBe(true);
    else {
      expect(!result.ok && result.error.code).toBe('INVALID_CONTENT_REQUEST');
      expect(!result.ok && result.error.issues).toContainEqual({
        path,
        message: expect.stringContaining(message ?? ''),
      });
    }
  });
});

describe('parseContentRequest: ids', () => {
  const idOf = (overrides: Parameters<typeof aContentRequest>[0]) => {
    const result = parseContentRequest(aContentRequest(overrides), playbook);
    if (!result.ok) throw new Error(result.error.message);
    return result.data.id;
  };

  it('keeps an id the caller gave', () => {
    expect(idOf({ id: 'hubspot-ticket-42' })).toBe('hubspot-ticket-42');
  });

  it.each([
    ['gives the same id to the same request filed twice', {}, {}, true],
    [
      'gives the same id to the same instant in another offset',
      {},
      { requestedAt: '2026-03-06T21:00:00Z' },
      true,
    ],
    [
      'gives the same id to the same deals in another order',
      { dealIds: ['D-1', 'D-2'] },
      { dealIds: ['D-2', 'D-1'] },
      true,
    ],
    ['gives the same id after the details are edited', {}, { details: 'More context after a call.' }, true],
    ['gives another id to another requester', {}, { requestedBy: 'rep-bo' }, false],
    ['gives another id to another priority', {}, { priority: 'standard' as const }, false],
  ])('%s', (_name, first, second, same) => {
    expect(idOf(first) === idOf(second)).toBe(same);
  });

  it('derives a short prefixed hex id', () => {
    expect(
      contentRequestId({ ...aContentRequest(), dealIds: [] } as Parameters<typeof contentRequestId>[0]),
    ).toMatch(/^cr-[0-9a-f]{16}$/);
  });
});
