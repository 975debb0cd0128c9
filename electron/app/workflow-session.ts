/**
 * The signed-in operator an exemption writes with, per open tenant session:
 *   demo   — the emulator runs in-process on the session's snapshot and the app signs in to it as
 *            the demo's admin operator through the real MSAL flow;
 *   tenant — the live tenant's own MSAL session (session.live.workspace), signed in by the operator;
 *            write scopes are added later by preflight's incremental consent.
 * Either way plan → preflight → apply → verify → rollback run the same core code
 * (electron/core/exemption), with the audit log in the app's SQLite store.
 */
import { join } from 'node:path';
import { IpcError } from '../contract/envelope.js';
import type { PreflightResult } from '../core/exemption/preflight.js';
import { operatorSessionFromAuth, signInToEmulator, type OperatorSession } from '../core/exemption/operator-session.js';
import { resolveAttributeSettings } from '../core/exemption/settings.js';
import type { AttributeSettings, ExemptionPlan } from '../core/exemption/types.js';
import type { ExpectedResult } from '../core/exemption/verify-watch.js';
import { startEmulator, type RunningEmulator } from '../core/emulator/index.js';
import { openStore, type Store } from '../core/store/index.js';
import type { AppContext, TenantSession } from './context.js';
import { demoOperator, sessionFromSnapshot } from './session.js';

export interface PlannedItem {
  readonly plan: ExemptionPlan;
  readonly policyId: string;
  readonly policyName: string;
  readonly expected: Record<string, ExpectedResult>;
  preflight: PreflightResult | null;
}

export interface AppliedItem {
  readonly since: string;
  readonly clientAppId: string;
  readonly expected: Record<string, ExpectedResult>;
}

/** One workflow per open session (demo or live); lives as long as the session. */
export interface ExemptionWorkflow {
  readonly kind: 'demo' | 'tenant';
  readonly tenantId: string;
  readonly operator: OperatorSession;
  readonly operatorUpn: string;
  readonly plans: Map<string, PlannedItem>;
  readonly applied: Map<string, AppliedItem>;
  /** Demo only: the in-process emulator standing in for the tenant. */
  readonly emulator?: RunningEmulator;
  /** Releases what the workflow opened (the demo's emulator; a live workflow borrows the workspace and opens nothing). */
  stop(): Promise<void>;
}

/**
 * Keyed by what outlives a rebuilt session object: the live workspace (L1 may rebuild the session
 * after a sync without the operator losing their plans), or the demo session itself (handed on by
 * replaceSession when the demo is re-read from the emulator).
 */
const workflows = new WeakMap<object, Promise<ExemptionWorkflow>>();
const stores = new WeakMap<AppContext, Store>();

const keyOf = (session: TenantSession): object => session.live?.workspace ?? session;

/** The app's SQLite store (audit log), opened on first use under the host's data folder. */
export function appStore(ctx: AppContext): Store {
  let store = stores.get(ctx);
  if (!store) {
    store = openStore(join(ctx.dataDir, 'cache.sqlite'));
    stores.set(ctx, store);
  }
  return store;
}

/** The session's workflow if one was started, without starting one (tests reach the demo's emulator through it). */
export function existingWorkflow(session: TenantSession): Promise<ExemptionWorkflow> | undefined {
  return workflows.get(keyOf(session));
}

/** Close what the workflow opened (demo emulator, app store). Safe to call more than once. */
export async function closeWorkflow(ctx: AppContext): Promise<void> {
  const session = ctx.session;
  const pending = session ? workflows.get(keyOf(session)) : undefined;
  if (session) workflows.delete(keyOf(session));
  if (pending) await (await pending.catch(() => null))?.stop();
  stores.get(ctx)?.close();
  stores.delete(ctx);
}

/**
 * Put `next` in place of the open session, handing its workflow on (the demo keys workflows by
 * session object). Used after re-reading the demo tenant and when Jamf settings change the app ids.
 */
export function replaceSession(ctx: AppContext, next: TenantSession): void {
  const current = ctx.session;
  if (current) {
    const pending = workflows.get(keyOf(current));
    if (pending && keyOf(current) !== keyOf(next)) {
      workflows.set(keyOf(next), pending);
      workflows.delete(keyOf(current));
    }
  }
  ctx.session = next;
}

/** The workflow of the open session, started on first use. */
export async function exemptionWorkflow(ctx: AppContext): Promise<ExemptionWorkflow> {
  const session = ctx.session;
  if (!session) throw new IpcError('noTenant', 'No tenant is open.');
  if (session.mode === 'caseFile') throw new IpcError('preconditionFailed', 'A case file is a read-only copy of a tenant; open the tenant itself (and sign in) to change it.');
  if (session.mode === 'tenant' && !session.live) throw new IpcError('preconditionFailed', 'This tenant session has no connection to its tenant; open it from its tenant profile.');
  if (session.live) await requireSignedIn(session);
  const key = keyOf(session);
  let pending = workflows.get(key);
  if (!pending) {
    pending = session.live ? liveWorkflow(session) : demoWorkflow(ctx, session);
    workflows.set(key, pending);
    pending.catch(() => { if (workflows.get(key) === pending) workflows.delete(key); });
  }
  return pending;
}

/** Exemptions write with the operator's own account: checked on every call, so a sign-out in between is caught before any request. */
async function requireSignedIn(session: TenantSession): Promise<string> {
  const auth = session.live!.workspace.session;
  const account = auth.current() ?? (await auth.accounts())[0];
  if (!account) throw new IpcError('signInRequired', `Sign in to ${session.tenantName} first: exemptions are written with your own account, and nobody is signed in to this tenant.`);
  return account.username;
}

async function liveWorkflow(session: TenantSession): Promise<ExemptionWorkflow> {
  const live = session.live!;
  const operatorUpn = await requireSignedIn(session);
  const operator = operatorSessionFromAuth(live.workspace.session, live.workspace.connection, live.openBrowser);
  const tenantId = await live.workspace.tenantId();
  return {
    kind: 'tenant',
    tenantId,
    operator,
    get operatorUpn() { return live.workspace.session.current()?.username ?? operatorUpn; },
    plans: new Map(),
    applied: new Map(),
    // The workspace (MSAL session, Graph client) belongs to the live session; its owner closes it.
    stop: async () => {},
  };
}

/**
 * Demo emulator tokens last a day: the emulator follows the app's clock (ctx.ports.now), which
 * tests move forward by hours to reach an exemption's expiry, while MSAL judges token expiry by the
 * real clock and would keep presenting a token the emulator already calls expired.
 */
const DEMO_TOKEN_LIFETIME_SECONDS = 24 * 3600;

async function demoWorkflow(ctx: AppContext, session: TenantSession): Promise<ExemptionWorkflow> {
  const operatorUpn = demoOperator(session.snapshot);
  if (!operatorUpn) throw new IpcError('preconditionFailed', 'The demo tenant names no operator with the roles an exemption needs.');
  const emulator = await startEmulator({
    snapshot: session.snapshot, now: ctx.ports.now, ingestionDelaySeconds: 0,
    accessTokenLifetimeSeconds: DEMO_TOKEN_LIFETIME_SECONDS, log: (line) => ctx.ports.log.warn(line),
  });
  try {
    const operator = await signInToEmulator(emulator, operatorUpn);
    session.online = true;
    ctx.ports.emit('connectivityChanged', { online: true });
    return { kind: 'demo', tenantId: emulator.tenantId, emulator, operator, operatorUpn, plans: new Map(), applied: new Map(), stop: () => emulator.stop() };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/**
 * The attribute that marks the exempt app: a live tenant's profile names it (profile.exemption);
 * the demo uses the operator's settings and the value its snapshot was seeded with.
 */
export function attributeFor(ctx: AppContext, session: TenantSession): AttributeSettings {
  if (session.live) {
    const e = session.live.profile.exemption;
    return resolveAttributeSettings({ attributeSet: e.attributeSet, attributeName: e.attributeName, value: e.value });
  }
  const meta = (session.snapshot.meta as { jamfConnect?: { exemptAttribute?: { value?: string } } } | undefined)?.jamfConnect?.exemptAttribute;
  const s = ctx.settings.get();
  return resolveAttributeSettings({ attributeSet: s.attributeSetName, attributeName: s.attributeName, ...(meta?.value ? { value: meta.value } : {}) });
}

/** Re-read the demo tenant from the emulator (after writes and simulated logins) so views show what it holds now. */
export async function refreshDemoSession(ctx: AppContext): Promise<void> {
  const session = ctx.session;
  if (!session || session.mode !== 'demo') return;
  const pending = workflows.get(session);
  if (!pending) return;
  const wf = await pending;
  if (!wf.emulator) return;
  replaceSession(ctx, sessionFromSnapshot(wf.emulator.control.state(), { mode: 'demo', configuredAppIds: ctx.settings.get().jamfConnectAppIds, online: true }));
}

/**
 * Stop the demo emulator but keep the session: the views keep working from the last state read
 * (the cache), marked offline — what an agent sees when the tenant cannot be reached.
 */
export async function stopDemoEmulator(ctx: AppContext): Promise<void> {
  const session = ctx.session;
  const pending = session ? workflows.get(session) : undefined;
  if (!session || !pending) return;
  await refreshDemoSession(ctx);
  const current = ctx.session!;
  workflows.delete(current);
  await (await pending).stop();
  current.online = false;
  ctx.ports.emit('connectivityChanged', { online: false });
}
