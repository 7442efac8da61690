import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../playbook/schema';
import { mergePauses, pauseSpansFromHistory } from './pause-spans';

describe('mergePauses', () => {
  it.each([
    [
      'sorts spans by start',
      [
        { fromMs: 5, toMs: 6 },
        { fromMs: 1, toMs: 2 },
      ],
      [
        { fromMs: 1, toMs: 2 },
        { fromMs: 5, toMs: 6 },
      ],
    ],
    [
      'merges overlapping spans',
      [
        { fromMs: 1, toMs: 5 },
        { fromMs: 3, toMs: 9 },
      ],
      [{ fromMs: 1, toMs: 9 }],
    ],
    [
      'merges touching spans',
      [
        { fromMs: 1, toMs: 3 },
        { fromMs: 3, toMs: 4 },
      ],
      [{ fromMs: 1, toMs: 4 }],
    ],
    [
      'lets an open span swallow what follows',
      [
        { fromMs: 1, toMs: null },
        { fromMs: 3, toMs: 4 },
      ],
      [{ fromMs: 1, toMs: null }],
    ],
    [
      'drops empty and reversed spans',
      [
        { fromMs: 4, toMs: 4 },
        { fromMs: 6, toMs: 5 },
      ],
      [],
    ],
    [
      'keeps a span inside another merged into the outer one',
      [
        { fromMs: 1, toMs: 10 },
        { fromMs: 2, toMs: 3 },
      ],
      [{ fromMs: 1, toMs: 10 }],
    ],
  ])('%s', (_name, input, expected) => {
    expect(mergePauses(input)).toEqual(expected);
  });
});

const policy = {
  pauseWhen: [{ property: 'handoffStatus', in: ['waiting_on_prospect'], label: 'waiting on prospect' }],
} as unknown as SlaPolicy;

describe('pauseSpansFromHistory', () => {
  it.each([
    [
      'opens a span when the status starts waiting and closes it when it changes',
      [
        { atMs: 10, properties: { handoffStatus: 'open' } },
        { atMs: 20, properties: { handoffStatus: 'waiting_on_prospect' } },
        { atMs: 35, properties: { handoffStatus: 'open' } },
      ],
      [{ fromMs: 20, toMs: 35, reason: 'waiting on prospect' }],
    ],
    [
      'leaves the last span open while the record is still waiting',
      [{ atMs: 50, properties: { handoffStatus: 'waiting_on_prospect' } }],
      [{ fromMs: 50, toMs: null, reason: 'waiting on prospect' }],
    ],
    [
      'reads the history in time order whatever order it arrives in',
      [
        { atMs: 35, properties: { handoffStatus: 'open' } },
        { atMs: 20, properties: { handoffStatus: 'waiting_on_prospect' } },
      ],
      [{ fromMs: 20, toMs: 35, reason: 'waiting on prospect' }],
    ],
    [
      'keeps one span across repeated waiting snapshots',
      [
        { atMs: 20, properties: { handoffStatus: 'waiting_on_prospect' } },
        { atMs: 25, properties: { handoffStatus: 'waiting_on_prospect' } },
        { atMs: 30, properties: { handoffStatus: 'open' } },
      ],
      [{ fromMs: 20, toMs: 30, reason: 'waiting on prospect' }],
    ],
    ['yields nothing when the record never waited', [{ atMs: 5, properties: { handoffStatus: 'open' } }], []],
  ])('%s', (_name, history, expected) => {
    expect(pauseSpansFromHistory(policy, history)).toEqual(expected);
  });
});
