import type { Store } from '../store/store.js';
import type { RawSignIn } from '../store/sign-ins-repo.js';
import { CsvError, parseCsv } from './csv.js';
import { importRefused, type ImportResult } from './import-error.js';
import { importedSignInSchema } from './sign-in-schema.js';
import { resolveTenant, sha256, writeSignIns } from './write-sign-ins.js';

/**
 * The Entra admin center's sign-in log download (CSV). Column names as the portal writes them
 * ("Date (UTC)", "Request ID", "Sign-in error code", "Conditional Access" …), matched
 * case-insensitively; each row becomes a signIn object in Graph's shape. The portal CSV has no
 * per-policy CA details, so appliedConditionalAccessPolicies is absent (not "none") — the store
 * marks such rows as "CA details not visible".
 */
const REQUIRED = ['request id', 'date (utc)'] as const;

export function parsePortalCsv(text: string, file: string, options: { interactive?: boolean } = {}): RawSignIn[] {
  let table;
  try { table = parseCsv(text); } catch (error) {
    if (error instanceof CsvError) throw importRefused(file, { line: error.line, column: error.column }, error.message);
    throw error;
  }
  const index = new Map(table.header.map((h, i) => [h.toLowerCase(), i]));
  for (const name of REQUIRED) {
    if (!index.has(name)) {
      throw importRefused(file, { line: 1 }, `the header has no "${name === 'request id' ? 'Request ID' : 'Date (UTC)'}" column — this does not look like an Entra sign-in log download`);
    }
  }
  const interactive = options.interactive ?? !/noninteractive/i.test(file);
  const out: RawSignIn[] = [];
  table.rows.forEach((row, n) => {
    if (row.cells.length !== table.header.length) {
      throw importRefused(file, { line: row.line, record: n + 1 }, `the row has ${row.cells.length} fields but the header has ${table.header.length}`);
    }
    const get = (name: string): string | undefined => {
      const i = index.get(name);
      const v = i === undefined ? undefined : row.cells[i]!.trim();
      return v === '' ? undefined : v;
    };
    const id = get('request id');
    if (!id) throw importRefused(file, { line: row.line, record: n + 1, path: 'Request ID' }, 'the Request ID is empty');
    const created = portalDate(get('date (utc)'));
    if (!created) throw importRefused(file, { line: row.line, record: n + 1, path: 'Date (UTC)' }, `"${get('date (utc)') ?? ''}" is not a date/time`);
    const codeText = get('sign-in error code');
    const errorCode = codeText === undefined ? (/^success/i.test(get('status') ?? '') ? 0 : undefined) : Number(codeText);
    if (errorCode !== undefined && !Number.isInteger(errorCode)) {
      throw importRefused(file, { line: row.line, record: n + 1, path: 'Sign-in error code' }, `"${codeText}" is not an error number`);
    }
    const signIn: RawSignIn = {
      id,
      createdDateTime: created,
      userDisplayName: get('user'),
      userPrincipalName: get('username')?.toLowerCase(),
      userId: get('user id'),
      userType: lowerFirst(get('user type')),
      appDisplayName: get('application'),
      appId: get('application id'),
      resourceDisplayName: get('resource'),
      resourceId: get('resource id'),
      resourceTenantId: get('resource tenant id'),
      homeTenantId: get('home tenant id'),
      ipAddress: get('ip address'),
      location: location(get('location')),
      status: { errorCode: errorCode ?? null, failureReason: get('failure reason') ?? null },
      clientAppUsed: get('client app'),
      userAgent: get('user agent'),
      correlationId: get('correlation id'),
      conditionalAccessStatus: caStatus(get('conditional access')),
      authenticationRequirement: requirement(get('authentication requirement')),
      authenticationProtocol: get('authentication protocol')?.toLowerCase(),
      crossTenantAccessType: lowerFirst(get('cross tenant access type')),
      isInteractive: interactive,
      signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
      deviceDetail: {
        deviceId: get('device id') ?? '', browser: get('browser') ?? '', operatingSystem: get('operating system') ?? '',
        isCompliant: yesNo(get('compliant')), isManaged: yesNo(get('managed')), trustType: get('join type') ?? '',
      },
      _source: { format: 'entra-portal-csv', row: Object.fromEntries(table.header.map((h, i) => [h, row.cells[i]])) },
    };
    for (const key of Object.keys(signIn)) if (signIn[key] === undefined) delete signIn[key];
    // The same boundary check as every other import (zod), on the object we built from the row.
    const checked = importedSignInSchema.safeParse(signIn);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw importRefused(file, { line: row.line, record: n + 1, path: issue.path.map(String).join('.') }, issue.message);
    }
    out.push(signIn);
  });
  return out;
}

export function importPortalCsv(store: Store, text: string, options: { file: string; tenantId?: string; interactive?: boolean; now?: Date }): ImportResult {
  const signIns = parsePortalCsv(text, options.file, options);
  const tenantId = resolveTenant(options.file, signIns, options.tenantId);
  return writeSignIns(store, { kind: 'portal-csv', file: options.file, tenantId, signIns, contentHash: sha256(text), now: options.now ?? new Date() });
}

/** "2026-11-20T08:41:12Z", "2026-11-20 08:41:12" (UTC by the column's name) or "11/20/2026, 8:41:12 AM". */
function portalDate(value: string | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) v = `${v.replace(' ', 'T')}Z`;
  else if (/^\d{1,2}\/\d{1,2}\/\d{4},? \d{1,2}:\d{2}(:\d{2})?( [AP]M)?$/i.test(v)) v = `${v.replace(',', '')} UTC`;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function caStatus(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const k = v.toLowerCase().replace(/[\s_-]/g, '');
  return k === 'success' ? 'success' : k === 'failure' ? 'failure' : k === 'notapplied' ? 'notApplied' : v;
}

function requirement(v: string | undefined): string | undefined {
  if (!v) return undefined;
  if (/^single/i.test(v)) return 'singleFactorAuthentication';
  if (/^multi/i.test(v)) return 'multiFactorAuthentication';
  return v;
}

function yesNo(v: string | undefined): boolean | null {
  if (!v) return null;
  if (/^(yes|true)$/i.test(v)) return true;
  if (/^(no|false)$/i.test(v)) return false;
  return null;
}

function lowerFirst(v: string | undefined): string | undefined {
  return v ? v.charAt(0).toLowerCase() + v.slice(1).replace(/\s+/g, '') : undefined;
}

function location(v: string | undefined): Record<string, string> | undefined {
  if (!v) return undefined;
  const [city = '', state = '', country = ''] = v.split(',').map((p) => p.trim());
  return { city, state, countryOrRegion: country };
}
