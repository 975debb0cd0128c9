import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../../electron/app/context.js';
import { lastOpenTenant, openStartupTenant, rememberOpenTenant } from '../../../electron/app/startup.js';

function ctxIn(dataDir: string, warnings: string[]): AppContext {
  return { dataDir, ports: { log: { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} } } } as unknown as AppContext;
}

function recorder(names: string[], failProfile = false) {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      profileNames: async () => names,
      openProfile: async (n: string) => { calls.push(`profile:${n}`); if (failProfile) throw new Error('cache locked'); },
      openDemo: async () => { calls.push('demo'); },
    },
  };
}

test('start-up: demo when no tenant is configured, the last profile when one was open, the list otherwise', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-startup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const warnings: string[] = [];
  const ctx = ctxIn(dir, warnings);

  let r = recorder([]);
  assert.equal(await openStartupTenant(ctx, r.actions), 'demo');
  assert.deepEqual(r.calls, ['demo']);

  // Profiles exist but nothing was remembered: no guess, the first-run screen lists them.
  r = recorder(['contoso', 'fabrikam']);
  assert.equal(await openStartupTenant(ctx, r.actions), 'none');
  assert.deepEqual(r.calls, []);

  rememberOpenTenant(ctx, { profile: 'fabrikam' });
  assert.deepEqual(lastOpenTenant(ctx), { profile: 'fabrikam' });
  r = recorder(['contoso', 'fabrikam']);
  assert.equal(await openStartupTenant(ctx, r.actions), 'profile');
  assert.deepEqual(r.calls, ['profile:fabrikam']);

  // The remembered profile was removed since: not opened, and no demo forced on the operator either.
  r = recorder(['contoso']);
  assert.equal(await openStartupTenant(ctx, r.actions), 'none');
  assert.deepEqual(r.calls, []);

  rememberOpenTenant(ctx, { demo: true });
  r = recorder(['contoso']);
  assert.equal(await openStartupTenant(ctx, r.actions), 'demo');

  // A profile that fails to open leaves the app on the first-run screen, with the reason logged.
  rememberOpenTenant(ctx, { profile: 'contoso' });
  r = recorder(['contoso'], true);
  assert.equal(await openStartupTenant(ctx, r.actions), 'none');
  assert.ok(warnings.some((w) => /did not open/.test(w)));
});

test('start-up: a malformed or hostile last-tenant file is ignored, never trusted', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'll-startup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const ctx = ctxIn(dir, []);
  for (const content of ['{not json', '{"profile":"../../etc/passwd","extra":1}', '{"profile":""}', '[]', '{"demo":"yes"}']) {
    writeFileSync(join(dir, 'last-tenant.json'), content);
    assert.equal(lastOpenTenant(ctx), null, content);
  }
  const r = recorder([]);
  assert.equal(await openStartupTenant(ctx, r.actions), 'demo');
});
