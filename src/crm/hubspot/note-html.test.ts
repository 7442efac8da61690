import { describe, expect, it } from 'vitest';
import { escapeHtml, noteBody, noteHasKey } from './note-html';
import hostile from './__fixtures__/hostile-notes.json';

describe('escapeHtml', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an attribute breakout with both quotes', `" onmouseover='x'`, '&quot; onmouseover=&#39;x&#39;'],
    ['an ampersand that looks like an entity', '&lt; is not <', '&amp;lt; is not &lt;'],
    ['plain text unchanged', 'Meeting booked — Tuesday 10:00', 'Meeting booked — Tuesday 10:00'],
  ])('escapes %s', (_name, input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('noteBody', () => {
  it('turns every line break into <br> and leaves no markup from the text', () => {
    const body = noteBody(`Notes: ${hostile.notes}\r\nlast`, 'abc123');
    const inner = body.replace(/^<p data-handoff-key="abc123">/, '').replace(/<\/p>$/, '');
    expect(inner.split('<br>')).toHaveLength(3);
    expect(inner.replaceAll('<br>', '')).not.toMatch(/[<>"']/);
  });

  it('marks the note with its idempotency key, which a different key does not match', () => {
    const body = noteBody('x', 'key-1');
    expect(noteHasKey(body, 'key-1')).toBe(true);
    expect(noteHasKey(body, 'key-2')).toBe(false);
  });
});
