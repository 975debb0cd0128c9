/**
 * Named locations (Graph ipNamedLocation / countryNamedLocation), compiled once per location
 * object: CIDRs parsed, countries upper-cased. A malformed range is skipped with a note, never thrown.
 */
import { cidrContains, parseCidr, type CidrRange, type IpAddress } from './cidr.js';
import type { EvaluationDirectory } from './types.js';

export type CompiledLocation =
  | { readonly kind: 'ip'; readonly id: string; readonly name: string; readonly trusted: boolean; readonly ranges: readonly CidrRange[]; readonly bad: readonly string[] }
  | {
      readonly kind: 'country';
      readonly id: string;
      readonly name: string;
      readonly countries: ReadonlySet<string>;
      readonly includeUnknown: boolean;
      /** 'authenticatorAppGps' locations need the Authenticator's GPS, which a sign-in context lacks. */
      readonly gps: boolean;
    }
  | { readonly kind: 'other'; readonly id: string; readonly name: string; readonly type: string };

const compiled = new WeakMap<object, CompiledLocation>();

export function compileLocation(raw: Readonly<Record<string, unknown>>, id: string): CompiledLocation {
  const hit = compiled.get(raw);
  if (hit) return hit;
  const name = typeof raw['displayName'] === 'string' ? (raw['displayName'] as string) : id;
  const type = typeof raw['@odata.type'] === 'string' ? (raw['@odata.type'] as string).toLowerCase() : '';
  let out: CompiledLocation;
  if (type.endsWith('ipnamedlocation') || (!type && Array.isArray(raw['ipRanges']))) {
    const ranges: CidrRange[] = [];
    const bad: string[] = [];
    for (const r of Array.isArray(raw['ipRanges']) ? (raw['ipRanges'] as unknown[]) : []) {
      const cidr = r && typeof r === 'object' ? (r as Record<string, unknown>)['cidrAddress'] : undefined;
      const parsed = typeof cidr === 'string' ? parseCidr(cidr) : null;
      if (parsed) ranges.push(parsed);
      else bad.push(String(cidr));
    }
    out = { kind: 'ip', id, name, trusted: raw['isTrusted'] === true, ranges, bad };
  } else if (type.endsWith('countrynamedlocation') || (!type && Array.isArray(raw['countriesAndRegions']))) {
    const countries = new Set<string>();
    for (const c of Array.isArray(raw['countriesAndRegions']) ? (raw['countriesAndRegions'] as unknown[]) : []) {
      if (typeof c === 'string') countries.add(c.toUpperCase());
    }
    out = {
      kind: 'country',
      id,
      name,
      countries,
      includeUnknown: raw['includeUnknownCountriesAndRegions'] === true,
      gps: raw['countryLookupMethod'] === 'authenticatorAppGps',
    };
  } else {
    out = { kind: 'other', id, name, type: type || 'unknown type' };
  }
  compiled.set(raw, out);
  return out;
}

/** Does the sign-in's IP / country fall in this location? Returns the reason text or null. */
export function locationMatch(loc: CompiledLocation, ip: IpAddress | null, ipText: string | null, country: string | null): string | null {
  if (loc.kind === 'ip') {
    if (!ip) return null;
    for (const r of loc.ranges) {
      if (cidrContains(r, ip)) return `${ipText} is in named location ${loc.name} (${r.text}${loc.trusted ? ', trusted' : ''})`;
    }
    return null;
  }
  if (loc.kind === 'country') {
    // GPS lookup needs the Authenticator app's location; without it the country is unknown.
    const c = loc.gps ? null : country;
    if (c === null) return loc.includeUnknown ? `unknown country/region is included by named location ${loc.name}` : null;
    return loc.countries.has(c) ? `country ${c} is in named location ${loc.name}` : null;
  }
  return null;
}

const trustedCache = new WeakMap<object, readonly CompiledLocation[]>();

/** Trusted IP named locations of the directory (what `AllTrusted` means). */
export function trustedLocations(dir: EvaluationDirectory): readonly CompiledLocation[] {
  const key = dir.namedLocations as unknown as object;
  const hit = trustedCache.get(key);
  if (hit) return hit;
  const out: CompiledLocation[] = [];
  for (const [id, raw] of dir.namedLocations) {
    if (!raw || typeof raw !== 'object') continue;
    const loc = compileLocation(raw, id);
    if (loc.kind === 'ip' && loc.trusted) out.push(loc);
  }
  trustedCache.set(key, out);
  return out;
}
