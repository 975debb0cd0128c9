/**
 * What the IPC handlers run against: the open tenant (if any) and the host's ports.
 *
 * Host-independent: Electron's main process and the browser harness each build one AppContext,
 * supplying their own ports (how to open a URL, where events go, where the demo tenant comes from).
 */
import type { EventName } from '../contract/names.js';
import type { EventPayload } from '../contract/contract.js';
import type { EmulatorEndpoint } from '../core/auth/connection.js';
import type { OpenBrowser } from '../core/auth/session.js';
import type { SecretStore } from '../core/auth/secret-store.js';
import type { Transport } from '../core/net/transport.js';
import type { TenantProfile } from '../core/profiles/schema.js';
import type { Workspace } from '../core/profiles/workspace.js';
import type { TenantSnapshot } from '../core/snapshot/types.js';
import type { NameLookup } from './policy-summary.js';
import type { SettingsStore } from './settings.js';
import type { SignInIndex } from './sign-ins.js';

export interface AppLog {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/**
 * What a session opened from a tenant profile has beyond its cached data: the profile's workspace
 * (MSAL session, paced Graph client, the app's SQLite cache) and how its sign-in page is shown.
 * Built by live-session.ts; absent for the demo tenant and for case files.
 */
export interface LiveTenant {
  readonly profile: TenantProfile;
  readonly workspace: Workspace;
  readonly openBrowser: OpenBrowser;
}

export interface TenantSession {
  readonly mode: 'demo' | 'tenant' | 'caseFile';
  /** Present when mode is 'tenant'. */
  readonly live?: LiveTenant;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly operator: string | null;
  /** When the data was captured (demo: the snapshot's generation time, shifted to today). */
  readonly asOf: string | null;
  online: boolean;
  readonly snapshot: TenantSnapshot;
  readonly signIns: SignInIndex;
  readonly names: NameLookup;
  /** Client ids treated as Jamf Connect for this tenant. */
  readonly jamfConnectAppIds: readonly string[];
}

export interface AppPorts {
  /** Open an https URL in the system browser; the host applies the allowlist and answers whether it opened. */
  openExternal(url: string): Promise<boolean>;
  /** Push an event to the renderer. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The demo tenant's snapshot (the shipped resources/demo-tenant.json, or a test's own). */
  loadDemoSnapshot(): Promise<TenantSnapshot>;
  now(): Date;
  log: AppLog;
  /**
   * The open-file dialog for an import, answering the chosen path or null when the operator cancels.
   * Electron: dialog.showOpenDialog; the harness: whatever file the test queued.
   */
  chooseFileToOpen(purpose: FilePurpose): Promise<string | null>;
  /** The save dialog, answering the chosen path or null when cancelled. */
  chooseFileToSave(purpose: FilePurpose, suggestedName: string): Promise<string | null>;
  /** Where a tenant profile's MSAL token cache is kept (Electron: safeStorage-encrypted file; harness: memory). */
  secretStoreFor(profileName: string): SecretStore;
  /**
   * How interactive sign-in shows Microsoft's page: Electron opens the system browser (MSAL's
   * loopback redirect); the harness scripts the emulator's sign-in page.
   */
  openBrowserFor(target: SignInTarget): OpenBrowser;
  /**
   * The Entra emulator standing in for Microsoft's cloud — set only in development and tests,
   * never in a packaged build. Profiles with cloud 'emulator' are refused when it is absent.
   */
  readonly emulator?: EmulatorEndpoint;
}

/** What the host needs to show a sign-in page for a profile. */
export interface SignInTarget {
  readonly profileName: string;
  /** https origin of the authority (login.microsoftonline.com, or the emulator's). */
  readonly authorityHost: string;
  /** The profile's transport (the emulator-pinned one for emulator profiles). */
  readonly transport: Transport;
  /** Emulator profiles: which demo operator the scripted sign-in picks. */
  readonly emulatorOperator?: string;
}

export type FilePurpose = 'caseFile' | 'signInExport' | 'jamfProfile' | 'report' | 'auditLog';

export interface AppContext {
  readonly version: string;
  /** Where the app keeps its SQLite store (audit log, cache): userData in Electron, a temp dir in tests. */
  readonly dataDir: string;
  readonly ports: AppPorts;
  readonly settings: SettingsStore;
  session: TenantSession | null;
}
