// The IPC router: sender check (VS Code model), argument and result schemas, error envelopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methods } from '../../../electron/contract/contract.js';
import { IpcError } from '../../../electron/contract/envelope.js';
import { INVOKE_METHODS, invokeChannel, methodOfChannel } from '../../../electron/contract/names.js';
import { dispatch, type HandlerTable, type RouterHost } from '../../../electron/contract/router.js';
import { APP_ORIGIN, checkSender, PRODUCTION_SENDER_POLICY } from '../../../electron/contract/sender.js';
import { handlers } from '../../../electron/app/handlers.js';

const mainFrame = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };

test('every contract method has a schema and a handler, and no extras', () => {
  assert.deepEqual(Object.keys(methods).sort(), [...INVOKE_METHODS].sort());
  assert.deepEqual(Object.keys(handlers).sort(), [...INVOKE_METHODS].sort());
  for (const m of INVOKE_METHODS) assert.equal(methodOfChannel(invokeChannel(m)), m);
  assert.equal(methodOfChannel('getAppState'), null, 'unprefixed channel is not ours');
  assert.equal(methodOfChannel('lockout:constructor'), null);
  assert.equal(methodOfChannel('lockout:__proto__'), null);
});

test('sender check: only our origin, main frame', () => {
  assert.deepEqual(checkSender(mainFrame, PRODUCTION_SENDER_POLICY), { allowed: true });
  assert.deepEqual(checkSender({ url: 'app://lockout-lens/', isMainFrame: true }, PRODUCTION_SENDER_POLICY), { allowed: true });
  const refused = [
    { url: 'app://lockout-lens/index.html', isMainFrame: false }, // iframe
    { url: 'app://evil/index.html', isMainFrame: true }, // other host, same scheme
    { url: 'app://lockout-lens.evil/index.html', isMainFrame: true },
    { url: 'file:///Applications/Lockout%20Lens.app/index.html', isMainFrame: true },
    { url: 'https://lockout-lens/index.html', isMainFrame: true },
    { url: 'http://127.0.0.1:5173/', isMainFrame: true }, // the harness origin is not allowed in production
    { url: 'devtools://devtools/bundled/inspector.html', isMainFrame: true },
    { url: 'app://user@lockout-lens/index.html', isMainFrame: true },
    { url: '', isMainFrame: true }, // Electron reports '' for a frame mid-navigation
    { url: 'about:blank', isMainFrame: true },
  ];
  for (const sender of refused) {
    const v = checkSender(sender, PRODUCTION_SENDER_POLICY);
    assert.equal(v.allowed, false, JSON.stringify(sender));
    assert.ok(!v.allowed && v.reason.length > 5, 'refusal carries a reason');
  }
  assert.equal(checkSender(null, PRODUCTION_SENDER_POLICY).allowed, false);
  const harness = { allowedOrigins: ['http://127.0.0.1:5173'] };
  assert.equal(checkSender({ url: 'http://127.0.0.1:5173/index.html', isMainFrame: true }, harness).allowed, true);
  assert.equal(checkSender({ url: 'http://127.0.0.1:5174/index.html', isMainFrame: true }, harness).allowed, false);
});

function hostWith(overrides: Partial<HandlerTable<null>>, warnings: string[] = []): RouterHost<null> {
  const unreachable = async () => {
    throw new Error('handler should not run');
  };
  const table = Object.fromEntries(INVOKE_METHODS.map((m) => [m, unreachable])) as unknown as HandlerTable<null>;
  return {
    table: { ...table, ...overrides },
    ctx: null,
    senderPolicy: PRODUCTION_SENDER_POLICY,
    log: { warn: (m, d) => warnings.push(`${m} ${JSON.stringify(d)}`), error: (m, d) => warnings.push(`${m} ${JSON.stringify(d)}`) },
  };
}

const settings = { theme: 'system' as const, jamfConnectAppIds: [] as string[], attributeSetName: 'JamfConnect', attributeName: 'isExemptMFA', retentionDays: 30, diagnosisDays: 7 };

test('dispatch refuses a bad sender before looking at anything else, and logs why', async () => {
  const warnings: string[] = [];
  const host = hostWith({}, warnings);
  const r = await dispatch(host, invokeChannel('getSettings'), {}, { url: 'app://lockout-lens/index.html', isMainFrame: false });
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.error.code === 'forbiddenSender');
  assert.match(warnings.join('\n'), /sub-frame/);
});

test('dispatch refuses unknown channels', async () => {
  const r = await dispatch(hostWith({}), 'lockout:deleteTenant', {}, mainFrame);
  assert.ok(!r.ok && r.error.code === 'unknownChannel');
});

test('dispatch rejects payloads outside the schema without calling the handler', async () => {
  const host = hostWith({});
  const bad: Array<[string, unknown]> = [
    ['runDiagnosis', { user: '../../etc/passwd' }],
    ['runDiagnosis', { user: 'https://evil.example/' }],
    ['runDiagnosis', { user: 'alex@contoso.com', days: 365 }],
    ['runDiagnosis', { user: 'alex@contoso.com', extra: 'smuggled' }],
    ['runDiagnosis', 'alex@contoso.com'],
    ['runDiagnosis', null],
    ['listSignIns', { offset: 0, limit: 100000 }],
    ['listSignIns', { offset: -1, limit: 10 }],
    ['getSignIn', { id: "1' OR '1'='1" }],
    ['getSignIn', { id: 'x'.repeat(1000) }],
    ['saveSettings', { ...settings, theme: 'neon' }],
    ['saveSettings', { ...settings, jamfConnectAppIds: ['<script>'] }],
    ['openDocumentation', { topic: 'https://evil.example/' }],
    ['applyExemption', { planId: 'p1', confirmTenantId: 't', confirmPolicyId: 'a b' }],
    ['getAppState', { anything: 1 }],
  ];
  for (const [method, args] of bad) {
    const r = await dispatch(host, invokeChannel(method as never), args, mainFrame);
    assert.equal(r.ok, false, `${method} ${JSON.stringify(args)}`);
    assert.ok(!r.ok && r.error.code === 'invalidArguments', `${method}: ${!r.ok ? r.error.code : ''}`);
  }
});

test('dispatch returns the handler value in an envelope, and refuses malformed results', async () => {
  const good = await dispatch(hostWith({ getSettings: async () => settings }), invokeChannel('getSettings'), {}, mainFrame);
  assert.deepEqual(good, { ok: true, value: settings });
  const warnings: string[] = [];
  const badResult = await dispatch(
    hostWith({ getSettings: async () => ({ ...settings, theme: 42 }) as never }, warnings),
    invokeChannel('getSettings'),
    {},
    mainFrame,
  );
  assert.ok(!badResult.ok && badResult.error.code === 'invalidResult');
  assert.match(warnings.join('\n'), /outside the contract/);
});

test('dispatch maps thrown errors to codes; nothing escapes', async () => {
  const cases: Array<[() => Promise<never>, string]> = [
    [async () => { throw new IpcError('notYet', 'x not available yet'); }, 'notYet'],
    [async () => { throw Object.assign(new Error('no network'), { code: 'offline' }); }, 'offline'],
    [async () => { throw Object.assign(new Error('missing role'), { code: 'missing_role' }); }, 'missingPermission'],
    [async () => { throw new TypeError('boom'); }, 'internal'],
    [async () => { throw 'a string'; }, 'internal'],
  ];
  for (const [fn, code] of cases) {
    const r = await dispatch(hostWith({ getSettings: fn }), invokeChannel('getSettings'), {}, mainFrame);
    assert.ok(!r.ok && r.error.code === code, `${code}: ${JSON.stringify(r)}`);
  }
});

test('user references accept every character Entra allows in a UPN, and refuse URL, path and query syntax', async () => {
  const { objectRef } = await import('../../../electron/contract/schemas.js');
  for (const ok of ["o'brien@contoso.example", 'ana_b!x#y^z~w@contoso.example', 'adele_fabrikam.example#EXT#@contoso.onmicrosoft.com', '$svc@contoso.example', 'first.last+tag@contoso.example']) {
    assert.ok(objectRef.safeParse(ok).success, ok);
  }
  for (const bad of ['user/../admin', 'user@contoso.example?$filter=true', 'a%27b', 'two words@contoso.example', '', 'x'.repeat(321), 'a\u0000b', 'ünïcødé@contoso.example']) {
    assert.ok(!objectRef.safeParse(bad).success, JSON.stringify(bad.slice(0, 40)));
  }
});
