/**
 * Which tenant the app opens on start: the one open when it last closed (a profile opens from its
 * cache, offline-safe), else the demo tenant when no tenant profile exists yet, else none — the
 * first-run screen then lists the profiles. Remembered in <dataDir>/last-tenant.json, which holds a
 * profile name and nothing else.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppContext } from './context.js';

const LAST_TENANT_FILE = 'last-tenant.json';
const lastTenantSchema = z.union([z.strictObject({ demo: z.literal(true) }), z.strictObject({ profile: z.string().min(1).max(63) })]);
export type LastTenant = z.infer<typeof lastTenantSchema>;

export function rememberOpenTenant(ctx: AppContext, open: LastTenant): void {
  const file = join(ctx.dataDir, LAST_TENANT_FILE);
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(open), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  } catch (error) {
    // Losing this only means the next start opens the default; never fail the open itself.
    ctx.ports.log.warn('could not remember the open tenant', { message: (error as Error).message });
  }
}

export function lastOpenTenant(ctx: AppContext): LastTenant | null {
  try {
    const parsed = lastTenantSchema.safeParse(JSON.parse(readFileSync(join(ctx.dataDir, LAST_TENANT_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface StartupActions {
  readonly profileNames: () => Promise<readonly string[]>;
  readonly openProfile: (name: string) => Promise<unknown>;
  readonly openDemo: () => Promise<unknown>;
}

/** Opens the start-up tenant; answers what it opened. A profile that no longer opens falls back to the first-run screen. */
export async function openStartupTenant(ctx: AppContext, actions: StartupActions): Promise<'profile' | 'demo' | 'none'> {
  const last = lastOpenTenant(ctx);
  const names = await actions.profileNames();
  if (last && 'profile' in last && names.includes(last.profile)) {
    try {
      await actions.openProfile(last.profile);
      return 'profile';
    } catch (error) {
      ctx.ports.log.warn('last tenant did not open', { profile: last.profile, message: (error as Error).message });
      return 'none';
    }
  }
  if (names.length === 0 || (last && 'demo' in last)) {
    await actions.openDemo();
    return 'demo';
  }
  return 'none';
}
