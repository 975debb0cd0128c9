/**
 * Binds the host-independent router to ipcMain.handle. Besides the router's own origin/main-frame
 * check, the sending webContents must be one this process created (Desktop's trusted-sender set).
 */
import { ipcMain, type WebContents } from 'electron';
import type { AppContext } from '../app/context.js';
import { INVOKE_METHODS, invokeChannel } from '../contract/names.js';
import { dispatch, type RouterHost } from '../contract/router.js';

const trusted = new Set<number>();

export function trustWebContents(contents: WebContents): void {
  const id = contents.id;
  trusted.add(id);
  contents.once('destroyed', () => trusted.delete(id));
}

export function bindRouter(host: RouterHost<AppContext>): void {
  for (const method of INVOKE_METHODS) {
    const channel = invokeChannel(method);
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!trusted.has(event.sender.id)) {
        host.log?.warn('IPC refused: untrusted webContents', { channel, id: event.sender.id });
        return { ok: false, error: { code: 'forbiddenSender', message: 'refused: unknown window' } };
      }
      const frame = event.senderFrame;
      // senderFrame is null when the frame navigated away or was destroyed mid-call.
      const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
      return dispatch(host, channel, args, sender);
    });
  }
}
