import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { WRITE_SCOPES } from '../../../electron/core/auth/scopes.js';
import { createAuthSession } from '../../../electron/core/auth/session.js';
import { connect } from '../../../electron/core/auth/connection.js';
import { MemorySecretStore } from '../../../electron/core/auth/secret-store.js';
import { demoProfile } from '../../../electron/core/profiles/demo-profile.js';
import { AppError } from '../../../electron/core/graph/app-error.js';
import { syncDirectory } from '../../../electron/core/sync/directory-sync.js';
import { syncUserSignIns } from '../../../electron/core/sync/targeted-sync.js';
import { JAMF_CONNECT_APP, OPERATOR, startHarness } from './harness.js';

test('write scopes come only by incremental consent, then are available silently', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  await assert.rejects(ws.session.getAccessToken(WRITE_SCOPES), (e: unknown) => e instanceof AppError && e.code === 'missing_scope' && e.details.consentRequired === true);
  await ws.session.requestAdditionalScopes(WRITE_SCOPES, emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  assert.match(await ws.session.getAccessToken(WRITE_SCOPES), /^eyJ/);
  assert.ok((ws.session.grantedScopes() ?? []).some((s) => /Policy\.ReadWrite\.ConditionalAccess/.test(s)));
});

test('a tenant without a P1 licence is told apart from a permission problem', async (t) => {
  const h = await startHarness({ licence: 'free' });
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  await assert.rejects(syncUserSignIns({ store: ws.store, graph: ws.graph, tenantId: await ws.tenantId(), appIds: [JAMF_CONNECT_APP], user: { upn: OPERATOR }, days: 7 }),
    (e: unknown) => e instanceof AppError && e.code === 'no_premium_licence' && /P1 or P2/.test(e.message));
});

test('an unknown tenant is reported as such by the sign-in', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const connection = connect(demoProfile, { origin: h.emulator.origin, tenantId: '00000000-dead-4bad-8bad-000000000000', caCertPem: h.emulator.caCertPem });
  const session = createAuthSession({ connection, secretStore: new MemorySecretStore() });
  await assert.rejects(session.signInDeviceCode(() => {}), (e: unknown) => e instanceof AppError && e.code === 'tenant_not_found');
});

test('CA endpoints answer 429 without Retry-After when paced too fast; the client backs off itself and succeeds', async (t) => {
  // The emulator enforces Graph's real 1 request/s for CA; the client is (wrongly) allowed 20/s.
  const h = await startHarness({ throttle: { signInsLimit: 20, signInsWindowSeconds: 1, conditionalAccessIntervalMs: 1000 } });
  t.after(() => h.close());
  const ws = h.workspace({ budgets: { signIns: null, conditionalAccess: { requests: 20, perMs: 1000 }, directory: null } });
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const [a, b] = await Promise.all([
    syncDirectory({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP] }),
    syncDirectory({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP] }),
  ]);
  assert.ok(a.policies.ok && b.policies.ok && a.namedLocations.ok && b.namedLocations.ok);
  const throttled = h.emulator.control.requestLog().filter((r) => r.path.includes('/identity/conditionalAccess/') && r.status === 429);
  assert.ok(throttled.length > 0, 'the emulator did throttle');
});
