/**
 * Builds the object the preload exposes as `window.lockoutLens`: exactly one function per contract
 * method and one `on` for contract events — no generic invoke/send, no Electron object.
 *
 * Pure (takes an IpcRendererLike) so tests check the exposed key set and that listeners never see
 * the IpcRendererEvent (whose `sender` leads back to ipcRenderer; checklist item 20).
 * Imports only names.ts, so the sandboxed preload bundle stays a few kilobytes.
 */
import { EVENT_NAMES, INVOKE_METHODS, eventChannel, invokeChannel, type EventName, type InvokeMethod } from '../contract/names.js';

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type BridgeFunction = (args?: unknown) => Promise<unknown>;
export type RawBridge = Readonly<Record<InvokeMethod, BridgeFunction>> & {
  readonly on: (event: EventName, listener: (payload: unknown) => void) => () => void;
};

export function buildBridge(ipc: IpcRendererLike): RawBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of INVOKE_METHODS) {
    const channel = invokeChannel(method);
    // Exactly one argument crosses, whatever the caller passes: arity can't leak extra data.
    bridge[method] = (args?: unknown) =>
      ipc.invoke(channel, args ?? {}).catch((error: unknown) => ({
        ok: false,
        error: { code: 'internal', message: error instanceof Error ? error.message : 'IPC call failed' },
      }));
  }
  bridge.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const channel = eventChannel(event);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipc.on(channel, wrapped);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, wrapped);
    };
  };
  return Object.freeze(bridge) as RawBridge;
}
