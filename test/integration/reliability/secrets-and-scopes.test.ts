/**
 * After a full operator run against the emulator — sign-in, directory + user + tenant sync, a
 * diagnosis exported as Markdown and HTML, a case file exported by the CLI, and a sync that CRASHES
 * (its stderr is the "crash output") — no token or secret is anywhere: database, files under the
 * config dir, log lines, exported files, crash output. Searched two ways: the exact token strings
 * taken from the (decrypted) MSAL cache, and any JWT-shaped string at all.
 * Also: the sign-in asks for read scopes only (authorize URL and granted `scp`), and MSAL's loopback
 * redirect server binds 127.0.0.1 only. helper-3's offline-and-secrets test covers the database and
 * token cache for a sync; this adds exports, crash output, the generic JWT scan and the scopes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorOpenBrowser } from '../../../electron/core/auth/emulator-browser.js';
import { READ_SCOPES, WRITE_SCOPES } from '../../../electron/core/auth/scopes.js';
import { main } from '../../../electron/cli/main.js';
import { diagnoseFromStore, toHtml, toMarkdown } from '../../../electron/core/diagnosis/index.js';
import { syncDirectory, syncUser } from '../../../electron/core/sync/directory-sync.js';
import { syncUserSignIns } from '../../../electron/core/sync/targeted-sync.js';
import { runFullSync } from '../../../electron/core/sync/full-sync.js';
import { demoSnapshot, JAMF_CONNECT_APP, OPERATOR, startHarness } from '../data-path/harness.js';
import { figures } from './figures.js';

const fig = figures('secrets-and-scopes');
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const USER = 'sofie.lunde@northwind-demo.example';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

test('no token or secret in the database, files, logs, exported reports, case files or crash output after a full run', async (t) => {
  const h = await startHarness({ accessTokenLifetimeSeconds: 302 });
  t.after(() => h.close());
  const ws = h.workspace();
  const authorizeUrls: string[] = [];
  const browser = emulatorOpenBrowser(ws.connection.transport, OPERATOR);
  await ws.session.signInInteractive(async (url) => { authorizeUrls.push(url); await browser(url); });
  const tenantId = await ws.tenantId();
  const tokens = new Set<string>([await ws.session.getAccessToken()]);
  await syncDirectory({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP] });
  const user = await syncUser({ store: ws.store, graph: ws.graph, tenantId, idOrUpn: USER });
  await syncUserSignIns({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], user: { id: user.user.id }, days: 30 });
  await runFullSync({ store: ws.store, graph: ws.graph, tenantId, appIds: [JAMF_CONNECT_APP], days: 30, windowMs: 10 * 86_400_000 });
  tokens.add(await ws.session.getAccessToken());
  const cache = JSON.parse((await ws.secretStore.read())!) as Record<string, Record<string, { secret: string }>>;
  for (const section of ['AccessToken', 'RefreshToken', 'IdToken']) for (const e of Object.values(cache[section] ?? {})) tokens.add(e.secret);
  assert.ok(Object.keys(cache.RefreshToken ?? {}).length > 0, 'a refresh token exists to look for');

  // Exports: the diagnosis report in both formats, and a CLI case file.
  const diagnosis = diagnoseFromStore(ws.store, tenantId, USER, { days: 30 });
  const exportsDir = join(h.configDir, 'exports');
  const files = { md: join(h.configDir, 'report.md'), html: join(h.configDir, 'report.html'), caseFile: join(h.configDir, 'case.json') };
  writeFileSync(files.md, toMarkdown(diagnosis));
  writeFileSync(files.html, toHtml(diagnosis));
  const cliErr: string[] = [];
  const code = await main(['export', '--tenant-id', tenantId, '--user', USER, '--out', files.caseFile],
    { stdout: () => {}, stderr: (s) => cliErr.push(s), env: { ...h.env, LOCKOUT_LENS_HOME: h.configDir } });
  assert.equal(code, 0, cliErr.join(''));
  void exportsDir;

  // Crash output: a sync process that dies on an unrecoverable Graph error prints its error and stack.
  // A lasting 500 (reads are retried on 5xx a bounded number of times, so one alone would be ridden out).
  h.emulator.control.injectFaults([{ kind: 'status', status: 500, pathPrefix: '/beta/auditLogs/signIns', count: 50 }]);
  const crash = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sync-child.ts', import.meta.url))], {
      env: { ...process.env, LL_ENDPOINT: JSON.stringify({ origin: h.emulator.origin, tenantId, caCertPem: h.emulator.caCertPem }),
        LL_CONFIG_DIR: h.configDir, LL_OPERATOR: OPERATOR, LL_APP: JAMF_CONNECT_APP, LL_WINDOW_MS: String(86_400_000), LL_DAYS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    child.stdout.on('data', (d) => { stdout += String(d); });
    child.on('exit', (c) => resolve({ code: c, stderr, stdout }));
  });
  assert.notEqual(crash.code, 0, 'the child crashed as intended');
  assert.match(crash.stderr, /server error \(500\)/);

  ws.store.db.pragma('wal_checkpoint(TRUNCATE)');
  h.logger.log('info', `careless: Authorization: Bearer ${[...tokens][0]}`);
  const haystacks: [string, Buffer][] = [
    ...listFiles(h.configDir).map((f) => [f, readFileSync(f)] as [string, Buffer]),
    ['log lines', Buffer.from(h.logLines.join('\n'))],
    ['crash stderr', Buffer.from(crash.stderr)],
    ['crash stdout', Buffer.from(crash.stdout)],
  ];
  assert.ok(haystacks.some(([f]) => f === files.caseFile) && haystacks.some(([f]) => f.endsWith('cache.sqlite')));
  let scanned = 0;
  for (const [name, bytes] of haystacks) {
    scanned += bytes.length;
    // The token cache is encrypted; everything else is text-ish: no JWT shape anywhere.
    assert.doesNotMatch(bytes.toString('latin1'), JWT, `JWT-shaped string in ${name}`);
    for (const token of tokens) {
      const slice = token.slice(Math.floor(token.length / 3), Math.floor(token.length / 3) + 24);
      assert.equal(bytes.includes(Buffer.from(token)) || bytes.includes(Buffer.from(slice)), false, `token material in ${name}`);
    }
  }
  fig.add('secrets.filesScanned', haystacks.length);
  fig.add('secrets.bytesScanned', scanned);
  fig.add('secrets.tokensSearched', tokens.size);

  // Least privilege at sign-in: the authorize request and the granted token carry read scopes only.
  assert.ok(authorizeUrls.length >= 1);
  for (const url of authorizeUrls) {
    const scopes = (new URL(url).searchParams.get('scope') ?? '').split(' ');
    for (const s of READ_SCOPES) assert.ok(scopes.some((x) => x.endsWith(s)), `authorize asks for ${s}`);
    for (const s of scopes) assert.doesNotMatch(s, /ReadWrite|\.Write|Directory\.AccessAsUser/i, `authorize asked for ${s}`);
  }
  for (const token of [...tokens].filter((x) => JWT.test(x))) {
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { scp?: string };
    if (claims.scp === undefined) continue; // id token
    for (const w of WRITE_SCOPES) assert.ok(!claims.scp.split(' ').includes(w), `granted ${w} at plain sign-in`);
  }
  fig.add('scopes.authorizeRequestsChecked', authorizeUrls.length);
});

test("MSAL's loopback redirect server binds 127.0.0.1 only and is unreachable on other interfaces", async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  const listens: unknown[][] = [];
  const original = http.Server.prototype.listen;
  // A spy on listen for the duration of one sign-in: every server MSAL starts is recorded.
  http.Server.prototype.listen = function (this: http.Server, ...args: unknown[]) { listens.push(args); return (original as (...a: unknown[]) => http.Server).apply(this, args); } as typeof original;
  let port = 0;
  const outside = Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i!.address);
  let reachableOutside: string[] = [];
  try {
    const browser = emulatorOpenBrowser(ws.connection.transport, OPERATOR);
    await ws.session.signInInteractive(async (url) => {
      port = Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
      // While the loopback server waits for the code: try it from every non-loopback address.
      reachableOutside = (await Promise.all(outside.map((addr) => new Promise<string | null>((resolve) => {
        const s = net.connect({ host: addr, port }, () => { s.destroy(); resolve(addr); });
        s.on('error', () => resolve(null));
      })))).filter((x): x is string => x !== null);
      await browser(url);
    });
  } finally { http.Server.prototype.listen = original; }
  assert.ok(port > 0, 'a loopback redirect was used');
  const loopbackListens = listens.filter((a) => a[1] !== undefined || typeof a[0] === 'number');
  assert.ok(loopbackListens.length >= 1, `MSAL started its loopback server: ${JSON.stringify(listens)}`);
  for (const args of loopbackListens) assert.equal(args[1], '127.0.0.1', `listen(${JSON.stringify(args)}) binds loopback only`);
  assert.deepEqual(reachableOutside, [], 'the redirect server answers on a non-loopback interface');
  if (outside.length === 0) console.log('note: this machine has no non-loopback IPv4 interface; the bind address was checked from the listen() call only');
  fig.add('security.loopbackChecks');
});

test('the interactive sign-in gives up when the browser never comes back, and frees the loopback port', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  let authorizeUrl = '';
  // The operator closed the browser tab: nothing ever posts back to MSAL's loopback listener.
  const pending = ws.session.signInInteractive(async (url) => { authorizeUrl = url; }, { timeoutMs: 1000 });
  await assert.rejects(pending, (e: Error & { code?: string }) => e.code === 'cancelled' && /timed out/.test(e.message));
  const redirect = new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!);
  redirect.hostname = '127.0.0.1';
  await assert.rejects(fetch(redirect, { method: 'POST' }), 'the loopback listener is closed after giving up');
});

test('an aborted interactive sign-in is reported as cancelled', async (t) => {
  const h = await startHarness();
  t.after(() => h.close());
  const ws = h.workspace();
  const controller = new AbortController();
  const pending = ws.session.signInInteractive(async () => { controller.abort(); }, { signal: controller.signal });
  await assert.rejects(pending, (e: Error & { code?: string }) => e.code === 'cancelled' && /cancelled/.test(e.message));
});
