import { parseSnapshot } from '../snapshot/load.js';
import type { GraphObject, TenantSnapshot } from '../snapshot/types.js';
import type { RawObject } from '../store/policies-repo.js';
import type { RawSignIn } from '../store/sign-ins-repo.js';
import type { Store } from '../store/store.js';
import { importRefused, type ImportResult } from './import-error.js';
import { importedSignInSchema } from './sign-in-schema.js';
import { sha256 } from './write-sign-ins.js';

/**
 * Imports a tenant snapshot (the emulator's format; a colleague's case file) into the cache, in ONE
 * transaction: organization, users + transitive memberships, service principals, attribute
 * definitions, CA policies (as a version fetched at the snapshot's capture time), named locations and
 * sign-ins. Upserts by id make a re-import change nothing. The snapshot's tenant is its
 * organization's id unless one is given.
 */
export function importSnapshot(store: Store, text: string, options: { file: string; tenantId?: string; now?: Date }): ImportResult {
  const parsed = parseSnapshot(text, options.file);
  if (!parsed.ok) {
    const e = parsed.error;
    throw importRefused(options.file, { line: e.line, column: e.column, path: e.path || undefined },
      e.message.replace(/^.*?:\d+:\d+: |^line \d+, column \d+: /, ''));
  }
  const snapshot = parsed.snapshot;
  const tenantId = options.tenantId ?? (typeof snapshot.organization[0]?.id === 'string' ? snapshot.organization[0].id : undefined);
  if (!tenantId) throw importRefused(options.file, { path: 'organization' }, 'the snapshot has no organization with an id, so its tenant is unknown; import it with --profile');
  const signIns = validSignIns(snapshot, options.file);
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const capturedAt = capturedTime(snapshot) ?? at;
  const contentHash = sha256(text);
  const before = store.imports.find(tenantId, contentHash);
  const warnings = [...parsed.warnings];
  const counts: Record<string, number> = {};

  store.transaction(() => {
    const ids = (list: GraphObject[]) => list.filter((o): o is RawObject => typeof o.id === 'string');
    for (const org of ids(snapshot.organization)) store.directory.upsertOrganization(tenantId, org, capturedAt);
    const users = ids(snapshot.users);
    for (const u of users) store.directory.upsertUser(tenantId, u, capturedAt);
    let memberships = 0;
    const userIds = new Set(users.map((u) => u.id));
    for (const [userId, memberOf] of Object.entries(snapshot.transitiveMemberOf ?? {})) {
      if (!userIds.has(userId)) { warnings.push(`transitiveMemberOf["${userId}"]: no such user in the snapshot, skipped`); continue; }
      store.directory.replaceMemberships(tenantId, userId, ids(memberOf), capturedAt);
      memberships += memberOf.length;
    }
    for (const sp of ids(snapshot.servicePrincipals)) store.directory.upsertServicePrincipal(tenantId, sp, capturedAt);
    for (const d of ids(snapshot.customSecurityAttributeDefinitions)) store.directory.upsertAttributeDefinition(tenantId, d, capturedAt);
    // Not treated as a complete listing: a case file may hold only the policies relevant to one user,
    // so policies missing from it are not marked deleted.
    const policyResult = store.policies.recordPolicies(tenantId, ids(snapshot.conditionalAccessPolicies), capturedAt, `import:${options.file}`, false);
    store.policies.replaceNamedLocations(tenantId, ids(snapshot.namedLocations), capturedAt);
    store.signIns.upsertMany(tenantId, signIns, 'import:snapshot', at);
    Object.assign(counts, {
      organization: snapshot.organization.length, users: users.length, memberships,
      servicePrincipals: snapshot.servicePrincipals.length, attributeDefinitions: snapshot.customSecurityAttributeDefinitions.length,
      policies: snapshot.conditionalAccessPolicies.length, policyVersionsAdded: policyResult.added,
      namedLocations: snapshot.namedLocations.length, signIns: signIns.length,
    });
    store.imports.record({ tenantId, contentHash, kind: 'snapshot', fileName: options.file, importedAt: at, counts });
    for (const resource of ['organization', 'policies', 'namedLocations', 'servicePrincipals', 'attributeDefinitions']) {
      const current = store.syncState.freshness(tenantId, resource);
      if (!current || current < capturedAt) store.syncState.markFresh(tenantId, resource, capturedAt);
    }
  });
  return { kind: 'snapshot', file: options.file, tenantId, counts, alreadyImported: before !== null, warnings };
}

function validSignIns(snapshot: TenantSnapshot, file: string): RawSignIn[] {
  return snapshot.signIns.map((s, i) => {
    const parsed = importedSignInSchema.safeParse(s);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw importRefused(file, { record: i + 1, path: `signIns[${i}].${issue.path.map(String).join('.')}` }, issue.message);
    }
    return parsed.data as RawSignIn;
  });
}

/** When the snapshot was taken: meta.capturedAt / exportedAt / createdAt, if it is a date. */
function capturedTime(snapshot: TenantSnapshot): string | null {
  const meta = snapshot.meta ?? {};
  for (const key of ['capturedAt', 'exportedAt', 'createdAt', 'generatedAt']) {
    const v = meta[key];
    if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  }
  return null;
}
