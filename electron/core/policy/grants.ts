/**
 * Grant controls (Graph conditionalAccessGrantControls; entra concept-conditional-access-grant.md)
 * and whether this sign-in can satisfy them.
 *
 * - block: never satisfiable. The portal makes Block exclusive ("Block access" vs "Grant access");
 *   if raw JSON still combines it with other controls, Block wins regardless of the operator.
 * - mfa / authenticationStrength: satisfied when MFA is already in the session
 *   (capabilities.mfaSatisfied — an approximation for strengths stricter than MFA), else by a prompt
 *   when the client is interactive, else not at all (ROPG).
 * - termsOfUse, passwordChange, riskRemediation, custom controls: need a prompt (interactive).
 * - compliantDevice: device.isCompliant true; domainJoinedDevice: trustType ServerAD (hybrid joined)
 *   — an unregistered device (null) satisfies neither.
 * - approvedApplication / compliantApplication: capabilities.approvedClientApp / compliantClientApp.
 * AND needs every control, OR any one (operator absent → OR).
 *
 * Failure codes (entra `docs/identity-platform/reference-error-codes.md`): block 53003,
 * compliantDevice 53000, domainJoinedDevice 53001, approvedApplication 53002
 * (ApplicationUsedIsNotAnApprovedApp); compliantApplication 53005 (app protection policy required —
 * not in the reference table, from Microsoft's app-protection troubleshooting; inference); MFA 50076
 * (50079 is MFA *registration*, which the evaluator cannot know about); passwordChange /
 * riskRemediation 50135 (PasswordChangeCompromisedPassword, "password change is required due to
 * account risk" — the control is only allowed with user risk); terms of use and custom controls
 * 50158 (ExternalSecurityChallenge not satisfied): there is no documented code for a pending terms of
 * use, and both are CA interrupts a non-interactive client cannot answer — an inference.
 */
import { deviceProperty, type PreparedContext } from './context.js';
import { PolicyShapeError, isObject, optObject, optString, strArray, type RawObject } from './raw.js';
import type { GrantEvaluation } from './types.js';

type ControlKind = 'block' | 'device' | 'app' | 'interactive';

interface ControlSpec {
  readonly kind: ControlKind;
  /** Graph-style enforcedGrantControls string (as seen in real sign-in exports). */
  readonly enforced: string;
  readonly errorCode: number;
}

const BUILT_IN: ReadonlyMap<string, ControlSpec> = new Map([
  ['block', { kind: 'block', enforced: 'Block', errorCode: 53003 }],
  ['mfa', { kind: 'interactive', enforced: 'Mfa', errorCode: 50076 }],
  ['compliantDevice', { kind: 'device', enforced: 'RequireCompliantDevice', errorCode: 53000 }],
  ['domainJoinedDevice', { kind: 'device', enforced: 'RequireDomainJoinedDevice', errorCode: 53001 }],
  ['approvedApplication', { kind: 'app', enforced: 'RequireApprovedApp', errorCode: 53002 }],
  ['compliantApplication', { kind: 'app', enforced: 'RequireCompliantApp', errorCode: 53005 }],
  ['passwordChange', { kind: 'interactive', enforced: 'PasswordChange', errorCode: 50135 }],
  ['riskRemediation', { kind: 'interactive', enforced: 'RiskRemediation', errorCode: 50135 }],
]);
const AUTH_STRENGTH: ControlSpec = { kind: 'interactive', enforced: 'RequireAuthenticationStrength', errorCode: 50076 };
const TERMS_OF_USE: ControlSpec = { kind: 'interactive', enforced: 'TermsOfUse', errorCode: 50158 };
const CUSTOM: ControlSpec = { kind: 'interactive', enforced: 'CustomControl', errorCode: 50158 };

/** Precedence when several controls fail: the ones an interactive retry cannot fix come first. */
const CODE_ORDER = [53003, 53000, 53001, 53002, 53005, 50076, 50135, 50158];

interface Control {
  /** Name used in GrantEvaluation.unsatisfied: builtInControls value, 'authenticationStrength', 'termsOfUse:<id>', custom id. */
  readonly name: string;
  readonly spec: ControlSpec;
  readonly builtIn: string | null;
}

export interface CompiledGrant {
  readonly operator: 'AND' | 'OR';
  readonly builtInControls: readonly string[];
  readonly authenticationStrength: string | null;
  readonly termsOfUse: readonly string[];
  readonly controls: readonly Control[];
  readonly hasBlock: boolean;
  readonly enforcedGrantControls: readonly string[];
  readonly enforcedSessionControls: readonly string[];
}

const SESSION_CONTROLS: readonly [string, string][] = [
  ['applicationEnforcedRestrictions', 'AppEnforcedRestrictions'],
  ['cloudAppSecurity', 'CloudAppSecurity'],
  ['signInFrequency', 'SignInFrequency'],
  ['persistentBrowser', 'PersistentBrowserSessionMode'],
  ['continuousAccessEvaluation', 'ContinuousAccessEvaluation'],
  ['secureSignInSession', 'SecureSignInSession'],
  ['globalSecureAccessFilteringProfile', 'GlobalSecureAccessFilteringProfile'],
];

function compileSession(policy: RawObject): string[] {
  const s = optObject(policy, 'sessionControls', 'policy');
  if (!s) return [];
  const out: string[] = [];
  for (const [key, name] of SESSION_CONTROLS) {
    const v = s[key];
    if (isObject(v) && v['isEnabled'] !== false) out.push(name);
  }
  if (s['disableResilienceDefaults'] === true) out.push('DisableResilienceDefaults');
  return out;
}

export function compileGrant(policy: RawObject): CompiledGrant {
  const g = optObject(policy, 'grantControls', 'policy');
  const session = compileSession(policy);
  if (!g) {
    return { operator: 'OR', builtInControls: [], authenticationStrength: null, termsOfUse: [], controls: [], hasBlock: false, enforcedGrantControls: [], enforcedSessionControls: session };
  }
  const op = optString(g, 'operator', 'grantControls');
  const operator = op === null ? 'OR' : op.toUpperCase();
  if (operator !== 'AND' && operator !== 'OR') throw new PolicyShapeError(`grantControls.operator has unknown value '${op}'`);
  const builtIn = strArray(g, 'builtInControls', 'grantControls');
  const controls: Control[] = [];
  for (const b of builtIn) {
    const spec = BUILT_IN.get(b);
    if (!spec) throw new PolicyShapeError(`grantControls.builtInControls has unknown control '${b}'`);
    controls.push({ name: b, spec, builtIn: b });
  }
  const strengthRaw = g['authenticationStrength'];
  let authenticationStrength: string | null = null;
  if (isObject(strengthRaw)) {
    const name = typeof strengthRaw['displayName'] === 'string' ? strengthRaw['displayName'] : typeof strengthRaw['id'] === 'string' ? strengthRaw['id'] : 'authentication strength';
    authenticationStrength = name as string;
    controls.push({ name: 'authenticationStrength', spec: AUTH_STRENGTH, builtIn: null });
  } else if (strengthRaw !== undefined && strengthRaw !== null) {
    throw new PolicyShapeError('grantControls.authenticationStrength is not an object');
  }
  const termsOfUse = strArray(g, 'termsOfUse', 'grantControls');
  for (const t of termsOfUse) controls.push({ name: `termsOfUse:${t}`, spec: TERMS_OF_USE, builtIn: null });
  for (const c of strArray(g, 'customAuthenticationFactors', 'grantControls')) controls.push({ name: c, spec: CUSTOM, builtIn: null });
  const enforced: string[] = [];
  for (const c of controls) {
    const s = c.spec === CUSTOM ? c.name : c.spec.enforced;
    if (!enforced.includes(s)) enforced.push(s);
  }
  return {
    operator,
    builtInControls: builtIn,
    authenticationStrength,
    termsOfUse,
    controls,
    hasBlock: controls.some((c) => c.spec.kind === 'block'),
    enforcedGrantControls: enforced,
    enforcedSessionControls: session,
  };
}

type Satisfaction = 'yes' | 'prompt' | 'no';

function satisfy(c: Control, p: PreparedContext): Satisfaction {
  const caps = p.ctx.capabilities ?? { interactive: false, mfaSatisfied: false, approvedClientApp: false, compliantClientApp: false };
  switch (c.builtIn ?? c.name) {
    case 'block':
      return 'no';
    case 'mfa':
    case 'authenticationStrength':
      return caps.mfaSatisfied ? 'yes' : caps.interactive ? 'prompt' : 'no';
    case 'compliantDevice': {
      const v = deviceProperty(p.device, 'isCompliant');
      return v === true || (typeof v === 'string' && v.toLowerCase() === 'true') ? 'yes' : 'no';
    }
    case 'domainJoinedDevice': {
      const v = deviceProperty(p.device, 'trustType');
      return typeof v === 'string' && v.toLowerCase() === 'serverad' ? 'yes' : 'no';
    }
    case 'approvedApplication':
      return caps.approvedClientApp ? 'yes' : 'no';
    case 'compliantApplication':
      return caps.compliantClientApp ? 'yes' : 'no';
    default:
      // terms of use, password change, risk remediation, custom controls: a prompt or nothing.
      return caps.interactive ? 'prompt' : 'no';
  }
}

function firstCode(specs: readonly ControlSpec[]): number {
  let best = Infinity;
  let code = 0;
  for (const s of specs) {
    const rank = CODE_ORDER.indexOf(s.errorCode);
    if (rank >= 0 && rank < best) {
      best = rank;
      code = s.errorCode;
    }
  }
  return code;
}

const KIND_ORDER: readonly ControlKind[] = ['block', 'device', 'app', 'interactive'];

/**
 * The grant answer depends only on the compiled grant and six bits of the sign-in (p.grantKey), so
 * it is memoised per compiled grant — at most 64 entries, no staleness possible.
 */
const memo = new WeakMap<CompiledGrant, Map<string, GrantEvaluation>>();

export function evaluateGrant(g: CompiledGrant, p: PreparedContext): GrantEvaluation {
  let m = memo.get(g);
  if (!m) {
    m = new Map();
    memo.set(g, m);
  }
  const hit = m.get(p.grantKey);
  if (hit) return hit;
  const r = evaluateGrantUncached(g, p);
  m.set(p.grantKey, r);
  return r;
}

function evaluateGrantUncached(g: CompiledGrant, p: PreparedContext): GrantEvaluation {
  const base = { operator: g.operator, builtInControls: g.builtInControls, authenticationStrength: g.authenticationStrength, termsOfUse: g.termsOfUse };
  if (g.controls.length === 0) return { ...base, unsatisfied: [], satisfied: true, needsInteraction: false, errorCode: 0 };
  const unsatisfied: Control[] = [];
  let prompted = 0;
  let plain = 0;
  for (const c of g.controls) {
    const s = satisfy(c, p);
    if (s === 'no') unsatisfied.push(c);
    else if (s === 'prompt') prompted++;
    else plain++;
  }
  if (g.hasBlock) {
    return { ...base, unsatisfied: unsatisfied.map((c) => c.name), satisfied: false, failureKind: 'block', errorCode: 53003 };
  }
  const satisfied = g.operator === 'AND' ? unsatisfied.length === 0 : unsatisfied.length < g.controls.length;
  if (satisfied) {
    // OR: a prompt is needed only when no control is met without one; AND: when any needs one.
    const needsInteraction = g.operator === 'AND' ? prompted > 0 : plain === 0;
    return { ...base, unsatisfied: unsatisfied.map((c) => c.name), satisfied: true, needsInteraction, errorCode: 0 };
  }
  // Why it fails. AND: the worst unsatisfied control decides (a device requirement cannot be fixed by
  // a prompt). OR: if any alternative could be met by a prompt, an interactive retry could succeed,
  // so the client is told "interaction required" (inference consistent with MFA-or-compliant-device
  // policies answering ROPG with 50076).
  const kinds = new Set(unsatisfied.map((c) => c.spec.kind));
  let failureKind: ControlKind;
  if (g.operator === 'OR' && kinds.has('interactive')) failureKind = 'interactive';
  else failureKind = KIND_ORDER.find((k) => kinds.has(k)) ?? 'interactive';
  const errorCode = firstCode(unsatisfied.filter((c) => c.spec.kind === failureKind).map((c) => c.spec));
  return { ...base, unsatisfied: unsatisfied.map((c) => c.name), satisfied: false, failureKind, errorCode };
}
