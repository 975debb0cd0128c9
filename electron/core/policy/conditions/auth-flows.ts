/**
 * Authentication flows (Graph conditionalAccessAuthenticationFlows.transferMethods, flags:
 * none, deviceCodeFlow, authenticationTransfer; entra concept-authentication-flows.md).
 */
import { PolicyShapeError, flags, optObject, optString, type RawObject } from '../raw.js';
import type { ConditionTrace } from '../types.js';
import { notConfigured, trace, type EvalEnv } from './env.js';

const KNOWN = new Set(['deviceCodeFlow', 'authenticationTransfer']);

export interface CompiledAuthFlows {
  readonly methods: ReadonlySet<string>;
}

export function compileAuthFlows(conditions: RawObject): CompiledAuthFlows {
  const raw = optObject(conditions, 'authenticationFlows', 'conditions');
  const methods = new Set<string>();
  for (const v of flags(optString(raw, 'transferMethods', 'conditions.authenticationFlows'))) {
    if (v === 'none') continue;
    if (!KNOWN.has(v)) throw new PolicyShapeError(`conditions.authenticationFlows.transferMethods has unknown value '${v}'`);
    methods.add(v);
  }
  return { methods };
}

export function evaluateAuthFlows(c: CompiledAuthFlows, env: EvalEnv): ConditionTrace {
  if (c.methods.size === 0) return notConfigured('authenticationFlows');
  const flow = env.p.ctx.authenticationFlow;
  if (flow && c.methods.has(flow)) return trace('authenticationFlows', true, `included: authentication flow ${flow}`, [{ kind: 'include', rule: flow }]);
  return trace('authenticationFlows', false, `not included: the sign-in ${flow ? `uses ${flow}` : 'uses no transfer method'}, the policy targets ${[...c.methods].join(', ')}`);
}
