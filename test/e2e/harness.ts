/**
 * The browser harness: the real renderer build in Debian Chromium, with the preload emulated by
 * Playwright's exposeBinding wired to the REAL IPC router and handler table (same sender check,
 * same schemas), served from a loopback static server that sends the app's own CSP header.
 *
 * Used by the e2e tests and by `npm run ui:browser`. Nothing here weakens the app's CSP: the page
 * is loaded exactly as the app:// handler would serve it.
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AppContext } from '../../electron/app/context.js';
import { loadShippedDemoSnapshot } from '../../electron/app/demo.js';
import { closeOpenTenant } from '../../electron/app/close-tenant.js';
import { handlers } from '../../electron/app/handlers.js';
import { memorySettingsStore } from '../../electron/app/settings.js';
import { EVENT_NAMES, INVOKE_METHODS, invokeChannel, eventChannel, BRIDGE_GLOBAL } from '../../electron/contract/names.js';
import { dispatch, type RouterHost } from '../../electron/contract/router.js';
import type { TenantSnapshot } from '../../electron/core/snapshot/types.js';
import { resolveAppRequest, APP_HOST, APP_SCHEME } from '../../electron/main/app-protocol.js';
import { securityHeaders } from '../../electron/main/csp.js';
import { checkExternalUrl } from '../../electron/main/external-links.js';
import type { EmulatorEndpoint } from '../../electron/core/auth/connection.js';
import { testDialogs, testHostPorts, type TestDialogs } from '../support/app-ports.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const HARNESS_VERSION = `${(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version}-harness`;

/** The fixed "now" of the demo tenant file, so e2e runs see the same window every time. */
export const DEMO_NOW = new Date('2026-11-30T12:00:00Z');

/** Build the renderer into a fresh temp folder (parallel test files never share an output dir). */
export async function buildRenderer(outDir = mkdtempSync(join(tmpdir(), 'll-dist-web-'))): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: join(projectRoot, 'build/vite.renderer.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
  return outDir;
}

/** Set by scripts/run-tests.mjs: one renderer build made before the test processes start, shared by all. */
export const SHARED_RENDERER_ENV = 'LL_RENDERER_DIST';

let ownBuild: Promise<string> | undefined;

/**
 * The renderer build the browser suites serve. node's runner gives each test file its own process, so
 * `npm test` builds once up front and passes the folder in LL_RENDERER_DIST; a file run on its own
 * builds its own copy, once per process.
 */
export function sharedRendererBuild(): Promise<string> {
  const shared = process.env[SHARED_RENDERER_ENV];
  if (shared && existsSync(join(shared, 'index.html'))) return Promise.resolve(shared);
  ownBuild ??= buildRenderer();
  return ownBuild;
}

export interface StaticServer {
  readonly origin: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serve `root` on 127.0.0.1 with the same path policy and headers as the app:// handler. */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const resolved = resolveAppRequest(root, `${APP_SCHEME}://${APP_HOST}${req.url ?? '/'}`, req.method);
    if (!resolved.ok) {
      res.writeHead(resolved.status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
      res.end(resolved.reason);
      return;
    }
    try {
      statSync(resolved.filePath);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': resolved.contentType, ...securityHeaders() });
    if (req.method === 'HEAD') res.end();
    else createReadStream(resolved.filePath).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function launchBrowser(options: { headed?: boolean } = {}): Promise<Browser> {
  const args = options.headed ? CHROMIUM_ARGS.filter((a) => a !== '--headless') : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: !options.headed, args });
}

/**
 * The preload stand-in, as a STRING (tsx's keepNames rewrites function-valued init scripts into
 * `__name(...)` calls that do not exist in the page). Mirrors electron/preload/bridge.ts: one
 * function per contract method, `on` returning an unsubscribe, listeners get only the payload.
 */
function bridgeInitScript(): string {
  const channels = Object.fromEntries(INVOKE_METHODS.map((m) => [m, invokeChannel(m)]));
  const events = Object.fromEntries(EVENT_NAMES.map((e) => [e, eventChannel(e)]));
  return `(() => {
  const channels = ${JSON.stringify(channels)};
  const events = ${JSON.stringify(events)};
  const listeners = new Map();
  const bridge = {};
  for (const [method, channel] of Object.entries(channels)) {
    bridge[method] = (args) => window.__lockoutLensInvoke(channel, args === undefined ? {} : args);
  }
  bridge.on = (event, listener) => {
    const channel = events[event];
    if (!channel) throw new Error('unknown event ' + String(event));
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    const wrapped = (payload) => listener(payload);
    listeners.get(channel).add(wrapped);
    return () => { listeners.get(channel).delete(wrapped); };
  };
  Object.defineProperty(window, '__lockoutLensEmit', {
    value: (channel, payload) => { for (const l of listeners.get(channel) || []) l(payload); },
  });
  Object.defineProperty(window, ${JSON.stringify(BRIDGE_GLOBAL)}, { value: Object.freeze(bridge), writable: false, configurable: false });
})();`;
}

export interface HarnessOptions {
  /** The demo tenant's snapshot; default: the shipped resources/demo-tenant.json at DEMO_NOW. */
  readonly snapshot?: TenantSnapshot;
  /** Where the app's clock starts (default DEMO_NOW); it then runs in real time. */
  readonly now?: Date;
  readonly colorScheme?: 'light' | 'dark';
  readonly viewport?: { width: number; height: number };
  /** A running emulator standing in for a live tenant (profiles with cloud 'emulator' use it). */
  readonly emulator?: EmulatorEndpoint;
}

export interface HarnessApp {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly app: AppContext;
  /** URLs the app asked to open externally, and whether the allowlist let them through. */
  readonly externalOpens: Array<{ url: string; allowed: boolean }>;
  /** Page errors, console errors (CSP violations land here) and dialogs. */
  readonly problems: string[];
  readonly routerLog: string[];
  /** Answers for the app's open/save dialogs: queue paths per purpose before the click. */
  readonly dialogs: TestDialogs;
  close(): Promise<void>;
}

/** Open the app in a fresh browser context with its own AppContext (tests never share state). */
export async function openApp(browser: Browser, server: StaticServer, options: HarnessOptions = {}): Promise<HarnessApp> {
  // The clock starts at `now` and then runs in real time: the emulator's throttles and the
  // verification window need time to pass; whole-day snapshot shifting keeps runs reproducible.
  const start = options.now ?? DEMO_NOW;
  const startedAt = Date.now();
  const clock = () => new Date(start.getTime() + (Date.now() - startedAt));
  const externalOpens: HarnessApp['externalOpens'] = [];
  const problems: string[] = [];
  const routerLog: string[] = [];
  let page: Page | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'll-harness-data-'));
  const dialogs = testDialogs();
  const app: AppContext = {
    version: HARNESS_VERSION,
    dataDir,
    settings: memorySettingsStore(),
    session: null,
    ports: {
      async openExternal(url) {
        const verdict = checkExternalUrl(url);
        externalOpens.push({ url, allowed: verdict.allowed });
        return verdict.allowed;
      },
      emit(event, payload) {
        void page?.evaluate(`window.__lockoutLensEmit(${JSON.stringify(eventChannel(event))}, ${JSON.stringify(payload)})`).catch(() => {});
      },
      loadDemoSnapshot: async () => options.snapshot ?? loadShippedDemoSnapshot(start),
      now: clock,
      log: { info: () => {}, warn: (m) => routerLog.push(m), error: (m) => routerLog.push(m) },
      ...testHostPorts(dialogs),
      ...(options.emulator ? { emulator: options.emulator } : {}),
    },
  };
  const host: RouterHost<AppContext> = {
    table: handlers,
    ctx: app,
    senderPolicy: { allowedOrigins: [server.origin] },
    log: { warn: (m, d) => routerLog.push(`${m} ${JSON.stringify(d)}`), error: (m, d) => routerLog.push(`${m} ${JSON.stringify(d)}`) },
  };
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1360, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
    // No bypassCSP: the page runs under exactly the CSP the app sends.
  });
  await context.exposeBinding('__lockoutLensInvoke', async (source, channel: unknown, args: unknown) =>
    dispatch(host, String(channel), args, { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }),
  );
  await context.addInitScript({ content: bridgeInitScript() });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${server.origin}/index.html`);
  await page.waitForSelector('html[data-app-state="loaded"]');
  return {
    page,
    context,
    app,
    externalOpens,
    problems,
    routerLog,
    dialogs,
    close: async () => {
      await context.close();
      await closeOpenTenant(app);
      removeDir(dataDir);
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function chromiumAvailable(): boolean {
  try {
    statSync('/usr/bin/chromium');
    return true;
  } catch {
    return false;
  }
}

/** Why the browser tests cannot run here, or false when they can. */
export function browserSkipReason(): string | false {
  return chromiumAvailable() ? false : 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)';
}

export const screenshotsDir = join(projectRoot, 'test-results', 'screenshots');

export interface BrowserSuite {
  readonly browser: Browser;
  readonly server: StaticServer;
  readonly shots: string;
}

/**
 * Registers the enclosing describe's before/after hooks: the shared renderer build served by a
 * static server, one Chromium, and the screenshot folder. Read `browser`/`server` inside tests,
 * not at describe time: they exist only once the before hook has run.
 */
export function useBrowserSuite(): BrowserSuite {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    const dist = await sharedRendererBuild();
    server = await startStaticServer(dist);
    browser = await launchBrowser();
    mkdirSync(screenshotsDir, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    // The build stays: other suites in this process, or other test processes, serve the same one.
  });
  const notReady = (what: string) => new Error(`useBrowserSuite: ${what} read before the suite's before hook ran`);
  return {
    get browser() {
      if (!browser) throw notReady('browser');
      return browser;
    },
    get server() {
      if (!server) throw notReady('server');
      return server;
    },
    shots: screenshotsDir,
  };
}
