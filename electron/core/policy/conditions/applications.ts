/**
 * Target resources (Graph conditionalAccessApplications; entra concept-conditional-access-cloud-apps.md,
 * concept-filter-for-applications.md).
 *
 * CA targets the RESOURCE (audience) of a sign-in: "Conditional Access applies to resources not
 * clients, except when the client is a confidential client requesting an ID token". So
 * include/excludeApplications and the application filter are tested against the audiences prepared
 * in context.ts — normally [resourceAppId]; the client app id only when a confidential client asks
 * for an ID token. A public client like Jamf Connect's ROPG check is never matched by its own app
 * id: that is why Jamf's fix targets its custom "Conditional Access Policy API" resource. The
 * application filter reads the custom security attributes of the audience's service principal.
 *
 * The 2026 baseline-scope rule (context.ts, audience.ts) may replace the audience by Windows Azure
 * Active Directory, or — enforcement disabled — exempt the sign-in from All-resources policies that
 * have a resource exclusion.
 */
import { legacyExemptionApplies } from '../audience.js';
import { PolicyShapeError, lowerSet, optObject, optString, strArray, type RawObject } from '../raw.js';
import type { RuleAst } from '../rule-ast.js';
import { parseRuleCached } from '../rule-cache.js';
import { explainRule } from '../rule-eval.js';
import type { ConditionTrace, ServicePrincipalInfo } from '../types.js';
import { MICROSOFT_ADMIN_PORTALS_APP_IDS, OFFICE_365_APP_IDS } from '../well-known-apps.js';
import { GUID, trace, type EvalEnv, type Rule } from './env.js';

export interface CompiledApplications {
  readonly includeAll: boolean;
  readonly includeOffice365: boolean;
  readonly includeAdminPortals: boolean;
  readonly includeApps: ReadonlySet<string>;
  readonly excludeOffice365: boolean;
  readonly excludeAdminPortals: boolean;
  readonly excludeApps: ReadonlySet<string>;
  readonly filter: { readonly mode: 'include' | 'exclude'; readonly ast: RuleAst } | null;
  readonly userActions: ReadonlySet<string>;
  readonly authContexts: readonly string[];
  /** includeApplications holds All and some resource is excluded (baseline-scope rule input). */
  readonly allWithExclusion: boolean;
  readonly targetsApps: boolean;
  readonly excludeAll: boolean;
  /** Non-GUID, non-keyword values (reported as warnings). */
  readonly oddValues: readonly string[];
}

const KEYWORDS = new Set(['all', 'none', 'office365', 'microsoftadminportals']);

/**
 * App ids are GUIDs. A value that is neither a GUID nor a known keyword may be a keyword Graph added
 * later (or a test tenant's made-up id): it is kept as an opaque app id and reported, rather than
 * failing the whole policy.
 */
function oddValues(values: readonly string[]): string[] {
  return values.filter((v) => !GUID.test(v) && !KEYWORDS.has(v.toLowerCase()));
}

export function compileApplications(conditions: RawObject): CompiledApplications {
  const path = 'conditions.applications';
  const apps = optObject(conditions, 'applications', 'conditions');
  if (!apps) throw new PolicyShapeError('policy has no conditions.applications block');
  const include = strArray(apps, 'includeApplications', path);
  const exclude = strArray(apps, 'excludeApplications', path);
  const odd = [...oddValues(include), ...oddValues(exclude)];
  const inc = lowerSet(include);
  const exc = lowerSet(exclude);
  let filter: CompiledApplications['filter'] = null;
  const rawFilter = optObject(apps, 'applicationFilter', path);
  if (rawFilter) {
    const mode = optString(rawFilter, 'mode', `${path}.applicationFilter`);
    const rule = optString(rawFilter, 'rule', `${path}.applicationFilter`);
    if (mode !== 'include' && mode !== 'exclude') throw new PolicyShapeError(`${path}.applicationFilter.mode has unknown value '${String(mode)}'`);
    if (rule === null) throw new PolicyShapeError(`${path}.applicationFilter has no rule`);
    const parsed = parseRuleCached(rule, 'application');
    if (!parsed.ok) {
      throw new PolicyShapeError(`application filter rule is malformed at position ${parsed.error.position}: ${parsed.error.message}`);
    }
    filter = { mode, ast: parsed.ast };
  }
  const userActions = lowerSet(strArray(apps, 'includeUserActions', path));
  const authContexts = [...lowerSet(strArray(apps, 'includeAuthenticationContextClassReferences', path))];
  const includeApps = new Set([...inc].filter((v) => !KEYWORDS.has(v)));
  const excludeApps = new Set([...exc].filter((v) => !KEYWORDS.has(v)));
  const includeAll = inc.has('all');
  const hasExclusion = exc.size > 0 || filter?.mode === 'exclude';
  return {
    includeAll,
    includeOffice365: inc.has('office365'),
    includeAdminPortals: inc.has('microsoftadminportals'),
    includeApps,
    excludeOffice365: exc.has('office365'),
    excludeAdminPortals: exc.has('microsoftadminportals'),
    excludeApps,
    filter,
    userActions,
    authContexts,
    allWithExclusion: includeAll && hasExclusion,
    targetsApps: inc.size > 0 || filter?.mode === 'include',
    excludeAll: exc.has('all'),
    oddValues: odd,
  };
}

function servicePrincipal(env: EvalEnv, appId: string): ServicePrincipalInfo | undefined {
  const map = env.dir.servicePrincipalsByAppId;
  return map.get(appId) ?? map.get(appId.toLowerCase());
}

/** Custom security attribute value of an SP: set and attribute names compared case-insensitively. */
function attributeValue(sp: ServicePrincipalInfo | undefined, set: string, attr: string): unknown {
  const all = sp?.customSecurityAttributes;
  if (!all) return null;
  const setKey = set in all ? set : Object.keys(all).find((k) => k.toLowerCase() === set.toLowerCase());
  const values = setKey === undefined ? undefined : all[setKey];
  if (!values || typeof values !== 'object') return null;
  if (attr in values) return values[attr];
  const attrLower = attr.toLowerCase();
  for (const k of Object.keys(values)) if (k.toLowerCase() === attrLower) return values[k];
  return null;
}

function filterMatch(c: CompiledApplications, env: EvalEnv, audience: string): { matched: boolean; clause: string } | null {
  if (!c.filter) return null;
  const sp = servicePrincipal(env, audience);
  if (!sp) env.warn(`no service principal known for resource ${audience}: application filter evaluated with no attributes`);
  else if (sp.customSecurityAttributes === undefined) {
    env.warn(`custom security attributes of ${sp.displayName ?? audience} were not read: application filter evaluated as if unset`);
  }
  return explainRule(c.filter.ast, (operand) => attributeValue(sp, operand.attributeSet ?? '', operand.attributeName ?? '') as never);
}

type Hit = { rule: string; why: string };

function clientExcluded(c: CompiledApplications, env: EvalEnv): boolean {
  const client = (env.p.ctx.clientAppId ?? '').toLowerCase();
  if (!client) return false;
  return c.excludeApps.has(client) || (c.filter?.mode === 'exclude' && filterMatch(c, env, client)?.matched === true);
}

function appName(env: EvalEnv, appId: string): string {
  const sp = servicePrincipal(env, appId);
  return sp?.displayName ? `${sp.displayName} (${appId})` : appId;
}

function evaluateAudience(c: CompiledApplications, env: EvalEnv, audience: string): { included: Hit | null; excluded: Hit | null } {
  let included: Hit | null = null;
  let excluded: Hit | null = null;
  const f = filterMatch(c, env, audience);
  if (c.includeAll) included = { rule: 'allApps', why: 'All resources' };
  else if (c.includeApps.has(audience)) included = { rule: 'appId', why: `resource ${appName(env, audience)} is listed` };
  else if (c.includeOffice365 && OFFICE_365_APP_IDS.has(audience)) included = { rule: 'office365', why: `resource ${appName(env, audience)} is in the Office365 app group` };
  else if (c.includeAdminPortals && MICROSOFT_ADMIN_PORTALS_APP_IDS.has(audience)) {
    included = { rule: 'microsoftAdminPortals', why: `resource ${appName(env, audience)} is a Microsoft admin portal` };
  } else if (c.filter?.mode === 'include' && f?.matched) {
    included = { rule: 'appFilter', why: `resource ${appName(env, audience)} matches application filter clause ${f.clause}` };
  }
  if (c.excludeAll) excluded = { rule: 'allApps', why: 'All resources are excluded' };
  else if (c.excludeApps.has(audience)) excluded = { rule: 'appId', why: `resource ${appName(env, audience)} is listed` };
  else if (c.excludeOffice365 && OFFICE_365_APP_IDS.has(audience)) excluded = { rule: 'office365', why: `resource ${appName(env, audience)} is in the Office365 app group` };
  else if (c.excludeAdminPortals && MICROSOFT_ADMIN_PORTALS_APP_IDS.has(audience)) {
    excluded = { rule: 'microsoftAdminPortals', why: `resource ${appName(env, audience)} is a Microsoft admin portal` };
  } else if (c.filter?.mode === 'exclude' && f?.matched) {
    excluded = { rule: 'appFilter', why: `resource ${appName(env, audience)} matches application filter clause ${f.clause}` };
  }
  return { included, excluded };
}

export interface ApplicationsResult {
  readonly trace: ConditionTrace;
  /** The audience the decision is about (the matched one, else the first evaluated). */
  readonly audience: string | null;
}

/**
 * Without an application filter the answer depends only on the sign-in's audiences, scopes mode,
 * user action and auth contexts (p.appKey) — the same for most sign-ins of one client — so it is
 * memoised per compiled condition and directory. With a filter it depends on live custom security
 * attributes (which the emulator changes in place), so it is always recomputed.
 */
const memo = new WeakMap<CompiledApplications, { sps: ReadonlyMap<string, ServicePrincipalInfo>; entries: Map<string, ApplicationsResult> }>();
const MEMO_LIMIT = 256;

export function evaluateApplications(c: CompiledApplications, env: EvalEnv): ApplicationsResult {
  if (c.oddValues.length > 0) env.warn(`target resources list values that are not app ids or known keywords: ${c.oddValues.join(', ')} (treated as app ids)`);
  if (c.filter) return evaluateApplicationsUncached(c, env);
  const sps = env.dir.servicePrincipalsByAppId;
  let m = memo.get(c);
  if (!m || m.sps !== sps) {
    m = { sps, entries: new Map() };
    memo.set(c, m);
  }
  const key = env.p.appKey;
  const hit = m.entries.get(key);
  if (hit) return hit;
  const r = evaluateApplicationsUncached(c, env);
  if (m.entries.size >= MEMO_LIMIT) m.entries.clear();
  m.entries.set(key, r);
  return r;
}

function evaluateApplicationsUncached(c: CompiledApplications, env: EvalEnv): ApplicationsResult {
  const p = env.p;
  // User actions: a registration sign-in is in scope only of policies targeting that action.
  if (p.userAction) {
    if (c.userActions.has(p.userAction)) return { trace: trace('application', true, `included: user action ${p.ctx.userAction}`), audience: null };
    return { trace: trace('application', false, `not included: the sign-in is user action ${p.ctx.userAction}, which the policy does not target`), audience: null };
  }
  for (const acr of c.authContexts) {
    if (p.authContexts.has(acr)) {
      return { trace: trace('application', true, `included: authentication context ${acr} requested`, [{ kind: 'include', rule: 'acr' }]), audience: p.audiences[0] ?? null };
    }
  }
  if (!c.targetsApps) {
    const what = c.userActions.size > 0 ? 'user actions' : c.authContexts.length > 0 ? 'authentication contexts the sign-in did not request' : 'no resources';
    return { trace: trace('application', false, `not included: the policy targets ${what}`), audience: p.audiences[0] ?? null };
  }
  if (p.baselineMode === 'legacy' && c.allWithExclusion && p.legacyExemptScopes && legacyExemptionApplies(p.ctx, () => clientExcluded(c, env))) {
    return {
      trace: trace(
        'application',
        false,
        `not applied: the sign-in asks only baseline scopes (${p.scopes.scopes.join(' ')}) and baseline-scope enforcement is off, so an All-resources policy with resource exclusions does not enforce it (legacy behaviour)`,
      ),
      audience: p.audiences[0] ?? null,
    };
  }
  if (p.audiencesLower.length === 0) return { trace: trace('application', false, 'not included: the sign-in has no resource'), audience: null };
  let firstIncluded: Hit | null = null;
  let firstExcluded: Hit | null = null;
  let firstAudience = '';
  for (let i = 0; i < p.audiencesLower.length; i++) {
    const r = evaluateAudience(c, env, p.audiencesLower[i]!);
    if (r.included && !r.excluded) {
      const via = p.baselineMode === 'directory' ? ' (baseline scopes only: evaluated as directory access, Windows Azure Active Directory audience)' : '';
      return { trace: trace('application', true, `included: ${r.included.why}${via}`, [{ kind: 'include', rule: r.included.rule }]), audience: p.audiences[i]! };
    }
    if (i === 0) {
      firstIncluded = r.included;
      firstExcluded = r.excluded;
      firstAudience = p.audiences[0]!;
    }
  }
  if (firstExcluded) {
    const rules: Rule[] = firstIncluded
      ? [
          { kind: 'include', rule: firstIncluded.rule },
          { kind: 'exclude', rule: firstExcluded.rule },
        ]
      : [{ kind: 'exclude', rule: firstExcluded.rule }];
    const note = firstIncluded ? ` (exclusion wins over included: ${firstIncluded.why})` : '';
    return { trace: trace('application', false, `excluded: ${firstExcluded.why}${note}`, rules), audience: firstAudience };
  }
  const groups = [c.includeOffice365 ? 'Office365' : '', c.includeAdminPortals ? 'MicrosoftAdminPortals' : ''].filter(Boolean);
  const note = groups.length > 0 ? ` (not in the ${groups.join(' / ')} app list this evaluator knows, see well-known-apps.ts)` : '';
  return { trace: trace('application', false, `not included: resource ${appName(env, firstAudience)} is not targeted by the policy${note}`), audience: firstAudience };
}
