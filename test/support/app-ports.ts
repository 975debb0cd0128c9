/**
 * AppPorts for tests that drive the handler table without Electron: memory token caches, the
 * emulator's scripted sign-in page, and file dialogs answered from queues the test fills.
 */
import type { AppPorts, FilePurpose } from '../../electron/app/context.js';
import { emulatorOpenBrowser } from '../../electron/core/auth/emulator-browser.js';
import { MemorySecretStore, type SecretStore } from '../../electron/core/auth/secret-store.js';

export interface TestDialogs {
  /** Paths the next open dialogs answer, per purpose; an empty queue answers "cancelled". */
  readonly toOpen: Map<FilePurpose, string[]>;
  readonly toSave: Map<FilePurpose, string[]>;
  /** Every save dialog shown: purpose and suggested file name. */
  readonly saveAsked: Array<{ purpose: FilePurpose; suggestedName: string }>;
}

export function testDialogs(): TestDialogs {
  return { toOpen: new Map(), toSave: new Map(), saveAsked: [] };
}

/** The ports a test AppContext needs beyond its own openExternal/emit/demo/now/log. */
export function testHostPorts(dialogs: TestDialogs = testDialogs()): Pick<AppPorts, 'chooseFileToOpen' | 'chooseFileToSave' | 'secretStoreFor' | 'openBrowserFor'> {
  const secrets = new Map<string, SecretStore>();
  return {
    chooseFileToOpen: async (purpose) => dialogs.toOpen.get(purpose)?.shift() ?? null,
    chooseFileToSave: async (purpose, suggestedName) => {
      dialogs.saveAsked.push({ purpose, suggestedName });
      return dialogs.toSave.get(purpose)?.shift() ?? null;
    },
    secretStoreFor: (name) => {
      let store = secrets.get(name);
      if (!store) secrets.set(name, (store = new MemorySecretStore()));
      return store;
    },
    openBrowserFor: (target) => emulatorOpenBrowser(target.transport, target.emulatorOperator),
  };
}
