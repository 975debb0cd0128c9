/**
 * Lenient readers for raw Graph JSON in the diagnosis. Sign-ins are evidence, not configuration: a
 * field with an odd type is read as "absent" rather than failing the whole diagnosis.
 */
import type { RawJson } from './types.js';

export function isObj(v: unknown): v is RawJson {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(o: RawJson | null | undefined, key: string): string | null {
  const v = o?.[key];
  return typeof v === 'string' ? v : null;
}

/** A string that is also non-empty (Graph often sends "" for "unknown"). */
export function nonEmpty(o: RawJson | null | undefined, key: string): string | null {
  const v = str(o, key);
  return v && v.length > 0 ? v : null;
}

export function bool(o: RawJson | null | undefined, key: string): boolean | null {
  const v = o?.[key];
  return typeof v === 'boolean' ? v : null;
}

export function num(o: RawJson | null | undefined, key: string): number | null {
  const v = o?.[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return null;
}

export function obj(o: RawJson | null | undefined, key: string): RawJson | null {
  const v = o?.[key];
  return isObj(v) ? v : null;
}

/** String members of an array property; null when the property is absent or not an array. */
export function strList(o: RawJson | null | undefined, key: string): string[] | null {
  const v = o?.[key];
  if (!Array.isArray(v)) return null;
  return v.filter((x): x is string => typeof x === 'string');
}

export function objList(o: RawJson | null | undefined, key: string): RawJson[] | null {
  const v = o?.[key];
  if (!Array.isArray(v)) return null;
  return v.filter(isObj);
}

/** Milliseconds since the epoch, or null for a missing / unparsable date. */
export function timeOf(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
