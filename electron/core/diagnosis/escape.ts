/**
 * Making tenant strings safe to show. Sign-in and directory strings are data, never markup: they
 * may carry HTML, Markdown, bidirectional-override characters that reorder what a reader sees, or be
 * absurdly long. Every exporter passes every string through here.
 */

/** Bidi controls (LRM/RLM/ALM, embeddings, overrides, isolates) and other invisible format/control characters. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Longest tenant value a report shows before cutting it (the full value stays in the JSON). */
export const MAX_VALUE_LENGTH = 300;
/** Last-resort cap for any one string an exporter writes (our own sentences stay far below it). */
export const MAX_SHOWN_LENGTH = 4000;

/**
 * Visible markers for invisible characters, newlines folded, long strings cut. The result is still
 * plain text: each exporter escapes it for its own syntax afterwards.
 */
export function visibleText(value: string, max = MAX_SHOWN_LENGTH): string {
  let s = value.replace(/\r\n|\r|\n|\t/g, ' ').replace(INVISIBLE, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
  if (s.length > max) {
    // Do not cut a surrogate pair in half.
    let cut = max;
    if (/[\uD800-\uDBFF]/.test(s.charAt(cut - 1))) cut -= 1;
    s = `${s.slice(0, cut)}… (${s.length - cut} more characters)`;
  }
  return s;
}

/** A tenant value (name, id, reason) cut to MAX_VALUE_LENGTH before it is put into a sentence. */
export function clip(value: string, max = MAX_VALUE_LENGTH): string {
  return visibleText(value, max);
}

export function escapeHtml(value: string): string {
  return visibleText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Markdown: HTML-significant characters become entities (ticket systems render inline HTML), and
 * Markdown punctuation is backslash-escaped so a name cannot open a link, image, emphasis or a table cell.
 */
export function escapeMarkdown(value: string): string {
  return visibleText(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#!|~])/g, '\\$1')
    // Only at the start do these open a list or quote; elsewhere they read as themselves.
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+])/, '\\$1');
}
