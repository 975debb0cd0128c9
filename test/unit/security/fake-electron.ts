// A recording stand-in for the 'electron' module, so the thin Electron glue in electron/main/*.main.ts
// can be exercised under plain Node (the real module throws here: no Electron binary). Loaded only by
// electron-glue.test.ts through a resolve hook; everything it is asked to do is recorded on `calls`.
import { EventEmitter } from 'node:events';

type Fn = (...args: any[]) => any;
export const calls = {
  appOn: [] as [string, Fn][],
  handle: new Map<string, Fn>(),
  openExternal: [] as string[],
  permissionRequest: null as Fn | null,
  permissionCheck: null as Fn | null,
  deviceHandler: null as Fn | null,
  windows: [] as BrowserWindow[],
  protocolHandle: new Map<string, Fn>(),
  privileged: [] as any[],
};

export const app = { on: (event: string, fn: Fn) => { calls.appOn.push([event, fn]); }, getPath: () => '/tmp', getVersion: () => '0.0.0' };
export const shell = { openExternal: async (url: string) => { calls.openExternal.push(url); } };
export const session = { defaultSession: {
  setPermissionRequestHandler: (fn: Fn) => { calls.permissionRequest = fn; },
  setPermissionCheckHandler: (fn: Fn) => { calls.permissionCheck = fn; },
  setDevicePermissionHandler: (fn: Fn) => { calls.deviceHandler = fn; },
} };
export const ipcMain = { handle: (channel: string, fn: Fn) => { calls.handle.set(channel, fn); } };
export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' };
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const protocol = {
  registerSchemesAsPrivileged: (schemes: any[]) => { calls.privileged.push(...schemes); },
  handle: (scheme: string, fn: Fn) => { calls.protocolHandle.set(scheme, fn); },
};
export class BrowserWindow extends EventEmitter {
  readonly loaded: string[] = [];
  constructor(readonly options: any) { super(); calls.windows.push(this); }
  maximize(): void {}
  show(): void {}
  isMaximized(): boolean { return false; }
  getNormalBounds() { return { x: 0, y: 0, width: 1, height: 1 }; }
  async loadURL(url: string): Promise<void> { this.loaded.push(url); }
}
export default { app, shell, session, ipcMain, nativeTheme, screen, protocol, BrowserWindow };
