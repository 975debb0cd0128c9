import type Database from 'better-sqlite3';
import { parseRaw, str } from './json.js';
import type { RawObject } from './policies-repo.js';

/**
 * Directory objects the diagnosis needs: organization, users, their transitive memberships, service
 * principals (with customSecurityAttributes when readable) and attribute definitions. Upserts by id.
 */
export class DirectoryRepo {
  private readonly s;
  constructor(private readonly db: Database.Database) {
    this.s = {
      upsertOrg: db.prepare(`INSERT INTO organization (tenant_id, display_name, raw, fetched_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (tenant_id) DO UPDATE SET display_name = excluded.display_name, raw = excluded.raw,
        fetched_at = excluded.fetched_at`),
      org: db.prepare('SELECT raw, fetched_at FROM organization WHERE tenant_id = ?'),
      upsertUser: db.prepare(`INSERT INTO users (tenant_id, id, upn, display_name, raw, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (tenant_id, id) DO UPDATE SET upn = excluded.upn, display_name = excluded.display_name,
        raw = excluded.raw, fetched_at = excluded.fetched_at`),
      userById: db.prepare('SELECT raw FROM users WHERE tenant_id = ? AND id = ?'),
      userByUpn: db.prepare('SELECT raw FROM users WHERE tenant_id = ? AND upn = ?'),
      searchUsers: db.prepare(`SELECT raw FROM users WHERE tenant_id = @tenantId
        AND (upn LIKE @prefix ESCAPE '\\' OR lower(display_name) LIKE @prefix ESCAPE '\\') ORDER BY upn LIMIT @limit`),
      deleteMemberships: db.prepare('DELETE FROM memberships WHERE tenant_id = ? AND user_id = ?'),
      insertMembership: db.prepare(`INSERT OR REPLACE INTO memberships (tenant_id, user_id, member_of_id, odata_type,
        role_template_id, display_name, raw, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      memberships: db.prepare('SELECT raw FROM memberships WHERE tenant_id = ? AND user_id = ? ORDER BY display_name'),
      membershipsFetchedAt: db.prepare('SELECT max(fetched_at) AS t FROM memberships WHERE tenant_id = ? AND user_id = ?'),
      upsertSp: db.prepare(`INSERT INTO service_principals (tenant_id, id, app_id, display_name, raw, fetched_at)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, id) DO UPDATE SET app_id = excluded.app_id,
        display_name = excluded.display_name, raw = excluded.raw, fetched_at = excluded.fetched_at`),
      spByAppId: db.prepare('SELECT raw FROM service_principals WHERE tenant_id = ? AND app_id = ?'),
      sps: db.prepare('SELECT raw FROM service_principals WHERE tenant_id = ? ORDER BY display_name'),
      upsertDef: db.prepare(`INSERT INTO attribute_definitions (tenant_id, id, attribute_set, name, raw, fetched_at)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, id) DO UPDATE SET attribute_set = excluded.attribute_set,
        name = excluded.name, raw = excluded.raw, fetched_at = excluded.fetched_at`),
      deleteStaleDefs: db.prepare('DELETE FROM attribute_definitions WHERE tenant_id = ? AND fetched_at <> ?'),
      defs: db.prepare('SELECT raw FROM attribute_definitions WHERE tenant_id = ? ORDER BY id'),
      users: db.prepare('SELECT raw FROM users WHERE tenant_id = ? ORDER BY upn'),
      allMemberships: db.prepare('SELECT user_id, raw FROM memberships WHERE tenant_id = ? ORDER BY user_id, display_name'),
    };
  }

  upsertOrganization(tenantId: string, org: RawObject, fetchedAt: string): void {
    this.s.upsertOrg.run(tenantId, str(org.displayName), JSON.stringify(org), fetchedAt);
  }

  organization(tenantId: string): { organization: RawObject; fetchedAt: string } | null {
    const row = this.s.org.get(tenantId) as { raw: string; fetched_at: string } | undefined;
    return row ? { organization: parseRaw<RawObject>(row.raw), fetchedAt: row.fetched_at } : null;
  }

  upsertUser(tenantId: string, user: RawObject, fetchedAt: string): void {
    this.s.upsertUser.run(tenantId, user.id, str(user.userPrincipalName)?.toLowerCase() ?? null, str(user.displayName),
      JSON.stringify(user), fetchedAt);
  }

  user(tenantId: string, idOrUpn: string): RawObject | null {
    const row = (this.s.userById.get(tenantId, idOrUpn) ?? this.s.userByUpn.get(tenantId, idOrUpn.toLowerCase())) as
      { raw: string } | undefined;
    return row ? parseRaw<RawObject>(row.raw) : null;
  }

  /** Prefix search on UPN or display name (case-insensitive); LIKE wildcards in the input are escaped. */
  searchUsers(tenantId: string, prefix: string, limit = 20): RawObject[] {
    const escaped = prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    return (this.s.searchUsers.all({ tenantId, prefix: `${escaped}%`, limit }) as { raw: string }[])
      .map((r) => parseRaw<RawObject>(r.raw));
  }

  users(tenantId: string): RawObject[] {
    return (this.s.users.all(tenantId) as { raw: string }[]).map((r) => parseRaw<RawObject>(r.raw));
  }

  /** Replaces a user's transitive memberships with this complete listing (the user row must exist). */
  replaceMemberships(tenantId: string, userId: string, memberOf: readonly RawObject[], fetchedAt: string): void {
    this.db.transaction(() => {
      this.s.deleteMemberships.run(tenantId, userId);
      for (const m of memberOf) {
        this.s.insertMembership.run(tenantId, userId, m.id, str(m['@odata.type']), str(m.roleTemplateId),
          str(m.displayName), JSON.stringify(m), fetchedAt);
      }
    })();
  }

  memberships(tenantId: string, userId: string): RawObject[] {
    return (this.s.memberships.all(tenantId, userId) as { raw: string }[]).map((r) => parseRaw<RawObject>(r.raw));
  }

  allMemberships(tenantId: string): Record<string, RawObject[]> {
    const out: Record<string, RawObject[]> = {};
    for (const row of this.s.allMemberships.all(tenantId) as { user_id: string; raw: string }[]) {
      (out[row.user_id] ??= []).push(parseRaw<RawObject>(row.raw));
    }
    return out;
  }

  membershipsFetchedAt(tenantId: string, userId: string): string | null {
    return (this.s.membershipsFetchedAt.get(tenantId, userId) as { t: string | null }).t;
  }

  upsertServicePrincipal(tenantId: string, sp: RawObject, fetchedAt: string): void {
    this.s.upsertSp.run(tenantId, sp.id, str(sp.appId)?.toLowerCase() ?? null, str(sp.displayName), JSON.stringify(sp), fetchedAt);
  }

  servicePrincipalByAppId(tenantId: string, appId: string): RawObject | null {
    const row = this.s.spByAppId.get(tenantId, appId.toLowerCase()) as { raw: string } | undefined;
    return row ? parseRaw<RawObject>(row.raw) : null;
  }

  servicePrincipals(tenantId: string): RawObject[] {
    return (this.s.sps.all(tenantId) as { raw: string }[]).map((r) => parseRaw<RawObject>(r.raw));
  }

  replaceAttributeDefinitions(tenantId: string, defs: readonly RawObject[], fetchedAt: string): void {
    this.db.transaction(() => {
      for (const d of defs) this.s.upsertDef.run(tenantId, d.id, str(d.attributeSet), str(d.name), JSON.stringify(d), fetchedAt);
      this.s.deleteStaleDefs.run(tenantId, fetchedAt);
    })();
  }

  upsertAttributeDefinition(tenantId: string, d: RawObject, fetchedAt: string): void {
    this.s.upsertDef.run(tenantId, d.id, str(d.attributeSet), str(d.name), JSON.stringify(d), fetchedAt);
  }

  attributeDefinitions(tenantId: string): RawObject[] {
    return (this.s.defs.all(tenantId) as { raw: string }[]).map((r) => parseRaw<RawObject>(r.raw));
  }
}
