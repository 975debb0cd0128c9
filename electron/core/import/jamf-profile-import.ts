import { parseBuffer } from 'bplist-parser';
import * as plist from 'plist';
import type { TenantProfile, TenantProfileInput } from '../profiles/schema.js';
import { importRefused } from './import-error.js';

/**
 * Reads a Jamf Connect configuration profile (.mobileconfig, signed or not) or preference plist
 * (XML or binary) and pulls out what Lockout Lens needs (graph-facts §7):
 *   client ids   OIDCROPGID, OIDCClientID (com.jamf.connect.login), IdPSettings.ROPGID (com.jamf.connect)
 *   tenant       OIDCTenant / ROPGTenant, IdPSettings.TenantID
 *   ROPG scopes  ROPGScopes (else OIDCScopes), "+"-separated; an `api://<id>/jamfconnect` scope names the
 *                custom "Conditional Access Policy API" app
 * Keys are found wherever the profile nests them: directly in a payload, or inside a Custom Settings
 * payload (PayloadContent → domain → Forced → mcx_preference_settings).
 */
export interface JamfConnectSettings {
  readonly clientIds: string[];
  readonly tenant?: string;
  readonly ropgScopes?: string[];
  readonly apiAppId?: string;
  readonly provider?: string;
  /** Preference domains the settings came from (com.jamf.connect.login, com.jamf.connect). */
  readonly domains: string[];
  readonly warnings: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOGIN_KEYS = ['OIDCROPGID', 'OIDCClientID', 'OIDCTenant', 'ROPGTenant', 'ROPGScopes', 'OIDCScopes', 'OIDCProvider'];

type Plist = Record<string, unknown>;

export function parseJamfConnectProfile(data: Buffer, file: string): JamfConnectSettings {
  const root = readPlist(data, file);
  const found = { ropgIds: [] as string[], clientIds: [] as string[], tenants: [] as string[], ropgScopes: [] as string[][],
    oidcScopes: [] as string[][], providers: [] as string[], domains: new Set<string>() };
  walk(root, undefined, (dict, domain) => {
    const login = LOGIN_KEYS.some((k) => k in dict);
    if (login) found.domains.add(domain ?? 'com.jamf.connect.login');
    pushString(found.ropgIds, dict.OIDCROPGID);
    pushString(found.clientIds, dict.OIDCClientID);
    pushString(found.tenants, dict.OIDCTenant);
    pushString(found.tenants, dict.ROPGTenant);
    pushString(found.providers, dict.OIDCProvider);
    if (dict.ROPGScopes !== undefined) found.ropgScopes.push(scopes(dict.ROPGScopes));
    if (dict.OIDCScopes !== undefined) found.oidcScopes.push(scopes(dict.OIDCScopes));
    const idp = dict.IdPSettings;
    if (idp && typeof idp === 'object' && !Array.isArray(idp)) {
      const s = idp as Plist;
      found.domains.add(domain ?? 'com.jamf.connect');
      pushString(found.ropgIds, s.ROPGID);
      pushString(found.tenants, s.TenantID);
      pushString(found.tenants, s.ROPGTenant);
      pushString(found.providers, s.Provider);
      if (s.ROPGScopes !== undefined) found.ropgScopes.push(scopes(s.ROPGScopes));
    }
  });

  const warnings: string[] = [];
  const ids = unique([...found.ropgIds, ...found.clientIds]);
  const clientIds = ids.filter((id) => GUID.test(id)).map((id) => id.toLowerCase());
  for (const id of ids) if (!GUID.test(id)) warnings.push(`client id "${id}" is not a GUID and was ignored`);
  if (clientIds.length === 0) {
    throw importRefused(file, {}, found.domains.size
      ? 'the Jamf Connect settings have no client id (OIDCROPGID, OIDCClientID or IdPSettings.ROPGID)'
      : 'no Jamf Connect settings found (expected com.jamf.connect.login keys such as OIDCROPGID / OIDCClientID, or com.jamf.connect IdPSettings.ROPGID)');
  }
  const tenants = unique(found.tenants);
  if (tenants.length > 1) warnings.push(`several tenants are configured (${tenants.join(', ')}); using ${tenants[0]}`);
  const ropgScopes = found.ropgScopes[0] ?? found.oidcScopes[0];
  if (!found.ropgScopes[0] && found.oidcScopes[0]) warnings.push('no ROPGScopes set; the ROPG check uses OIDCScopes');
  const apiScope = ropgScopes?.find((s) => /^api:\/\//i.test(s));
  let apiAppId: string | undefined;
  if (apiScope) {
    const candidate = /^api:\/\/([^/]+)\//i.exec(apiScope)?.[1];
    if (candidate && GUID.test(candidate)) apiAppId = candidate.toLowerCase();
    else warnings.push(`the custom API scope "${apiScope}" does not name the API app by its id; set the API app id in the profile by hand`);
  }
  return {
    clientIds, ...(tenants[0] ? { tenant: tenants[0] } : {}), ...(ropgScopes ? { ropgScopes } : {}),
    ...(apiAppId ? { apiAppId } : {}), ...(found.providers[0] ? { provider: found.providers[0] } : {}),
    domains: [...found.domains].sort(), warnings,
  };
}

/** Merges what a Jamf Connect profile says into a tenant profile (client ids added, scopes and API app set). */
export function applyJamfSettings(profile: TenantProfile, settings: JamfConnectSettings, file: string): TenantProfileInput {
  return {
    ...profile,
    jamfConnect: {
      clientIds: unique([...profile.jamfConnect.clientIds, ...settings.clientIds]),
      ropgScopes: settings.ropgScopes ?? profile.jamfConnect.ropgScopes,
      ...(settings.apiAppId ?? profile.jamfConnect.apiAppId ? { apiAppId: settings.apiAppId ?? profile.jamfConnect.apiAppId } : {}),
      source: `config-profile:${file}`,
    },
  };
}

function readPlist(data: Buffer, file: string): unknown {
  if (data.subarray(0, 6).toString('latin1') === 'bplist') {
    try { return parseBuffer(data)[0]; } catch (error) {
      throw importRefused(file, {}, `not a readable binary property list (${(error as Error).message})`);
    }
  }
  let text = data.toString('utf8');
  if (!/^\s*(<\?xml|<!DOCTYPE|<plist)/.test(text)) {
    // A signed .mobileconfig is CMS (DER) around the XML plist: take the plist out of the envelope.
    const latin = data.toString('latin1');
    const start = latin.indexOf('<?xml');
    const end = latin.indexOf('</plist>', start);
    if (start === -1 || end === -1) throw importRefused(file, { line: 1, column: 1 }, 'not a property list or configuration profile (no XML plist or bplist data)');
    text = data.subarray(start, end + '</plist>'.length).toString('utf8');
  }
  try {
    return plist.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const pos = /line:?\s*(\d+)[^\d]+col(?:umn)?:?\s*(\d+)/i.exec(message);
    throw importRefused(file, pos ? { line: Number(pos[1]), column: Number(pos[2]) } : {}, `not a valid XML property list (${message.split('\n')[0]})`);
  }
}

/** Visits every dictionary, passing the preference domain it sits under when the structure says so. */
function walk(value: unknown, domain: string | undefined, visit: (dict: Plist, domain: string | undefined) => void, depth = 0): void {
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Date) return;
  if (Array.isArray(value)) { for (const v of value) walk(v, domain, visit, depth + 1); return; }
  const dict = value as Plist;
  const payloadType = typeof dict.PayloadType === 'string' ? dict.PayloadType : undefined;
  const here = payloadType?.startsWith('com.jamf.connect') ? payloadType : domain;
  visit(dict, here);
  for (const [key, child] of Object.entries(dict)) {
    walk(child, key.startsWith('com.jamf.connect') ? key : here, visit, depth + 1);
  }
}

function scopes(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((s) => s.trim()).filter(Boolean);
  return typeof value === 'string' ? value.split(/[+\s]+/).map((s) => s.trim()).filter(Boolean) : [];
}

function pushString(list: string[], value: unknown): void {
  if (typeof value === 'string' && value.trim()) list.push(value.trim());
}

function unique(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((v) => { const k = v.toLowerCase(); if (seen.has(k)) return false; seen.add(k); return true; });
}
