import type Database from 'better-sqlite3';
import { isoInstant, parseRaw, str } from './json.js';

/** A Graph signIn object as received (beta or v1.0 shape); only `id` and `createdDateTime` are required. */
export type RawSignIn = Record<string, unknown> & { id: string; createdDateTime: string };

export interface SignInQuery {
  readonly tenantId: string;
  readonly userId?: string;
  /** Compared lower-case (Graph stores sign-in UPNs lower-case). */
  readonly upn?: string;
  readonly appIds?: readonly string[];
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
}

export interface PolicyHit {
  readonly policyId: string;
  readonly displayName: string | null;
  readonly result: string | null;
  readonly signIns: number;
  readonly lastSeen: string;
}

/** Columns derived from the raw JSON; the raw JSON stays the truth. */
function columns(signIn: RawSignIn) {
  const status = (signIn.status ?? {}) as { errorCode?: unknown };
  const eventTypes = Array.isArray(signIn.signInEventTypes) ? signIn.signInEventTypes : [];
  const eventType = str(eventTypes[0])
    ?? (signIn.isInteractive === true ? 'interactiveUser' : signIn.isInteractive === false ? 'nonInteractiveUser' : null);
  const upn = str(signIn.userPrincipalName);
  return {
    created_at: isoInstant(signIn.createdDateTime),
    user_id: str(signIn.userId),
    upn: upn ? upn.toLowerCase() : null,
    app_id: str(signIn.appId)?.toLowerCase() ?? null,
    resource_id: str(signIn.resourceId)?.toLowerCase() ?? null,
    error_code: typeof status.errorCode === 'number' ? status.errorCode : null,
    ca_status: str(signIn.conditionalAccessStatus),
    event_type: eventType,
    correlation_id: str(signIn.correlationId),
    // Graph silently omits appliedConditionalAccessPolicies without CA read rights: remember whether we saw it.
    ca_visible: Array.isArray(signIn.appliedConditionalAccessPolicies) ? 1 : 0,
  };
}

/** Named statements over sign_ins / sign_in_policies. No SQL is ever built from input. */
export class SignInsRepo {
  private readonly s;
  constructor(private readonly db: Database.Database) {
    this.s = {
      upsert: db.prepare(`INSERT INTO sign_ins (tenant_id, id, created_at, user_id, upn, app_id, resource_id, error_code,
          ca_status, event_type, correlation_id, ca_visible, raw, source, stored_at)
        VALUES (@tenant_id, @id, @created_at, @user_id, @upn, @app_id, @resource_id, @error_code,
          @ca_status, @event_type, @correlation_id, @ca_visible, @raw, @source, @stored_at)
        ON CONFLICT (tenant_id, id) DO UPDATE SET created_at = excluded.created_at, user_id = excluded.user_id,
          upn = excluded.upn, app_id = excluded.app_id, resource_id = excluded.resource_id,
          error_code = excluded.error_code, ca_status = excluded.ca_status, event_type = excluded.event_type,
          correlation_id = excluded.correlation_id, ca_visible = excluded.ca_visible, raw = excluded.raw,
          source = excluded.source, stored_at = excluded.stored_at`),
      deletePolicies: db.prepare('DELETE FROM sign_in_policies WHERE tenant_id = ? AND sign_in_id = ?'),
      insertPolicy: db.prepare(`INSERT OR REPLACE INTO sign_in_policies (tenant_id, sign_in_id, policy_id, display_name, result)
        VALUES (?, ?, ?, ?, ?)`),
      getById: db.prepare('SELECT raw FROM sign_ins WHERE tenant_id = ? AND id = ?'),
      knownPolicies: db.prepare(`SELECT json_extract(raw, '$.appliedConditionalAccessPolicies') AS policies FROM sign_ins
        WHERE tenant_id = ? AND id = ? AND ca_visible = 1`),
      count: db.prepare('SELECT count(*) AS n FROM sign_ins WHERE tenant_id = ?'),
      allIds: db.prepare('SELECT id FROM sign_ins WHERE tenant_id = ? ORDER BY id'),
      // Two arms instead of `user_id = … OR upn = …`: with the OR, SQLite scans the time index over every
      // tenant row in the window; each arm here is a range seek on its own (tenant, key, created_at) index.
      // UNION drops the rows both arms find.
      byUser: db.prepare(`SELECT raw FROM (
          SELECT id, raw, created_at FROM sign_ins WHERE tenant_id = @tenantId AND user_id = @userId
            AND created_at >= @since AND created_at <= @until
            AND (@appIds IS NULL OR app_id IN (SELECT lower(value) FROM json_each(@appIds)))
          UNION
          SELECT id, raw, created_at FROM sign_ins WHERE @upn IS NOT NULL AND tenant_id = @tenantId AND upn = @upn
            AND created_at >= @since AND created_at <= @until
            AND (@appIds IS NULL OR app_id IN (SELECT lower(value) FROM json_each(@appIds))))
        ORDER BY created_at DESC LIMIT @limit`),
      byTenant: db.prepare(`SELECT raw FROM sign_ins WHERE tenant_id = @tenantId
          AND created_at >= @since AND created_at <= @until
          AND (@appIds IS NULL OR app_id IN (SELECT lower(value) FROM json_each(@appIds)))
        ORDER BY created_at DESC LIMIT @limit`),
      newest: db.prepare(`SELECT max(created_at) AS t FROM sign_ins WHERE tenant_id = @tenantId
          AND (@appIds IS NULL OR app_id IN (SELECT lower(value) FROM json_each(@appIds)))`),
      policyHits: db.prepare(`SELECT p.policy_id AS policyId, max(p.display_name) AS displayName, p.result AS result,
            count(*) AS signIns, max(s.created_at) AS lastSeen
          FROM sign_in_policies p JOIN sign_ins s ON s.tenant_id = p.tenant_id AND s.id = p.sign_in_id
          WHERE p.tenant_id = @tenantId AND s.created_at >= @since AND s.created_at <= @until
            AND (@appIds IS NULL OR s.app_id IN (SELECT lower(value) FROM json_each(@appIds)))
            AND p.result NOT IN ('notApplied', 'notEnabled', 'reportOnlyNotApplied')
          GROUP BY p.policy_id, p.result ORDER BY signIns DESC`),
      purgeBefore: db.prepare('DELETE FROM sign_ins WHERE tenant_id = ? AND created_at < ?'),
      purgeAllBefore: db.prepare('DELETE FROM sign_ins WHERE created_at < ?'),
    };
  }

  /** Inserts or replaces by (tenant, id): storing the same sign-in twice leaves one row. Call inside a transaction for batches. */
  upsert(tenantId: string, incoming: RawSignIn, source: string, storedAt: string): void {
    let signIn = incoming;
    if (!Array.isArray(incoming.appliedConditionalAccessPolicies)) {
      // A copy without CA details (portal CSV, a caller without CA read rights) must not erase details we already
      // have: "not visible this time" is not "no policies".
      const known = this.s.knownPolicies.get(tenantId, incoming.id) as { policies: string | null } | undefined;
      if (known?.policies) signIn = { ...incoming, appliedConditionalAccessPolicies: JSON.parse(known.policies) as unknown[] };
    }
    const cols = columns(signIn);
    if (!cols.created_at) throw new Error(`sign-in ${signIn.id}: createdDateTime '${String(signIn.createdDateTime)}' is not a date`);
    this.s.upsert.run({ tenant_id: tenantId, id: signIn.id, ...cols, raw: JSON.stringify(signIn), source, stored_at: storedAt });
    this.s.deletePolicies.run(tenantId, signIn.id);
    const applied = Array.isArray(signIn.appliedConditionalAccessPolicies) ? signIn.appliedConditionalAccessPolicies : [];
    for (const entry of applied as Record<string, unknown>[]) {
      const policyId = str(entry?.id);
      if (policyId) this.s.insertPolicy.run(tenantId, signIn.id, policyId, str(entry.displayName), str(entry.result));
    }
  }

  upsertMany(tenantId: string, signIns: readonly RawSignIn[], source: string, storedAt: string): void {
    this.db.transaction(() => { for (const s of signIns) this.upsert(tenantId, s, source, storedAt); })();
  }

  get(tenantId: string, id: string): RawSignIn | null {
    const row = this.s.getById.get(tenantId, id) as { raw: string } | undefined;
    return row ? parseRaw<RawSignIn>(row.raw) : null;
  }

  count(tenantId: string): number {
    return (this.s.count.get(tenantId) as { n: number }).n;
  }

  ids(tenantId: string): string[] {
    return (this.s.allIds.all(tenantId) as { id: string }[]).map((r) => r.id);
  }

  /** Newest first, like Graph. Either userId or upn (or both) identifies the user. */
  forUser(q: SignInQuery): RawSignIn[] {
    const rows = this.s.byUser.all({
      tenantId: q.tenantId, userId: q.userId ?? null, upn: q.upn?.toLowerCase() ?? null,
      ...range(q),
    }) as { raw: string }[];
    return rows.map((r) => parseRaw<RawSignIn>(r.raw));
  }

  forTenant(q: SignInQuery): RawSignIn[] {
    return (this.s.byTenant.all({ tenantId: q.tenantId, ...range(q) }) as { raw: string }[])
      .map((r) => parseRaw<RawSignIn>(r.raw));
  }

  /** createdDateTime of the newest cached sign-in (of these apps) — the incremental-sync watermark candidate. */
  newestCreatedAt(tenantId: string, appIds?: readonly string[]): string | null {
    return (this.s.newest.get({ tenantId, appIds: appIds ? JSON.stringify(appIds) : null }) as { t: string | null }).t;
  }

  /** "Which policies hit these apps": policies whose result was anything but not-applied/not-enabled. */
  policyHits(q: SignInQuery): PolicyHit[] {
    return this.s.policyHits.all({ tenantId: q.tenantId, ...range(q) }) as PolicyHit[];
  }

  /** Retention: deletes sign-ins older than `before` (their applied-policy rows cascade). Returns rows deleted. */
  purgeOlderThan(before: string, tenantId?: string): number {
    return tenantId ? this.s.purgeBefore.run(tenantId, before).changes : this.s.purgeAllBefore.run(before).changes;
  }
}

function range(q: SignInQuery) {
  return {
    since: q.since ? (isoInstant(q.since) ?? q.since) : '0000',
    until: q.until ? (isoInstant(q.until) ?? q.until) : '9999',
    appIds: q.appIds && q.appIds.length ? JSON.stringify(q.appIds) : null,
    limit: q.limit ?? -1,
  };
}
