/**
 * The names of every IPC method and event, and nothing else.
 *
 * Kept free of zod and of any import so the sandboxed preload bundle stays tiny: the preload builds
 * one bridge function per name listed here, and `contract.ts` must define a schema for exactly these
 * names (`satisfies Record<InvokeMethod, …>` makes a missing or extra entry a compile error).
 */

/** Every request/response method the renderer may call, in the order the bridge exposes them. */
export const INVOKE_METHODS = [
  'getAppState',
  'openDemoTenant',
  'closeTenant',
  'listTenantProfiles',
  'addTenantProfile',
  'removeTenantProfile',
  'openTenant',
  'signInToTenant',
  'signOutOfTenant',
  'importFile',
  'searchUsers',
  'runDiagnosis',
  'exportDiagnosisReport',
  'saveDiagnosisReport',
  'listSignIns',
  'getSignIn',
  'listPolicies',
  'planExemption',
  'preflightExemption',
  'applyExemption',
  'verifyExemption',
  'rollbackExemption',
  'listExemptions',
  'listAuditLog',
  'exportAuditLog',
  'simulateJamfConnectLogin',
  'startSync',
  'getSettings',
  'saveSettings',
  'openDocumentation',
] as const;

/** Events main pushes to the renderer during long jobs. */
export const EVENT_NAMES = ['jobProgress', 'verifyProgress', 'connectivityChanged', 'showView', 'exemptionsChanged'] as const;

export type InvokeMethod = (typeof INVOKE_METHODS)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/**
 * Channel prefix for invoke channels. The sender check and the Electron binding both refuse any
 * channel without it, so a stray `ipcRenderer.invoke('something')` can never reach a handler.
 */
export const INVOKE_PREFIX = 'lockout:';
/** Channel prefix for main → renderer events. */
export const EVENT_PREFIX = 'lockout-event:';

export function invokeChannel(method: InvokeMethod): string {
  return `${INVOKE_PREFIX}${method}`;
}

export function eventChannel(name: EventName): string {
  return `${EVENT_PREFIX}${name}`;
}

/** The method a channel names, or null when the channel is not one of ours. */
export function methodOfChannel(channel: string): InvokeMethod | null {
  if (!channel.startsWith(INVOKE_PREFIX)) return null;
  const name = channel.slice(INVOKE_PREFIX.length);
  return (INVOKE_METHODS as readonly string[]).includes(name) ? (name as InvokeMethod) : null;
}

/** The name of the global the preload installs (`window.lockoutLens`). */
export const BRIDGE_GLOBAL = 'lockoutLens';
