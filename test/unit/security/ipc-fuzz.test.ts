/**
 * IPC fuzzing over every channel of the router table (fast-check, seeded). helper-6's router tests
 * check one bad payload per rule; this throws thousands of random and hostile payloads and senders
 * at `dispatch` with a SPY handler table, and holds two invariants:
 *  1. nothing outside the schema reaches a handler — a handler only ever sees arguments that the
 *     method's schema accepts as they are, and no id-typed field carries URL, path, SQL or markup syntax;
 *  2. dispatch always answers an envelope (never throws), and no payload pollutes Object.prototype.
 * The handler boundary is the only way to Graph or SQL (handlers are the only callers of core), so
 * "never reaches a handler" means "never reaches Graph or SQL".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { methods } from '../../../electron/contract/contract.js';
import { INVOKE_METHODS, invokeChannel, type InvokeMethod } from '../../../electron/contract/names.js';
import { dispatch, type HandlerTable, type RouterHost } from '../../../electron/contract/router.js';
import { APP_ORIGIN, PRODUCTION_SENDER_POLICY } from '../../../electron/contract/sender.js';
import { figures } from '../../integration/reliability/figures.js';

const fig = figures('ipc-fuzz');
const SEED = Number(process.env.LL_RELIABILITY_SEED ?? 20261201);
const RUNS = Number(process.env.LL_FUZZ_RUNS ?? 300);
const mainFrame = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };

/** A valid argument object per method, the base the hostile mutations start from. */
const VALID: Record<InvokeMethod, Record<string, unknown>> = {
  getAppState: {}, openDemoTenant: {}, closeTenant: {},
  listTenantProfiles: {},
  addTenantProfile: { name: 'contoso', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', cloud: 'public', jamfConnectClientIds: [] },
  removeTenantProfile: { name: 'contoso' }, openTenant: { name: 'contoso' }, signInToTenant: {}, signOutOfTenant: {},
  importFile: { kind: 'caseFile' },
  saveDiagnosisReport: { user: 'sofie.lunde@northwind-demo.example', format: 'markdown' },
  exportAuditLog: { format: 'csv' },
  searchUsers: { query: 'sofie', limit: 10 },
  runDiagnosis: { user: 'sofie.lunde@northwind-demo.example', days: 7 },
  exportDiagnosisReport: { user: 'sofie.lunde@northwind-demo.example', format: 'html' },
  listSignIns: { offset: 0, limit: 50 },
  getSignIn: { id: '0b71e000-0001-4000-8000-000000000000' },
  listPolicies: {},
  planExemption: { policyId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', expiresInHours: 4 },
  preflightExemption: { planId: 'plan-1' },
  applyExemption: { planId: 'plan-1', confirmTenantId: '4f1c2b9e-7a55-4c1e-9d3a-0b8e6f2a1c11', confirmPolicyId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
  verifyExemption: { exemptionId: 'op-1' }, rollbackExemption: { exemptionId: 'op-1' },
  listExemptions: {}, listAuditLog: { offset: 0, limit: 100 },
  simulateJamfConnectLogin: { user: 'sofie.lunde@northwind-demo.example' },
  startSync: { kind: 'user', user: 'sofie.lunde@northwind-demo.example' }, getSettings: {},
  saveSettings: { theme: 'dark', jamfConnectAppIds: ['96c0fc83-df9d-4e26-bb09-4195a6b50a1d'], attributeSetName: 'JamfConnect', attributeName: 'isExempt', retentionDays: 30, diagnosisDays: 7 },
  openDocumentation: { topic: 'signInLogs' },
};

/** Fields that name objects: they must never carry anything but id / UPN characters. */
const ID_FIELDS = new Set(['user', 'id', 'policyId', 'targetAppId', 'planId', 'confirmPolicyId', 'exemptionId']);
const FREE_TEXT = new Set(['searchUsers.query', 'listSignIns.user', 'listSignIns.app', 'listSignIns.from', 'listSignIns.to', 'applyExemption.confirmTenantId']);
// UPN characters Entra allows (O'Brien, #EXT# guests), never URL, path or query syntax.
const SAFE_ID = /^[A-Za-z0-9._@+\-:'!#^~$]+$/;

const HOSTILE_STRINGS = [
  "' OR 1=1 --", "x'; DROP TABLE sign_ins; --", '../../../etc/passwd', '..\\..\\windows\\system32', '/v1.0/identity/conditionalAccess/policies',
  'https://evil.example/steal', 'file:///etc/passwd', 'javascript:alert(1)', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  "o'brien@contoso.example", 'a%27b', '#fragment', 'user/../admin', 'user@contoso.example?$filter=true', '$expand=*',
  'x'.repeat(10_000), '\u0000', '\u202e', 'ünïcødé@contoso.example', '__proto__', 'constructor', '{"$where":1}',
];
const HOSTILE_VALUES: unknown[] = [
  null, undefined, NaN, Infinity, -1, 1e308, 2 ** 53, [], [1, 2], true, '', 0, {}, () => 1, Symbol('x'), 10n,
  JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }, new Date(), /re/,
];

function spyTable(calls: { method: InvokeMethod; args: unknown }[]): HandlerTable<unknown> {
  return Object.fromEntries(INVOKE_METHODS.map((m) => [m, async (_ctx: unknown, args: unknown) => {
    calls.push({ method: m, args });
    throw new Error('spy: the handler was reached'); // the envelope turns this into an error; we only count arrivals
  }])) as unknown as HandlerTable<unknown>;
}

function checkArrival(method: InvokeMethod, args: unknown): void {
  const reparsed = methods[method].args.safeParse(args);
  assert.ok(reparsed.success, `${method}: a handler got arguments its schema refuses: ${safeJson(args)}`);
  walk(args, '', (path, value) => {
    const field = path.split('.').pop() ?? '';
    if (typeof value === 'string' && ID_FIELDS.has(field) && !FREE_TEXT.has(`${method}.${field}`)) {
      assert.match(value, SAFE_ID, `${method}.${path}: id field carried ${JSON.stringify(value.slice(0, 80))}`);
    }
  });
}

function walk(v: unknown, path: string, visit: (path: string, value: unknown) => void): void {
  visit(path, v);
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, visit);
}

function safeJson(v: unknown): string {
  try { return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))?.slice(0, 300) ?? String(v); } catch { return String(v); }
}

/** A hostile variant of a valid payload: one field replaced, an extra key, or the whole thing swapped. */
function hostilePayload(method: InvokeMethod): fc.Arbitrary<unknown> {
  const base = VALID[method];
  const keys = Object.keys(base);
  const hostileValue = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_VALUES), fc.anything(), fc.string({ unit: 'binary' }));
  return fc.oneof(
    keys.length ? fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...base, [k]: v })) : fc.constant({ ...base, extra: 1 }),
    fc.tuple(fc.string(), hostileValue).map(([k, v]) => ({ ...base, [k || 'x']: v })),
    fc.constantFrom(...HOSTILE_VALUES),
    fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true, withSet: true }),
    fc.constant([base]),
  );
}

test('random and hostile payloads on every channel: refused by schema, never reach a handler outside it', async () => {
  const calls: { method: InvokeMethod; args: unknown }[] = [];
  const host: RouterHost<unknown> = { table: spyTable(calls), ctx: {}, senderPolicy: PRODUCTION_SENDER_POLICY };
  let tried = 0;
  let refused = 0;
  for (const method of INVOKE_METHODS) {
    await fc.assert(fc.asyncProperty(hostilePayload(method), async (payload) => {
      const before = calls.length;
      const envelope = await dispatch(host, invokeChannel(method), payload, mainFrame);
      tried++;
      assert.equal(typeof envelope.ok, 'boolean');
      if (calls.length > before) checkArrival(method, calls.at(-1)!.args);
      else { refused++; assert.equal(envelope.ok, false); assert.equal(!envelope.ok && envelope.error.code, 'invalidArguments', `${method}: ${safeJson(payload)}`); }
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
    }), { seed: SEED, numRuns: RUNS });
    // The valid payload itself does reach the handler — the spy would catch a schema that refuses everything.
    const before = calls.length;
    await dispatch(host, invokeChannel(method), VALID[method], mainFrame);
    assert.equal(calls.length, before + 1, `${method}: the valid payload was refused`);
  }
  fig.add('inputs.ipc.payloads', tried);
  fig.add('inputs.ipc.refused', refused);
  fig.add('inputs.ipc.channels', INVOKE_METHODS.length);
  assert.ok(refused > tried / 2, `most hostile payloads are refused (${refused}/${tried})`);
});

test('every hostile string in every id field of every channel is refused before the handler', async () => {
  const calls: { method: InvokeMethod; args: unknown }[] = [];
  const host: RouterHost<unknown> = { table: spyTable(calls), ctx: {}, senderPolicy: PRODUCTION_SENDER_POLICY };
  let tried = 0;
  for (const method of INVOKE_METHODS) {
    for (const field of Object.keys(VALID[method]).filter((k) => ID_FIELDS.has(k))) {
      for (const s of HOSTILE_STRINGS.filter((x) => !SAFE_ID.test(x))) {
        const r = await dispatch(host, invokeChannel(method), { ...VALID[method], [field]: s }, mainFrame);
        tried++;
        assert.equal(r.ok, false);
        assert.equal(!r.ok && r.error.code, 'invalidArguments', `${method}.${field} = ${JSON.stringify(s.slice(0, 40))}`);
      }
    }
  }
  assert.deepEqual(calls, []);
  fig.add('inputs.ipc.idFieldAttacks', tried);
  assert.ok(tried > 100);
});

test('random senders and channels: only our main frame on app://lockout-lens gets past the router, and unknown channels never resolve', async () => {
  const calls: { method: InvokeMethod; args: unknown }[] = [];
  const host: RouterHost<unknown> = { table: spyTable(calls), ctx: {}, senderPolicy: PRODUCTION_SENDER_POLICY };
  const hostileUrls = fc.oneof(
    fc.webUrl({ withFragments: true, withQueryParameters: true }),
    fc.constantFrom('app://lockout-lens.evil/', 'app://evil/lockout-lens', 'app://user:pw@lockout-lens/', 'file:///index.html',
      'APP://LOCKOUT-LENS:99/', 'app://lockout-lens%2eevil/', 'blob:app://lockout-lens/x', 'about:blank', '', 'not a url', 'data:text/html,hi'),
    fc.string(),
  );
  let tried = 0;
  await fc.assert(fc.asyncProperty(hostileUrls, fc.boolean(), fc.constantFrom(...INVOKE_METHODS), async (url, isMainFrame, method) => {
    const before = calls.length;
    const r = await dispatch(host, invokeChannel(method), VALID[method], { url, isMainFrame });
    tried++;
    let origin = '';
    try { const u = new URL(url); origin = `${u.protocol}//${u.host}`; if (u.username || u.password) origin = 'creds'; } catch { /* not a URL */ }
    const trusted = isMainFrame && origin === APP_ORIGIN;
    assert.equal(calls.length > before, trusted, `sender ${JSON.stringify(url)} main=${isMainFrame}`);
    if (!trusted) assert.equal(!r.ok && r.error.code, 'forbiddenSender');
  }), { seed: SEED, numRuns: RUNS * 3 });
  await fc.assert(fc.asyncProperty(fc.string(), fc.anything(), async (channel, payload) => {
    fc.pre(!INVOKE_METHODS.some((m) => invokeChannel(m) === channel));
    const r = await dispatch(host, channel, payload, mainFrame);
    tried++;
    assert.equal(!r.ok && r.error.code, 'unknownChannel');
  }), { seed: SEED, numRuns: RUNS });
  fig.add('inputs.ipc.senders', tried);
});
