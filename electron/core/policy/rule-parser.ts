/**
 * Recursive-descent parser for CA filter rules → RuleAst, or a positioned error. Never throws.
 *
 * Grammar (precedence from the dynamic-membership rules doc, entra
 * `docs/identity/users/groups-dynamic-membership.md` "Operator precedence": comparison operators,
 * then -not, then -and, then -or):
 *   or      := and ( -or and )*
 *   and     := unary ( -and unary )*
 *   unary   := -not unary | '(' or ')' | comparison
 *   compare := operand OP value          value := "str" | 'str' | true | false | null | number | [ "a", … ]
 *
 * Case: operator keywords are case-insensitive (`-EQ`, `-startswith`); the same doc says operators
 * may be written without the hyphen, so `eq` / `and` are accepted in operator position too.
 * Property names are matched case-insensitively: the CA device-filter doc itself writes
 * `device.deviceid` (entra `concept-condition-filters-for-devices.md`, table "Supported operators").
 */
import {
  MAX_RULE_LENGTH,
  type ComparisonNode,
  type ComparisonOperator,
  type ParseResult,
  type RuleKind,
  type RuleNode,
  type RuleOperand,
} from './rule-ast.js';
import { lexRule, type Token } from './rule-lexer.js';

const OPERATORS: ReadonlyMap<string, ComparisonOperator> = new Map(
  (['eq', 'ne', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'contains', 'notContains', 'in', 'notIn'] as const).map(
    (op) => [op.toLowerCase(), op],
  ),
);

/** Device properties a device filter may use (entra concept-condition-filters-for-devices.md). */
const DEVICE_PROPERTIES: ReadonlyMap<string, string> = new Map(
  [
    'deviceId',
    'displayName',
    'deviceOwnership',
    'enrollmentProfileName',
    'isCompliant',
    'manufacturer',
    'mdmAppId',
    'model',
    'operatingSystem',
    'operatingSystemVersion',
    'physicalIds',
    'profileType',
    'systemLabels',
    'trustType',
    ...Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`),
  ].map((p) => [p.toLowerCase(), p]),
);

/** Attribute set and attribute names are letters/digits; the reference is `<Set>_<Attribute>`. */
const CSA_NAME = /^([A-Za-z0-9]+)_([A-Za-z0-9_]+)$/;

class RuleSyntaxError {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly kind: RuleKind,
  ) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.type !== 'eof') this.i++;
    return t;
  }
  private fail(message: string, t: Token = this.peek()): never {
    throw new RuleSyntaxError(message, t.start);
  }
  private describe(t: Token): string {
    if (t.type === 'eof') return 'end of rule';
    if (t.type === 'string') return `string "${t.text}"`;
    if (t.type === 'dashword') return `'-${t.text}'`;
    return `'${t.text}'`;
  }
  /** A logical keyword (and/or/not) with or without its hyphen. */
  private isKeyword(t: Token, word: 'and' | 'or' | 'not'): boolean {
    return (t.type === 'dashword' || t.type === 'word') && t.text.toLowerCase() === word;
  }

  parseRoot(): RuleNode {
    const node = this.parseOr();
    const t = this.peek();
    if (t.type !== 'eof') {
      this.fail(t.type === 'rparen' ? "Unmatched ')'" : `Expected -and, -or or end of rule, found ${this.describe(t)}`);
    }
    return node;
  }

  private parseOr(): RuleNode {
    const first = this.parseAnd();
    const operands: RuleNode[] = [first];
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      operands.push(this.parseAnd());
    }
    if (operands.length === 1) return first;
    return { type: 'or', operands, start: first.start, end: operands[operands.length - 1]!.end };
  }

  private parseAnd(): RuleNode {
    const first = this.parseUnary();
    const operands: RuleNode[] = [first];
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      operands.push(this.parseUnary());
    }
    if (operands.length === 1) return first;
    return { type: 'and', operands, start: first.start, end: operands[operands.length - 1]!.end };
  }

  private parseUnary(): RuleNode {
    const t = this.peek();
    if (this.isKeyword(t, 'not')) {
      this.next();
      const operand = this.parseUnary();
      return { type: 'not', operand, start: t.start, end: operand.end };
    }
    if (t.type === 'lparen') {
      this.next();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.type !== 'rparen') this.fail(`Expected ')' to close '(' at ${t.start}, found ${this.describe(close)}`);
      this.next();
      // Widen the span to include the parentheses so a quoted clause reads as written.
      return { ...inner, start: t.start, end: close.end };
    }
    return this.parseComparison();
  }

  private parseOperand(t: Token): RuleOperand {
    if (t.type !== 'word' || !t.text.includes('.')) {
      const expected = this.kind === 'application' ? 'CustomSecurityAttribute.<Set>_<Attribute>' : 'device.<property>';
      this.fail(`Expected a property (${expected}), found ${this.describe(t)}`, t);
    }
    const dot = t.text.indexOf('.');
    const object = t.text.slice(0, dot);
    const name = t.text.slice(dot + 1);
    if (this.kind === 'device') {
      if (object.toLowerCase() !== 'device') this.fail(`Device filters use device.<property>, not '${t.text}'`, t);
      const canonical = DEVICE_PROPERTIES.get(name.toLowerCase());
      if (!canonical) this.fail(`Unknown device property '${name}'`, t);
      return { object: 'device', name, canonical };
    }
    if (object.toLowerCase() !== 'customsecurityattribute') {
      this.fail(`Application filters use CustomSecurityAttribute.<Set>_<Attribute>, not '${t.text}'`, t);
    }
    const m = CSA_NAME.exec(name);
    if (!m) this.fail(`Custom security attribute reference must be <AttributeSet>_<AttributeName>, found '${name}'`, t);
    return { object: 'customSecurityAttribute', name, canonical: name, attributeSet: m[1]!, attributeName: m[2]! };
  }

  private parseOperator(): ComparisonOperator {
    const t = this.next();
    if (t.type === 'dashword' || t.type === 'word') {
      const op = OPERATORS.get(t.text.toLowerCase());
      if (op) return op;
      if (t.type === 'dashword' && (t.text.toLowerCase() === 'match' || t.text.toLowerCase() === 'notmatch')) {
        this.fail(`Operator '-${t.text}' is not supported in Conditional Access filters`, t);
      }
    }
    this.fail(`Expected a comparison operator (-eq, -ne, -startsWith, -contains, -in …), found ${this.describe(t)}`, t);
  }

  private parseScalar(): { value: string | null; end: number } {
    const t = this.next();
    if (t.type === 'string') return { value: t.text, end: t.end };
    if (t.type === 'word') {
      const w = t.text.toLowerCase();
      if (w === 'null') return { value: null, end: t.end };
      // Unquoted booleans and numbers are allowed by membership-rule syntax ("double quotes are
      // optional unless the value is a string"); compare them as their text ("True", "3").
      if (w === 'true') return { value: 'True', end: t.end };
      if (w === 'false') return { value: 'False', end: t.end };
      if (/^[0-9]+(\.[0-9]+)?$/.test(t.text)) return { value: t.text, end: t.end };
    }
    this.fail(`Expected a quoted value, found ${this.describe(t)}`, t);
  }

  private parseList(): { values: string[]; end: number } {
    const open = this.next(); // '['
    const values: string[] = [];
    if (this.peek().type === 'rbracket') return { values, end: this.next().end };
    for (;;) {
      const v = this.next();
      if (v.type !== 'string') this.fail(`Expected a quoted value in the list, found ${this.describe(v)}`, v);
      values.push(v.text);
      const sep = this.next();
      if (sep.type === 'rbracket') return { values, end: sep.end };
      if (sep.type !== 'comma') this.fail(`Expected ',' or ']' in the list opened at ${open.start}, found ${this.describe(sep)}`, sep);
    }
  }

  private parseComparison(): ComparisonNode {
    const t = this.next();
    const operand = this.parseOperand(t);
    const operator = this.parseOperator();
    if (operator === 'in' || operator === 'notIn') {
      if (this.peek().type !== 'lbracket') this.fail(`-${operator} needs a list like ["a","b"], found ${this.describe(this.peek())}`);
      const { values, end } = this.parseList();
      return { type: 'comparison', operand, operator, value: values, lower: values.map((v) => v.toLowerCase()), start: t.start, end };
    }
    if (this.peek().type === 'lbracket') this.fail(`-${operator} compares with one value; use -in / -notIn for a list`);
    const { value, end } = this.parseScalar();
    if (value === null && operator !== 'eq' && operator !== 'ne') {
      this.fail(`null can only be compared with -eq or -ne`);
    }
    return { type: 'comparison', operand, operator, value, lower: value === null ? null : value.toLowerCase(), start: t.start, end };
  }
}

/** Parse a filter rule of the given kind. Never throws. */
export function parseRule(text: string, kind: 'application' | 'device'): ParseResult {
  if (typeof text !== 'string') return { ok: false, error: { message: 'Rule is not a string', position: 0 } };
  if (text.length > MAX_RULE_LENGTH) {
    return { ok: false, error: { message: `Rule is longer than ${MAX_RULE_LENGTH} characters (${text.length})`, position: MAX_RULE_LENGTH } };
  }
  if (text.trim().length === 0) return { ok: false, error: { message: 'Rule is empty', position: 0 } };
  const lexed = lexRule(text);
  if (!lexed.ok) return lexed;
  try {
    const root = new Parser(lexed.tokens, kind).parseRoot();
    return { ok: true, ast: { kind, source: text, trimmedSource: text.trim(), root } };
  } catch (e) {
    if (e instanceof RuleSyntaxError) return { ok: false, error: { message: e.message, position: e.position } };
    // A stack overflow from absurd nesting (still under 3072 chars) or any other surprise.
    return { ok: false, error: { message: `Rule could not be parsed: ${e instanceof Error ? e.message : String(e)}`, position: 0 } };
  }
}
