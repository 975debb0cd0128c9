/**
 * The main window's options, with every security-relevant webPreference written out explicitly
 * (Electronegativity flags what is left to defaults, and defaults have changed between versions).
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowState } from './window-state.js';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return Object.freeze({
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: true,
  } satisfies WebPreferences);
}

export function mainWindowOptions(params: {
  readonly preloadPath: string;
  readonly state: WindowState;
  readonly darkBackground: boolean;
}): BrowserWindowConstructorOptions {
  const { state } = params;
  return {
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 960,
    minHeight: 600,
    title: 'Lockout Lens',
    show: false,
    // Matches the renderer's first paint so there is no white flash in dark mode.
    backgroundColor: params.darkBackground ? '#15181d' : '#f6f7f9',
    webPreferences: secureWebPreferences(params.preloadPath),
  };
}
