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
import { closeWorkflow } from '../app/exemption-workflow.js';
import { handlers } from '../app/handlers.js';
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

    // No tenant configured yet (tenant profiles arrive with sign-in): start in the demo tenant.
    try {
      await handlers.openDemoTenant(ctx, {});
    } catch (error) {
      log.error('demo tenant did not open', { error });
    }

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

  app.on('will-quit', () => {
    // The demo emulator and the SQLite store close with the app.
    if (appContext) void closeWorkflow(appContext);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
