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

/**
 * Results of appliedConditionalAccessPolicies that mean "this policy did not hit the sign-in". Their
 * entries get no sign_in_policies row (migration 002 purged the old ones): `policyHits`, the one
 * reader of that table, skips them, and a beta sign-in lists every policy of the tenant — mostly
 * notApplied — so storing them cost ~19 writes per sign-in. The raw JSON still holds every entry.
 */
export const NOT_HIT_RESULTS = ['notApplied', 'notEnabled', 'reportOnlyNotApplied'] as const;
const NOT_HIT = new Set<string>(NOT_HIT_RESULTS);
const NOT_HIT_SQL = NOT_HIT_RESULTS.map((r) => `'${r}'`).join(', ');

/** The entries worth a sign_in_policies row: an id and a result that counts as a hit. */
function hitEntries(signIn: RawSignIn): { policyId: string; displayName: string | null; result: string }[] {
  const applied = signIn.appliedConditionalAccessPolicies;
  if (!Array.isArray(applied)) return [];
  const hits: { policyId: string; displayName: string | null; result: string }[] = [];
  for (const entry of applied as Record<string, unknown>[]) {
    const policyId = str(entry?.id);
    const result = str(entry?.result);
    if (policyId && result && !NOT_HIT.has(result)) hits.push({ policyId, displayName: str(entry.displayName), result });
  }
  return hits;
}

/** Named statements over sign_ins / sign_in_policies. No SQL is ever built from input. */
export class SignInsRepo {
  private readonly s;
  private readonly purge: (before: string, tenantId?: string) => number;
  /** Built once: db.transaction() wraps a function, so building it per page would be wasted work. */
  private readonly upsertBatch: (tenantId: string, signIns: readonly RawSignIn[], source: string, storedAt: string) => void;
  constructor(private readonly db: Database.Database) {
    this.upsertBatch = db.transaction((tenantId: string, signIns: readonly RawSignIn[], source: string, storedAt: string) => {
      for (const s of signIns) this.upsert(tenantId, s, source, storedAt);
    });
    this.purge = db.transaction((before: string, tenantId?: string) => {
      // sign_in_policies rows carry their sign-in's created_at, so the same time range finds them.
      if (tenantId) {
        this.s.purgePoliciesBefore.run(tenantId, before);
        return this.s.purgeBefore.run(tenantId, before).changes;
      }
      this.s.purgeAllPoliciesBefore.run(before);
      return this.s.purgeAllBefore.run(before).changes;
    });
    this.s = {
      // Insert first, update only on conflict: a new sign-in (the usual case on sync) then costs one
      // statement plus its hit rows, with no DELETE of policy rows it cannot have.
      insert: db.prepare(`INSERT INTO sign_ins (tenant_id, id, created_at, user_id, upn, app_id, resource_id, error_code,
          ca_status, event_type, correlation_id, ca_visible, raw, source, stored_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (tenant_id, id) DO NOTHING`),
      // Same values as `insert`, key last (better-sqlite3 does not bind numbered ?NNN from a list).
      update: db.prepare(`UPDATE sign_ins SET created_at = ?, user_id = ?, upn = ?, app_id = ?, resource_id = ?,
          error_code = ?, ca_status = ?, event_type = ?, correlation_id = ?, ca_visible = ?, raw = ?,
          source = ?, stored_at = ?
        WHERE tenant_id = ? AND id = ?`),
      storedCreatedAt: db.prepare('SELECT created_at AS t FROM sign_ins WHERE tenant_id = ? AND id = ?'),
      deletePolicies: db.prepare('DELETE FROM sign_in_policies WHERE tenant_id = ? AND created_at = ? AND sign_in_id = ?'),
      insertPolicy: db.prepare(`INSERT OR REPLACE INTO sign_in_policies (tenant_id, created_at, sign_in_id, policy_id, display_name, result)
        VALUES (?, ?, ?, ?, ?, ?)`),
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
      // ORDER BY … LIMIT 1 rather than max(): with the app filter max() reads every row of the tenant,
      // this walks sign_ins_time from the newest end and stops at the first row of those apps.
      newest: db.prepare(`SELECT created_at AS t FROM sign_ins WHERE tenant_id = @tenantId
          AND (@appIds IS NULL OR app_id IN (SELECT lower(value) FROM json_each(@appIds)))
        ORDER BY created_at DESC LIMIT 1`),
      // Reads the (tenant, created_at, …) key range of sign_in_policies; the sign-in row is looked up
      // only to filter by app.
      policyHits: db.prepare(`SELECT p.policy_id AS policyId, max(p.display_name) AS displayName, p.result AS result,
            count(*) AS signIns, max(p.created_at) AS lastSeen
          FROM sign_in_policies p
          WHERE p.tenant_id = @tenantId AND p.created_at >= @since AND p.created_at <= @until
            AND (@appIds IS NULL OR (SELECT s.app_id FROM sign_ins s WHERE s.tenant_id = p.tenant_id AND s.id = p.sign_in_id)
              IN (SELECT lower(value) FROM json_each(@appIds)))
            AND p.result NOT IN (${NOT_HIT_SQL})
          GROUP BY p.policy_id, p.result ORDER BY signIns DESC`),
      purgePoliciesBefore: db.prepare('DELETE FROM sign_in_policies WHERE tenant_id = ? AND created_at < ?'),
      purgeAllPoliciesBefore: db.prepare('DELETE FROM sign_in_policies WHERE created_at < ?'),
      purgeBefore: db.prepare('DELETE FROM sign_ins WHERE tenant_id = ? AND created_at < ?'),
      purgeAllBefore: db.prepare('DELETE FROM sign_ins WHERE created_at < ?'),
    };
  }

  /**
   * Inserts or replaces by (tenant, id): storing the same sign-in twice leaves one row. Only entries of
   * appliedConditionalAccessPolicies that hit (see NOT_HIT_RESULTS) get a sign_in_policies row.
   * Call inside a transaction for batches.
   */
  upsert(tenantId: string, incoming: RawSignIn, source: string, storedAt: string): void {
    let signIn = incoming;
    if (!Array.isArray(incoming.appliedConditionalAccessPolicies)) {
      // A copy without CA details (portal CSV, a caller without CA read rights) must not erase details we already
      // have: "not visible this time" is not "no policies".
      const known = this.s.knownPolicies.get(tenantId, incoming.id) as { policies: string | null } | undefined;
      if (known?.policies) signIn = { ...incoming, appliedConditionalAccessPolicies: JSON.parse(known.policies) as unknown[] };
    }
    const c = columns(signIn);
    if (!c.created_at) throw notADate(signIn);
    const values = [tenantId, signIn.id, c.created_at, c.user_id, c.upn, c.app_id, c.resource_id, c.error_code,
      c.ca_status, c.event_type, c.correlation_id, c.ca_visible, JSON.stringify(signIn), source, storedAt];
    if (this.s.insert.run(values).changes === 0) {
      // Already cached: replace the row and its hit rows (keyed by the time stored before; results may have changed).
      const before = (this.s.storedCreatedAt.get(tenantId, signIn.id) as { t: string }).t;
      this.s.deletePolicies.run(tenantId, before, signIn.id);
      this.s.update.run([...values.slice(2), tenantId, signIn.id]);
    }
    for (const hit of hitEntries(signIn)) {
      this.s.insertPolicy.run(tenantId, c.created_at, signIn.id, hit.policyId, hit.displayName, hit.result);
    }
  }

  /**
   * Stores the batch atomically: in its own transaction, or — called inside the caller's transaction
   * (a sync window, an import) — as part of that one, with NO savepoint: inside a transaction a
   * savepoint makes SQLite copy every page the batch touches into a sub-journal again, measured at
   * ~17% of the ingest CPU. Rows are validated before the first write, so the batch fails whole on
   * bad input; an SQLite error (disk full) aborts the caller's transaction, which rolls back.
   */
  upsertMany(tenantId: string, signIns: readonly RawSignIn[], source: string, storedAt: string): void {
    for (const s of signIns) if (!isoInstant(s.createdDateTime)) throw notADate(s);
    if (this.db.inTransaction) {
      for (const s of signIns) this.upsert(tenantId, s, source, storedAt);
    } else {
      this.upsertBatch(tenantId, signIns, source, storedAt);
    }
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
    return (this.s.newest.get({ tenantId, appIds: appIds ? JSON.stringify(appIds) : null }) as { t: string } | undefined)?.t ?? null;
  }

  /** "Which policies hit these apps": policies whose result was anything but not-applied/not-enabled. */
  policyHits(q: SignInQuery): PolicyHit[] {
    return this.s.policyHits.all({ tenantId: q.tenantId, ...range(q) }) as PolicyHit[];
  }

  /** Retention: deletes sign-ins older than `before` and their applied-policy rows, in one transaction. Returns sign-ins deleted. */
  purgeOlderThan(before: string, tenantId?: string): number {
    return this.purge(before, tenantId);
  }
}

function notADate(signIn: RawSignIn): Error {
  return new Error(`sign-in ${signIn.id}: createdDateTime '${String(signIn.createdDateTime)}' is not a date`);
}

function range(q: SignInQuery) {
  return {
    since: q.since ? (isoInstant(q.since) ?? q.since) : '0000',
    until: q.until ? (isoInstant(q.until) ?? q.until) : '9999',
    appIds: q.appIds && q.appIds.length ? JSON.stringify(q.appIds) : null,
    limit: q.limit ?? -1,
  };
}
