/**
 * A tenant snapshot: one JSON document whose top-level keys hold arrays of objects in Graph's own
 * JSON shapes. The emulator loads it, the cache imports and exports it (case files), the demo tenant
 * is one. Unknown top-level keys and unknown properties are kept, never dropped — a later version may
 * need them, and a case file must survive a round trip through an older build.
 * The full description lives in docs/snapshot-format.md; validation in ./schema.ts.
 */
export type GraphObject = Record<string, unknown> & { id?: string };

export interface TenantSnapshot {
  /** Format version of the file (not of Graph). */
  formatVersion?: number;
  /** Free-form description: where the snapshot came from, when, what it is for. */
  meta?: Record<string, unknown>;
  organization: GraphObject[];
  users: GraphObject[];
  groups: GraphObject[];
  directoryRoles: GraphObject[];
  /** user id → the objects `/users/{id}/transitiveMemberOf` returns (groups, directoryRoles, AUs). */
  transitiveMemberOf: Record<string, GraphObject[]>;
  servicePrincipals: GraphObject[];
  /** Application registrations (isFallbackPublicClient etc.), when the snapshot has them. */
  applications?: GraphObject[];
  attributeSets: GraphObject[];
  customSecurityAttributeDefinitions: GraphObject[];
  conditionalAccessPolicies: GraphObject[];
  namedLocations: GraphObject[];
  signIns: GraphObject[];
  [extra: string]: unknown;
}

/** One scripted story of the demo tenant (`meta.stories[]`), what the diagnosis must conclude. */
export interface SnapshotStory {
  userPrincipalName: string;
  /** One sentence a person reads. */
  story: string;
  /** Machine-readable cause key (docs/demo-tenant.md lists them), e.g. `ca-compliant-device`. */
  expectedCause: string;
  /** The AADSTS code of the user's recent Jamf Connect sign-ins (0 = they succeed). */
  expectedErrorCode: number;
  [extra: string]: unknown;
}

/** Why a snapshot was refused; `line`/`column` are 1-based, `path` like `users[3].id` ('' when none). */
export interface SnapshotError {
  kind: 'io' | 'encoding' | 'size' | 'syntax' | 'schema' | 'duplicate-id';
  message: string;
  line: number;
  column: number;
  path: string;
  source?: string;
}

export type SnapshotParseResult =
  | { ok: true; snapshot: TenantSnapshot; warnings: string[] }
  | { ok: false; error: SnapshotError };
