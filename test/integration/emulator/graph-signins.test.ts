/**
 * GET /auditLogs/signIns through the REAL @microsoft/microsoft-graph-client with a middleware chain
 * ending in GraphTransportMiddleware: paging (PageIterator over many pages), OData filters, v1.0
 * vs beta, the Prefer header for reportOnly results, CA-details visibility, licence, malformed OData.
 * Expectations come from graph-facts §1 (Microsoft's documented behaviour).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphError, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { graphClient, startHarness, syntheticSignIns, tinyTenant, tokenFor, USERS, type Harness } from './helpers.js';

const N = 2350;
let h: Harness;
let reader: string; // Reports Reader: sign-ins, no CA details
let security: string; // Security Reader + CA scopes: sees applied policies
before(async () => {
  h = await startHarness(tinyTenant({ signIns: syntheticSignIns(N) }));
  reader = await tokenFor(h, USERS.reader.upn, ['AuditLog.Read.All', 'Policy.Read.All']);
  security = await tokenFor(h, USERS.csa.upn, ['AuditLog.Read.All', 'Policy.Read.All']);
});
after(async () => { await h.stop(); });

const interactiveCount = Array.from({ length: N }, (_, i) => i).filter((i) => i % 7 !== 0).length;

test('PageIterator follows absolute https nextLinks across many pages, newest first, no duplicates', async () => {
  const client = graphClient(h, async () => security);
  const first = await client.api('/auditLogs/signIns').version('beta').top(100).header('Prefer', 'include-unknown-enum-members').get() as PageCollection;
  assert.match(String(first['@odata.nextLink']), new RegExp(`^${h.emu.origin}/beta/auditLogs/signIns\\?.*\\$skiptoken=`));
  const seen: Record<string, unknown>[] = [];
  const it = new PageIterator(client, first, (s) => { seen.push(s as Record<string, unknown>); return true; }, { headers: { Prefer: 'include-unknown-enum-members' } });
  await it.iterate();
  assert.equal(seen.length, interactiveCount, 'beta without a signInEventTypes filter returns interactive sign-ins only');
  assert.equal(new Set(seen.map((s) => s.id)).size, seen.length, 'no duplicates across pages');
  const times = seen.map((s) => Date.parse(String(s.createdDateTime)));
  assert.ok(times.every((t, i) => i === 0 || t <= times[i - 1]!), 'newest first');
  // The Prefer header went with every page: the report-only entry keeps its real value on the last page too.
  const last = seen[seen.length - 1]!.appliedConditionalAccessPolicies as { result: string }[];
  assert.equal(last[1]!.result, 'reportOnlyNotApplied');
});

test('the nextLink keeps the filter; $top defaults to 1000 and more than 1000 is refused', async () => {
  const client = graphClient(h, async () => reader);
  const filtered = await client.api('/auditLogs/signIns').version('beta').filter("signInEventTypes/any(t: t eq 'nonInteractiveUser')").top(50).get() as PageCollection;
  assert.equal(filtered.value.length, 50);
  assert.ok(filtered.value.every((s: { signInEventTypes: string[] }) => s.signInEventTypes.includes('nonInteractiveUser')));
  const page2 = await client.api(String(filtered['@odata.nextLink'])).get() as PageCollection;
  assert.ok(page2.value.every((s: { signInEventTypes: string[] }) => s.signInEventTypes.includes('nonInteractiveUser')), 'page 2 still filtered');
  const all = await client.api('/auditLogs/signIns').version('beta').get() as PageCollection;
  assert.equal(all.value.length, 1000, 'default page size 1000');
  await assert.rejects(client.api('/auditLogs/signIns').version('beta').top(1001).get(), (e: unknown) => {
    assert.ok(e instanceof GraphError);
    assert.equal(e.statusCode, 400);
    return true;
  });
});

test('filters: createdDateTime window (unquoted literals), userPrincipalName, status/errorCode, audiences, and/or/parentheses', async () => {
  const client = graphClient(h, async () => reader);
  const get = async (filter: string) => ((await client.api('/auditLogs/signIns').version('beta').filter(filter).top(1000).get()) as PageCollection).value as Record<string, any>[];
  const window = await get('createdDateTime ge 2026-11-30T11:00:00Z and createdDateTime le 2026-11-30T12:00:00Z');
  // Minutes 0..60 back from 12:00 → i = 0..60, interactive ones only.
  assert.equal(window.length, Array.from({ length: 61 }, (_, i) => i).filter((i) => i % 7 !== 0).length);
  const mia = await get(`userPrincipalName eq '${USERS.mac.upn.toUpperCase()}' and status/errorCode eq 53000`);
  assert.ok(mia.length > 0 && mia.every((s) => s.userPrincipalName === USERS.mac.upn && s.status.errorCode === 53000), 'UPN compare is case-insensitive');
  const aud = await get("conditionalAccessAudiences/any(a: a eq '00000002-0000-0000-c000-000000000000') and (conditionalAccessStatus eq 'failure' or startswith(userPrincipalName,'paul'))");
  assert.ok(aud.length > 0);
  assert.ok(aud.every((s) => s.conditionalAccessAudiences.includes('00000002-0000-0000-c000-000000000000') && (s.conditionalAccessStatus === 'failure' || s.userPrincipalName.startsWith('paul'))));
  const none = await get("userPrincipalName eq 'o''brien@contoso.test'");
  assert.deepEqual(none, [], "'' is an escaped quote, not the end of the literal");
});

test('$orderby createdDateTime asc works; ordering by anything else is a 400', async () => {
  const client = graphClient(h, async () => reader);
  const asc = await client.api('/auditLogs/signIns').version('beta').orderby('createdDateTime asc').top(3).get() as PageCollection;
  const t = asc.value.map((s: { createdDateTime: string }) => Date.parse(s.createdDateTime));
  assert.ok(t[0] <= t[1] && t[1] <= t[2]);
  await assert.rejects(client.api('/auditLogs/signIns').version('beta').orderby('userPrincipalName').get(), (e: unknown) => e instanceof GraphError && e.statusCode === 400);
});

test('without the Prefer header reportOnly* results read as unknownFutureValue; with it, the real value', async () => {
  const client = graphClient(h, async () => security);
  const plain = await client.api('/auditLogs/signIns').version('beta').top(1).get() as PageCollection;
  assert.equal(plain.value[0].appliedConditionalAccessPolicies[1].result, 'unknownFutureValue');
  const preferred = await client.api('/auditLogs/signIns').version('beta').top(1).header('Prefer', 'include-unknown-enum-members').get() as PageCollection;
  assert.equal(preferred.value[0].appliedConditionalAccessPolicies[1].result, 'reportOnlyNotApplied');
});

test('appliedConditionalAccessPolicies is omitted (not empty) for a Reports Reader without a CA-reading role', async () => {
  const client = graphClient(h, async () => reader);
  const page = await client.api('/auditLogs/signIns').version('beta').top(5).get() as PageCollection;
  assert.equal(page.value.length, 5);
  for (const s of page.value) assert.ok(!('appliedConditionalAccessPolicies' in s), 'property absent');
  const one = await client.api(`/auditLogs/signIns/${page.value[0].id}`).version('beta').get();
  assert.ok(!('appliedConditionalAccessPolicies' in one));
});

test('v1.0 returns interactive sign-ins only and strips beta-only properties', async () => {
  const client = graphClient(h, async () => security);
  const page = await client.api('/auditLogs/signIns').version('v1.0').top(20).get() as PageCollection;
  for (const s of page.value) {
    for (const betaOnly of ['signInEventTypes', 'authenticationProtocol', 'conditionalAccessAudiences', 'authenticationRequirement']) assert.ok(!(betaOnly in s), `${betaOnly} absent in v1.0`);
    assert.equal(s.isInteractive, true);
    assert.deepEqual(Object.keys(s.appliedConditionalAccessPolicies[0]).sort(), ['displayName', 'enforcedGrantControls', 'enforcedSessionControls', 'id', 'result']);
  }
  // signInEventTypes does not exist in v1.0: filtering on it is a 400.
  await assert.rejects(client.api('/auditLogs/signIns').version('v1.0').filter("signInEventTypes/any(t: t eq 'nonInteractiveUser')").get(), (e: unknown) => e instanceof GraphError && e.statusCode === 400);
});

test('$select returns id plus the selected properties; an unknown one is a 400 naming it', async () => {
  const client = graphClient(h, async () => reader);
  const page = await client.api('/auditLogs/signIns').version('beta').select('userPrincipalName,status').top(2).get() as PageCollection;
  assert.deepEqual(Object.keys(page.value[0]).sort(), ['id', 'status', 'userPrincipalName']);
  await assert.rejects(client.api('/auditLogs/signIns').version('beta').select('nonsense').get(), (e: unknown) => {
    assert.ok(e instanceof GraphError);
    assert.equal(e.statusCode, 400);
    assert.match(e.message, /nonsense/);
    return true;
  });
});

test('malformed OData answers Graph\'s 400 envelope with request ids', async () => {
  const bad = [
    "userPrincipalName eq 'unterminated",
    'createdDateTime ge 2026-13-45T99:00:00Z',
    "createdDateTime ge '2026-11-01T00:00:00Z'",
    'status/errorCode eq abc',
    "userPrincipalName endswith 'x'",
    "nosuchProperty eq 'x'",
    "(userPrincipalName eq 'a'",
    "userPrincipalName eq 'a' and",
    "signInEventTypes/any(t: t gt 'x')",
    'not (isInteractive eq true)',
  ];
  for (const filter of bad) {
    const res = await h.transport(`${h.emu.origin}/beta/auditLogs/signIns?$filter=${encodeURIComponent(filter)}`, { headers: { authorization: `Bearer ${reader}`, 'client-request-id': 'c-1' } });
    assert.equal(res.status, 400, filter);
    assert.ok(res.headers.get('request-id'), 'request-id header');
    const body = await res.json() as { error: { code: string; message: string; innerError: Record<string, string> } };
    assert.ok(body.error.code && body.error.message, filter);
    assert.equal(body.error.innerError['client-request-id'], 'c-1');
    assert.match(body.error.innerError.date!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.equal(body.error.innerError['request-id'], res.headers.get('request-id'));
  }
});

test('a tenant without Entra ID P1 answers 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant', async () => {
  const free = await startHarness(tinyTenant({ signIns: syntheticSignIns(3) }), { licence: 'free' });
  try {
    const token = await tokenFor(free, USERS.reader.upn, ['AuditLog.Read.All']);
    const client = graphClient(free, async () => token);
    await assert.rejects(client.api('/auditLogs/signIns').version('beta').get(), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.statusCode, 403);
      assert.equal(e.code, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
      return true;
    });
  } finally { await free.stop(); }
});

test('ingestion delay: a new sign-in appears only after the delay (emulator clock)', async () => {
  const delayed = await startHarness(tinyTenant(), { ingestionDelaySeconds: 120 });
  try {
    const token = await tokenFor(delayed, USERS.reader.upn, ['AuditLog.Read.All']);
    const client = graphClient(delayed, async () => token);
    const r = delayed.emu.control.simulateJamfConnectLogin({ userPrincipalName: USERS.mac.upn, clientId: '' + 'aaaaaaaa-0000-4000-8000-000000000001' });
    assert.ok(r.signIn);
    assert.equal(((await client.api('/auditLogs/signIns').version('beta').get()) as PageCollection).value.length, 0, 'not yet ingested');
    delayed.emu.control.advanceClock(121);
    const after = ((await client.api('/auditLogs/signIns').version('beta').get()) as PageCollection).value;
    assert.deepEqual(after.map((s: { id: string }) => s.id), [r.signIn!.id]);
  } finally { await delayed.stop(); }
});
