import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Lockout Lens keeps profiles, the cache database and the encrypted token cache.
 * LOCKOUT_LENS_HOME overrides (tests, portable installs); otherwise the per-OS app-data directory —
 * the same place Electron's app.getPath('userData') would choose for the product name.
 */
export function defaultConfigDir(env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.LOCKOUT_LENS_HOME) return env.LOCKOUT_LENS_HOME;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Lockout Lens');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Lockout Lens');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'lockout-lens');
}

export function profilesDir(configDir: string): string {
  return join(configDir, 'profiles');
}

export function cacheDatabasePath(configDir: string): string {
  return join(configDir, 'cache.sqlite');
}

export function tokenCachePath(configDir: string, profileName: string): string {
  return join(configDir, 'tokens', `${profileName}.bin`);
}
