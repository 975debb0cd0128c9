/**
 * A DiagnosisInput read from the SQLite cache (electron/core/store), so the app diagnoses offline from
 * what the last sync stored. Same rules as a snapshot (from-snapshot.ts) for the inferred Jamf Connect
 * configuration; the Store is only read.
 */
import type { Store } from '../store/store.js';
import { loadAadstsCatalogue, type AadstsCatalogue } from './aadsts.js';
import { diagnose } from './diagnose.js';
import { inferJamfConfigFrom, UserNotFoundError } from './from-snapshot.js';
import { str } from './read.js';
import type { Diagnosis, DiagnosisConfig, DiagnosisInput, DiagnosisVisibility } from './types.js';

const DAY_MS = 86_400_000;
/** Upper bound of rows read for one user's window (Graph pages are 1,000; 30 days of checks fit easily). */
const MAX_ROWS = 50_000;

export interface StoreDiagnosisOptions {
  readonly days: number;
  /** ISO; default the current time. */
  readonly now?: string;
  readonly config?: DiagnosisConfig;
  readonly visibility?: DiagnosisVisibility;
  /** When the cache was last synced (shown as the data's "as of"). */
  readonly asOf?: string;
  readonly profileName?: string;
  readonly baselineScopeEnforcement?: 'enabled' | 'disabled';
}

export function storeDiagnosisInput(store: Store, tenantId: string, upnOrId: string, options: StoreDiagnosisOptions): DiagnosisInput {
  const user = store.directory.user(tenantId, upnOrId.trim());
  if (!user) throw new UserNotFoundError(`no user '${upnOrId}' in the cache for tenant ${tenantId}: sync the user first`);
  const userId = str(user, 'id') ?? '';
  const now = options.now ?? new Date().toISOString();
  const servicePrincipals = store.directory.servicePrincipals(tenantId);
  const untilMs = Date.parse(now);
  const window = Number.isNaN(untilMs)
    ? {}
    : { since: new Date(untilMs - options.days * DAY_MS).toISOString(), until: new Date(untilMs).toISOString() };
  // Config first: it decides which app ids to read. Inference reads this user's rows of any app.
  const config = options.config ?? inferJamfConfigFrom({
    servicePrincipals,
    signIns: store.signIns.forUser({ tenantId, userId, ...(str(user, 'userPrincipalName') ? { upn: str(user, 'userPrincipalName')! } : {}), ...window, limit: MAX_ROWS }),
  }, userId, now);
  const signIns = config.jamfConnectAppIds.length === 0 ? [] : store.signIns.forUser({
    tenantId,
    userId,
    ...(str(user, 'userPrincipalName') ? { upn: str(user, 'userPrincipalName')! } : {}),
    appIds: config.jamfConnectAppIds,
    ...window,
    limit: MAX_ROWS,
  });
  return {
    user,
    memberships: store.directory.memberships(tenantId, userId),
    signIns,
    policies: store.policies.policiesAsOf(tenantId),
    namedLocations: store.policies.namedLocations(tenantId),
    servicePrincipals,
    config,
    now,
    days: options.days,
    visibility: options.visibility ?? { appliedPoliciesVisible: 'unknown', customSecurityAttributesReadable: 'unknown' },
    source: { kind: 'cache', ...(options.profileName ? { name: options.profileName } : {}), ...(options.asOf ? { asOf: options.asOf } : {}) },
    ...(options.baselineScopeEnforcement ? { baselineScopeEnforcement: options.baselineScopeEnforcement } : {}),
  };
}

export function diagnoseFromStore(
  store: Store,
  tenantId: string,
  upnOrId: string,
  options: StoreDiagnosisOptions,
  catalogue: AadstsCatalogue = loadAadstsCatalogue(),
): Diagnosis {
  const input = storeDiagnosisInput(store, tenantId, upnOrId, options);
  const diagnosis = diagnose(input, catalogue);
  // Known when rows exist, or when the directory sync marked the user fresh (an empty listing stores no rows).
  const membershipsKnown = store.directory.membershipsFetchedAt(tenantId, diagnosis.user.id) !== null
    || store.syncState.freshness(tenantId, `user:${diagnosis.user.id}`) !== null;
  if (!membershipsKnown) {
    return { ...diagnosis, warnings: [...diagnosis.warnings, { code: 'memberships-unknown', message: 'The cache has no group and role memberships for this user yet: group and role conditions are evaluated as if the user were in no group and held no role. Sync the user.' }] };
  }
  return diagnosis;
}
