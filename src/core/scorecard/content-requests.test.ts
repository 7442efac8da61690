import { describe, expect, it } from 'vitest';
import collaboration from './__fixtures__/requests-feedback-briefings.json';
import { fixture } from './__fixtures__/fixture';
import { contentRequests } from './content-requests';
import { toPeriodMs } from './period';

const input = fixture(collaboration);
const period = toPeriodMs(input.period);
const result = contentRequests(input.contentRequests, period);

describe('contentRequests', () => {
  it.each([
    ['counts requests made in the period, not those at its end', 'requested', 4],
    [
      'counts as open what was unfulfilled at the end, including older requests and later fulfilment',
      'open',
      3,
    ],
    ['counts as late the open requests already past due', 'late', 2],
    ['counts the rush request fulfilled before its deadline as on time', 'fulfilledOnTime', 1],
    ['counts the request fulfilled after its deadline as late', 'fulfilledLate', 1],
  ] as const)('%s', (_name, measure, expected) => {
    expect(result[measure]).toBe(expected);
  });

  it('says when the input has no request list, rather than reporting zero requests as measured', () => {
    expect(contentRequests(undefined, period)).toEqual({
      provided: false,
      requested: 0,
      open: 0,
      late: 0,
      fulfilledOnTime: 0,
      fulfilledLate: 0,
    });
  });
});
