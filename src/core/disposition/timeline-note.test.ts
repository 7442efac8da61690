import { describe, expect, it } from 'vitest';
import { timelineNote, type TimelineNoteInput } from './timeline-note';

const note = (overrides: Partial<TimelineNoteInput>): TimelineNoteInput => ({
  outcomeLabel: 'Accept',
  reasonLabel: 'Meeting booked',
  fromStageLabel: 'SQL',
  toStageLabel: 'SAL',
  leadStatus: 'accepted',
  notes: '',
  recycleAt: null,
  ...overrides,
});

describe('timelineNote', () => {
  it.each<[string, Partial<TimelineNoteInput>, string]>([
    [
      'an accept moves the stage',
      {},
      'Disposition: Accept — Meeting booked\nStage: SQL → SAL, status accepted',
    ],
    [
      'a reject keeps the stage and shows the notes',
      {
        outcomeLabel: 'Reject',
        reasonLabel: 'Outside the ICP',
        fromStageLabel: 'MQL',
        toStageLabel: null,
        leadStatus: 'disqualified',
        notes: 'Retail, 12 people',
      },
      'Disposition: Reject — Outside the ICP\nStage: MQL (unchanged), status disqualified\nNotes: Retail, 12 people',
    ],
    [
      'a recycle names the recycle date',
      {
        outcomeLabel: 'Recycle to nurture',
        reasonLabel: 'No response',
        toStageLabel: 'Inquiry',
        leadStatus: 'recycled',
        recycleAt: '2026-04-11T15:00:00.000Z',
      },
      'Disposition: Recycle to nurture — No response\nStage: SQL → Inquiry, status recycled\nBack to marketing until: 2026-04-11T15:00:00.000Z',
    ],
    [
      'markup in notes stays plain text for the adapter to escape',
      { notes: '<b>call back</b>' },
      'Disposition: Accept — Meeting booked\nStage: SQL → SAL, status accepted\nNotes: <b>call back</b>',
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(timelineNote(note(overrides))).toBe(expected);
  });
});
