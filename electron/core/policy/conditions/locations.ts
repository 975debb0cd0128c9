/**
 * Locations condition (Graph conditionalAccessLocations; entra location-condition.md,
 * concept-assignment-network.md): `All`, `AllTrusted` (trusted ipNamedLocations), named location
 * ids (IPv4 / IPv6 ranges, countries with includeUnknownCountriesAndRegions). An unknown IP matches
 * `All` and an "unknown countries" location, nothing else. A reference to a named location that
 * no longer exists matches nothing and is reported ("unknown named location <id>").
 */
import { compileLocation, locationMatch, trustedLocations, type CompiledLocation } from '../named-locations.js';
import { lowerSet, optObject, strArray, type RawObject } from '../raw.js';
import type { ConditionTrace } from '../types.js';
import { notConfigured, trace, type EvalEnv, type Rule } from './env.js';

export interface CompiledLocations {
  readonly configured: boolean;
  readonly includeAll: boolean;
  readonly includeTrusted: boolean;
  readonly includeIds: readonly string[];
  readonly excludeAll: boolean;
  readonly excludeTrusted: boolean;
  readonly excludeIds: readonly string[];
}

/** The legacy "MFA trusted IPs" pseudo-location id. */
const MFA_TRUSTED_IPS = '00000000-0000-0000-0000-000000000000';

export function compileLocations(conditions: RawObject): CompiledLocations {
  const loc = optObject(conditions, 'locations', 'conditions');
  const inc = strArray(loc, 'includeLocations', 'conditions.locations');
  const exc = strArray(loc, 'excludeLocations', 'conditions.locations');
  const incL = lowerSet(inc);
  const excL = lowerSet(exc);
  const ids = (all: readonly string[]) => all.filter((v) => v.toLowerCase() !== 'all' && v.toLowerCase() !== 'alltrusted');
  return {
    configured: inc.length > 0 || exc.length > 0,
    // An exclude-only shape (no include list) is read as "any location except…" (inference: the
    // portal always writes an include when the condition is configured).
    includeAll: incL.has('all') || (inc.length === 0 && exc.length > 0),
    includeTrusted: incL.has('alltrusted'),
    includeIds: ids(inc),
    excludeAll: excL.has('all'),
    excludeTrusted: excL.has('alltrusted'),
    excludeIds: ids(exc),
  };
}

type Hit = { rule: string; why: string };

function matchIds(ids: readonly string[], env: EvalEnv): Hit | null {
  const p = env.p;
  for (const id of ids) {
    if (id === MFA_TRUSTED_IPS) {
      env.warn('policy references the legacy MFA trusted IPs location, which this evaluator cannot read');
      continue;
    }
    const raw = env.dir.namedLocations.get(id) ?? env.dir.namedLocations.get(id.toLowerCase());
    if (!raw || typeof raw !== 'object') {
      env.warn(`unknown named location ${id} (deleted or not synced)`);
      continue;
    }
    const loc: CompiledLocation = compileLocation(raw, id);
    if (loc.kind === 'other') {
      env.warn(`named location ${loc.name} has an unsupported type (${loc.type})`);
      continue;
    }
    if (loc.kind === 'ip' && loc.bad.length > 0) env.warn(`named location ${loc.name} has invalid ranges: ${loc.bad.join(', ')}`);
    const why = locationMatch(loc, p.ip, p.ctx.ipAddress, p.country);
    if (why) return { rule: 'locationId', why };
  }
  return null;
}

function matchTrusted(env: EvalEnv): Hit | null {
  const p = env.p;
  for (const loc of trustedLocations(env.dir)) {
    const why = locationMatch(loc, p.ip, p.ctx.ipAddress, p.country);
    if (why) return { rule: 'allTrustedLocations', why };
  }
  return null;
}

export function evaluateLocations(c: CompiledLocations, env: EvalEnv): ConditionTrace {
  if (!c.configured) return notConfigured('location');
  const p = env.p;
  const where = p.ctx.ipAddress ? (p.ip ? p.ctx.ipAddress : `${p.ctx.ipAddress} (unparseable IP)`) : 'unknown IP';
  let excluded: Hit | null = null;
  if (c.excludeAll) excluded = { rule: 'allLocations', why: 'any location (All is excluded)' };
  else excluded = (c.excludeTrusted ? matchTrusted(env) : null) ?? matchIds(c.excludeIds, env);
  let included: Hit | null = null;
  if (c.includeAll) included = { rule: 'allLocations', why: `any location (${where})` };
  else included = (c.includeTrusted ? matchTrusted(env) : null) ?? matchIds(c.includeIds, env);
  const rules: Rule[] = [];
  if (included) rules.push({ kind: 'include', rule: included.rule });
  if (excluded) rules.push({ kind: 'exclude', rule: excluded.rule });
  if (excluded) return trace('location', false, `excluded: location ${excluded.why}`, rules);
  if (included) return trace('location', true, `included: location ${included.why}`, rules);
  return trace('location', false, `not included: ${where}${p.country ? ` / ${p.country}` : ''} is in none of the included locations`);
}
