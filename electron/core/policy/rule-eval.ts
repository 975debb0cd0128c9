/**
 * Evaluate a parsed filter rule against one object (a resource service principal's custom
 * security attributes, or a device).
 *
 * Semantics and their sources:
 * - String comparison is case-insensitive: "Regex and string operations aren't case sensitive"
 *   (entra `docs/identity/users/groups-dynamic-membership.md`, "Supported values"); CA filters use
 *   that rule syntax (Graph `conditionalaccessfilter.md`).
 * - Null: "For a device that is unregistered with Microsoft Entra ID, all device properties are
 *   considered as null values … positive operators never match, negative operators always match"
 *   (entra `concept-condition-filters-for-devices.md`). An unset custom security attribute gets the
 *   same treatment, as do non-string attribute values ("Conditional Access filters for applications
 *   only work with custom security attributes of type string", `concept-filter-for-applications.md`).
 * - Collections (physicalIds, systemLabels, multi-valued attributes): `-contains` means one whole
 *   element equals the value (device-filter doc, note on Contains); the other positive operators
 *   match when any element matches; negative operators are the negation. An empty collection is null.
 * - `-eq null` / `-ne null` test for null, as membership rules do.
 */
import { NEGATIVE_OPERATORS, type ComparisonNode, type RuleAst, type RuleNode, type RuleOperand } from './rule-ast.js';

/** What a lookup may return for a property. */
export type RuleValue = string | boolean | number | readonly unknown[] | null | undefined;
export type RuleLookup = (operand: RuleOperand) => RuleValue;

/** Normalised value: lower-cased string, lower-cased string list (non-empty), or null. */
type Normalised = string | readonly string[] | null;

function normalise(v: RuleValue): Normalised {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.toLowerCase();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const item of v) if (typeof item === 'string') out.push(item.toLowerCase());
    return out.length > 0 ? out : null;
  }
  return null;
}

function positiveScalar(op: ComparisonNode['operator'], actual: string, expected: string | readonly string[] | null, collection: boolean): boolean {
  if (typeof expected !== 'string') {
    // -in / -notIn: the value must equal one list entry.
    return Array.isArray(expected) ? expected.includes(actual) : false;
  }
  switch (op) {
    case 'eq':
    case 'ne':
      return actual === expected;
    case 'startsWith':
    case 'notStartsWith':
      return actual.startsWith(expected);
    case 'endsWith':
    case 'notEndsWith':
      return actual.endsWith(expected);
    case 'contains':
    case 'notContains':
      // On a collection, Contains matches a whole element; on a string it is a substring test.
      return collection ? actual === expected : actual.includes(expected);
    default:
      return false;
  }
}

function compare(node: ComparisonNode, raw: RuleValue): boolean {
  const actual = normalise(raw);
  const negative = NEGATIVE_OPERATORS.has(node.operator);
  if (node.lower === null) {
    // `-eq null` / `-ne null`
    return node.operator === 'eq' ? actual === null : actual !== null;
  }
  if (actual === null) return negative;
  let positive: boolean;
  if (typeof actual === 'string') {
    positive = positiveScalar(node.operator, actual, node.lower, false);
  } else {
    positive = false;
    for (const element of actual) {
      if (positiveScalar(node.operator, element, node.lower, true)) {
        positive = true;
        break;
      }
    }
  }
  return negative ? !positive : positive;
}

function evalNode(node: RuleNode, lookup: RuleLookup): boolean {
  switch (node.type) {
    case 'comparison':
      return compare(node, lookup(node.operand));
    case 'not':
      return !evalNode(node.operand, lookup);
    case 'and':
      for (const o of node.operands) if (!evalNode(o, lookup)) return false;
      return true;
    case 'or':
      for (const o of node.operands) if (evalNode(o, lookup)) return true;
      return false;
  }
}

/** True when the rule matches the object the lookup describes. */
export function evaluateRule(ast: RuleAst, lookup: RuleLookup): boolean {
  return evalNode(ast.root, lookup);
}

interface Decision {
  readonly matched: boolean;
  readonly node: RuleNode;
}

function decide(node: RuleNode, lookup: RuleLookup): Decision {
  switch (node.type) {
    case 'comparison':
      return { matched: compare(node, lookup(node.operand)), node };
    case 'not':
      return { matched: !decide(node.operand, lookup).matched, node };
    case 'and': {
      for (const o of node.operands) {
        const r = decide(o, lookup);
        if (!r.matched) return r;
      }
      return { matched: true, node };
    }
    case 'or': {
      for (const o of node.operands) {
        const r = decide(o, lookup);
        if (r.matched) return r;
      }
      return { matched: false, node };
    }
  }
}

/**
 * Like evaluateRule, plus the smallest clause that decided the answer, quoted from the source
 * (the first true branch of an -or, the first false branch of an -and…), for traces.
 */
export function explainRule(ast: RuleAst, lookup: RuleLookup): { readonly matched: boolean; readonly clause: string } {
  const r = decide(ast.root, lookup);
  return { matched: r.matched, clause: r.node === ast.root ? ast.trimmedSource : ast.source.slice(r.node.start, r.node.end).trim() };
}
