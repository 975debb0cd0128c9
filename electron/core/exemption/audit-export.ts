/**
 * Audit log export for `lockout-lens audit --csv|--json` and the UI's "export". CSV follows RFC 4180
 * (quotes doubled, fields with comma/quote/newline quoted); JSON keeps the before/after objects as
 * objects. A leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.
 */
import type { AuditEntry } from './audit.js';

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'tenantId', 'operationId', 'objectType', 'objectId', 'action', 'outcome', 'requestIds', 'before', 'after', 'detail'] as const;

function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@]/u.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function auditToCsv(entries: readonly AuditEntry[]): string {
  const rows = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    rows.push(AUDIT_CSV_COLUMNS.map((c) => cell(c === 'requestIds' ? e.requestIds.join(' ') : (e as unknown as Record<string, unknown>)[c])).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

export function auditToJson(entries: readonly AuditEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
