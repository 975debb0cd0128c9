/** The main window: secure options, remembered bounds, shown when ready. */
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { APP_ENTRY_URL } from './app-protocol.js';
import { mainWindowOptions } from './window-options.js';
import { fitToDisplays, readWindowStateSync, writeWindowStateSync } from './window-state.js';

export function createMainWindow(params: { preloadPath: string; stateFile: string }): BrowserWindow {
  const stored = readWindowStateSync(params.stateFile);
  const state = fitToDisplays(stored, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow(mainWindowOptions({ preloadPath: params.preloadPath, state, darkBackground: nativeTheme.shouldUseDarkColors }));
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    try {
      writeWindowStateSync(params.stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
    } catch {
      // Losing the window position is not worth failing a quit over.
    }
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
