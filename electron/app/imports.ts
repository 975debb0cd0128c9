/**
 * importFile: the operator picks a file (main shows the dialog), and it becomes
 *   caseFile      — a Lockout Lens case file / tenant snapshot, opened as a read-only session;
 *   signInExport  — an Entra portal CSV/JSON download or a Graph JSON listing, added to the open
 *                   live tenant's cache (transactional and idempotent in the core);
 *   jamfProfile   — a Jamf Connect .mobileconfig / plist whose client ids (and ROPG scopes) are
 *                   stored in the open tenant's profile, or in Settings when no profile is open.
 * A malformed file answers invalidInput with the core's positioned message and changes nothing:
 * every file is read and validated before anything is closed, written or saved.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { IpcError } from '../contract/envelope.js';
import type { ImportKindView } from '../contract/schemas.js';
import { AppError } from '../core/graph/app-error.js';
import { applyJamfSettings, detectImportKind, importFile as importIntoCache, MAX_IMPORT_BYTES, parseJamfConnectProfile, type JamfConnectSettings } from '../core/import/index.js';
import { parseSnapshot } from '../core/snapshot/load.js';
import type { TenantSnapshot } from '../core/snapshot/types.js';
import type { AppContext } from './context.js';
import { closeOpenTenant } from './close-tenant.js';
import { liveRuntime, profileStoreOf, rebuildLiveSession, replaceLiveProfile } from './live-session.js';
import { jamfConnectAppIdsOf, sessionFromSnapshot } from './session.js';
import { replaceSession } from './workflow-session.js';

export interface ImportView {
  readonly kind: ImportKindView;
  readonly summary: string;
  readonly warnings: string[];
}

export async function importChosenFile(ctx: AppContext, kind: ImportKindView): Promise<ImportView> {
  const path = await ctx.ports.chooseFileToOpen(kind);
  if (path === null) throw new IpcError('cancelled', 'Nothing was imported.');
  switch (kind) {
    case 'caseFile': return openCaseFile(ctx, path);
    case 'signInExport': return importSignInExport(ctx, path);
    case 'jamfProfile': return importJamfProfile(ctx, path);
  }
}

/** Size and type checks before reading, so a 5 GB file or a folder is refused without filling memory. */
function checkFile(path: string): void {
  const file = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new IpcError('invalidInput', `${file} is not a file. Nothing was imported.`);
    size = st.size;
  } catch (error) {
    if (error instanceof IpcError) throw error;
    throw new IpcError('invalidInput', `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Nothing was imported.`);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new IpcError('invalidInput', `${file} is ${size} bytes, over the import limit of ${MAX_IMPORT_BYTES} bytes (512 MiB). Nothing was imported; export a shorter time window.`);
  }
}

function readWhole(path: string): Buffer {
  try { return readFileSync(path); } catch (error) {
    throw new IpcError('invalidInput', `${basename(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Nothing was imported.`);
  }
}

/** Core refusals (AppError invalid_input, already positioned: "file: line 3, column 7: …") keep their message. */
function asIpcError(error: unknown): unknown {
  if (error instanceof AppError) {
    if (error.code === 'invalid_input' || error.code === 'profile_invalid') return new IpcError('invalidInput', error.message);
    if (error.code === 'auth_required') return new IpcError('signInRequired', error.message);
  }
  return error;
}

async function openCaseFile(ctx: AppContext, path: string): Promise<ImportView> {
  checkFile(path);
  const file = basename(path);
  const data = readWhole(path);
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(data); } catch {
    throw new IpcError('invalidInput', `${file}: the file is not UTF-8 text, so it is not a Lockout Lens case file. Nothing was opened.`);
  }
  const parsed = parseSnapshot(text, file);
  if (!parsed.ok) throw new IpcError('invalidInput', `${parsed.error.message}. Nothing was opened; the current tenant stays open.`);
  const snapshot = parsed.snapshot;
  // Only now, with a valid file in hand, is the previous session closed.
  await closeOpenTenant(ctx);
  const base = sessionFromSnapshot(snapshot, { mode: 'caseFile', configuredAppIds: ctx.settings.get().jamfConnectAppIds, online: false });
  const asOf = capturedAt(snapshot);
  ctx.session = { ...base, asOf: base.asOf ?? asOf };
  ctx.ports.log.info('case file opened', { file, users: snapshot.users.length, signIns: snapshot.signIns.length });
  const s = ctx.session;
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return {
    kind: 'caseFile',
    summary: `Opened case file ${file}: ${s.tenantName} (${s.tenantId}), ${plural(snapshot.users.length, 'user')}, ${plural(snapshot.signIns.length, 'sign-in')}, as of ${s.asOf ?? 'an unknown time (the file does not say when it was captured)'}. It is read-only.`,
    warnings: [...parsed.warnings],
  };
}

/** When a snapshot was captured: the first date among the meta keys exporters write. */
function capturedAt(snapshot: TenantSnapshot): string | null {
  const meta = (snapshot.meta ?? {}) as Record<string, unknown>;
  for (const key of ['capturedAt', 'exportedAt', 'generatedAt', 'createdAt']) {
    const v = meta[key];
    if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  }
  return null;
}

const SIGN_IN_KINDS = new Set(['graph-json', 'portal-json', 'portal-csv']);

/** The first MiB is what the core's type detection looks at. */
function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

async function importSignInExport(ctx: AppContext, path: string): Promise<ImportView> {
  const session = ctx.session;
  if (!session) throw new IpcError('noTenant', 'No tenant is open. Open the tenant profile the sign-in export belongs to, then import it.');
  const runtime = liveRuntime(ctx);
  if (session.mode !== 'tenant' || !session.live || !runtime) {
    throw new IpcError('preconditionFailed', `A sign-in export is added to a tenant's cache, so it needs an open tenant profile; the ${session.mode === 'demo' ? 'demo tenant is a built-in snapshot' : 'open case file is read-only'}. Open the tenant the export came from, then import it.`);
  }
  checkFile(path);
  const file = basename(path);
  const kind = detectImportKind(path, head(path));
  if (kind === 'snapshot') throw new IpcError('invalidInput', `${file} is a tenant snapshot (a case file), not a sign-in export. Nothing was imported; open it as a case file instead.`);
  if (kind === 'jamf-profile') throw new IpcError('invalidInput', `${file} is a Jamf Connect profile, not a sign-in export. Nothing was imported; import it as a Jamf Connect profile instead.`);
  if (!kind || !SIGN_IN_KINDS.has(kind)) throw new IpcError('invalidInput', `${file}: unknown file type (expected an Entra portal sign-in download as CSV or JSON, or a Graph /auditLogs/signIns JSON listing). Nothing was imported.`);
  let tenantId: string;
  try {
    tenantId = runtime.tenantId ?? (await session.live.workspace.tenantId());
  } catch (error) {
    throw asIpcError(error);
  }
  let outcome;
  try {
    outcome = importIntoCache(session.live.workspace.store, path, { kind, tenantId, now: ctx.ports.now() });
  } catch (error) {
    throw asIpcError(error);
  }
  if (outcome.kind === 'jamf-profile') throw new IpcError('internal', 'The import read the file as a Jamf Connect profile.');
  const n = outcome.counts.signIns ?? 0;
  rebuildLiveSession(ctx, runtime);
  const what = outcome.kind === 'portal-csv' ? 'portal CSV' : outcome.kind === 'portal-json' ? 'portal JSON' : 'Graph JSON';
  return {
    kind: 'signInExport',
    summary: outcome.alreadyImported
      ? `${file} (${what}) was imported before; its ${n} sign-in${n === 1 ? ' is' : 's are'} already in ${session.tenantName}'s cache, nothing new was added.`
      : `Imported ${n} sign-in${n === 1 ? '' : 's'} from ${file} (${what}) into ${session.tenantName}'s cache; the views show them now.`,
    warnings: [...outcome.warnings],
  };
}

async function importJamfProfile(ctx: AppContext, path: string): Promise<ImportView> {
  checkFile(path);
  const file = basename(path);
  let settings: JamfConnectSettings;
  try {
    settings = parseJamfConnectProfile(readWhole(path), file);
  } catch (error) {
    throw asIpcError(error);
  }
  const ids = settings.clientIds.join(', ');
  const warnings = [...settings.warnings];
  const session = ctx.session;
  const runtime = liveRuntime(ctx);
  if (session?.mode === 'tenant' && session.live && runtime) {
    const store = profileStoreOf(ctx);
    let saved;
    try {
      saved = store.save(applyJamfSettings(store.get(session.live.profile.name), settings, file));
    } catch (error) {
      throw asIpcError(error);
    }
    const inUse = replaceLiveProfile(ctx, saved);
    if (settings.tenant && !sameTenant(settings.tenant, saved.tenant, runtime.tenantId)) {
      warnings.push(`The profile configures Jamf Connect for tenant ${settings.tenant}, but this tenant profile is ${saved.tenant}; check that it belongs here.`);
    }
    return {
      kind: 'jamfProfile',
      summary: `Found Jamf Connect client id${settings.clientIds.length === 1 ? '' : 's'} ${ids} in ${file}; stored in tenant profile '${saved.name}' with ROPG scopes ${saved.jamfConnect.ropgScopes.join(' ')}${saved.jamfConnect.apiAppId ? ` and the Conditional Access Policy API app ${saved.jamfConnect.apiAppId}` : ''}${inUse ? '; in use now' : '; used from the next time the tenant is opened'}.`,
      warnings,
    };
  }
  const current = ctx.settings.get();
  const merged = [...current.jamfConnectAppIds];
  for (const id of settings.clientIds) if (!merged.some((m) => m.toLowerCase() === id)) merged.push(id);
  if (merged.length > 20) throw new IpcError('invalidInput', `${file} would bring the Jamf Connect client ids in Settings to ${merged.length}, over the limit of 20. Nothing was changed; remove unused ids in Settings first.`);
  ctx.settings.save({ ...current, jamfConnectAppIds: merged });
  if (session && (session.mode === 'demo' || session.mode === 'caseFile')) {
    // The open snapshot session uses the new ids at once (the operator's setting wins over inference).
    replaceSession(ctx, { ...session, jamfConnectAppIds: jamfConnectAppIdsOf(session.snapshot, merged) });
  }
  if (settings.ropgScopes) warnings.push(`ROPG scopes (${settings.ropgScopes.join(' ')}) are kept only in tenant profiles; open a tenant profile and import the file again to store them.`);
  return {
    kind: 'jamfProfile',
    summary: `Found Jamf Connect client id${settings.clientIds.length === 1 ? '' : 's'} ${ids} in ${file}; stored in Settings (Jamf Connect app ids), since no tenant profile is open.`,
    warnings,
  };
}

function sameTenant(configured: string, profileTenant: string, tenantId: string | null): boolean {
  const c = configured.toLowerCase();
  return c === profileTenant.toLowerCase() || (tenantId !== null && c === tenantId.toLowerCase());
}
