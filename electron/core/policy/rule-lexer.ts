/**
 * Tokeniser for CA filter rules. The syntax is the dynamic-membership rule family
 * (Graph `conditionalaccessfilter.md`: "Rule syntax is similar to that used for membership rules
 * for groups"): `<object>.<property> -op "value"`, `-and` / `-or` / `-not`, parentheses and
 * `["a","b"]` lists. Strings are double-quoted (single quotes accepted too, as in membership rules);
 * inside them `\"` and PowerShell's `` `" `` stand for a quote and `\\` for a backslash.
 */
import type { RuleError } from './rule-ast.js';

export type TokenType = 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma' | 'string' | 'dashword' | 'word' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** string: the unescaped value; dashword: the word without '-'; word: as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type LexResult = { readonly ok: true; readonly tokens: readonly Token[] } | { readonly ok: false; readonly error: RuleError };

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 95 || // _
    c === 46 // .
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

export function lexRule(text: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    switch (c) {
      case 40: tokens.push({ type: 'lparen', text: '(', start, end: ++i }); continue;
      case 41: tokens.push({ type: 'rparen', text: ')', start, end: ++i }); continue;
      case 91: tokens.push({ type: 'lbracket', text: '[', start, end: ++i }); continue;
      case 93: tokens.push({ type: 'rbracket', text: ']', start, end: ++i }); continue;
      case 44: tokens.push({ type: 'comma', text: ',', start, end: ++i }); continue;
      default: break;
    }
    if (c === 34 || c === 39) {
      const quote = c;
      let value = '';
      i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (quote === 34 && (d === 92 || d === 96) && i + 1 < n) {
          // \" or `" → quote; \\ → backslash; any other escape is kept literally (rules may hold regex-ish text).
          const next = text.charCodeAt(i + 1);
          if (next === 34 || (d === 92 && next === 92)) {
            value += text[i + 1];
            i += 2;
            continue;
          }
        }
        if (quote === 39 && d === 39 && text.charCodeAt(i + 1) === 39) {
          value += "'"; // '' inside single quotes, as membership rules escape them
          i += 2;
          continue;
        }
        if (d === quote) {
          closed = true;
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      if (!closed) return { ok: false, error: { message: 'Unterminated string literal', position: start } };
      tokens.push({ type: 'string', text: value, start, end: i });
      continue;
    }
    if (c === 45) {
      i++;
      while (i < n && isWordChar(text.charCodeAt(i)) && text.charCodeAt(i) !== 46) i++;
      if (i === start + 1) return { ok: false, error: { message: "Expected an operator name after '-'", position: start } };
      tokens.push({ type: 'dashword', text: text.slice(start + 1, i), start, end: i });
      continue;
    }
    if (isWordChar(c)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      tokens.push({ type: 'word', text: text.slice(start, i), start, end: i });
      continue;
    }
    return { ok: false, error: { message: `Unexpected character '${text[i]}'`, position: start } };
  }
  tokens.push({ type: 'eof', text: '', start: n, end: n });
  return { ok: true, tokens };
}
