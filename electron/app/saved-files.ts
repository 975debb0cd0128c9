/**
 * Files main writes where the operator chose: a diagnosis report (it names users and their sign-in
 * history) and the audit log export. Written atomically — a temp file beside the target, then a
 * rename — so a crash or a full disk never leaves half a report under the chosen name, and with
 * mode 0600 so other accounts on the Mac cannot read it.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IpcError } from '../contract/envelope.js';
import { auditToCsv, auditToJson } from '../core/exemption/audit-export.js';
import type { AppContext, FilePurpose } from './context.js';
import { appStore } from './workflow-session.js';

/** Ask where to save (null = cancelled → 'cancelled', nothing written), then write atomically. */
export async function saveTextFile(ctx: AppContext, purpose: FilePurpose, suggestedName: string, text: string): Promise<{ path: string }> {
  const path = await ctx.ports.chooseFileToSave(purpose, suggestedName);
  if (path === null) throw new IpcError('cancelled', 'Nothing was saved.');
  writeAtomically(path, text);
  ctx.ports.log.info('file saved', { purpose, file: basename(path) });
  return { path };
}

export function writeAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // 'wx': never follow or reuse a file someone placed at the temp name.
    writeFileSync(temp, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new IpcError('internal', `Could not save ${basename(path)}${code ? ` (${code})` : ''}: ${(error as Error).message}. Nothing was written there.`);
  }
}

/** A report as exportDiagnosisReport renders it, saved where the operator picks. */
export async function saveDiagnosisReport(ctx: AppContext, report: { readonly fileName: string; readonly text: string }): Promise<{ path: string }> {
  return saveTextFile(ctx, 'report', report.fileName, report.text);
}

/**
 * The open tenant's whole audit log, oldest first (the order a ticket or SIEM reads it), as CSV
 * (spreadsheet-safe: formula prefixes neutralised by the core) or JSON (before/after kept as objects).
 */
export async function exportAuditLog(ctx: AppContext, format: 'csv' | 'json'): Promise<{ path: string }> {
  const session = ctx.session;
  if (!session) throw new IpcError('noTenant', 'No tenant is open: the audit log is kept per tenant. Open the tenant whose log you want.');
  const entries = appStore(ctx).audit.list(session.tenantId, Number.MAX_SAFE_INTEGER).reverse();
  const slug = session.tenantName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'tenant';
  const day = ctx.ports.now().toISOString().slice(0, 10);
  return saveTextFile(ctx, 'auditLog', `lockout-lens-audit-${slug}-${day}.${format}`, format === 'csv' ? auditToCsv(entries) : auditToJson(entries));
}
