/**
 * Runs a checked $filter against a JSON object. String comparisons are case-insensitive, as the
 * directory and the sign-in store compare them (UPNs are stored lower-case, graph-facts §1.2).
 */
import type { FilterNode, Literal, PathNode } from './ast.js';

function get(obj: unknown, segments: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const rec = cur as Record<string, unknown>;
    const key = s in rec ? s : Object.keys(rec).find((k) => k.toLowerCase() === s.toLowerCase());
    cur = key === undefined ? undefined : rec[key];
  }
  return cur;
}

function litValue(l: Literal): unknown {
  return l.kind === 'null' ? null : l.value;
}

function compare(actual: unknown, op: string, lit: Literal): boolean {
  if (lit.kind === 'null') {
    const isNull = actual === null || actual === undefined;
    return op === 'eq' ? isNull : op === 'ne' ? !isNull : false;
  }
  if (actual === null || actual === undefined) return op === 'ne';
  let a: number | string | boolean;
  let b: number | string | boolean;
  if (lit.kind === 'datetime') {
    const t = typeof actual === 'string' ? Date.parse(actual) : NaN;
    if (Number.isNaN(t)) return false;
    a = t; b = lit.value;
  } else if (lit.kind === 'string' || lit.kind === 'guid') {
    a = String(actual).toLowerCase(); b = String(lit.value).toLowerCase();
  } else {
    a = actual as number | boolean; b = litValue(lit) as number | boolean;
  }
  switch (op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'gt': return a > b;
    case 'ge': return a >= b;
    case 'lt': return a < b;
    case 'le': return a <= b;
    default: return false;
  }
}

function value(obj: unknown, path: PathNode, scope: ReadonlyMap<string, unknown>): unknown {
  if (path.lambdaVar !== undefined) return get(scope.get(path.lambdaVar), path.segments);
  return get(obj, path.segments);
}

export function matches(node: FilterNode, obj: unknown, scope: ReadonlyMap<string, unknown> = new Map()): boolean {
  switch (node.kind) {
    case 'and': return matches(node.left, obj, scope) && matches(node.right, obj, scope);
    case 'or': return matches(node.left, obj, scope) || matches(node.right, obj, scope);
    case 'not': return !matches(node.operand, obj, scope);
    case 'compare': return compare(value(obj, node.left, scope), node.op, node.right);
    case 'in': return node.values.some((v) => compare(value(obj, node.left, scope), 'eq', v));
    case 'call': {
      const v = value(obj, node.target, scope);
      if (typeof v !== 'string' || node.arg.kind !== 'string') return false;
      const s = v.toLowerCase();
      const a = node.arg.value.toLowerCase();
      return node.fn === 'startswith' ? s.startsWith(a) : node.fn === 'endswith' ? s.endsWith(a) : s.includes(a);
    }
    case 'any': case 'all': {
      const coll = value(obj, node.collection, scope);
      if (!Array.isArray(coll)) return node.kind === 'all';
      const test = (el: unknown) => matches(node.body, obj, new Map([...scope, [node.variable, el]]));
      return node.kind === 'any' ? coll.some(test) : coll.every(test);
    }
  }
}
