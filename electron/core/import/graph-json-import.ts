import { findJsonSyntaxError, formatJsonPath, locateJsonPath, offsetToLineColumn } from '../snapshot/json-position.js';
import type { Store } from '../store/store.js';
import type { RawSignIn } from '../store/sign-ins-repo.js';
import { importRefused, type ImportResult } from './import-error.js';
import { importedSignInSchema } from './sign-in-schema.js';
import { resolveTenant, sha256, writeSignIns } from './write-sign-ins.js';

/**
 * Parses sign-ins from Graph JSON — a list response `{ "value": [ … ] }` (one page saved from Graph
 * Explorer or a script) or a plain array of signIn objects (the Entra portal's JSON download).
 * Throws an AppError with line/column and JSON path for the first problem; returns nothing partial.
 */
const MAX_JSON_DEPTH = 64;

/** Iterative (no recursion, so it cannot overflow itself): true when any value sits deeper than `max`. */
function nestedDeeperThan(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export function parseSignInJson(text: string, file: string): { signIns: RawSignIn[]; shape: 'list-response' | 'array' } {
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const syntax = findJsonSyntaxError(body);
    const pos = syntax ? offsetToLineColumn(body, syntax.offset) : { line: 1, column: 1 };
    throw importRefused(file, pos, `invalid JSON: ${syntax?.reason ?? (error as Error).message}`);
  }
  // Added by the reliability suite (test/unit/security/bad-input-corpus.test.ts): JSON.parse accepts
  // 200k-deep nesting, but JSON.stringify in the store then overflowed the stack — a RangeError instead
  // of a clear refusal. Same limit as the snapshot loader (snapshot/load.ts DEFAULT_LIMITS.maxDepth).
  if (nestedDeeperThan(json, MAX_JSON_DEPTH)) {
    throw importRefused(file, { line: 1, column: 1 }, `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let items: unknown[];
  let prefix: PropertyKey[];
  let shape: 'list-response' | 'array';
  if (Array.isArray(json)) {
    items = json; prefix = []; shape = 'array';
  } else if (json && typeof json === 'object' && Array.isArray((json as { value?: unknown }).value)) {
    items = (json as { value: unknown[] }).value; prefix = ['value']; shape = 'list-response';
  } else {
    throw importRefused(file, { line: 1, column: 1 }, 'expected a Graph list response {"value": [...]} or an array of sign-in objects');
  }
  const signIns: RawSignIn[] = [];
  for (let i = 0; i < items.length; i++) {
    const parsed = importedSignInSchema.safeParse(items[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = [...prefix, i, ...issue.path];
      const pos = offsetToLineColumn(body, locateJsonPath(body, path));
      throw importRefused(file, { ...pos, path: formatJsonPath(path), record: i + 1 }, issue.message);
    }
    signIns.push(parsed.data as RawSignIn);
  }
  return { signIns, shape };
}

export function importSignInJson(store: Store, text: string, options: { file: string; tenantId?: string; now?: Date }): ImportResult {
  const { signIns, shape } = parseSignInJson(text, options.file);
  const tenantId = resolveTenant(options.file, signIns, options.tenantId);
  return writeSignIns(store, {
    kind: shape === 'array' ? 'portal-json' : 'graph-json', file: options.file, tenantId, signIns,
    contentHash: sha256(text), now: options.now ?? new Date(),
  });
}
