// `hs_note_body` is HTML: every character a rep typed is escaped, and line breaks become <br>.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML: `& < > " '` become entities; nothing else changes.
 * @example escapeHtml('<b>"hi"</b> & bye') // → '&lt;b&gt;&quot;hi&quot;&lt;/b&gt; &amp; bye'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * The note body for a disposition: the core's plain-text note escaped, newlines as `<br>`, and the idempotency key in
 * a data attribute so a retry can recognise the note it already wrote.
 * @example noteBody('Notes: <script>\nok', 'k1') // → '<p data-handoff-key="k1">Notes: &lt;script&gt;<br>ok</p>'
 */
export function noteBody(plainText: string, key: string): string {
  const lines = plainText.split(/\r\n|\r|\n/).map(escapeHtml);
  return `<p ${NOTE_KEY_ATTRIBUTE}="${escapeHtml(key)}">${lines.join('<br>')}</p>`;
}

export const NOTE_KEY_ATTRIBUTE = 'data-handoff-key';

/**
 * Whether a note body was written for this key (the attribute `noteBody` puts there).
 * @example noteHasKey(noteBody('x', 'k1'), 'k1') // → true
 */
export function noteHasKey(body: string, key: string): boolean {
  return body.includes(`${NOTE_KEY_ATTRIBUTE}="${escapeHtml(key)}"`);
}
