/** A Graph request after routing: version, path segments, parsed query options, the caller. */
import type { QueryOptions } from '../odata/query.js';
import type { EmulatorRequest } from '../http.js';
import type { Caller } from './auth.js';

export type GraphVersion = 'v1.0' | 'beta';

export interface GraphRequest {
  readonly raw: EmulatorRequest;
  readonly version: GraphVersion;
  /** Decoded path segments after the version, e.g. ['users', 'adele#EXT#@contoso.com']. */
  readonly segments: readonly string[];
  /** `/beta/auditLogs/signIns` as requested (for nextLinks and @odata.context). */
  readonly versionedPath: string;
  readonly query: QueryOptions;
  readonly caller: Caller;
}

/** `Prefer: include-unknown-enum-members` (graph-facts §1.3): evolvable enum members after unknownFutureValue. */
export function prefersUnknownEnumMembers(req: GraphRequest): boolean {
  const v = req.raw.headers.prefer;
  const all = Array.isArray(v) ? v.join(',') : v ?? '';
  return all.split(',').some((p) => p.trim().toLowerCase() === 'include-unknown-enum-members');
}
