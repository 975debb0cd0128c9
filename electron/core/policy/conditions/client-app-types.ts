/**
 * Client app types (Graph conditionalAccessClientApp: all, browser, mobileAppsAndDesktopClients,
 * exchangeActiveSync, easSupported, other). `all` — the value Graph returns when the condition is
 * not configured — or an empty list means every client. `easSupported` is the legacy spelling of
 * Exchange ActiveSync clients. Jamf Connect's ROPG check is a mobileAppsAndDesktopClients sign-in.
 */
import { PolicyShapeError, strArray, type RawObject } from '../raw.js';
import type { ClientAppType, ConditionTrace } from '../types.js';
import { notConfigured, trace, type EvalEnv } from './env.js';

const KNOWN: ReadonlyMap<string, ClientAppType | 'all'> = new Map([
  ['all', 'all'],
  ['browser', 'browser'],
  ['mobileappsanddesktopclients', 'mobileAppsAndDesktopClients'],
  ['exchangeactivesync', 'exchangeActiveSync'],
  ['eassupported', 'exchangeActiveSync'],
  ['other', 'other'],
]);

export interface CompiledClientAppTypes {
  readonly all: boolean;
  readonly types: ReadonlySet<ClientAppType>;
}

export function compileClientAppTypes(conditions: RawObject): CompiledClientAppTypes {
  const types = new Set<ClientAppType>();
  let all = false;
  for (const v of strArray(conditions, 'clientAppTypes', 'conditions')) {
    const k = KNOWN.get(v.toLowerCase());
    if (!k) throw new PolicyShapeError(`conditions.clientAppTypes has unknown value '${v}'`);
    if (k === 'all') all = true;
    else types.add(k);
  }
  return { all: all || types.size === 0, types };
}

export function evaluateClientAppTypes(c: CompiledClientAppTypes, env: EvalEnv): ConditionTrace {
  if (c.all) return notConfigured('clientType');
  const t = env.p.ctx.clientAppType;
  if (c.types.has(t)) return trace('clientType', true, `included: client app type ${t}`);
  return trace('clientType', false, `not included: client app type ${t} is not among ${[...c.types].join(', ')}`);
}
