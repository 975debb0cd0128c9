/** Auto-update glue: electron-updater, started only when decideUpdates() says so (see update-policy.ts). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { decideUpdates } from './update-policy.js';

interface Log { info(message: string, data?: Record<string, unknown>): void; warn(message: string, data?: Record<string, unknown>): void }

export async function startAutoUpdates(log: Log): Promise<void> {
  const decision = decideUpdates({
    isPackaged: app.isPackaged,
    hasBuiltInFeed: app.isPackaged && existsSync(join(process.resourcesPath, 'app-update.yml')),
    envFeedUrl: process.env.LOCKOUT_LENS_UPDATE_URL,
  });
  if (!decision.enabled) {
    log.info('auto-update off', { reason: decision.reason });
    return;
  }
  const { autoUpdater } = (await import('electron-updater')).default;
  if (decision.feedUrl) autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl });
  autoUpdater.on('error', (error: Error) => log.warn('auto-update failed', { message: error.message }));
  await autoUpdater.checkForUpdatesAndNotify();
}
