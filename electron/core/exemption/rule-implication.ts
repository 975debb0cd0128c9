/**
 * "Does this existing exclude rule already exempt every app carrying our attribute value?"
 * Answered structurally on the parsed rule: a comparison on our attribute that our value satisfies,
 * an -or with such a branch, an -and whose every branch is. Anything else (a -not, another
 * attribute) answers "not implied" — the conservative answer, because merging `(existing) -or
 * (ours)` is still correct, while wrongly saying "already exempt" would leave the user locked out.
 */
import type { ComparisonNode, RuleNode } from '../policy/rule-ast.js';

export interface OurComparison {
  /** Definition id `Set_Name` (Graph treats it case-insensitively). */
  readonly definitionId: string;
  readonly value: string;
}

export function impliedByOurValue(node: RuleNode, ours: OurComparison): boolean {
  switch (node.type) {
    case 'or':
      return node.operands.some((n) => impliedByOurValue(n, ours));
    case 'and':
      return node.operands.every((n) => impliedByOurValue(n, ours));
    case 'not':
      return false;
    case 'comparison':
      return comparisonHolds(node, ours);
  }
}

function comparisonHolds(node: ComparisonNode, ours: OurComparison): boolean {
  if (node.operand.object !== 'customSecurityAttribute') return false;
  if (node.operand.canonical.toLowerCase() !== ours.definitionId.toLowerCase()) return false;
  const v = ours.value;
  const lit = node.value;
  // Attribute values are compared case-sensitively (graph-facts §4.2); staying strict errs towards merging.
  if (Array.isArray(lit)) {
    if (node.operator === 'in') return lit.includes(v);
    if (node.operator === 'notIn') return !lit.includes(v);
    return false;
  }
  if (typeof lit !== 'string') return false;
  switch (node.operator) {
    case 'eq': return v === lit;
    case 'ne': return v !== lit;
    case 'startsWith': return v.startsWith(lit);
    case 'notStartsWith': return !v.startsWith(lit);
    case 'endsWith': return v.endsWith(lit);
    case 'notEndsWith': return !v.endsWith(lit);
    case 'contains': return v.includes(lit);
    case 'notContains': return !v.includes(lit);
    default: return false;
  }
}
