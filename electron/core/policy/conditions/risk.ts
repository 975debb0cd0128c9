/**
 * Risk conditions: signInRiskLevels / userRiskLevels (low, medium, high, hidden, none),
 * insiderRiskLevels (flags: minor, moderate, elevated) and servicePrincipalRiskLevels, which only
 * workload-identity sign-ins carry. An empty list is "not configured".
 */
import { PolicyShapeError, flags, optString, strArray, type RawObject } from '../raw.js';
import type { ConditionName, ConditionTrace, RiskLevel } from '../types.js';
import { notConfigured, trace, type EvalEnv } from './env.js';

const RISK = new Set(['low', 'medium', 'high', 'hidden', 'none']);
const INSIDER = new Set(['minor', 'moderate', 'elevated']);

export interface CompiledRisk {
  readonly signIn: ReadonlySet<string>;
  readonly user: ReadonlySet<string>;
  readonly servicePrincipal: ReadonlySet<string>;
  readonly insider: ReadonlySet<string>;
}

function levels(conditions: RawObject, key: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const v of strArray(conditions, key, 'conditions')) {
    if (!RISK.has(v)) throw new PolicyShapeError(`conditions.${key} has unknown value '${v}'`);
    out.add(v);
  }
  return out;
}

export function compileRisk(conditions: RawObject): CompiledRisk {
  const insider = new Set<string>();
  for (const v of flags(optString(conditions, 'insiderRiskLevels', 'conditions'))) {
    if (v === 'none') continue;
    if (!INSIDER.has(v)) throw new PolicyShapeError(`conditions.insiderRiskLevels has unknown value '${v}'`);
    insider.add(v);
  }
  return {
    signIn: levels(conditions, 'signInRiskLevels'),
    user: levels(conditions, 'userRiskLevels'),
    servicePrincipal: levels(conditions, 'servicePrincipalRiskLevels'),
    insider,
  };
}

function riskTrace(condition: ConditionName, label: string, configured: ReadonlySet<string>, actual: RiskLevel | string): ConditionTrace {
  if (configured.size === 0) return notConfigured(condition);
  if (configured.has(actual)) return trace(condition, true, `included: ${label} ${actual}`);
  return trace(condition, false, `not included: ${label} ${actual} is not among ${[...configured].join(', ')}`);
}

export function evaluateSignInRisk(c: CompiledRisk, env: EvalEnv): ConditionTrace {
  return riskTrace('signInRisk', 'sign-in risk', c.signIn, env.p.ctx.signInRisk ?? 'none');
}

export function evaluateUserRisk(c: CompiledRisk, env: EvalEnv): ConditionTrace {
  return riskTrace('userRisk', 'user risk', c.user, env.p.ctx.userRisk ?? 'none');
}

export function evaluateInsiderRisk(c: CompiledRisk, env: EvalEnv): ConditionTrace {
  return riskTrace('insiderRisk', 'insider risk', c.insider, env.p.ctx.insiderRisk ?? 'none');
}

export function evaluateServicePrincipalRisk(c: CompiledRisk): ConditionTrace {
  if (c.servicePrincipal.size === 0) return notConfigured('servicePrincipalRisk');
  return trace('servicePrincipalRisk', false, 'not included: service principal risk applies to workload identity sign-ins, not user sign-ins');
}
