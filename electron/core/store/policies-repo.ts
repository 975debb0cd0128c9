import type Database from 'better-sqlite3';
import { contentHash, parseRaw, str } from './json.js';

export type RawObject = Record<string, unknown> & { id: string };

export interface PolicyVersion {
  readonly policyId: string;
  readonly fetchedAt: string;
  readonly lastSeenAt: string;
  readonly contentHash: string | null;
  readonly displayName: string | null;
  readonly state: string | null;
  /** null = tombstone (the policy was gone from a complete listing at fetchedAt). */
  readonly policy: RawObject | null;
  readonly source: string;
}

export interface RecordResult { readonly added: number; readonly unchanged: number; readonly deleted: number }

interface VersionRow {
  policy_id: string; fetched_at: string; last_seen_at: string; content_hash: string | null;
  display_name: string | null; state: string | null; raw: string | null; source: string; seq: number;
}

/**
 * CA policies with their full history (policy_versions) and the current named locations.
 * A new version row is written only when the content hash differs from the latest version, so
 * re-fetching an unchanged policy just moves its last_seen_at — and "as of T" replays stay exact.
 */
export class PoliciesRepo {
  private readonly s;
  constructor(private readonly db: Database.Database) {
    this.s = {
      latest: db.prepare(`SELECT * FROM policy_versions WHERE tenant_id = ? AND policy_id = ?
        ORDER BY fetched_at DESC, seq DESC LIMIT 1`),
      insert: db.prepare(`INSERT INTO policy_versions (tenant_id, policy_id, fetched_at, last_seen_at, content_hash,
        display_name, state, raw, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      touch: db.prepare('UPDATE policy_versions SET last_seen_at = ? WHERE seq = ?'),
      asOf: db.prepare(`SELECT v.* FROM policy_versions v
        WHERE v.tenant_id = @tenantId AND v.seq = (
          SELECT v2.seq FROM policy_versions v2 WHERE v2.tenant_id = v.tenant_id AND v2.policy_id = v.policy_id
            AND v2.fetched_at <= @asOf ORDER BY v2.fetched_at DESC, v2.seq DESC LIMIT 1)
        ORDER BY v.display_name`),
      history: db.prepare(`SELECT * FROM policy_versions WHERE tenant_id = ? AND policy_id = ?
        ORDER BY fetched_at, seq`),
      knownIds: db.prepare('SELECT DISTINCT policy_id FROM policy_versions WHERE tenant_id = ?'),
      upsertLocation: db.prepare(`INSERT INTO named_locations (tenant_id, id, display_name, raw, fetched_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, id) DO UPDATE SET display_name = excluded.display_name,
        raw = excluded.raw, fetched_at = excluded.fetched_at`),
      deleteStaleLocations: db.prepare('DELETE FROM named_locations WHERE tenant_id = ? AND fetched_at <> ?'),
      locations: db.prepare('SELECT raw FROM named_locations WHERE tenant_id = ? ORDER BY display_name'),
    };
  }

  /**
   * Records one fetched listing of policies. `complete` = this is the whole tenant listing, so a
   * previously known policy missing from it gets a tombstone version (deleted in the tenant).
   */
  recordPolicies(tenantId: string, policies: readonly RawObject[], fetchedAt: string, source: string,
    complete: boolean): RecordResult {
    return this.db.transaction((): RecordResult => {
      let added = 0; let unchanged = 0; let deleted = 0;
      const seen = new Set<string>();
      for (const policy of policies) {
        seen.add(policy.id);
        const hash = contentHash(policy);
        const latest = this.s.latest.get(tenantId, policy.id) as VersionRow | undefined;
        if (latest && latest.content_hash === hash) {
          if (fetchedAt > latest.last_seen_at) this.s.touch.run(fetchedAt, latest.seq);
          unchanged++;
          continue;
        }
        // An import of an older case file must not become "the latest" version: keep it at its own time.
        this.s.insert.run(tenantId, policy.id, fetchedAt, fetchedAt, hash, str(policy.displayName), str(policy.state),
          JSON.stringify(policy), source);
        added++;
      }
      if (complete) {
        for (const { policy_id } of this.s.knownIds.all(tenantId) as { policy_id: string }[]) {
          if (seen.has(policy_id)) continue;
          const latest = this.s.latest.get(tenantId, policy_id) as VersionRow | undefined;
          if (latest && latest.raw !== null && latest.fetched_at < fetchedAt) {
            this.s.insert.run(tenantId, policy_id, fetchedAt, fetchedAt, null, latest.display_name, null, null, source);
            deleted++;
          }
        }
      }
      return { added, unchanged, deleted };
    })();
  }

  /** The policies as they were at `asOf` (ISO instant); default now = the latest known versions. */
  policiesAsOf(tenantId: string, asOf = '9999'): RawObject[] {
    return (this.s.asOf.all({ tenantId, asOf }) as VersionRow[])
      .filter((r) => r.raw !== null).map((r) => parseRaw<RawObject>(r.raw as string));
  }

  history(tenantId: string, policyId: string): PolicyVersion[] {
    return (this.s.history.all(tenantId, policyId) as VersionRow[]).map((r) => ({
      policyId: r.policy_id, fetchedAt: r.fetched_at, lastSeenAt: r.last_seen_at, contentHash: r.content_hash,
      displayName: r.display_name, state: r.state, policy: r.raw === null ? null : parseRaw<RawObject>(r.raw),
      source: r.source,
    }));
  }

  /** Replaces the tenant's named locations with this complete listing. */
  replaceNamedLocations(tenantId: string, locations: readonly RawObject[], fetchedAt: string): void {
    this.db.transaction(() => {
      for (const l of locations) this.s.upsertLocation.run(tenantId, l.id, str(l.displayName), JSON.stringify(l), fetchedAt);
      this.s.deleteStaleLocations.run(tenantId, fetchedAt);
    })();
  }

  namedLocations(tenantId: string): RawObject[] {
    return (this.s.locations.all(tenantId) as { raw: string }[]).map((r) => parseRaw<RawObject>(r.raw));
  }
}
