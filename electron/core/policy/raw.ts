/**
 * Defensive readers for raw Graph JSON. Policies reach the evaluator unparsed (see types.ts), so
 * every read goes through here: a wrong type becomes a PolicyShapeError with a path, which the
 * evaluator turns into `cannotEvaluate` for that one policy instead of a crash.
 */

export class PolicyShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyShapeError';
  }
}

export type RawObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is RawObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An optional nested object: undefined/null → null; anything else not an object → error. */
export function optObject(parent: RawObject, key: string, path: string): RawObject | null {
  const v = parent[key];
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw new PolicyShapeError(`${path}.${key} is not an object`);
  return v;
}

/** An optional string collection: undefined/null → []; non-string members → error. */
export function strArray(parent: RawObject | null, key: string, path: string): readonly string[] {
  if (!parent) return [];
  const v = parent[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new PolicyShapeError(`${path}.${key} is not an array`);
  for (const item of v) {
    if (typeof item !== 'string') throw new PolicyShapeError(`${path}.${key} contains a non-string value`);
  }
  return v as readonly string[];
}

export function optString(parent: RawObject | null, key: string, path: string): string | null {
  if (!parent) return null;
  const v = parent[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new PolicyShapeError(`${path}.${key} is not a string`);
  return v;
}

/** Graph flags enums serialise as a comma-separated string ("internalGuest,b2bCollaborationGuest"). */
export function flags(value: string | null): readonly string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function lowerSet(values: readonly string[]): ReadonlySet<string> {
  const s = new Set<string>();
  for (const v of values) s.add(v.toLowerCase());
  return s;
}
