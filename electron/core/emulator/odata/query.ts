/**
 * System query options ($filter, $select, $top, $orderby, $expand, $skiptoken, $count) read from
 * the raw query string, and the opaque $skiptoken. The skiptoken remembers the offset, when the
 * listing started (so sign-ins ingested mid-paging do not shift pages), and a hash of the query it
 * belongs to (a token pasted onto another query is refused, like Graph's opaque tokens).
 */
import { createHash } from 'node:crypto';
import { ODataError } from './ast.js';

export interface QueryOptions {
  readonly filter: string | undefined;
  readonly select: string[] | undefined;
  readonly top: number | undefined;
  readonly orderby: string | undefined;
  readonly expand: string[] | undefined;
  readonly skiptoken: string | undefined;
  readonly count: boolean;
  readonly search: string | undefined;
  /** Every non-paging parameter as sent, to rebuild nextLinks. */
  readonly passthrough: [string, string][];
}

const KNOWN = new Set(['$filter', '$select', '$top', '$orderby', '$expand', '$skiptoken', '$count', '$search', '$skip', '$format']);

export function readQuery(url: URL): QueryOptions {
  const seen = new Map<string, string>();
  const passthrough: [string, string][] = [];
  for (const [rawKey, value] of url.searchParams) {
    const key = rawKey.toLowerCase();
    if (key.startsWith('$') && !KNOWN.has(key)) throw new ODataError(`Query option '${rawKey}' is not supported.`);
    if (key.startsWith('$') && seen.has(key)) throw new ODataError(`Query option '${rawKey}' was specified more than once, but it must be specified at most once.`);
    if (key.startsWith('$')) seen.set(key, value);
    if (key !== '$skiptoken') passthrough.push([rawKey, value]);
  }
  if (seen.has('$skip')) throw new ODataError("'$skip' is not supported by this API. Use @odata.nextLink.", 'Request_UnsupportedQuery');
  const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((x) => x.trim()).filter(Boolean));
  let top: number | undefined;
  const rawTop = seen.get('$top');
  if (rawTop !== undefined) {
    if (!/^\d+$/.test(rawTop.trim())) throw new ODataError(`Invalid value '${rawTop}' for query option '$top'. The value must be a non-negative integer.`);
    top = Number(rawTop.trim());
  }
  const count = seen.get('$count');
  if (count !== undefined && count !== 'true' && count !== 'false') throw new ODataError(`Invalid value '${count}' for query option '$count'.`);
  return {
    filter: seen.get('$filter'),
    select: list(seen.get('$select')),
    top,
    orderby: seen.get('$orderby'),
    expand: list(seen.get('$expand')),
    skiptoken: seen.get('$skiptoken'),
    count: count === 'true',
    search: seen.get('$search'),
    passthrough,
  };
}

export interface SkipState { readonly offset: number; readonly asOfMs: number }

function queryHash(q: QueryOptions, path: string): string {
  const norm = q.passthrough.map(([k, v]) => `${k.toLowerCase()}=${v}`).sort().join('&');
  return createHash('sha256').update(`${path.toLowerCase()}?${norm}`).digest('base64url').slice(0, 16);
}

export function encodeSkipToken(q: QueryOptions, path: string, state: SkipState): string {
  const payload = JSON.stringify({ o: state.offset, t: state.asOfMs, h: queryHash(q, path) });
  return Buffer.from(payload, 'utf8').toString('base64url');
}

export function decodeSkipToken(q: QueryOptions, path: string): SkipState | undefined {
  if (q.skiptoken === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(q.skiptoken, 'base64url').toString('utf8')) as { o?: unknown; t?: unknown; h?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0 && typeof v.t === 'number' && v.h === queryHash(q, path)) return { offset: v.o, asOfMs: v.t };
  } catch { /* fall through */ }
  throw new ODataError('The $skiptoken is invalid or does not belong to this query.');
}

/** `https://127.0.0.1:PORT/<ver>/<path>?<same options>&$skiptoken=…` — PageIterator follows it verbatim. */
export function nextLink(origin: string, versionedPath: string, q: QueryOptions, token: string): string {
  const params = q.passthrough.map(([k, v]) => `${encodeURIComponent(k).replace(/^%24/, '$')}=${encodeURIComponent(v)}`);
  params.push(`$skiptoken=${token}`);
  return `${origin}${versionedPath}?${params.join('&')}`;
}
