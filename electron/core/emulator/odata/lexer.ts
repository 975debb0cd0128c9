/**
 * $filter tokens. Literals as Graph writes them: 'strings' with '' for a quote, integers, unquoted
 * DateTimeOffset (2026-11-01T00:00:00Z), GUIDs, true/false/null. Identifiers keep `/` out: the
 * parser assembles paths so `signInEventTypes/any(t: …)` parses.
 */
import { ODataError } from './ast.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'datetime' | 'guid' | 'lparen' | 'rparen' | 'comma' | 'colon' | 'slash' | 'eof';

export interface Token { readonly kind: TokenKind; readonly text: string; readonly pos: number; readonly value?: string }

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z_-])/;
const NUMBER = /^-?\d+(\.\d+)?(?![0-9A-Za-z_])/;
const IDENT = /^[A-Za-z_$@][A-Za-z0-9_.$@#]*/;

export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const rest = text.slice(i);
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new ODataError(`Invalid filter clause: unterminated string literal at position ${i}.`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") { value += "'"; j += 2; continue; }
          break;
        }
        value += text[j]; j++;
      }
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), pos: i, value });
      i = j + 1;
      continue;
    }
    const single: Partial<Record<string, TokenKind>> = { '(': 'lparen', ')': 'rparen', ',': 'comma', ':': 'colon', '/': 'slash' };
    if (single[c]) { tokens.push({ kind: single[c]!, text: c, pos: i }); i++; continue; }
    let m = DATETIME.exec(rest);
    if (m) { tokens.push({ kind: 'datetime', text: m[0], pos: i }); i += m[0].length; continue; }
    m = GUID.exec(rest);
    if (m) { tokens.push({ kind: 'guid', text: m[0], pos: i }); i += m[0].length; continue; }
    m = NUMBER.exec(rest);
    if (m) { tokens.push({ kind: 'number', text: m[0], pos: i }); i += m[0].length; continue; }
    m = IDENT.exec(rest);
    if (m) { tokens.push({ kind: 'ident', text: m[0], pos: i }); i += m[0].length; continue; }
    throw new ODataError(`Invalid filter clause: syntax error at position ${i} in '${text}'.`);
  }
  tokens.push({ kind: 'eof', text: '', pos: text.length });
  return tokens;
}
