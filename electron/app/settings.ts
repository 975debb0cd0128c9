/**
 * Operator settings, kept as one schema-checked JSON file. A missing or broken file gives the
 * defaults (and is overwritten on the next save) — settings never stop the app from starting.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { settingsSchema, type Settings } from '../contract/schemas.js';

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  jamfConnectAppIds: [],
  // Jamf's documented example names for the exemption attribute (see the Jamf article in shared/seed).
  attributeSetName: 'JamfConnect',
  attributeName: 'isExemptMFA',
  retentionDays: 30,
  diagnosisDays: 7,
};

export interface SettingsStore {
  get(): Settings;
  save(next: Settings): Settings;
}

export function memorySettingsStore(initial: Settings = DEFAULT_SETTINGS): SettingsStore {
  let current = initial;
  return { get: () => current, save: (next) => (current = settingsSchema.parse(next)) };
}

export function fileSettingsStore(filePath: string): SettingsStore {
  let current: Settings;
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(filePath, 'utf8')));
    current = parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    current = DEFAULT_SETTINGS;
  }
  return {
    get: () => current,
    save(next) {
      const valid = settingsSchema.parse(next);
      mkdirSync(dirname(filePath), { recursive: true });
      const tmp = `${filePath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(valid, null, 2), 'utf8');
      renameSync(tmp, filePath);
      current = valid;
      return valid;
    },
  };
}
