/**
 * The scriptable target of the CLI: start the emulator in-process on a snapshot file and sign in
 * as a named demo operator, non-interactively, through the real MSAL flow. The emulator's state
 * lives as long as the process; `exportState` hands it back so the caller can save it for the
 * next command (e.g. a later rollback).
 */
import { startEmulator, type EmulatorOptions } from '../emulator/index.js';
import type { TenantSnapshot } from '../snapshot/types.js';
import { signInToEmulator, type OperatorSession, type SessionOptions } from './operator-session.js';

export interface SnapshotSession {
  readonly session: OperatorSession;
  readonly tenantId: string;
  exportState(): TenantSnapshot;
  /** Emulator only: make the Jamf Connect password check the user's Mac would make (for verify / trial). */
  simulateJamfConnectLogin(userPrincipalName: string, clientId: string | undefined, scopes: readonly string[]): { ok: boolean; errorCode: number };
  stop(): Promise<void>;
}

export async function openSnapshotSession(
  snapshot: TenantSnapshot,
  operatorUpn: string,
  opts: SessionOptions & { readonly emulator?: Omit<EmulatorOptions, 'snapshot'> } = {},
): Promise<SnapshotSession> {
  const emulator = await startEmulator({ ...(opts.emulator ?? {}), snapshot });
  try {
    const session = await signInToEmulator(emulator, operatorUpn, opts);
    return {
      session,
      tenantId: emulator.tenantId,
      exportState: () => emulator.control.state(),
      simulateJamfConnectLogin: (userPrincipalName, clientId, scopes) => {
        const r = emulator.control.simulateJamfConnectLogin({ userPrincipalName, scopes: [...scopes], ...(clientId ? { clientId } : {}) });
        return { ok: r.ok, errorCode: r.errorCode };
      },
      stop: () => emulator.stop(),
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
