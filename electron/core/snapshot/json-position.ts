/**
 * Positions inside JSON text, for error messages that point at the right line and column.
 *
 * `JSON.parse` is fast but its error messages differ between V8 versions and often carry no
 * position at all ("Unexpected end of JSON input"). So the happy path uses `JSON.parse`, and only
 * when something is wrong do we scan the text ourselves:
 * - `findJsonSyntaxError` validates the text with a small iterative (stack-safe) scanner and
 *   returns the offset of the first error and a plain reason;
 * - `locateJsonPath` walks the text along a path (`users`, 3, `id`) skipping everything else and
 *   returns the offset of that value (or of the deepest ancestor that exists, e.g. the object that
 *   lacks a required key).
 * Both are linear single passes over the text, so they stay cheap for 100 MB files and run at most
 * once per refused file.
 */

export interface LineColumn {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units (what editors using JS strings show). */
  readonly column: number;
}

export function offsetToLineColumn(text: string, offset: number): LineColumn {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  let i = text.indexOf('\n');
  while (i !== -1 && i < end) {
    line++;
    lineStart = i + 1;
    i = text.indexOf('\n', lineStart);
  }
  return { line, column: end - lineStart + 1 };
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

export interface JsonSyntaxError {
  readonly offset: number;
  readonly reason: string;
}

class ScanError extends Error {
  constructor(readonly offset: number, readonly reason: string) {
    super(reason);
  }
}

function describeChar(text: string, i: number): string {
  if (i >= text.length) return 'end of input';
  const c = text[i]!;
  return c.charCodeAt(0) < 0x20 ? `control character U+${c.charCodeAt(0).toString(16).padStart(4, '0')}` : `'${c}'`;
}

/** Scans a string starting at the opening quote; returns the offset after the closing quote. */
function scanString(text: string, i: number): number {
  const start = i;
  i++;
  for (;;) {
    if (i >= text.length) throw new ScanError(start, 'unterminated string');
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) throw new ScanError(i, `unescaped ${describeChar(text, i)} inside a string`);
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === undefined) throw new ScanError(start, 'unterminated string');
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new ScanError(i, 'invalid \\u escape: four hex digits expected');
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(e)) throw new ScanError(i, `invalid escape '\\${e}' in string`);
      i += 2;
      continue;
    }
    i++;
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function scanNumber(text: string, i: number): number {
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(text);
  if (!m || m[0] === '-' || m[0].length === 0) throw new ScanError(i, 'invalid number');
  const end = i + m[0].length;
  const next = text[end];
  if (next !== undefined && /[0-9A-Za-z.+\-]/.test(next)) throw new ScanError(end, 'invalid number');
  return end;
}

function scanLiteral(text: string, i: number): number {
  for (const lit of ['true', 'false', 'null']) {
    if (text.startsWith(lit, i)) return i + lit.length;
  }
  throw new ScanError(i, `unexpected ${describeChar(text, i)}: a value was expected`);
}

/**
 * Returns the first syntax error in `text` (RFC 8259 JSON), or null if the text is valid.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  let state: 'value' | 'key' | 'after' = 'value';
  let afterComma = false;
  let i = 0;
  try {
    for (;;) {
      i = skipWs(text, i);
      if (state === 'value') {
        if (i >= text.length) throw new ScanError(i, 'unexpected end of input: a value was expected (is the file truncated?)');
        const c = text[i]!;
        if (afterComma && c === ']') throw new ScanError(i, "trailing comma before ']'");
        afterComma = false;
        if (c === '{' || c === '[') {
          stack.push(c);
          i = skipWs(text, i + 1);
          const close = c === '{' ? '}' : ']';
          if (text[i] === close) {
            stack.pop();
            i++;
            state = 'after';
          } else state = c === '{' ? 'key' : 'value';
        } else if (c === '"') {
          i = scanString(text, i);
          state = 'after';
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          i = scanNumber(text, i);
          state = 'after';
        } else {
          i = scanLiteral(text, i);
          state = 'after';
        }
      } else if (state === 'key') {
        if (i >= text.length) throw new ScanError(i, 'unexpected end of input: a property name was expected (is the file truncated?)');
        if (afterComma && text[i] === '}') throw new ScanError(i, "trailing comma before '}'");
        afterComma = false;
        if (text[i] !== '"') throw new ScanError(i, `unexpected ${describeChar(text, i)}: a property name in double quotes was expected`);
        i = skipWs(text, scanString(text, i));
        if (text[i] !== ':') throw new ScanError(i, `unexpected ${describeChar(text, i)}: ':' was expected after the property name`);
        i++;
        state = 'value';
      } else {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (i >= text.length) return null;
          throw new ScanError(i, `unexpected ${describeChar(text, i)} after the end of the JSON document`);
        }
        const close = top === '{' ? '}' : ']';
        if (i >= text.length) throw new ScanError(i, `unexpected end of input: ',' or '${close}' was expected (is the file truncated?)`);
        const c = text[i];
        if (c === ',') {
          i++;
          afterComma = true;
          state = top === '{' ? 'key' : 'value';
        } else if (c === close) {
          stack.pop();
          i++;
        } else throw new ScanError(i, `unexpected ${describeChar(text, i)}: ',' or '${close}' was expected`);
      }
    }
  } catch (e) {
    if (e instanceof ScanError) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

/** Offset just after the value starting at `i` (text assumed valid JSON). */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipStringFast(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i = skipStringFast(text, i);
        continue;
      }
      if (ch === 0x7b || ch === 0x5b) depth++;
      else if (ch === 0x7d || ch === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < text.length && !',}] \t\r\n'.includes(text[i]!)) i++;
  return i;
}

function skipStringFast(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return text.length;
    let backslashes = 0;
    for (let k = q - 1; k > i && text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/**
 * Offset of the value at `path` in valid JSON `text`. When a segment does not exist (a missing
 * required key, an index past the end), returns the offset of the deepest container that exists,
 * which is where a reader should look. For duplicate keys the last one wins, as in JSON.parse.
 */
export function locateJsonPath(text: string, path: readonly PropertyKey[]): number {
  let at = skipWs(text, 0);
  for (const seg of path) {
    const c = text[at];
    if (c === '{' && typeof seg === 'string') {
      let i = skipWs(text, at + 1);
      let found = -1;
      while (text[i] === '"') {
        const keyEnd = skipStringFast(text, i);
        const raw = text.slice(i + 1, keyEnd - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
        i = skipWs(text, keyEnd);
        i = skipWs(text, i + 1); // past ':'
        if (key === seg) found = i;
        i = skipWs(text, skipValue(text, i));
        if (text[i] !== ',') break;
        i = skipWs(text, i + 1);
      }
      if (found === -1) return at;
      at = found;
    } else if (c === '[' && typeof seg === 'number') {
      let i = skipWs(text, at + 1);
      let index = 0;
      let found = -1;
      while (i < text.length && text[i] !== ']') {
        if (index === seg) {
          found = i;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text[i] !== ',') break;
        i = skipWs(text, i + 1);
        index++;
      }
      if (found === -1) return at;
      at = found;
    } else {
      return at;
    }
  }
  return at;
}

/** `users[3].id`, `transitiveMemberOf["a b"][0]` — how a path is shown to people. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s) ? (out === '' ? s : `.${s}`) : `[${JSON.stringify(s)}]`;
    }
  }
  return out === '' ? '(root)' : out;
}
