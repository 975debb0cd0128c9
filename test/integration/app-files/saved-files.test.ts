// saveDiagnosisReport and exportAuditLog through the router: the save dialog, atomic 0600 writes,
// cancel, escaping of hostile names in the HTML report, and the audit log after a demo apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadShippedDemoSnapshot } from '../../../electron/app/demo.js';
import { AUDIT_CSV_COLUMNS } from '../../../electron/core/exemption/audit-export.js';
import { appHarness, NOW } from './app-harness.js';

const MARI = 'mari.johansen@northwind-demo.example';
const KARI = 'kari.dahl@northwind-demo.example';

test('save report: cancelled dialog answers cancelled and writes nothing; a chosen path gets exactly the exported report, mode 0600', async (t) => {
  const h = appHarness({ frozenClock: true });
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  const outDir = join(h.dataDir, 'out');
  const before = readdirSync(h.dataDir);

  const cancelled = await h.fails('saveDiagnosisReport', { user: KARI, format: 'markdown' });
  assert.equal(cancelled.code, 'cancelled');
  assert.deepEqual(readdirSync(h.dataDir).filter((f) => !f.startsWith('cache.sqlite')), before.filter((f) => !f.startsWith('cache.sqlite')), 'nothing written');
  assert.deepEqual(h.dialogs.saveAsked, [{ purpose: 'report', suggestedName: 'lockout-kari.dahl_northwind-demo.example.md' }]);

  // Unknown users fail before any dialog is shown.
  const unknown = await h.fails('saveDiagnosisReport', { user: 'nobody@northwind-demo.example', format: 'html' });
  assert.equal(unknown.code, 'notFound');
  assert.equal(h.dialogs.saveAsked.length, 1);

  mkdirSync(outDir);
  const target = join(outDir, 'kari.md');
  writeFileSync(target, 'an older report the operator chose to overwrite');
  h.dialogs.toSave.set('report', [target]);
  const saved = await h.call('saveDiagnosisReport', { user: KARI, format: 'markdown' });
  assert.equal(saved.path, target);
  const exported = await h.call('exportDiagnosisReport', { user: KARI, format: 'markdown' });
  assert.equal(readFileSync(target, 'utf8'), exported.text);
  assert.match(exported.text, /CA020/, 'the report names the blocking policy');
  if (process.platform !== 'win32') assert.equal(statSync(target).mode & 0o777, 0o600, 'reports name users: owner-only');
  assert.deepEqual(readdirSync(outDir), ['kari.md'], 'no temp file left behind');
});

test('save report: an unwritable destination answers a clear error and leaves no partial file', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  h.dialogs.toSave.set('report', [join(h.dataDir, 'no-such-folder', 'r.html')]);
  const err = await h.fails('saveDiagnosisReport', { user: KARI, format: 'html' });
  assert.equal(err.code, 'internal');
  assert.match(err.message, /Could not save r\.html \(ENOENT\)/);
});

test('HTML report of a case file with hostile names: markup stays text', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  const snapshot = await loadShippedDemoSnapshot(NOW);
  const hostile = '<img src=x onerror=alert(1)><script>alert("x")</script>';
  const kari = snapshot.users.find((u) => u.userPrincipalName === KARI)!;
  kari.displayName = hostile;
  for (const s of snapshot.signIns) if (s.userPrincipalName === KARI) s.userDisplayName = hostile;
  const policy = snapshot.conditionalAccessPolicies.find((p) => String(p.displayName).startsWith('CA020'))!;
  policy.displayName = `CA020 </td><svg onload=alert(2)> & "quotes"`;
  const caseFile = join(h.dataDir, 'hostile-case.json');
  writeFileSync(caseFile, JSON.stringify(snapshot));
  h.dialogs.toOpen.set('caseFile', [caseFile]);
  await h.call('importFile', { kind: 'caseFile' });

  const target = join(h.dataDir, 'report.html');
  h.dialogs.toSave.set('report', [target]);
  await h.call('saveDiagnosisReport', { user: KARI, format: 'html' });
  const html = readFileSync(target, 'utf8');
  assert.ok(!/<img|<script>alert|<svg/i.test(html), 'no hostile element survives');
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(html, /CA020 &lt;\/td&gt;&lt;svg onload=alert\(2\)&gt; &amp;/);
});

test('audit log export after a demo apply: CSV with the documented columns and JSON with every entry, oldest first', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  await h.call('openDemoTenant', {});
  assert.equal((await h.fails('exportAuditLog', { format: 'csv' })).code, 'cancelled');

  const d = await h.call('runDiagnosis', { user: MARI });
  const rec = d.recommendations.find((r) => r.action === 'exemptFromPolicy')!;
  const plan = await h.call('planExemption', { policyId: rec.policyId!, targetAppId: rec.targetAppId! });
  assert.equal((await h.call('preflightExemption', { planId: plan.planId })).passed, true);
  const applied = await h.call('applyExemption', { planId: plan.planId, confirmTenantId: plan.tenantId, confirmPolicyId: plan.policyId });
  assert.ok(h.events.some((e) => e.event === 'exemptionsChanged' && (e.payload as { reason: string; exemptionId: string }).reason === 'applied'
    && (e.payload as { exemptionId: string }).exemptionId === applied.exemptionId), 'apply tells the renderer');
  const listed = await h.call('listAuditLog', { offset: 0, limit: 500 });
  assert.ok(listed.length >= 3);

  const csvPath = join(h.dataDir, 'audit.csv');
  const jsonPath = join(h.dataDir, 'audit.json');
  h.dialogs.toSave.set('auditLog', [csvPath, jsonPath]);
  assert.equal((await h.call('exportAuditLog', { format: 'csv' })).path, csvPath);
  assert.equal((await h.call('exportAuditLog', { format: 'json' })).path, jsonPath);
  assert.match(h.dialogs.saveAsked.at(-1)!.suggestedName, /^lockout-lens-audit-Northwind_Trails_AS-\d{4}-\d{2}-\d{2}\.json$/);

  const csv = readFileSync(csvPath, 'utf8');
  const lines = csv.split('\r\n');
  assert.equal(lines[0], AUDIT_CSV_COLUMNS.join(','));
  assert.equal(lines.at(-1), '', 'RFC 4180: every record ends with CRLF');
  assert.ok(csv.includes(`exemption.plan`) && csv.includes('exemption.applied') && csv.includes(applied.exemptionId));

  const entries = JSON.parse(readFileSync(jsonPath, 'utf8')) as Array<{ seq: number; action: string; operationId?: string }>;
  assert.equal(entries.length, listed.length, 'the whole log, not a page');
  assert.deepEqual(entries.map((e) => e.seq), [...entries.map((e) => e.seq)].sort((a, b) => a - b), 'oldest first');
  assert.equal(entries[0]!.action, 'exemption.plan');
  assert.ok(entries.some((e) => e.action === 'exemption.applied' && e.operationId === applied.exemptionId));
  if (process.platform !== 'win32') assert.equal(statSync(jsonPath).mode & 0o777, 0o600);
});

test('audit export without an open tenant answers noTenant before any dialog', async (t) => {
  const h = appHarness();
  t.after(() => h.close());
  assert.equal((await h.fails('exportAuditLog', { format: 'json' })).code, 'noTenant');
  assert.equal(h.dialogs.saveAsked.length, 0);
});
