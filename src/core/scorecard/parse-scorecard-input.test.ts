import { describe, expect, it } from 'vitest';
import badFields from './__fixtures__/bad-fields-everywhere.json';
import brokenReferences from './__fixtures__/broken-references.json';
import collaboration from './__fixtures__/requests-feedback-briefings.json';
import library from './__fixtures__/content-library.json';
import { parseScorecardInput } from './parse-scorecard-input';

describe('parseScorecardInput', () => {
  it.each([
    ['accepts input with the optional collaboration lists', collaboration],
    ['accepts input with assets and shares', library],
  ])('%s', (_name, json) => {
    expect(parseScorecardInput(json).ok).toBe(true);
  });

  it.each([
    [
      'reports every bad field of the schema with its path',
      badFields,
      'the report input does not match the schema',
      [
        'period.to',
        'leads[0].source',
        'leads[0].createdAt',
        'leads[0].stageHistory[0].at',
        'deals[0].amount',
        'deals[0].won',
        'deals[1].closedAt',
        'dispositions[0].outcome',
        'touches',
        'slaClocks[0].status',
        'slaClocks[0].elapsedMs',
        'briefings[0].salesAttended',
      ],
    ],
    [
      'reports duplicate ids and references to unknown records',
      brokenReferences,
      'the report input has broken references',
      ['leads[1].id', 'deals[0].leadId', 'dispositions[0].leadId', 'touches[0].dealId'],
    ],
    ['reports a missing value at the root', null, 'the report input does not match the schema', ['']],
  ])('%s', (_name, json, message, paths) => {
    const result = parseScorecardInput(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_SCORECARD_INPUT');
    expect(result.error.message).toBe(message);
    expect(result.error.issues.map((issue) => issue.path).sort()).toEqual([...paths].sort());
  });

  it('says why a date without a zone is refused', () => {
    const result = parseScorecardInput(badFields);
    const issue = result.ok ? undefined : result.error.issues.find((i) => i.path === 'leads[0].createdAt');
    expect(issue?.message).toBe('expected an ISO-8601 date-time with Z or an offset');
  });

  it('names the unknown record in a broken reference', () => {
    const result = parseScorecardInput(brokenReferences);
    expect(result.ok ? [] : result.error.issues).toContainEqual({
      path: 'touches[0].dealId',
      message: 'unknown deal "D7"',
    });
  });
});
