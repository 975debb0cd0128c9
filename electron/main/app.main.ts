/**
 * The Electron entry point (composition root). Everything with logic lives in the sibling pure
 * modules; this file wires them to Electron's APIs in the order Electron requires.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, nativeTheme } from 'electron';
import type { AppContext } from '../app/context.js';
import { loadShippedDemoSnapshot } from '../app/demo.js';
import { DOC_LINKS } from '../app/doc-links.js';
import { closeOpenTenant } from '../app/close-tenant.js';
import { checkExpiredExemptions } from '../app/expiry-checks.js';
import { startExpiryChecks } from '../core/exemption/expiry-scheduler.js';
import { handlers } from '../app/handlers.js';
import { openStartupTenant } from '../app/startup.js';
import { fileSettingsStore, type SettingsStore } from '../app/settings.js';
import { eventSchemas } from '../contract/router.js';
import { eventChannel } from '../contract/names.js';
import { PRODUCTION_SENDER_POLICY } from '../contract/sender.js';
import { bindRouter, trustWebContents } from './ipc.main.js';
import { createLogger } from './log.js';
import { menuTemplate } from './menu-template.js';
import { registerAppScheme, serveRenderer } from './protocol.main.js';
import { electronHostPorts } from './host-ports.main.js';
import { installSecurityGuards, openExternalSafely } from './security.main.js';
import { createMainWindow } from './window.main.js';
import { startAutoUpdates } from './updater.main.js';

// Bundled to out/main/app.main.js: the project root is two levels up (see build/vite.main.config.ts).
const root = fileURLToPath(new URL('../../', import.meta.url));
const rendererRoot = join(root, 'dist-web');
const preloadPath = join(root, 'out', 'preload', 'preload.cjs');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let mainWindow: BrowserWindow | null = null;
  let appContext: AppContext | null = null;
  let expiryChecks: { stop(): void } | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(async () => {
    const userData = app.getPath('userData');
    mkdirSync(join(userData, 'logs'), { recursive: true });
    const logFile = join(userData, 'logs', 'main.log');
    const log = createLogger((line) => appendFileSync(logFile, line + '\n'));
    log.info('starting', { version: app.getVersion(), electron: process.versions.electron });

    installSecurityGuards(log);
    void startAutoUpdates(log).catch((error: Error) => log.warn('auto-update failed', { message: error.message }));
    serveRenderer(rendererRoot, log);
    nativeTheme.themeSource = 'system';

    const fileSettings = fileSettingsStore(join(userData, 'settings.json'));
    const settings: SettingsStore = {
      get: () => fileSettings.get(),
      save: (next) => {
        const saved = fileSettings.save(next);
        nativeTheme.themeSource = saved.theme;
        return saved;
      },
    };
    nativeTheme.themeSource = settings.get().theme;

    const ctx: AppContext = {
      version: app.getVersion(),
      dataDir: userData,
      settings,
      session: null,
      ports: {
        openExternal: (url) => openExternalSafely(url, log),
        emit: (event, payload) => {
          const valid = eventSchemas[event].parse(payload);
          mainWindow?.webContents.send(eventChannel(event), valid);
        },
        loadDemoSnapshot: () => loadShippedDemoSnapshot(new Date()),
        now: () => new Date(),
        log,
        ...electronHostPorts(userData, () => mainWindow, log),
      },
    };
    appContext = ctx;
    bindRouter({ table: handlers, ctx, senderPolicy: PRODUCTION_SENDER_POLICY, log });

    const showView = (view: 'diagnosis' | 'signIns' | 'policies' | 'exemptions' | 'settings') => ctx.ports.emit('showView', { view });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({ isMac: process.platform === 'darwin', appName: 'Lockout Lens', showView, openHelp: () => void openExternalSafely(DOC_LINKS.jamfConnectConditionalAccess, log) }),
      ),
    );

    // The tenant open when the app last closed; the demo tenant when no tenant is configured yet.
    try {
      const opened = await openStartupTenant(ctx, {
        profileNames: async () => (await handlers.listTenantProfiles(ctx, {})).map((p) => p.name),
        openProfile: (name) => handlers.openTenant(ctx, { name }),
        openDemo: () => handlers.openDemoTenant(ctx, {}),
      });
      log.info('start-up tenant', { opened });
    } catch (error) {
      log.error('start-up tenant did not open', { error });
    }

    // Time-boxed exemptions of the open tenant are rolled back once due: now, then every minute.
    expiryChecks = startExpiryChecks({
      intervalMs: 60_000,
      check: async () => { await checkExpiredExemptions(ctx); },
      onError: (error) => log.warn('expiry check failed', { message: error instanceof Error ? error.message : String(error) }),
    });

    const open = () => {
      mainWindow = createMainWindow({ preloadPath, stateFile: join(userData, 'window-state.json') });
      trustWebContents(mainWindow.webContents);
      mainWindow.on('closed', () => (mainWindow = null));
    };
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });

  let closedCleanly = false;
  app.on('will-quit', (event) => {
    expiryChecks?.stop();
    if (closedCleanly || !appContext) return;
    // A running sync stops, then the demo emulator and the SQLite store close — awaited before the
    // process exits, so the store records a clean close and the next start skips the integrity check.
    event.preventDefault();
    const ctx = appContext;
    void closeOpenTenant(ctx)
      .catch((error: Error) => ctx.ports.log.error('closing the tenant on quit failed', { message: error.message }))
      .finally(() => {
        closedCleanly = true;
        app.quit();
      });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
