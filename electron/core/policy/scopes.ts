/**
 * Baseline scopes (entra `concept-enforcement-resource-exclusions.md`, ms.date 2026-05-27, and
 * `concept-conditional-access-cloud-apps.md` "Legacy/New Conditional Access behavior when an ALL
 * resources policy has a resource exclusion").
 */

/** OIDC scopes. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access']);

/** All baseline scopes (OIDC + baseline directory scopes), lower-cased. */
export const BASELINE_SCOPES: ReadonlySet<string> = new Set([
  ...OIDC_SCOPES,
  'user.read',
  'user.read.all',
  'user.readbasic.all',
  'people.read',
  'people.read.all',
  'groupmember.read.all',
  'member.read.hidden',
]);

/**
 * Legacy exemption, public (native) clients and SPAs: "email, offline_access, openid, profile,
 * User.Read" (+ People.Read on Microsoft Graph). Confidential clients had the full list, when they
 * were excluded from the policy.
 */
export const LEGACY_PUBLIC_CLIENT_SCOPES: ReadonlySet<string> = new Set([...OIDC_SCOPES, 'user.read', 'people.read']);

/**
 * Only the directory resources' prefixes are stripped: `https://graph.microsoft.com/User.Read` is
 * the baseline scope User.Read, but `api://<custom-api>/User.Read` is a scope of another API.
 */
const DIRECTORY_PREFIXES = [
  'https://graph.microsoft.com/',
  'https://graph.windows.net/',
  '00000003-0000-0000-c000-000000000000/',
  '00000002-0000-0000-c000-000000000000/',
];

export function normaliseScope(scope: string): string {
  let s = scope.trim().toLowerCase();
  for (const p of DIRECTORY_PREFIXES) {
    if (s.startsWith(p)) {
      s = s.slice(p.length);
      break;
    }
  }
  return s;
}

export interface ScopeProfile {
  /** Scopes requested, normalised (a single space-separated string is split too). */
  readonly scopes: readonly string[];
  /** Non-empty and every scope is a baseline scope. */
  readonly onlyBaseline: boolean;
  /** Non-empty and every scope is an OIDC scope. */
  readonly onlyOidc: boolean;
  /** Non-empty and every scope was exempt for public clients under the legacy behaviour. */
  readonly onlyLegacyPublic: boolean;
}

export function profileScopes(raw: readonly string[]): ScopeProfile {
  const scopes: string[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'string') continue;
    for (const part of entry.split(/\s+/)) if (part.length > 0) scopes.push(normaliseScope(part));
  }
  const every = (set: ReadonlySet<string>): boolean => scopes.length > 0 && scopes.every((s) => set.has(s));
  return {
    scopes,
    onlyBaseline: every(BASELINE_SCOPES),
    onlyOidc: every(OIDC_SCOPES),
    onlyLegacyPublic: every(LEGACY_PUBLIC_CLIENT_SCOPES),
  };
}
