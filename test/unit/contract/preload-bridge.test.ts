// The preload exposes exactly the contract's functions, and event listeners never see the IpcRendererEvent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EVENT_NAMES, INVOKE_METHODS, eventChannel, invokeChannel } from '../../../electron/contract/names.js';
import { buildBridge, type IpcRendererLike } from '../../../electron/preload/bridge.js';

function fakeIpc() {
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: null };
    },
    on: (channel, l) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(l);
    },
    removeListener: (channel, l) => {
      listeners.get(channel)?.delete(l);
    },
  };
  return { ipc, invoked, listeners };
}

test('the bridge has one function per contract method plus on — nothing else', () => {
  const bridge = buildBridge(fakeIpc().ipc);
  assert.deepEqual(Object.keys(bridge).sort(), [...INVOKE_METHODS, 'on'].sort());
  for (const key of Object.keys(bridge)) assert.equal(typeof (bridge as Record<string, unknown>)[key], 'function');
  assert.ok(Object.isFrozen(bridge));
  assert.equal('invoke' in bridge, false);
  assert.equal('send' in bridge, false);
  assert.equal('ipcRenderer' in bridge, false);
});

test('each function invokes its own channel with exactly one argument', async () => {
  const { ipc, invoked } = fakeIpc();
  const bridge = buildBridge(ipc) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  await bridge.runDiagnosis!({ user: 'a@b.c' }, 'extra', { more: true });
  await bridge.getAppState!();
  assert.deepEqual(invoked, [
    { channel: invokeChannel('runDiagnosis'), args: [{ user: 'a@b.c' }] },
    { channel: invokeChannel('getAppState'), args: [{}] },
  ]);
});

test('a rejected invoke becomes an error envelope, not an exception', async () => {
  const ipc: IpcRendererLike = { invoke: async () => { throw new Error('No handler registered'); }, on: () => {}, removeListener: () => {} };
  const r = await buildBridge(ipc).getAppState({});
  assert.deepEqual(r, { ok: false, error: { code: 'internal', message: 'No handler registered' } });
});

test('event listeners get only the payload, and unsubscribe removes them', () => {
  const { ipc, listeners } = fakeIpc();
  const bridge = buildBridge(ipc);
  const got: unknown[][] = [];
  const off = bridge.on('jobProgress', (...args: unknown[]) => got.push(args));
  const channel = eventChannel('jobProgress');
  const fakeEvent = { sender: { send: () => {} }, senderId: 0 };
  for (const l of listeners.get(channel)!) l(fakeEvent, { jobId: 'j1' }, 'second-arg-dropped');
  assert.deepEqual(got, [[{ jobId: 'j1' }]]);
  off();
  off();
  assert.equal(listeners.get(channel)!.size, 0);
  assert.throws(() => bridge.on('nope' as never, () => {}), /unknown event/);
  assert.ok(EVENT_NAMES.includes('verifyProgress'));
});

test('preload source: a single exposeInMainWorld of the generated bridge, no other Electron API', () => {
  const source = readFileSync(fileURLToPath(new URL('../../../electron/preload/preload.cts', import.meta.url)), 'utf8');
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.equal(code.match(/exposeInMainWorld\(/g)?.length, 1);
  assert.match(code, /exposeInMainWorld\(BRIDGE_GLOBAL, buildBridge\(ipcRenderer\)\)/);
  assert.match(code, /import \{ contextBridge, ipcRenderer \} from 'electron';/);
  assert.doesNotMatch(code, /ipcRenderer\.(send|invoke|on)\b|require\(|webFrame|shell|process\./);
});
