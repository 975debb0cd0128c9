import { readFileSync, statSync } from 'node:fs';
import type { Store } from '../store/store.js';
import { detectImportKind, displayName } from './detect.js';
import { importSignInJson } from './graph-json-import.js';
import { importRefused, type ImportKind, type ImportResult } from './import-error.js';
import { parseJamfConnectProfile, type JamfConnectSettings } from './jamf-profile-import.js';
import { importPortalCsv } from './portal-csv-import.js';
import { importSnapshot } from './snapshot-import.js';

export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

export type ImportOutcome =
  | { readonly kind: 'jamf-profile'; readonly file: string; readonly settings: JamfConnectSettings }
  | ({ readonly kind: Exclude<ImportKind, 'jamf-profile'> } & ImportResult);

/**
 * Imports one file of any supported kind. Cache imports are transactional and idempotent; a Jamf
 * Connect profile writes nothing here — its settings come back for the caller to merge into a tenant
 * profile. Any refusal is an AppError('invalid_input') with position and reason, and nothing written.
 */
export function importFile(store: Store, path: string, options: { kind?: ImportKind; tenantId?: string; now?: Date } = {}): ImportOutcome {
  const file = displayName(path);
  let data: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw importRefused(file, {}, 'not a file');
    if (st.size > MAX_IMPORT_BYTES) throw importRefused(file, {}, `the file is ${st.size} bytes, over the ${MAX_IMPORT_BYTES}-byte limit`);
    data = readFileSync(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'invalid_input') throw error;
    throw importRefused(file, {}, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const kind = options.kind ?? detectImportKind(path, data);
  if (!kind) throw importRefused(file, {}, 'unknown file type (expected a tenant snapshot, Graph/portal sign-in JSON, portal CSV, or a Jamf Connect .mobileconfig/.plist)');
  if (kind === 'jamf-profile') return { kind, file, settings: parseJamfConnectProfile(data, file) };
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(data); } catch {
    throw importRefused(file, {}, 'the file is not UTF-8 text');
  }
  const common = { file, tenantId: options.tenantId, now: options.now };
  switch (kind) {
    case 'snapshot': return { ...importSnapshot(store, text, common), kind };
    case 'portal-csv': return { ...importPortalCsv(store, text, common), kind };
    case 'graph-json':
    case 'portal-json': {
      const result = importSignInJson(store, text, common);
      return { ...result, kind: result.kind as 'graph-json' | 'portal-json' };
    }
  }
}
