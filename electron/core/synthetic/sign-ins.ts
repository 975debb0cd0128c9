/**
 * Streaming synthetic sign-ins: `generateSignIns` yields up to millions of beta signIn objects
 * one at a time (newest first, like Graph pages), so benchmarks can ingest 1000-row pages without
 * holding the whole set. Same shapes as the demo tenant (graph-shapes.ts).
 *
 * Outcomes are drawn from a realistic mix (mostly successes; ROPG failures 53000/53003/50076/
 * 50126/50053/…); appliedConditionalAccessPolicies lists every policy with a plausible result
 * for its state. They are plausible, not evaluated — benchmarks need volume and shape, the demo
 * tenant is where consistency is guaranteed.
 */
import type { GraphObject } from '../snapshot/types.js';
import type { PolicyResult } from '../policy/types.js';
import { appliedPolicy, signIn, UNREGISTERED_MAC } from './graph-shapes.js';
import { guidFrom } from './ids.js';
import { CITIES } from './names.js';
import { Prng } from './prng.js';
import { FIRST_PARTY_APPS } from './well-known.js';

export const SYNTHETIC_END = '2026-11-30T12:00:00Z';

export interface SyntheticApps {
  readonly jamfClientAppId: string;
  readonly jamfApiAppId: string;
}

export function syntheticApps(seed: number): SyntheticApps {
  return { jamfClientAppId: guidFrom(`synthetic:${seed}`, 'app:jamf-connect'), jamfApiAppId: guidFrom(`synthetic:${seed}`, 'app:jamf-api') };
}

export interface SignInStreamOptions {
  /** How many sign-ins to yield. */
  readonly signIns: number;
  readonly seed: number;
  /** The users to sign in (user objects with id, userPrincipalName, displayName, userType). */
  readonly users: readonly GraphObject[];
  /** Policies listed in appliedConditionalAccessPolicies (keep it realistic: tens, not hundreds). */
  readonly policies?: readonly GraphObject[];
  /** Window length in days (default 30), ending at `end` (default SYNTHETIC_END). */
  readonly days?: number;
  readonly end?: string;
  readonly tenantId?: string;
}

const ROPG_OUTCOMES: readonly [number, number][] = [
  [0, 0.62],
  [50076, 0.14],
  [53000, 0.07],
  [53003, 0.05],
  [50126, 0.06],
  [50053, 0.02],
  [50055, 0.015],
  [50057, 0.01],
  [7000218, 0.015],
];

function weighted(rng: Prng, table: readonly [number, number][]): number {
  let r = rng.next();
  for (const [v, w] of table) {
    if ((r -= w) < 0) return v;
  }
  return table[table.length - 1]![0];
}

const PRIMARY_FAILURES = new Set([50126, 50053, 50055, 50057, 7000218]);
const REPORT_ONLY_RESULTS = ['reportOnlyNotApplied', 'reportOnlyNotApplied', 'reportOnlyFailure', 'reportOnlySuccess', 'reportOnlyInterrupted'] as const;

function policyEntries(rng: Prng, policies: readonly GraphObject[], errorCode: number): GraphObject[] {
  // One enforced policy "caused" a CA failure; the rest get results plausible for their state.
  const culpritIndex = [50076, 53000, 53003].includes(errorCode) ? rng.int(0, Math.max(0, policies.length - 1)) : -1;
  return policies.map((p, i) => {
    let result: PolicyResult;
    if (p.state === 'disabled') result = 'notEnabled';
    else if (p.state === 'enabledForReportingButNotEnforced') result = rng.pick(REPORT_ONLY_RESULTS);
    else if (i === culpritIndex) result = 'failure';
    else result = errorCode === 0 && rng.chance(0.2) ? 'success' : 'notApplied';
    const applied = result === 'failure' || result === 'success' || result === 'reportOnlyFailure' || result === 'reportOnlySuccess' || result === 'reportOnlyInterrupted';
    return appliedPolicy(p, result, applied ? { satisfied: 'application,users' } : { satisfied: 'application', notSatisfied: 'users' });
  });
}

/** Yields `signIns` sign-ins, newest first, deterministic for the options. */
export function* generateSignIns(opts: SignInStreamOptions): Generator<GraphObject> {
  if (opts.users.length === 0) throw new Error('generateSignIns needs at least one user');
  const rng = new Prng(opts.seed ^ 0x51619);
  const tenantId = opts.tenantId ?? guidFrom(`synthetic:${opts.seed}`, 'tenant');
  const apps = syntheticApps(opts.seed);
  const policies = opts.policies ?? [];
  const end = Date.parse(opts.end ?? SYNTHETIC_END);
  const span = (opts.days ?? 30) * 86_400_000;
  const step = opts.signIns > 0 ? span / opts.signIns : 0;
  const background = [
    { app: FIRST_PARTY_APPS.officeHome, resource: FIRST_PARTY_APPS.sharePointOnline, client: 'Browser' },
    { app: FIRST_PARTY_APPS.microsoftTeams, resource: FIRST_PARTY_APPS.microsoftTeams, client: 'Mobile Apps and Desktop clients' },
    { app: FIRST_PARTY_APPS.microsoftOffice, resource: FIRST_PARTY_APPS.exchangeOnline, client: 'Mobile Apps and Desktop clients' },
    { app: FIRST_PARTY_APPS.azurePortal, resource: FIRST_PARTY_APPS.azurePortal, client: 'Browser' },
  ] as const;

  for (let i = 0; i < opts.signIns; i++) {
    // Strictly decreasing times: i-th row sits in the i-th slot of the window, jittered inside it.
    const at = Math.floor(end - (i + rng.next()) * step);
    const createdDateTime = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const u = opts.users[rng.int(0, opts.users.length - 1)]!;
    const guest = u.userType === 'Guest';
    const place = rng.pick(CITIES);
    const office = rng.chance(0.6);
    const ip = office ? `203.0.113.${rng.int(1, 254)}` : `198.51.100.${rng.int(1, 254)}`;
    const user = {
      id: String(u.id),
      userPrincipalName: String(u.mail ?? u.userPrincipalName),
      displayName: String(u.displayName ?? u.userPrincipalName),
      userType: guest ? ('guest' as const) : ('member' as const),
    };
    const id = guidFrom(`synthetic-signin:${opts.seed}`, String(i));
    const correlationId = rng.guid();
    const ropg = !guest && rng.chance(0.35);
    if (ropg) {
      const errorCode = weighted(rng, ROPG_OUTCOMES);
      const primary = PRIMARY_FAILURES.has(errorCode);
      const customScope = rng.chance(0.6);
      const resource = customScope ? { appId: apps.jamfApiAppId, displayName: 'Jamf Connect – Conditional Access Policy API' } : FIRST_PARTY_APPS.microsoftGraph;
      yield signIn({
        id,
        createdDateTime,
        tenantId,
        user,
        app: { appId: apps.jamfClientAppId, displayName: 'Jamf Connect' },
        resource,
        audiences: primary ? [] : [customScope ? resource.appId : rng.chance(0.5) ? FIRST_PARTY_APPS.windowsAzureActiveDirectory.appId : resource.appId],
        clientAppUsed: 'Mobile Apps and Desktop clients',
        isInteractive: true,
        protocol: 'ropc',
        ipAddress: ip,
        location: place,
        networkNames: office ? ['Office'] : [],
        device: UNREGISTERED_MAC,
        userAgent: 'JamfConnect/2.45.1 CFNetwork/1568.200.51 Darwin/24.1.0',
        errorCode,
        passwordVerified: errorCode === 7000218 ? null : !primary,
        mfaRequired: errorCode === 50076,
        mfaCompleted: false,
        policies: primary ? [] : policyEntries(rng, policies, errorCode),
        correlationId,
        processingTimeInMilliseconds: rng.int(40, 400),
      });
    } else {
      const b = rng.pick(background);
      const errorCode = rng.chance(0.04) ? 50126 : rng.chance(0.02) ? 53003 : 0;
      const compliant = rng.chance(0.7);
      const mfa = errorCode === 0 && rng.chance(0.5);
      yield signIn({
        id,
        createdDateTime,
        tenantId,
        user,
        app: b.app,
        resource: b.resource,
        audiences: [b.resource.appId],
        clientAppUsed: b.client,
        isInteractive: rng.chance(0.8),
        protocol: 'none',
        ipAddress: ip,
        location: place,
        networkNames: office ? ['Office'] : [],
        device: compliant
          ? { deviceId: guidFrom(`synthetic-device:${opts.seed}`, String(u.id)), displayName: 'LAPTOP', operatingSystem: 'Windows10', browser: b.client === 'Browser' ? 'Edge 131.0.2903' : '', isCompliant: true, isManaged: true, trustType: 'Azure AD joined' }
          : { ...UNREGISTERED_MAC, operatingSystem: rng.pick(['Windows10', 'MacOs', 'Ios', 'Android']), browser: b.client === 'Browser' ? 'Chrome 131.0.0' : '' },
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        errorCode,
        passwordVerified: errorCode !== 50126,
        mfaRequired: mfa,
        mfaCompleted: mfa,
        policies: errorCode === 50126 ? [] : policyEntries(rng, policies, errorCode),
        correlationId,
        processingTimeInMilliseconds: rng.int(40, 400),
      });
    }
  }
}

/** Groups an iterable into arrays of `size` (Graph pages are 1000 rows). */
export function* pages<T>(items: Iterable<T>, size = 1000): Generator<T[]> {
  let page: T[] = [];
  for (const item of items) {
    page.push(item);
    if (page.length === size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
