/**
 * Recursive-descent $filter parser. Precedence as OData: not > comparison > and > or; parentheses;
 * functions startswith/endswith/contains(path, literal); lambdas path/any(v: expr) and all;
 * `in (a, b)`. It knows syntax only — which properties and operators an entity allows is the
 * schema's job (schema.ts).
 */
import { ODataError, type CompareOp, type FilterNode, type Literal, type PathNode } from './ast.js';
import { lex, type Token } from './lexer.js';

const COMPARE_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'contains']);
const MAX_DEPTH = 64;

export function parseFilter(text: string): FilterNode {
  if (text.trim() === '') throw new ODataError("Invalid filter clause: the $filter expression is empty.");
  const p = new Parser(lex(text), text);
  const node = p.expression(0);
  p.expectEnd();
  return node;
}

class Parser {
  private i = 0;
  private readonly lambdaVars: string[] = [];
  constructor(private readonly tokens: Token[], private readonly text: string) {}

  private peek(offset = 0): Token { return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!; }
  private next(): Token { return this.tokens[Math.min(this.i++, this.tokens.length - 1)]!; }
  private isWord(t: Token, w: string): boolean { return t.kind === 'ident' && t.text.toLowerCase() === w; }

  private fail(t: Token, what: string): never {
    throw new ODataError(`Invalid filter clause: ${what} at position ${t.pos} in '${this.text}'.`);
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t, `unexpected '${t.text}'`);
  }

  expression(depth: number): FilterNode {
    if (depth > MAX_DEPTH) this.fail(this.peek(), 'expression nested too deeply');
    let left = this.andExpr(depth);
    while (this.isWord(this.peek(), 'or')) { this.next(); left = { kind: 'or', left, right: this.andExpr(depth) }; }
    return left;
  }

  private andExpr(depth: number): FilterNode {
    let left = this.unary(depth);
    while (this.isWord(this.peek(), 'and')) { this.next(); left = { kind: 'and', left, right: this.unary(depth) }; }
    return left;
  }

  private unary(depth: number): FilterNode {
    if (this.isWord(this.peek(), 'not')) { this.next(); return { kind: 'not', operand: this.unary(depth + 1) }; }
    return this.primary(depth);
  }

  private primary(depth: number): FilterNode {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.next();
      const inner = this.expression(depth + 1);
      if (this.next().kind !== 'rparen') this.fail(this.peek(-1), "expected ')'");
      return inner;
    }
    if (t.kind === 'ident' && FUNCTIONS.has(t.text.toLowerCase()) && this.peek(1).kind === 'lparen') {
      this.next(); this.next();
      const target = this.path();
      if (this.next().kind !== 'comma') this.fail(this.peek(-1), "expected ','");
      const arg = this.literal();
      if (this.next().kind !== 'rparen') this.fail(this.peek(-1), "expected ')'");
      const call: FilterNode = { kind: 'call', fn: t.text.toLowerCase() as 'startswith', target, arg };
      // `startswith(x,'a') eq true` is legal OData; accept and fold it.
      if (this.isWord(this.peek(), 'eq') && this.isWord(this.peek(1), 'true')) { this.next(); this.next(); }
      return call;
    }
    if (t.kind !== 'ident') this.fail(t, `expected a property name, found '${t.text || 'end of input'}'`);
    const left = this.path();
    // Lambda: path/any(v: body)
    if (this.peek().kind === 'slash' && (this.isWord(this.peek(1), 'any') || this.isWord(this.peek(1), 'all'))) {
      this.next();
      const kind = this.next().text.toLowerCase() as 'any' | 'all';
      if (this.next().kind !== 'lparen') this.fail(this.peek(-1), "expected '(' after any/all");
      const v = this.next();
      if (v.kind !== 'ident') this.fail(v, 'expected a lambda variable');
      if (this.next().kind !== 'colon') this.fail(this.peek(-1), "expected ':' after the lambda variable");
      this.lambdaVars.push(v.text);
      const body = this.expression(depth + 1);
      this.lambdaVars.pop();
      if (this.next().kind !== 'rparen') this.fail(this.peek(-1), "expected ')' to close the lambda");
      return { kind, collection: left, variable: v.text, body };
    }
    const opTok = this.next();
    const op = opTok.text.toLowerCase();
    if (opTok.kind === 'ident' && op === 'in') {
      if (this.next().kind !== 'lparen') this.fail(this.peek(-1), "expected '(' after in");
      const values: Literal[] = [this.literal()];
      while (this.peek().kind === 'comma') { this.next(); values.push(this.literal()); }
      if (this.next().kind !== 'rparen') this.fail(this.peek(-1), "expected ')'");
      return { kind: 'in', left, values };
    }
    if (opTok.kind !== 'ident' || !COMPARE_OPS.has(op)) this.fail(opTok, `expected an operator (eq, ne, gt, ge, lt, le) after '${left.segments.join('/')}', found '${opTok.text || 'end of input'}'`);
    return { kind: 'compare', op: op as CompareOp, left, right: this.literal() };
  }

  private path(): PathNode {
    const first = this.next();
    if (first.kind !== 'ident') this.fail(first, 'expected a property name');
    const segments = [first.text];
    while (this.peek().kind === 'slash' && this.peek(1).kind === 'ident' && !this.isWord(this.peek(1), 'any') && !this.isWord(this.peek(1), 'all')) {
      this.next();
      segments.push(this.next().text);
    }
    if (this.lambdaVars.includes(segments[0]!)) return { kind: 'path', segments: segments.slice(1), lambdaVar: segments[0]! };
    return { kind: 'path', segments };
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string': return { kind: 'string', value: t.value ?? '' };
      case 'number': return { kind: 'number', value: Number(t.text), text: t.text };
      case 'guid': return { kind: 'guid', value: t.text.toLowerCase() };
      case 'datetime': {
        const ms = Date.parse(t.text);
        if (Number.isNaN(ms) || !calendarValid(t.text)) this.fail(t, `'${t.text}' is not a valid DateTimeOffset`);
        return { kind: 'datetime', value: ms, text: t.text };
      }
      case 'ident': {
        const w = t.text.toLowerCase();
        if (w === 'true' || w === 'false') return { kind: 'bool', value: w === 'true' };
        if (w === 'null') return { kind: 'null' };
        return this.fail(t, `expected a literal value, found '${t.text}' (string values need single quotes)`);
      }
      default: return this.fail(t, `expected a literal value, found '${t.text || 'end of input'}'`);
    }
  }
}

/** JS Date rolls 2026-02-30 over to March; OData does not — check the fields themselves. */
function calendarValid(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h < 24 && mi < 60 && s < 60;
}
