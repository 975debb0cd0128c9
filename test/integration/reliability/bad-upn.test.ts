/**
 * Hostile and unusual UPNs through the real users lookup and the sign-in $filter, against the
 * emulator (real HTTPS, real graph-client). Real users whose UPNs carry ', #, unicode are found —
 * exactly them, with exactly their sign-ins. Strings that name nobody (%, /, ?, OData injection,
 * 10k characters, control characters) get a clear not-found / invalid-input error and write nothing.
 * helper-3's offline-and-secrets test covers o'brien by key path; this covers the rest of the list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { AppError } from '../../../electron/core/graph/app-error.js';
import { syncUser } from '../../../electron/core/sync/directory-sync.js';
import { syncUserSignIns } from '../../../electron/core/sync/targeted-sync.js';
import type { TenantSnapshot } from '../../../electron/core/snapshot/types.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, startHarness } from '../data-path/harness.js';
import { fingerprint } from './db-fingerprint.js';
import { figures } from './figures.js';

const fig = figures('bad-upn');
const REAL = ["d'arcy.o'neil@northwind-demo.example", 'anne#1@northwind-demo.example', 'zoë.ångström@northwind-demo.example', 'plus+tag@northwind-demo.example', 'tilde~caret^@northwind-demo.example'];

function withOddUsers(snapshot: TenantSnapshot): TenantSnapshot {
  const now = Date.now();
  const users = REAL.map((upn, i) => ({ id: `0dd00000-000${i}-4000-8000-000000000000`, userPrincipalName: upn, displayName: `Odd ${i}`, accountEnabled: true, userType: 'Member' }));
  return {
    ...snapshot,
    users: [...snapshot.users, ...users],
    transitiveMemberOf: { ...snapshot.transitiveMemberOf, ...Object.fromEntries(users.map((u) => [u.id, []])) },
    signIns: [...snapshot.signIns, ...users.flatMap((u, i) => [1, 2].map((n) => ({
      id: `0dd0000${n}-000${i}-4000-8000-000000000000`, createdDateTime: new Date(now - n * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      userId: u.id, userPrincipalName: u.userPrincipalName.toLowerCase(), appId: JAMF_CONNECT_APP, appDisplayName: 'Jamf Connect',
      signInEventTypes: [n === 1 ? 'interactiveUser' : 'nonInteractiveUser'], isInteractive: n === 1, status: { errorCode: 53003 },
    })))],
  };
}

const HOSTILE = [
  'a%27b@northwind-demo.example', '%2e%2e%2fusers', 'user/../../me', '../me', 'x/y@northwind-demo.example', 'x?$select=id', '#', '$metadata',
  "' or 1 eq 1 or userPrincipalName eq '", ") or (true", 'ünknown.ünicode@northwind-demo.example', '\u202eevil@northwind-demo.example',
  'a'.repeat(10_000), `${'x'.repeat(10_000)}@northwind-demo.example`, 'tab\there@x.example', 'crlf\r\nX-Injected: 1', ' ', 'null',
];

test('real users whose UPNs carry quotes, #, +, ~, ^ and unicode are found exactly, with exactly their sign-ins', async (t) => {
  const h = await startHarness({ snapshot: withOddUsers(demoSnapshot()) });
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  for (const [i, upn] of REAL.entries()) {
    const r = await syncUser({ store: ws.store, graph: ws.graph, tenantId, idOrUpn: upn });
    assert.equal(r.user.id, `0dd00000-000${i}-4000-8000-000000000000`, upn);
    const byUpn = await syncUserSignIns({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], user: { upn }, days: 2 });
    assert.equal(byUpn.fetched, 2, `${upn}: its own two sign-ins, nobody else's`);
    const cached = ws.store.signIns.forUser({ tenantId, upn });
    assert.deepEqual(cached.map((s) => s.userId), [r.user.id, r.user.id], upn);
    fig.add('inputs.upn.real');
  }
});

test('UPNs that name nobody — %, /, ?, #, OData injection, 10k characters, control characters — get a clear error and write nothing', async (t) => {
  const h = await startHarness({ snapshot: withOddUsers(demoSnapshot()) });
  t.after(() => h.close());
  const ws = h.workspace();
  await ws.session.signInInteractive(emulatorOpenBrowser(ws.connection.transport, OPERATOR));
  const tenantId = await ws.tenantId();
  const outcomes: Record<string, string> = {};
  for (const upn of HOSTILE) {
    const label = JSON.stringify(upn.length > 40 ? `${upn.slice(0, 20)}…(${upn.length})` : upn);
    const before = fingerprint(ws.store);
    await assert.rejects(syncUser({ store: ws.store, graph: ws.graph, tenantId, idOrUpn: upn }), (e: unknown) => {
      assert.ok(e instanceof AppError, `${label}: ${String(e)}`);
      assert.ok(['not_found', 'invalid_input', 'bad_request'].includes(e.code), `${label}: code ${e.code}: ${e.message}`);
      assert.ok(e.message.length < 1000, `${label}: message of ${e.message.length} chars`);
      outcomes[label] = `user: ${e.code}`;
      return true;
    });
    // The sign-in filter for that UPN returns nothing (it is a literal, not syntax), or refuses cleanly.
    try {
      const r = await syncUserSignIns({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], user: { upn }, days: 2 });
      assert.equal(r.fetched, 0, `${label}: the filter matched someone`);
      outcomes[label] += ', sign-ins: 0';
    } catch (e) {
      assert.ok(e instanceof AppError, `${label}: sign-ins ${String(e)}`);
      assert.ok(['invalid_input', 'bad_request'].includes(e.code), `${label}: sign-ins ${e.code}: ${e.message}`);
      outcomes[label] += `, sign-ins: ${e.code}`;
    }
    const after = fingerprint(ws.store);
    // Freshness bookkeeping of an empty answer is allowed; no user, membership or sign-in row is.
    for (const table of Object.keys(before).filter((k) => k !== 'sync_state')) assert.equal(after[table], before[table], `${label}: ${table} changed`);
    fig.add('inputs.upn.hostile');
  }
  const graphErrors = h.emulator.control.requestLog().filter((r) => r.status >= 500);
  assert.deepEqual(graphErrors, [], 'no input made the emulator fail');
  fig.note('upn.outcomes', outcomes);
});
