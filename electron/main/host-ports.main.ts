/**
 * The AppPorts that need Electron: file dialogs, the safeStorage-backed token cache per tenant
 * profile, and the system browser for sign-in. The decisions (which files, which hosts) live in
 * pure modules; this file only calls Electron.
 */
import { join } from 'node:path';
import { dialog, safeStorage, type BrowserWindow } from 'electron';
import type { AppPorts } from '../app/context.js';
import type { SecretStore } from '../core/auth/secret-store.js';
import { DIALOGS } from './file-dialogs.js';
import type { Logger } from './log.js';
import { createSafeStorageSecretStore } from './secret-store.js';
import { openSignInPageSafely } from './security.main.js';

type HostPorts = Pick<AppPorts, 'chooseFileToOpen' | 'chooseFileToSave' | 'secretStoreFor' | 'openBrowserFor'>;

export function electronHostPorts(userData: string, window: () => BrowserWindow | null, log: Logger): HostPorts {
  const stores = new Map<string, SecretStore>();
  return {
    async chooseFileToOpen(purpose) {
      const spec = DIALOGS[purpose];
      const options = { title: spec.title, filters: spec.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })), properties: ['openFile' as const] };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFileToSave(purpose, suggestedName) {
      const spec = DIALOGS[purpose];
      const options = { title: spec.title, defaultPath: suggestedName, filters: spec.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    secretStoreFor(profileName) {
      let store = stores.get(profileName);
      if (!store) {
        // Profile names are validated (letters, digits, . _ -), so they are safe as file names.
        store = createSafeStorageSecretStore(safeStorage, join(userData, 'tokens', `${profileName}.bin`));
        stores.set(profileName, store);
        log.info('token cache', { profile: profileName, storage: store.description });
      }
      return store;
    },
    openBrowserFor(target) {
      return (url) => openSignInPageSafely(url, target.authorityHost, log);
    },
  };
}
