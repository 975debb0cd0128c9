/**
 * A DiagnosisInput assembled from a TenantSnapshot (demo tenant, case file, emulator state), and the
 * Jamf Connect configuration inferred from it when the caller gives none. Rules (docs/diagnosis.md):
 * - `meta.jamfConnect` `{ appIds, customApiAppId, ropgScopes, ropgSuccessCodes }` wins when present;
 * - else Jamf Connect apps are the service principals tagged `JamfConnect` or named "Jamf Connect…";
 *   the custom API app is the one that publishes the `jamfconnect` scope or is named "…Conditional
 *   Access Policy API"; the others are the clients;
 * - ROPG scopes: the custom API scope when the user's latest Jamf Connect sign-in went to the custom
 *   API app, else Jamf Connect's default `openid profile email`.
 */
import type { TenantSnapshot } from '../snapshot/types.js';
import { loadAadstsCatalogue, type AadstsCatalogue } from './aadsts.js';
import { DEFAULT_ROPG_SCOPES } from './context.js';
import { diagnose } from './diagnose.js';
import { isObj, nonEmpty, obj, objList, sameId, str, strList, timeOf } from './read.js';
import type { Diagnosis, DiagnosisConfig, DiagnosisInput, DiagnosisVisibility, RawJson } from './types.js';

export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError';
}

export interface SnapshotDiagnosisOptions {
  readonly days: number;
  /** ISO; default: the snapshot's `meta.generatedAt`, else the current time. */
  readonly now?: string;
  readonly config?: DiagnosisConfig;
  readonly sourceName?: string;
}

export function isJamfConnectSp(sp: RawJson): boolean {
  const tags = strList(sp, 'tags') ?? [];
  return tags.some((t) => t.toLowerCase() === 'jamfconnect') || /jamf\s*connect/i.test(str(sp, 'displayName') ?? '');
}

export function isCustomApiSp(sp: RawJson): boolean {
  const scopes = objList(sp, 'oauth2PermissionScopes') ?? [];
  return scopes.some((s) => (str(s, 'value') ?? '').toLowerCase() === 'jamfconnect') || /conditional access policy api/i.test(str(sp, 'displayName') ?? '');
}

/**
 * `meta.jamfConnect` as a case file or the demo tenant writes it. Both spellings are read:
 * `{ appIds, customApiAppId, ropgScopes, ropgSuccessCodes }` and the demo tenant's
 * `{ clientAppId, labClientAppId, apiAppId }` (its `defaultRopgScopes` is not a per-user fact, so
 * scopes are then still inferred per user).
 */
function metaJamfConfig(meta: RawJson | null): Partial<DiagnosisConfig> {
  const j = obj(meta, 'jamfConnect');
  if (!j) return {};
  const codes = Array.isArray(j['ropgSuccessCodes']) ? j['ropgSuccessCodes'].filter((c): c is number => typeof c === 'number') : null;
  const singles = [nonEmpty(j, 'clientAppId'), nonEmpty(j, 'labClientAppId')].filter((x): x is string => !!x);
  const appIds = strList(j, 'appIds') ?? (singles.length ? singles : null);
  const api = nonEmpty(j, 'customApiAppId') ?? nonEmpty(j, 'apiAppId');
  return {
    ...(appIds ? { jamfConnectAppIds: appIds } : {}),
    ...(api ? { customApiAppId: api } : {}),
    ...(strList(j, 'ropgScopes') ? { ropgScopes: strList(j, 'ropgScopes')! } : {}),
    ...(codes ? { ropgSuccessCodes: codes } : {}),
  };
}

/** The data a Jamf Connect configuration can be inferred from (a snapshot, or the cache). */
export interface JamfConfigSources {
  readonly servicePrincipals: readonly RawJson[];
  readonly signIns: readonly unknown[];
  readonly meta?: RawJson | null;
}

/** The Jamf Connect configuration the data implies (see the module comment for the rules). */
export function inferJamfConfigFrom(sources: JamfConfigSources, userId?: string, until?: string): DiagnosisConfig {
  const untilMs = timeOf(until ?? null) ?? Infinity;
  const fromMeta = metaJamfConfig(sources.meta ?? null);
  const jamfSps = sources.servicePrincipals.filter((sp) => isJamfConnectSp(sp) || isCustomApiSp(sp));
  const api = fromMeta.customApiAppId ?? str(jamfSps.find(isCustomApiSp) ?? null, 'appId') ?? undefined;
  const clients = fromMeta.jamfConnectAppIds ?? jamfSps.filter((sp) => !isCustomApiSp(sp)).map((sp) => str(sp, 'appId')).filter((s): s is string => !!s);
  let scopes = fromMeta.ropgScopes;
  if (!scopes) {
    const latest = sources.signIns
      .filter(isObj)
      .filter((s) => (!userId || sameId(str(s, 'userId'), userId)) && clients.some((c) => sameId(c, str(s, 'appId'))) && (timeOf(str(s, 'createdDateTime')) ?? 0) <= untilMs)
      .sort((a, b) => (timeOf(str(b, 'createdDateTime')) ?? 0) - (timeOf(str(a, 'createdDateTime')) ?? 0))[0];
    scopes = api && latest && sameId(str(latest, 'resourceId'), api) ? [`api://${api}/jamfconnect`, 'openid', 'email', 'profile'] : [...DEFAULT_ROPG_SCOPES];
  }
  return {
    jamfConnectAppIds: clients,
    ...(api ? { customApiAppId: api } : {}),
    ropgScopes: scopes,
    ...(fromMeta.ropgSuccessCodes ? { ropgSuccessCodes: fromMeta.ropgSuccessCodes } : {}),
  };
}

export function inferJamfConfig(snapshot: TenantSnapshot, userId?: string, until?: string): DiagnosisConfig {
  return inferJamfConfigFrom({ servicePrincipals: snapshot.servicePrincipals, signIns: snapshot.signIns, meta: isObj(snapshot.meta) ? snapshot.meta : null }, userId, until);
}

export function findUser(snapshot: TenantSnapshot, upnOrId: string): RawJson | null {
  const needle = upnOrId.trim();
  return snapshot.users.find((u) => sameId(str(u, 'id'), needle) || sameId(str(u, 'userPrincipalName'), needle) || sameId(str(u, 'mail'), needle)) ?? null;
}

function visibilityOf(snapshot: TenantSnapshot): DiagnosisVisibility {
  const v = obj(isObj(snapshot.meta) ? snapshot.meta : null, 'visibility');
  const read = (key: string): boolean | 'unknown' => (typeof v?.[key] === 'boolean' ? (v[key] as boolean) : 'unknown');
  return { appliedPoliciesVisible: read('appliedPoliciesVisible'), customSecurityAttributesReadable: read('customSecurityAttributesReadable') };
}

export function baselineSetting(snapshot: TenantSnapshot): Pick<DiagnosisInput, 'baselineScopeEnforcement' | 'baselineScopePlaceholderAppId'> {
  const meta = isObj(snapshot.meta) ? snapshot.meta : null;
  // `meta.baselineScopes { enforcement, placeholderAppId }`, or the demo tenant's `meta.tenantSettings.baselineScopeEnforcement`.
  const b = obj(meta, 'baselineScopes');
  const settings = obj(meta, 'tenantSettings');
  const mode = str(b, 'enforcement') ?? str(settings, 'baselineScopeEnforcement') ?? str(meta, 'baselineScopeEnforcement');
  const placeholder = nonEmpty(b, 'placeholderAppId') ?? nonEmpty(settings, 'baselineScopePlaceholderAppId');
  return {
    ...(mode === 'enabled' || mode === 'disabled' ? { baselineScopeEnforcement: mode } : {}),
    ...(placeholder ? { baselineScopePlaceholderAppId: placeholder } : {}),
  };
}

export function snapshotDiagnosisInput(snapshot: TenantSnapshot, upnOrId: string, options: SnapshotDiagnosisOptions): DiagnosisInput {
  const user = findUser(snapshot, upnOrId);
  if (!user) throw new UserNotFoundError(`no user '${upnOrId}' in the snapshot (looked at id, userPrincipalName and mail of ${snapshot.users.length} users)`);
  const userId = str(user, 'id') ?? '';
  const generatedAt = str(isObj(snapshot.meta) ? snapshot.meta : null, 'generatedAt');
  const now = options.now ?? generatedAt ?? new Date().toISOString();
  // Emulator-only extras (demo passwords) are not Graph data and must not reach reports.
  const { ['x-emulator']: _emulatorOnly, ...graphUser } = user as Record<string, unknown>;
  return {
    user: graphUser,
    memberships: snapshot.transitiveMemberOf[userId] ?? [],
    signIns: snapshot.signIns,
    policies: snapshot.conditionalAccessPolicies,
    namedLocations: snapshot.namedLocations,
    servicePrincipals: snapshot.servicePrincipals,
    config: options.config ?? inferJamfConfig(snapshot, userId, now),
    now,
    days: options.days,
    visibility: visibilityOf(snapshot),
    source: { kind: 'snapshot', ...(options.sourceName ? { name: options.sourceName } : {}), ...(generatedAt ? { asOf: generatedAt } : {}) },
    ...baselineSetting(snapshot),
  };
}

export function diagnoseFromSnapshot(
  snapshot: TenantSnapshot,
  upnOrId: string,
  options: SnapshotDiagnosisOptions,
  catalogue: AadstsCatalogue = loadAadstsCatalogue(),
): Diagnosis {
  const input = snapshotDiagnosisInput(snapshot, upnOrId, options);
  const diagnosis = diagnose(input, catalogue);
  if (snapshot.transitiveMemberOf[input.user['id'] as string] === undefined) {
    return { ...diagnosis, warnings: [...diagnosis.warnings, { code: 'memberships-unknown', message: 'The snapshot has no transitiveMemberOf entry for this user: group and role conditions are evaluated as if the user were in no group and held no role.' }] };
  }
  return diagnosis;
}

