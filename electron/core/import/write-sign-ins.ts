import { createHash } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { RawSignIn } from '../store/sign-ins-repo.js';
import { importRefused, type ImportKind, type ImportResult } from './import-error.js';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The tenant the rows belong to: given, or the single resourceTenantId/homeTenantId they all share. */
export function resolveTenant(file: string, signIns: readonly RawSignIn[], given?: string): string {
  if (given) return given;
  const seen = new Set<string>();
  for (const s of signIns) {
    const t = typeof s.resourceTenantId === 'string' ? s.resourceTenantId : typeof s.homeTenantId === 'string' ? s.homeTenantId : null;
    if (t) seen.add(t.toLowerCase());
  }
  if (seen.size === 1) return [...seen][0]!;
  throw importRefused(file, {}, seen.size === 0
    ? 'the sign-ins do not say which tenant they belong to; choose a profile (--profile) to import them into'
    : `the sign-ins belong to ${seen.size} different tenants; import them per tenant with --profile`);
}

/** Stores validated sign-ins in ONE transaction and records the file by content hash (idempotent). */
export function writeSignIns(store: Store, input: {
  kind: ImportKind; file: string; tenantId: string; signIns: readonly RawSignIn[]; contentHash: string;
  warnings?: string[]; now: Date;
}): ImportResult {
  const at = input.now.toISOString();
  const before = store.imports.find(input.tenantId, input.contentHash);
  store.transaction(() => {
    store.signIns.upsertMany(input.tenantId, input.signIns, `import:${input.kind}`, at);
    store.imports.record({ tenantId: input.tenantId, contentHash: input.contentHash, kind: input.kind, fileName: input.file,
      importedAt: at, counts: { signIns: input.signIns.length } });
  });
  return {
    kind: input.kind, file: input.file, tenantId: input.tenantId, counts: { signIns: input.signIns.length },
    alreadyImported: before !== null, warnings: input.warnings ?? [],
  };
}
