/**
 * Compile a raw Graph conditionalAccessPolicy once (WeakMap by the policy object): id lists into
 * Sets, filter rules parsed, grant controls classified. A shape the evaluator cannot read becomes
 * a cached `{ error }` so every sign-in reports the same "cannot evaluate: reason" cheaply.
 */
import { compileApplications, type CompiledApplications } from './conditions/applications.js';
import { compileAuthFlows, type CompiledAuthFlows } from './conditions/auth-flows.js';
import { compileClientAppTypes, type CompiledClientAppTypes } from './conditions/client-app-types.js';
import { compileDevices, type CompiledDevices } from './conditions/devices.js';
import { compileLocations, type CompiledLocations } from './conditions/locations.js';
import { compilePlatforms, type CompiledPlatforms } from './conditions/platforms.js';
import { compileRisk, type CompiledRisk } from './conditions/risk.js';
import { compileUsers, type CompiledUsers } from './conditions/users.js';
import { compileGrant, type CompiledGrant } from './grants.js';
import { PolicyShapeError, isObject, optObject, type RawObject } from './raw.js';

export type PolicyState = 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';

export interface CompiledPolicy {
  readonly ok: true;
  readonly id: string;
  readonly displayName: string;
  readonly state: PolicyState;
  readonly users: CompiledUsers;
  readonly applications: CompiledApplications;
  readonly clientAppTypes: CompiledClientAppTypes;
  readonly platforms: CompiledPlatforms;
  readonly locations: CompiledLocations;
  readonly devices: CompiledDevices;
  readonly risk: CompiledRisk;
  readonly authFlows: CompiledAuthFlows;
  readonly grant: CompiledGrant;
  /**
   * Signatures (kind prefix + raw JSON) of the condition blocks: policies with the same users block,
   * or the same conditions altogether, share one evaluation per sign-in (evaluate.ts memo).
   */
  readonly sigs: { readonly all: string; readonly users: string; readonly applications: string; readonly locations: string; readonly devices: string };
}

export interface UncompilablePolicy {
  readonly ok: false;
  readonly id: string;
  readonly displayName: string;
  readonly state: string;
  readonly reason: string;
  /** Grant controls, when they could still be read (for enforcedGrantControls). */
  readonly enforcedGrantControls: readonly string[];
}

const cache = new WeakMap<object, CompiledPolicy | UncompilablePolicy>();

function header(policy: unknown): { id: string; displayName: string; state: string } {
  const p = isObject(policy) ? policy : {};
  return {
    id: typeof p['id'] === 'string' ? (p['id'] as string) : '',
    displayName: typeof p['displayName'] === 'string' ? (p['displayName'] as string) : '',
    state: typeof p['state'] === 'string' ? (p['state'] as string) : '',
  };
}

function signatures(conditions: RawObject): CompiledPolicy['sigs'] {
  const j = (v: unknown) => JSON.stringify(v ?? null);
  const users = `u${j(conditions['users'])}${j(conditions['clientApplications'])}`;
  const applications = `a${j(conditions['applications'])}`;
  const locations = `l${j(conditions['locations'])}`;
  const devices = `d${j(conditions['devices'])}${j(conditions['deviceStates'])}`;
  return { all: `c${j(conditions)}`, users, applications, locations, devices };
}

function compileUncached(policy: unknown): CompiledPolicy | UncompilablePolicy {
  const h = header(policy);
  const fail = (reason: string): UncompilablePolicy => {
    let enforcedGrantControls: readonly string[] = [];
    try {
      if (isObject(policy)) enforcedGrantControls = compileGrant(policy).enforcedGrantControls;
    } catch {
      // the grant is part of what cannot be read
    }
    return { ok: false, ...h, reason, enforcedGrantControls };
  };
  if (!isObject(policy)) return fail('policy is not a JSON object');
  try {
    if (h.state !== 'enabled' && h.state !== 'disabled' && h.state !== 'enabledForReportingButNotEnforced') {
      throw new PolicyShapeError(h.state ? `state has unknown value '${h.state}'` : 'policy has no state');
    }
    const conditions: RawObject | null = optObject(policy, 'conditions', 'policy');
    if (!conditions) throw new PolicyShapeError('policy has no conditions');
    return {
      ok: true,
      id: h.id,
      displayName: h.displayName,
      state: h.state,
      users: compileUsers(conditions),
      applications: compileApplications(conditions),
      clientAppTypes: compileClientAppTypes(conditions),
      platforms: compilePlatforms(conditions),
      locations: compileLocations(conditions),
      devices: compileDevices(conditions),
      risk: compileRisk(conditions),
      authFlows: compileAuthFlows(conditions),
      grant: compileGrant(policy),
      sigs: signatures(conditions),
    };
  } catch (e) {
    if (e instanceof PolicyShapeError) return fail(e.message);
    return fail(`unexpected policy shape: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function compilePolicy(policy: unknown): CompiledPolicy | UncompilablePolicy {
  if (typeof policy !== 'object' || policy === null) return compileUncached(policy);
  const hit = cache.get(policy);
  if (hit) return hit;
  const compiled = compileUncached(policy);
  cache.set(policy, compiled);
  return compiled;
}
