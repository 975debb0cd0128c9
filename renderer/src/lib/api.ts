/**
 * The only module that touches `window.lockoutLens` (installed by the preload, or by the browser
 * harness). Everything is typed from the contract; nothing here can send a URL, SQL or a Graph path.
 */
import type { ArgsOf, EventPayload, LockoutLensBridge, ResultOf } from '../../../electron/contract/contract.ts';
import type { Envelope } from '../../../electron/contract/envelope.ts';
import type { EventName, InvokeMethod } from '../../../electron/contract/names.ts';

function bridge(): LockoutLensBridge | null {
  const candidate = (window as unknown as { lockoutLens?: unknown }).lockoutLens;
  // A DOM element with id="lockoutLens" would also appear as window.lockoutLens; insist on functions.
  if (candidate && typeof candidate === 'object' && typeof (candidate as { getAppState?: unknown }).getAppState === 'function') {
    return candidate as LockoutLensBridge;
  }
  return null;
}

export async function call<M extends InvokeMethod>(method: M, args: ArgsOf<M>): Promise<Envelope<ResultOf<M>>> {
  const b = bridge();
  if (!b) return { ok: false, error: { code: 'internal', message: 'The app bridge is missing (the preload did not run).' } };
  const fn = b[method] as unknown as (a: ArgsOf<M>) => Promise<Envelope<ResultOf<M>>>;
  try {
    // Plain data only: $state proxies cannot cross the context bridge.
    return await fn(JSON.parse(JSON.stringify(args ?? {})) as ArgsOf<M>);
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : 'IPC call failed' } };
  }
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const b = bridge();
  if (!b) return () => {};
  return b.on(event, listener);
}

export type { Envelope };
