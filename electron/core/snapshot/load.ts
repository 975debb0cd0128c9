/**
 * Reading tenant snapshots: text → validated TenantSnapshot, or a refusal that says where (line,
 * column, JSON path) and why. Never throws for bad input — a broken case file must produce a
 * message, not a crash.
 */
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { findJsonSyntaxError, formatJsonPath, locateJsonPath, offsetToLineColumn } from './json-position.js';
import { COLLECTION_KEYS, TOP_LEVEL_ORDER, snapshotSchema } from './schema.js';
import type { GraphObject, SnapshotError, SnapshotParseResult, TenantSnapshot } from './types.js';

export interface SnapshotLimits {
  /** Refuse files larger than this many bytes (default 512 MiB — about V8's longest string). */
  readonly maxBytes?: number;
  /** Refuse any single string value longer than this (default 1 Mi characters). */
  readonly maxStringLength?: number;
  /** Refuse nesting deeper than this (default 64; Graph objects are a few levels deep). */
  readonly maxDepth?: number;
}

export const DEFAULT_LIMITS = { maxBytes: 512 * 1024 * 1024, maxStringLength: 1024 * 1024, maxDepth: 64 } as const;

/** A snapshot with every collection present and empty. */
export function emptySnapshot(): TenantSnapshot {
  return {
    formatVersion: 1,
    meta: {},
    organization: [],
    users: [],
    groups: [],
    directoryRoles: [],
    transitiveMemberOf: {},
    servicePrincipals: [],
    applications: [],
    attributeSets: [],
    customSecurityAttributeDefinitions: [],
    conditionalAccessPolicies: [],
    namedLocations: [],
    signIns: [],
  };
}

function fail(kind: SnapshotError['kind'], message: string, text: string | null, offset: number, path: string, source?: string): SnapshotParseResult {
  const { line, column } = text === null ? { line: 1, column: 1 } : offsetToLineColumn(text, offset);
  const where = source ? `${source}:${line}:${column}: ` : `line ${line}, column ${column}: `;
  return { ok: false, error: { kind, message: where + message, line, column, path, ...(source ? { source } : {}) } };
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 40 ? `a string ("${v.slice(0, 40)}…")` : `a string ("${v}")`;
  return `${typeof v} (${String(v)})`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { exists: boolean; value: unknown } {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return { exists: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return { exists: true, value: cur };
}

function schemaIssueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  const path = formatJsonPath(issue.path);
  const { exists, value } = valueAt(root, issue.path);
  if (!exists) return `${path}: required property is missing (${issue.message})`;
  return `${path}: ${issue.message} — found ${describeType(value)}`;
}

interface WalkProblem {
  readonly kind: 'size' | 'schema';
  readonly path: PropertyKey[];
  readonly message: string;
}

/** Finds over-long strings and too-deep nesting; returns the first problem. Recursion is bounded by maxDepth. */
function checkLimits(value: unknown, maxString: number, maxDepth: number): WalkProblem | null {
  const path: PropertyKey[] = [];
  const visit = (v: unknown, depth: number): WalkProblem | null => {
    if (typeof v === 'string') {
      return v.length > maxString
        ? { kind: 'size', path: [...path], message: `string of ${v.length} characters exceeds the limit of ${maxString}` }
        : null;
    }
    if (v === null || typeof v !== 'object') return null;
    if (depth >= maxDepth) return { kind: 'schema', path: [...path], message: `nested deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const p = visit(v[i], depth + 1);
        path.pop();
        if (p) return p;
      }
      return null;
    }
    for (const k of Object.keys(v)) {
      if (k.length > maxString) return { kind: 'size', path: [...path, k], message: `property name of ${k.length} characters exceeds the limit of ${maxString}` };
      path.push(k);
      const p = visit((v as Record<string, unknown>)[k], depth + 1);
      path.pop();
      if (p) return p;
    }
    return null;
  };
  return visit(value, 0);
}

/** Duplicate `id`s inside one collection make "the object with this id" ambiguous: refuse them. */
function findDuplicateId(snapshot: Record<string, unknown>): { path: PropertyKey[]; message: string } | null {
  const check = (list: unknown, base: PropertyKey[]): { path: PropertyKey[]; message: string } | null => {
    if (!Array.isArray(list)) return null;
    const seen = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      const id = (list[i] as GraphObject | null)?.id;
      if (typeof id !== 'string') continue;
      const first = seen.get(id);
      if (first !== undefined) {
        return { path: [...base, i, 'id'], message: `duplicate id "${id}" in ${formatJsonPath(base)} (first used at index ${first})` };
      }
      seen.set(id, i);
    }
    return null;
  };
  for (const key of COLLECTION_KEYS) {
    const d = check(snapshot[key], [key]);
    if (d) return d;
  }
  const tmo = snapshot.transitiveMemberOf;
  if (tmo && typeof tmo === 'object') {
    for (const userId of Object.keys(tmo)) {
      const d = check((tmo as Record<string, unknown>)[userId], ['transitiveMemberOf', userId]);
      if (d) return d;
    }
  }
  return null;
}

/**
 * Parses and validates snapshot text. On success the snapshot is the JSON.parse result itself
 * (unknown keys kept, key order kept), with missing collections filled in as empty.
 * `source` (a file name) prefixes messages: `demo.json:12:5: users[3].id: …`.
 */
export function parseSnapshot(text: string, source?: string, limits: SnapshotLimits = {}): SnapshotParseResult {
  const maxBytes = limits.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const maxString = limits.maxStringLength ?? DEFAULT_LIMITS.maxStringLength;
  const maxDepth = limits.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  // Cheap upper bound first (a UTF-16 unit is at most 3 UTF-8 bytes), exact count only near the limit.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes) {
    return fail('size', `snapshot is ${Buffer.byteLength(text, 'utf8')} bytes, over the limit of ${maxBytes} bytes`, null, 0, '', source);
  }
  // A UTF-8 byte order mark is not JSON whitespace; replace it by a space so offsets stay true.
  const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;

  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const syntax = findJsonSyntaxError(body);
    if (syntax) return fail('syntax', `invalid JSON: ${syntax.reason}`, body, syntax.offset, '', source);
    // Valid by our scanner but JSON.parse gave up: nesting too deep for the engine.
    return fail('syntax', `JSON could not be read: ${e instanceof Error ? e.message : String(e)}`, body, 0, '', source);
  }

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const at = body.length - body.trimStart().length;
    return fail('schema', `the top level must be a JSON object with keys like "users" and "signIns" — found ${describeType(value)}`, body, at, '', source);
  }

  const limitProblem = checkLimits(value, maxString, maxDepth);
  if (limitProblem) {
    return fail(limitProblem.kind, `${formatJsonPath(limitProblem.path)}: ${limitProblem.message}`, body, locateJsonPath(body, limitProblem.path), formatJsonPath(limitProblem.path), source);
  }

  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('schema', schemaIssueMessage(issue, value), body, locateJsonPath(body, issue.path), formatJsonPath(issue.path), source);
  }

  const obj = value as Record<string, unknown>;
  const dup = findDuplicateId(obj);
  if (dup) return fail('duplicate-id', `${formatJsonPath(dup.path)}: ${dup.message}`, body, locateJsonPath(body, dup.path), formatJsonPath(dup.path), source);

  const warnings: string[] = [];
  // `x-emulator` holds emulator-only tenant settings (docs/snapshot-format.md).
  const known = new Set<string>([...TOP_LEVEL_ORDER, 'x-emulator']);
  for (const k of Object.keys(obj)) {
    if (!known.has(k)) warnings.push(`unknown top-level key "${k}" kept as is`);
  }
  for (const key of COLLECTION_KEYS) {
    if (key !== 'applications' && obj[key] === undefined) obj[key] = [];
  }
  if (obj.transitiveMemberOf === undefined) obj.transitiveMemberOf = {};
  return { ok: true, snapshot: obj as TenantSnapshot, warnings };
}

/** Reads and parses a snapshot file. Never rejects: I/O and encoding problems come back as errors too. */
export async function loadSnapshotFile(path: string, limits: SnapshotLimits = {}): Promise<SnapshotParseResult> {
  const maxBytes = limits.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  let buf: Buffer;
  try {
    const st = await stat(path);
    if (!st.isFile()) return fail('io', `${path} is not a file`, null, 0, '', path);
    // Check before reading so a 5 GB file is refused without filling memory.
    if (st.size > maxBytes) return fail('size', `snapshot is ${st.size} bytes, over the limit of ${maxBytes} bytes`, null, 0, '', path);
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail('io', `cannot read the snapshot file${code ? ` (${code})` : ''}: ${e instanceof Error ? e.message : String(e)}`, null, 0, '', path);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const prefix = buf.subarray(0, findInvalidUtf8(buf)).toString('utf8');
    return fail('encoding', 'the file is not valid UTF-8 text', prefix, prefix.length, '', path);
  }
  return parseSnapshot(text, path, limits);
}

/** Byte offset of the first invalid UTF-8 sequence (binary search on a fatal decoder). */
function findInvalidUtf8(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  while (hi - lo > 4) {
    const mid = (lo + hi) >> 1;
    try {
      // stream: a sequence cut at `mid` is not an error, only a truly invalid byte is.
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
