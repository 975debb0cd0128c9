/**
 * Conditional Access evaluator: raw Graph policies × one sign-in → per-policy results with a
 * reason per condition, and the sign-in's outcome. Pure; never throws for odd policy shapes — a
 * policy it cannot read gets `cannotEvaluate: reason`, result 'unknown', and the rest go on.
 *
 * Per policy: every condition is evaluated (not just up to the first miss) so "why did this policy
 * (not) apply?" is answered for each one. A condition the policy does not configure counts as
 * matched ("not configured"). The grant is evaluated only for policies that apply (grant: null
 * otherwise). Results by state:
 *   disabled → notEnabled (conditions still traced);
 *   enabled → notApplied | success | failure;
 *   enabledForReportingButNotEnforced → reportOnlyNotApplied | reportOnlySuccess |
 *     reportOnlyInterrupted (only interactive controls missing, or satisfied only by prompting —
 *     the portal's "Report-only: User action required") | reportOnlyFailure (block, device or app).
 * Report-only results never affect the outcome (outcome.ts).
 *
 * Caching contract: a policy object and a named-location object are compiled once and treated as
 * IMMUTABLE — after a change pass a new object (the emulator's PATCH handlers replace the object,
 * as does re-reading from the store). Service principals' custom security attributes are read
 * live on every evaluation, so they may change in place.
 */
import { evaluateApplications } from './conditions/applications.js';
import { evaluateAuthFlows } from './conditions/auth-flows.js';
import { evaluateClientAppTypes } from './conditions/client-app-types.js';
import { evaluateDevices } from './conditions/devices.js';
import type { EvalEnv } from './conditions/env.js';
import { evaluateLocations } from './conditions/locations.js';
import { evaluatePlatforms } from './conditions/platforms.js';
import { evaluateInsiderRisk, evaluateServicePrincipalRisk, evaluateSignInRisk, evaluateUserRisk } from './conditions/risk.js';
import { evaluateUsers } from './conditions/users.js';
import { compilePolicy, type CompiledPolicy, type UncompilablePolicy } from './compile.js';
import { prepareContext, preparedFor, type PreparedContext } from './context.js';
import { evaluateGrant } from './grants.js';
import { decideOutcome } from './outcome.js';
import type { ConditionTrace, EvaluationDirectory, EvaluationResult, PolicyEvaluation, PolicyResult, SignInContext } from './types.js';

function cannot(h: { id: string; displayName: string; state: string }, reason: string, enforced: readonly string[] = []): PolicyEvaluation {
  return {
    policyId: h.id,
    displayName: h.displayName,
    state: h.state,
    applies: false,
    result: 'unknown',
    grant: null,
    enforcedGrantControls: enforced,
    conditions: [],
    audience: null,
    cannotEvaluate: reason,
  };
}

function resultFor(c: CompiledPolicy, applies: boolean, grant: PolicyEvaluation['grant']): PolicyResult {
  if (c.state === 'disabled') return 'notEnabled';
  if (c.state === 'enabled') {
    if (!applies) return 'notApplied';
    return grant!.satisfied ? 'success' : 'failure';
  }
  if (!applies) return 'reportOnlyNotApplied';
  if (grant!.satisfied) return grant!.needsInteraction ? 'reportOnlyInterrupted' : 'reportOnlySuccess';
  return grant!.failureKind === 'interactive' ? 'reportOnlyInterrupted' : 'reportOnlyFailure';
}

/**
 * One environment per sign-in, reused for every policy (warnings reset per policy). It memoises
 * condition answers by the condition block's signature: tenants repeat the same users block
 * ("All users except break-glass") or whole condition sets across many policies, and within one
 * sign-in the same block always gives the same answer — warnings included, which are replayed.
 */
class Env implements EvalEnv {
  warnings: string[] | null = null;
  capture: string[] | null = null;
  readonly memo = new Map<string, { readonly value: unknown; readonly warnings: readonly string[] | null }>();
  constructor(
    readonly p: PreparedContext,
    readonly dir: EvaluationDirectory,
  ) {}
  warn(message: string): void {
    if (!this.warnings) this.warnings = [message];
    else if (!this.warnings.includes(message)) this.warnings.push(message);
    if (this.capture) this.capture.push(message);
  }
}

function memo<C, R>(env: Env, sig: string, compiled: C, fn: (c: C, env: Env) => R): R {
  const hit = env.memo.get(sig);
  if (hit) {
    if (hit.warnings) for (const w of hit.warnings) env.warn(w);
    return hit.value as R;
  }
  const outer = env.capture;
  const mine: string[] = [];
  env.capture = mine;
  let value: R;
  try {
    value = fn(compiled, env);
  } finally {
    env.capture = outer;
  }
  if (outer) for (const w of mine) outer.push(w);
  env.memo.set(sig, { value, warnings: mine.length > 0 ? mine : null });
  return value;
}

interface ConditionsAnswer {
  readonly conditions: readonly ConditionTrace[];
  readonly applies: boolean;
  readonly audience: string | null;
}

function evaluateConditions(c: CompiledPolicy, env: Env): ConditionsAnswer {
  const app = memo(env, c.sigs.applications, c.applications, evaluateApplications);
  const conditions: ConditionTrace[] = [
    memo(env, c.sigs.users, c.users, evaluateUsers),
    app.trace,
    evaluateClientAppTypes(c.clientAppTypes, env),
    evaluatePlatforms(c.platforms, env),
    memo(env, c.sigs.locations, c.locations, evaluateLocations),
    memo(env, c.sigs.devices, c.devices, evaluateDevices),
    evaluateSignInRisk(c.risk, env),
    evaluateUserRisk(c.risk, env),
    evaluateInsiderRisk(c.risk, env),
    evaluateServicePrincipalRisk(c.risk),
    evaluateAuthFlows(c.authFlows, env),
  ];
  let applies = true;
  for (const t of conditions) if (!t.matched) applies = false;
  return { conditions, applies, audience: app.audience };
}

function evaluateCompiled(c: CompiledPolicy, env: Env): PolicyEvaluation {
  env.warnings = null;
  const p = env.p;
  const { conditions, applies, audience } = memo(env, c.sigs.all, c, evaluateConditions);
  const grant = applies ? evaluateGrant(c.grant, p) : null;
  const out: PolicyEvaluation = {
    policyId: c.id,
    displayName: c.displayName,
    state: c.state,
    applies,
    result: resultFor(c, applies, grant),
    grant,
    enforcedGrantControls: c.grant.enforcedGrantControls,
    enforcedSessionControls: c.grant.enforcedSessionControls,
    conditions,
    audience,
  };
  return env.warnings ? { ...out, warnings: env.warnings } : out;
}

function evaluateWith(policy: unknown, env: Env): PolicyEvaluation {
  const c: CompiledPolicy | UncompilablePolicy = compilePolicy(policy);
  if (!c.ok) return cannot(c, c.reason, c.enforcedGrantControls);
  try {
    return evaluateCompiled(c, env);
  } catch (e) {
    // Defensive: a shape compile did not anticipate. This policy is unknown; the others go on.
    return cannot(c, `evaluation failed: ${e instanceof Error ? e.message : String(e)}`, c.grant.enforcedGrantControls);
  }
}

function policyHeader(policy: unknown): { id: string; displayName: string; state: string } {
  const c = compilePolicy(policy);
  return { id: c.id, displayName: c.displayName, state: c.state };
}

/** Evaluate one raw Graph conditionalAccessPolicy for one sign-in. */
export function evaluatePolicy(policy: unknown, ctx: SignInContext, dir: EvaluationDirectory): PolicyEvaluation {
  let p: PreparedContext;
  try {
    p = preparedFor(ctx, dir);
  } catch (e) {
    return cannot(policyHeader(policy), `sign-in context is invalid: ${e instanceof Error ? e.message : String(e)}`);
  }
  return evaluateWith(policy, new Env(p, dir));
}

/** Evaluate every policy for one sign-in and decide the outcome. */
export function evaluate(policies: readonly unknown[], ctx: SignInContext, dir: EvaluationDirectory): EvaluationResult {
  const list: readonly unknown[] = Array.isArray(policies) ? policies : [];
  let p: PreparedContext;
  try {
    p = prepareContext(ctx, dir);
  } catch (e) {
    const reason = `sign-in context is invalid: ${e instanceof Error ? e.message : String(e)}`;
    const evaluated = list.map((policy) => cannot(policyHeader(policy), reason));
    return { policies: evaluated, outcome: decideOutcome(evaluated), audiences: [] };
  }
  const env = new Env(p, dir);
  const evaluated = new Array<PolicyEvaluation>(list.length);
  for (let i = 0; i < list.length; i++) evaluated[i] = evaluateWith(list[i], env);
  return { policies: evaluated, outcome: decideOutcome(evaluated), audiences: p.audiences };
}
