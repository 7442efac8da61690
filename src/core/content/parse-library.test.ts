import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLibrary } from './parse-library';
import { defaultPlaybook } from '../../../test/support/default-playbook';

const playbook = defaultPlaybook();
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));

describe('parseLibrary', () => {
  it('accepts a library tagged with the playbook taxonomy and fills the empty facets', () => {
    const result = parseLibrary(fixture('library-healthcare-pricing'), playbook);
    expect(result.ok && result.data.map((a) => a.id)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(result.ok && result.data[1]).toMatchObject({ useCases: [], industries: [], personas: [] });
  });

  it.each([
    [
      'reports facets the playbook does not know and a duplicate id, each with its path',
      'library-unknown-facets-and-duplicate-id',
      [
        ['assets[0].format', 'unknown format "pdf" (known: one-pager, deck'],
        ['assets[0].buyerStages[1]', 'unknown buyer stage "evaluation"'],
        ['assets[0].objectionTypes[1]', 'unknown objection type "legal"'],
        ['assets[0].updatedAt', 'updated before it was created'],
        ['assets[1].id', 'duplicate asset id "A1"'],
        ['assets[1].useCases[0]', 'unknown use case "smb"'],
      ],
    ],
    [
      'reports missing fields, a bad url, an unknown status and instants without an offset',
      'library-missing-fields-and-bad-dates',
      [
        ['assets[0].title', 'expected string'],
        ['assets[0].url', 'Invalid URL'],
        ['assets[0].buyerStages', 'Too small'],
        ['assets[0].status', 'expected one of "active"|"archived"'],
        ['assets[0].createdAt', 'invalid instant "2025-09-01 14:00"'],
        ['assets[0].updatedAt', 'expected ISO-8601 with an offset'],
      ],
    ],
  ])('%s', (_name, file, expected) => {
    const result = parseLibrary(fixture(file), playbook);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_LIBRARY');
      expect(result.error.issues.map((i) => [i.path, i.message])).toEqual(
        expected.map(([path, message]) => [path, expect.stringContaining(message ?? '')]),
      );
    }
  });

  it.each([
    ['rejects a bare array', [], ['']],
    ['rejects a misspelt top-level key', { asset: [] }, ['assets', '']],
  ])('%s', (_name, input, paths) => {
    const result = parseLibrary(input, playbook);
    expect(!result.ok && result.error.issues.map((i) => i.path)).toEqual(paths);
  });
});
