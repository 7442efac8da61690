import { describe, expect, it } from 'vitest';
import collaboration from './__fixtures__/requests-feedback-briefings.json';
import { fixture } from './__fixtures__/fixture';
import { feedbackResponse } from './feedback-response';
import { toPeriodMs } from './period';

const input = fixture(collaboration);
const period = toPeriodMs(input.period);

describe('feedbackResponse', () => {
  it.each([
    // Answers after 24 h, 47:59:59 and exactly 48 h; one never answered; two items arrive in the last two days, one
    // of them answered only after the period ended, which the period's end cannot know.
    ['holds feedback to 48 hours, an answer at exactly 48 hours being late', 48, 2, 4, 2],
    ['loosens with a 72-hour target', 72, 3, 4, 2],
    ['tightens with a 24-hour target, an item 38 hours old at the end being already late', 24, 0, 5, 1],
  ])('%s', (_name, hours, inTime, decided, pending) => {
    const result = feedbackResponse(input.feedback, hours, period);
    expect(result.received).toBe(6);
    expect([result.answeredInTime.numerator, result.answeredInTime.denominator, result.pending]).toEqual([
      inTime,
      decided,
      pending,
    ]);
  });

  it.each([
    ['explains a missing feedback list', undefined, 'the input lists no feedback'],
    ['explains a period without feedback', [], 'no feedback was due an answer in the period'],
  ])('%s', (_name, feedback, reason) => {
    expect(feedbackResponse(feedback, 48, period).answeredInTime).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      reason,
    });
  });
});
