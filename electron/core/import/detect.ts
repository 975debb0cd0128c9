import { basename, extname } from 'node:path';
import type { ImportKind } from './import-error.js';

/**
 * Which importer reads a file: by extension first, then by content — a .json is a snapshot when
 * it has tenant-snapshot collections, sign-ins otherwise.
 */
export function detectImportKind(file: string, data: Buffer): ImportKind | null {
  const ext = extname(file).toLowerCase();
  const head = data.subarray(0, 4096).toString('latin1');
  if (ext === '.mobileconfig' || ext === '.plist' || head.startsWith('bplist') || /<plist|<!DOCTYPE plist/.test(head)) return 'jamf-profile';
  if (ext === '.csv') return 'portal-csv';
  if (ext === '.json' || /^\s*[[{]/.test(head.replace(/^\uFEFF/, ''))) {
    if (/"(organization|conditionalAccessPolicies|transitiveMemberOf|servicePrincipals|formatVersion)"\s*:/.test(data.subarray(0, 1 << 20).toString('utf8'))) {
      // A Graph list response has "value" at the top; a snapshot never does.
      if (!/^\s*\{\s*"(@odata\.context|value)"/.test(head.replace(/^\uFEFF/, ''))) return 'snapshot';
    }
    return /^\s*\[/.test(head.replace(/^\uFEFF/, '')) ? 'portal-json' : 'graph-json';
  }
  return /^"?[A-Za-z (]+"?,/.test(head) ? 'portal-csv' : null;
}

export function displayName(file: string): string {
  return basename(file);
}
