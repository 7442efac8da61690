import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, scriptForInline } from './escape-html';

describe('escapeHtml', () => {
  it.each([
    [
      'escapes a script tag in a source name',
      '<script>alert(1)</script>',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    ],
    [
      'escapes quotes that would break out of an attribute',
      `x" onmouseover='y'`,
      'x&quot; onmouseover=&#39;y&#39;',
    ],
    ['escapes an ampersand before anything else', '&lt;', '&amp;lt;'],
    ['leaves plain text alone', 'paid-search', 'paid-search'],
  ])('%s', (_name, text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
  });
});

describe('jsonForScript', () => {
  it.each([
    [
      'cannot close the data element with a closing script tag',
      { source: '</script><script>alert(1)</script>' },
    ],
    ['cannot open an HTML comment', { code: '<!-- x' }],
    ['keeps line and paragraph separators escaped', { note: 'a\u2028b\u2029c' }],
  ])('%s', (_name, value) => {
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('scriptForInline', () => {
  it('neutralises a closing script tag inside inlined code', () => {
    expect(scriptForInline('var s = "</script>"; var t = "</SCRIPT>";')).toBe(
      'var s = "<\\/script>"; var t = "<\\/SCRIPT>";',
    );
  });
});
