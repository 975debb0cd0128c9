/**
 * OData `$filter` construction that never concatenates raw input. Property paths are fixed
 * identifiers checked against a strict pattern (they come from code, not users); every value is
 * rendered as a typed literal: strings quoted with single quotes doubled (`o'brien` → `'o''brien'`,
 * graph-facts §5), numbers as finite integers, instants as unquoted ISO-8601 UTC, booleans bare.
 * The finished expression is percent-encoded once by `encodeQueryValue` when it is put in a URL —
 * graph-client itself does not encode query values.
 */
declare const filterBrand: unique symbol;
export interface Filter { readonly [filterBrand]: true; readonly text: string }

const PROPERTY = /^[A-Za-z][A-Za-z0-9_]*(\/[A-Za-z][A-Za-z0-9_]*)*$/;
const LAMBDA_VAR = /^[a-z]$/;

function filter(text: string): Filter {
  return { text } as Filter;
}

function property(path: string): string {
  if (!PROPERTY.test(path)) throw new Error(`OData: '${path}' is not a property path`);
  return path;
}

export type Literal = string | number | boolean | Date | { readonly instant: string };

/** A string literal for OData: single quotes doubled, the whole thing single-quoted. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function literal(value: Literal): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`OData: ${value} is not an integer literal`);
    return String(value);
  }
  const date = value instanceof Date ? value : new Date(value.instant);
  if (Number.isNaN(date.getTime())) throw new Error('OData: invalid date literal');
  // Graph compares createdDateTime with unquoted UTC instants; seconds precision is what the service documents.
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const odata = {
  eq: (path: string, value: Literal) => filter(`${property(path)} eq ${literal(value)}`),
  ne: (path: string, value: Literal) => filter(`${property(path)} ne ${literal(value)}`),
  ge: (path: string, value: Literal) => filter(`${property(path)} ge ${literal(value)}`),
  le: (path: string, value: Literal) => filter(`${property(path)} le ${literal(value)}`),
  lt: (path: string, value: Literal) => filter(`${property(path)} lt ${literal(value)}`),
  startsWith: (path: string, value: string) => filter(`startsWith(${property(path)},${quote(value)})`),
  /** `collection/any(t: t eq 'v1' or t eq 'v2')` — e.g. signInEventTypes (beta). */
  anyEq: (collection: string, values: readonly string[], variable = 't') => {
    if (!LAMBDA_VAR.test(variable)) throw new Error('OData: lambda variable must be one lower-case letter');
    if (values.length === 0) throw new Error('OData: anyEq needs at least one value');
    return filter(`${property(collection)}/any(${variable}:${values.map((v) => `${variable} eq ${quote(v)}`).join(' or ')})`);
  },
  /** `path eq v1 or path eq v2 …` in parentheses ("in" is not supported on every Graph property). */
  eqAny: (path: string, values: readonly Literal[]) => {
    if (values.length === 0) throw new Error('OData: eqAny needs at least one value');
    return group(values.map((v) => `${property(path)} eq ${literal(v)}`).join(' or '));
  },
  /**
   * `path in ('a', 'b')` — one request for several keys where Graph supports `in` (directory
   * properties such as servicePrincipal.appId; docs `resources/serviceprincipal.md`).
   */
  in: (path: string, values: readonly Literal[]) => {
    if (values.length === 0) throw new Error('OData: in needs at least one value');
    return filter(`${property(path)} in (${values.map(literal).join(', ')})`);
  },
  and: (...parts: readonly (Filter | undefined)[]) => join('and', parts),
  or: (...parts: readonly (Filter | undefined)[]) => join('or', parts),
};

function group(text: string): Filter {
  return filter(`(${text})`);
}

function join(op: 'and' | 'or', parts: readonly (Filter | undefined)[]): Filter {
  const present = parts.filter((p): p is Filter => p !== undefined);
  if (present.length === 0) throw new Error(`OData: '${op}' of nothing`);
  if (present.length === 1) return present[0]!;
  return group(present.map((p) => p.text).join(` ${op} `));
}

/** Percent-encodes a query value per RFC 3986 (quotes, `#`, `&`, `+`, spaces …), once. */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The path segment addressing a user by id or UPN. Plain UPNs go as `/users/<percent-encoded>`
 * (`#EXT#` → `%23EXT%23`). A UPN with a single quote or a leading `$` uses the key syntax
 * `/users('<escaped>')`, quotes doubled then percent-encoded, as Graph documents for such names.
 */
export function userPath(idOrUpn: string): string {
  if (idOrUpn === '') throw new Error('OData: empty user id');
  if (idOrUpn.includes("'") || idOrUpn.startsWith('$')) return `/users(${encodeQueryValue(quote(idOrUpn))})`;
  return `/users/${encodeQueryValue(idOrUpn)}`;
}
