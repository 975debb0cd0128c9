/**
 * The IPC handler table: one plain async function per contract method. The router (contract/
 * router.ts) has already checked the sender and the arguments and will check the result.
 */
import { IpcError } from '../contract/envelope.js';
import type { HandlerTable } from '../contract/router.js';
import type { AppState, Feature, UserSummary } from '../contract/schemas.js';
import { diagnoseFromSnapshot, inferJamfConfig, toHtml, toMarkdown, UserNotFoundError } from '../core/diagnosis/index.js';
import type { Diagnosis } from '../core/diagnosis/types.js';
import type { AppContext, TenantSession } from './context.js';
import { toDiagnosisView } from './diagnosis-view.js';
import {
  applySessionExemption,
  listSessionAudit,
  listSessionExemptions,
  planSessionExemption,
  preflightSessionExemption,
  rollbackSessionExemption,
  simulateDemoLogin,
  verifySessionExemption,
} from './exemption-workflow.js';
import { closeOpenTenant } from './close-tenant.js';
import { DOC_LINKS } from './doc-links.js';
import { importChosenFile } from './imports.js';
import { exportAuditLog, saveDiagnosisReport } from './saved-files.js';
import { diagnoseLiveFromCache, runLiveDiagnosis } from './live-diagnosis.js';
import { signInToLiveTenant, signOutOfLiveTenant } from './live-auth.js';
import { lastSyncOf, liveRuntime, openLiveTenant } from './live-session.js';
import { startSyncJob } from './sync-jobs.js';
import { addTenantProfile, listTenantProfiles, removeTenantProfile } from './tenant-profiles.js';
import { searchLiveUsers } from './user-search.js';
import { summarisePolicies } from './policies.js';
import { sessionFromSnapshot } from './session.js';
import { rememberOpenTenant } from './startup.js';

function requireSession(ctx: AppContext): TenantSession {
  if (!ctx.session) throw new IpcError('noTenant', 'No tenant is open. Open the demo tenant or add a tenant first.');
  return ctx.session;
}

/**
 * Which core pieces this build's app wiring uses, so the UI can say plainly what is not there yet.
 * A piece turns true here when its handlers stop answering notYet.
 */
function features(): Record<Feature, boolean> {
  return { snapshot: true, diagnosis: true, evaluator: true, store: true, sync: true, emulator: true, exemption: true, auth: true };
}

async function appState(ctx: AppContext): Promise<AppState> {
  const s = ctx.session;
  return {
    version: ctx.version,
    mode: s ? s.mode : 'none',
    tenant: s ? { id: s.tenantId, displayName: s.tenantName } : null,
    profile: s?.live?.profile.name ?? null,
    operator: s?.operator ?? null,
    online: s?.online ?? false,
    asOf: s?.asOf ?? null,
    lastSync: s?.live ? lastSyncOf(ctx, liveRuntime(ctx)?.tenantId ?? null) : null,
    features: features(),
  };
}

function diagnoseUser(ctx: AppContext, userRef: string, days: number | undefined): { diagnosis: Diagnosis; user: Record<string, unknown> } {
  const session = requireSession(ctx);
  const live = liveRuntime(ctx);
  if (live) return diagnoseLiveFromCache(ctx, live, userRef, days ?? ctx.settings.get().diagnosisDays);
  const configured = ctx.settings.get().jamfConnectAppIds;
  const base = inferJamfConfig(session.snapshot);
  try {
    const diagnosis = diagnoseFromSnapshot(session.snapshot, userRef, {
      days: days ?? ctx.settings.get().diagnosisDays,
      now: ctx.ports.now().toISOString(),
      sourceName: session.tenantName,
      // An operator-configured client id list wins; otherwise the engine infers it per user.
      ...(configured.length ? { config: { ...base, jamfConnectAppIds: configured } } : {}),
    });
    const user = session.snapshot.users.find((u) => u.id === diagnosis.user.id) ?? {};
    return { diagnosis, user };
  } catch (error) {
    if (error instanceof UserNotFoundError) throw new IpcError('notFound', `No user ${userRef} in the ${session.mode === 'demo' ? 'demo tenant' : 'cache'}.`);
    throw error;
  }
}

export const handlers: HandlerTable<AppContext> = {
  getAppState: async (ctx) => appState(ctx),

  openDemoTenant: async (ctx) => {
    await closeOpenTenant(ctx);
    const snapshot = await ctx.ports.loadDemoSnapshot();
    // The demo is a snapshot served offline; "online" becomes true once the emulator backs it.
    ctx.session = sessionFromSnapshot(snapshot, { mode: 'demo', configuredAppIds: ctx.settings.get().jamfConnectAppIds, online: false });
    ctx.ports.log.info('demo tenant opened', { users: snapshot.users.length, signIns: snapshot.signIns.length });
    rememberOpenTenant(ctx, { demo: true });
    return appState(ctx);
  },

  closeTenant: async (ctx) => {
    await closeOpenTenant(ctx);
    ctx.session = null;
    return appState(ctx);
  },

  searchUsers: async (ctx, { query, limit }) => {
    const session = requireSession(ctx);
    const live = liveRuntime(ctx);
    if (live) return searchLiveUsers(ctx, live, query, limit);
    const q = query.trim().toLowerCase();
    const out: UserSummary[] = [];
    for (const u of session.snapshot.users) {
      const upn = typeof u.userPrincipalName === 'string' ? u.userPrincipalName : '';
      const name = typeof u.displayName === 'string' ? u.displayName : '';
      const mail = typeof u.mail === 'string' ? u.mail : '';
      if (q && !upn.toLowerCase().includes(q) && !name.toLowerCase().includes(q) && !mail.toLowerCase().includes(q)) continue;
      out.push({ id: typeof u.id === 'string' ? u.id : '', userPrincipalName: upn, displayName: name || upn, accountEnabled: typeof u.accountEnabled === 'boolean' ? u.accountEnabled : null });
      if (out.length >= limit) break;
    }
    return out;
  },

  runDiagnosis: async (ctx, { user, days, refresh }) => {
    const live = liveRuntime(ctx);
    if (live) return runLiveDiagnosis(ctx, live, user, days ?? ctx.settings.get().diagnosisDays, refresh === true);
    const { diagnosis, user: raw } = diagnoseUser(ctx, user, days);
    return toDiagnosisView(diagnosis, raw, ctx.ports.now());
  },

  exportDiagnosisReport: async (ctx, { user, days, format }) => {
    const render = format === 'markdown' ? toMarkdown : toHtml;
    const { diagnosis } = diagnoseUser(ctx, user, days);
    const safeName = (diagnosis.user.userPrincipalName ?? diagnosis.user.id).replace(/[^A-Za-z0-9._-]+/g, '_');
    return {
      fileName: `lockout-${safeName}.${format === 'markdown' ? 'md' : 'html'}`,
      mimeType: format === 'markdown' ? 'text/markdown' : 'text/html',
      text: render(diagnosis),
    };
  },

  listSignIns: async (ctx, query) => requireSession(ctx).signIns.page(query),

  getSignIn: async (ctx, { id }) => {
    const detail = requireSession(ctx).signIns.detail(id);
    if (!detail) throw new IpcError('notFound', `no sign-in ${id} in the cache`);
    return detail;
  },

  listPolicies: async (ctx) => summarisePolicies(requireSession(ctx)),

  planExemption: async (ctx, args) => {
    requireSession(ctx);
    return planSessionExemption(ctx, args);
  },
  preflightExemption: async (ctx, { planId }) => preflightSessionExemption(ctx, planId),
  applyExemption: async (ctx, args) => applySessionExemption(ctx, args),
  verifyExemption: async (ctx, { exemptionId }) => verifySessionExemption(ctx, exemptionId),
  rollbackExemption: async (ctx, { exemptionId }) => rollbackSessionExemption(ctx, exemptionId),
  listExemptions: async (ctx) => {
    requireSession(ctx);
    return listSessionExemptions(ctx);
  },
  listAuditLog: async (ctx, { offset, limit }) => {
    requireSession(ctx);
    return listSessionAudit(ctx, offset, limit);
  },
  simulateJamfConnectLogin: async (ctx, { user }) => {
    const session = requireSession(ctx);
    if (session.mode !== 'demo') throw new IpcError('preconditionFailed', 'Simulated logins exist only in the demo tenant.');
    return simulateDemoLogin(ctx, user);
  },
  startSync: async (ctx, { kind, user }) => {
    const session = requireSession(ctx);
    if (session.mode === 'demo') throw new IpcError('preconditionFailed', 'The demo tenant is a built-in snapshot; there is nothing to sync.');
    return startSyncJob(ctx, kind, user);
  },

  listTenantProfiles: async (ctx) => listTenantProfiles(ctx),
  addTenantProfile: async (ctx, input) => addTenantProfile(ctx, input),
  removeTenantProfile: async (ctx, { name }) => removeTenantProfile(ctx, name),
  openTenant: async (ctx, { name }) => {
    await openLiveTenant(ctx, name, () => closeOpenTenant(ctx));
    rememberOpenTenant(ctx, { profile: name });
    return appState(ctx);
  },
  signInToTenant: async (ctx) => {
    await signInToLiveTenant(ctx);
    return appState(ctx);
  },
  signOutOfTenant: async (ctx) => {
    await signOutOfLiveTenant(ctx);
    return appState(ctx);
  },
  importFile: async (ctx, { kind }) => importChosenFile(ctx, kind),
  // Rendered exactly as exportDiagnosisReport renders it (an unknown user fails before the dialog opens).
  saveDiagnosisReport: async (ctx, args) => saveDiagnosisReport(ctx, await handlers.exportDiagnosisReport(ctx, args)),
  exportAuditLog: async (ctx, { format }) => exportAuditLog(ctx, format),

  getSettings: async (ctx) => ctx.settings.get(),
  saveSettings: async (ctx, next) => ctx.settings.save(next),

  openDocumentation: async (ctx, { topic }) => ({ opened: await ctx.ports.openExternal(DOC_LINKS[topic]) }),
};
