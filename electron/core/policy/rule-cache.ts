/**
 * Parse-once cache for filter rules, keyed by kind + rule text. Policies are also compiled once
 * per policy object (compile.ts); this cache additionally covers callers that re-read the same
 * policies as fresh objects (from SQLite, per request). Bounded so hostile input cannot grow it.
 */
import type { ParseResult, RuleKind } from './rule-ast.js';
import { parseRule } from './rule-parser.js';

const MAX_ENTRIES = 2000;
const cache = new Map<string, ParseResult>();

export function parseRuleCached(text: string, kind: RuleKind): ParseResult {
  const key = kind === 'application' ? `a\u0000${text}` : `d\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parseRule(text, kind);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, parsed);
  return parsed;
}
