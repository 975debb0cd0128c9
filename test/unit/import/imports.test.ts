import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../electron/core/store/store.js';
import { importFile } from '../../../electron/core/import/import-file.js';
import { AppError } from '../../../electron/core/graph/app-error.js';
import { parseJamfConnectProfile, applyJamfSettings } from '../../../electron/core/import/jamf-profile-import.js';
import { demoProfile } from '../../../electron/core/profiles/demo-profile.js';

const FIX = new URL('../../fixtures/imports/', import.meta.url).pathname;
const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const now = new Date('2026-11-30T12:00:00Z');

function store(t: { after: (fn: () => void) => void }) {
  const s = openStore(':memory:');
  t.after(() => s.close());
  return s;
}

function refused(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError, `expected AppError, got ${String(e)}`);
    assert.equal(e.code, 'invalid_input');
    assert.match(e.message, pattern);
    assert.match(e.message, /Nothing was imported/);
    return true;
  });
}

test('portal CSV: rows become signIn objects in Graph shape, tenant taken from the rows', (t) => {
  const s = store(t);
  const result = importFile(s, join(FIX, 'InteractiveSignIns_2026-11-01_2026-11-30.csv'), { now });
  if (result.kind !== 'portal-csv') throw new Error(`expected portal-csv, got ${result.kind}`);
  assert.equal(result.tenantId, TENANT);
  assert.deepEqual(result.counts, { signIns: 2 });
  const row = s.signIns.get(TENANT, '8f1c0a4e-0001-4b2a-9c3d-000000000001')!;
  assert.equal(row.createdDateTime, '2026-11-20T08:41:12.000Z');
  assert.deepEqual(row.status, { errorCode: 53003, failureReason: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.' });
  assert.equal(row.userPrincipalName, 'ana.lima@contoso.com');
  assert.equal(row.conditionalAccessStatus, 'failure');
  assert.equal(row.authenticationRequirement, 'singleFactorAuthentication');
  assert.equal(row.authenticationProtocol, 'ropc');
  assert.deepEqual(row.location, { city: 'Oslo', state: 'Oslo', countryOrRegion: 'NO' });
  assert.deepEqual(row.signInEventTypes, ['interactiveUser']);
  assert.equal('appliedConditionalAccessPolicies' in row, false, 'the CSV has no per-policy detail: absent, not empty');
  const second = s.signIns.get(TENANT, '8f1c0a4e-0002-4b2a-9c3d-000000000002')!;
  assert.equal(second.createdDateTime, '2026-11-20T09:00:00.000Z', 'a date without zone is UTC (the column says so)');
  assert.equal(second.userAgent, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) "quoted" agent');
  assert.equal(second.conditionalAccessStatus, 'notApplied');
});

test('re-importing the same file adds nothing and says so', (t) => {
  const s = store(t);
  const path = join(FIX, 'graph-list-response.json');
  const first = importFile(s, path, { now });
  const again = importFile(s, path, { now });
  assert.equal(s.signIns.count(TENANT), 2);
  assert.equal((first as { alreadyImported: boolean }).alreadyImported, false);
  assert.equal((again as { alreadyImported: boolean }).alreadyImported, true);
});

test('Graph list response and portal JSON array are both read; applied policies are indexed', (t) => {
  const s = store(t);
  importFile(s, join(FIX, 'graph-list-response.json'), { now });
  const portal = importFile(s, join(FIX, 'portal-download.json'), { now });
  assert.equal(portal.kind, 'portal-json');
  assert.equal(s.signIns.count(TENANT), 3);
  const hits = s.signIns.policyHits({ tenantId: TENANT });
  assert.deepEqual(hits.map((h) => h.policyId), ['pol-compliant']);
  assert.deepEqual(s.signIns.forUser({ tenantId: TENANT, upn: "O'Brien@contoso.com" }).map((r) => r.id),
    ['66ea54eb-0002-4a1b-8c2d-000000000002', '66ea54eb-0001-4a1b-8c2d-000000000001']);
});

test('malformed files are refused with position and reason, and nothing is written', (t) => {
  const s = store(t);
  refused(() => importFile(s, join(FIX, 'malformed-syntax.json'), { tenantId: TENANT }), /line 4, column \d+: invalid JSON/);
  refused(() => importFile(s, join(FIX, 'malformed-missing-date.json'), { tenantId: TENANT }), /line 4, column \d+, record 2, value\[1\]\.createdDateTime/);
  refused(() => importFile(s, join(FIX, 'malformed-unterminated-quote.csv'), { tenantId: TENANT }), /closing quote is missing/);
  refused(() => importFile(s, join(FIX, 'malformed-bad-date.csv'), { tenantId: TENANT }), /line 3, record 2, Date \(UTC\): "last tuesday" is not a date/);
  refused(() => importFile(s, join(FIX, 'not-a-sign-in-log.csv'), { tenantId: TENANT }), /no "Request ID" column/);
  refused(() => importFile(s, join(FIX, 'malformed.plist')), /not a valid XML property list/);
  assert.equal(s.signIns.count(TENANT), 0, 'the good first rows of the bad files were not stored');
});

test('sign-ins that do not say their tenant need a profile', (t) => {
  const s = store(t);
  refused(() => importFile(s, join(FIX, 'malformed-bad-date.csv').replace('malformed-bad-date', 'not-a-sign-in-log')), /Request ID/);
  const dir = mkdtempSync(join(tmpdir(), 'll-imp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'rows.json');
  writeFileSync(path, JSON.stringify([{ id: 'a', createdDateTime: '2026-11-01T00:00:00Z' }]));
  refused(() => importFile(s, path), /--profile/);
  importFile(s, path, { tenantId: 't-2' });
  assert.equal(s.signIns.count('t-2'), 1);
});

test('Jamf Connect .mobileconfig (Custom Settings payload): ROPG id, tenant, custom API scope', () => {
  const settings = parseJamfConnectProfile(readFileSync(join(FIX, 'jamf-connect-login.mobileconfig')), 'x.mobileconfig');
  assert.deepEqual(settings.clientIds, ['7d3f8a2b-9c4e-4f1a-8b6d-2e5c7a9f0b13'], 'OIDCROPGID and OIDCClientID are the same app');
  assert.equal(settings.tenant, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  assert.deepEqual(settings.ropgScopes, ['api://9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b/jamfconnect', 'openid', 'email', 'profile']);
  assert.equal(settings.apiAppId, '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b');
  assert.deepEqual(settings.domains, ['com.jamf.connect.login']);
  const merged = applyJamfSettings(demoProfile, settings, 'x.mobileconfig');
  assert.deepEqual(merged.jamfConnect?.clientIds, ['7d3f8a2b-9c4e-4f1a-8b6d-2e5c7a9f0b13']);
});

test('menu bar plist: IdPSettings.ROPGID and TenantID; default scopes are not invented', () => {
  const settings = parseJamfConnectProfile(readFileSync(join(FIX, 'com.jamf.connect.plist')), 'com.jamf.connect.plist');
  assert.deepEqual(settings.clientIds, ['5a5a5a5a-0000-4000-8000-00000000005a']);
  assert.equal(settings.tenant, 'contoso.onmicrosoft.com');
  assert.equal(settings.ropgScopes, undefined);
});

test('binary plist and a signed (CMS-wrapped) .mobileconfig are read', (t) => {
  const binary = parseJamfConnectProfile(readFileSync(join(FIX, 'com.jamf.connect.login.binary.plist')), 'b.plist');
  assert.deepEqual(binary.clientIds, ['6b6b6b6b-0000-4000-8000-00000000006b']);
  assert.deepEqual(binary.ropgScopes, ['openid', 'profile', 'email']);
  const xml = readFileSync(join(FIX, 'jamf-connect-login.mobileconfig'));
  // DER SEQUENCE header and trailing signature bytes around the signed content, as `security cms -S` writes.
  const signed = Buffer.concat([Buffer.from([0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]), xml, Buffer.from([0x00, 0x00, 0xa0, 0x82, 0x01, 0xff])]);
  const dir = mkdtempSync(join(tmpdir(), 'll-imp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'signed.mobileconfig'), signed);
  const s = openStore(':memory:');
  t.after(() => s.close());
  const outcome = importFile(s, join(dir, 'signed.mobileconfig'));
  assert.equal(outcome.kind, 'jamf-profile');
  if (outcome.kind === 'jamf-profile') assert.equal(outcome.settings.apiAppId, '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b');
});

test('a plist without Jamf Connect keys is refused', () => {
  const other = Buffer.from('<?xml version="1.0"?><plist version="1.0"><dict><key>Foo</key><string>bar</string></dict></plist>');
  assert.throws(() => parseJamfConnectProfile(other, 'other.plist'), /no Jamf Connect settings found/);
});
