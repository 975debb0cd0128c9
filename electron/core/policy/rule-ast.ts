/**
 * AST of a Conditional Access filter rule (`applicationFilter.rule` / `deviceFilter.rule`).
 * Every node keeps its source span so traces can quote the clause that decided a match.
 */

export type RuleKind = 'application' | 'device';

export type ComparisonOperator =
  | 'eq'
  | 'ne'
  | 'startsWith'
  | 'notStartsWith'
  | 'endsWith'
  | 'notEndsWith'
  | 'contains'
  | 'notContains'
  | 'in'
  | 'notIn';

/** The negative operators: on a null (unregistered device / unset attribute) they always match. */
export const NEGATIVE_OPERATORS: ReadonlySet<ComparisonOperator> = new Set(['ne', 'notStartsWith', 'notEndsWith', 'notContains', 'notIn']);

export interface RuleOperand {
  /** `CustomSecurityAttribute` (application rules) or `device` (device rules). */
  readonly object: 'customSecurityAttribute' | 'device';
  /** The property as written after the dot (`JamfConnect_Exempt`, `extensionAttribute1`). */
  readonly name: string;
  /** Canonical name: device property in documented casing; for CSAs `Set_Attr` as written. */
  readonly canonical: string;
  /** CSA only: attribute set and attribute name (split at the first underscore). */
  readonly attributeSet?: string;
  readonly attributeName?: string;
}

export type RuleLiteral = string | null;

export interface SpanNode {
  readonly start: number;
  readonly end: number;
}

export interface ComparisonNode extends SpanNode {
  readonly type: 'comparison';
  readonly operand: RuleOperand;
  readonly operator: ComparisonOperator;
  /** Scalar value, or the list for -in / -notIn. `null` for the bare `null` keyword. */
  readonly value: RuleLiteral | readonly string[];
  /** The value lower-cased once at parse time (string comparisons are case-insensitive). */
  readonly lower: RuleLiteral | readonly string[];
}

export interface NotNode extends SpanNode {
  readonly type: 'not';
  readonly operand: RuleNode;
}

export interface LogicalNode extends SpanNode {
  readonly type: 'and' | 'or';
  readonly operands: readonly RuleNode[];
}

export type RuleNode = ComparisonNode | NotNode | LogicalNode;

export interface RuleAst {
  readonly kind: RuleKind;
  readonly source: string;
  /** The source without surrounding whitespace (the clause quoted when the whole rule decided). */
  readonly trimmedSource: string;
  readonly root: RuleNode;
}

export interface RuleError {
  readonly message: string;
  /** 0-based character offset into the rule text (0 ≤ position ≤ text.length). */
  readonly position: number;
}

export type ParseResult = { readonly ok: true; readonly ast: RuleAst } | { readonly ok: false; readonly error: RuleError };

/** Documented maximum filter-rule length (entra concept-condition-filters-for-devices.md). */
export const MAX_RULE_LENGTH = 3072;
