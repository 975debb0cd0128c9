import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../graph/app-error.js';
import { profilesDir } from './config-dir.js';
import { demoProfile, DEMO_PROFILE_NAME } from './demo-profile.js';
import { ProfileNameSchema, TenantProfileSchema, type TenantProfile, type TenantProfileInput } from './schema.js';

export interface ProfileProblem { readonly file: string; readonly message: string }

/**
 * Tenant profiles as one JSON file each under <configDir>/profiles, so several tenants live side by
 * side (MSPs) and a broken file affects only itself. Writes are atomic (temp file + rename).
 */
export class ProfileStore {
  private readonly dir: string;
  constructor(configDir: string) {
    this.dir = profilesDir(configDir);
  }

  /** The built-in demo profile first, then every valid profile file; invalid files are reported, not fatal. */
  list(): { profiles: TenantProfile[]; problems: ProfileProblem[] } {
    const profiles: TenantProfile[] = [demoProfile];
    const problems: ProfileProblem[] = [];
    let files: string[] = [];
    try { files = readdirSync(this.dir).filter((f) => f.endsWith('.json')).sort(); } catch { /* no profiles yet */ }
    for (const file of files) {
      try {
        const profile = this.parse(file, readFileSync(join(this.dir, file), 'utf8'));
        if (profile.name !== DEMO_PROFILE_NAME) profiles.push(profile);
      } catch (error) {
        problems.push({ file, message: (error as Error).message });
      }
    }
    return { profiles, problems };
  }

  get(name: string): TenantProfile {
    if (name === DEMO_PROFILE_NAME) return demoProfile;
    const safe = ProfileNameSchema.safeParse(name);
    if (!safe.success) throw new AppError('profile_not_found', `There is no tenant profile named '${name}'.`);
    let text: string;
    try { text = readFileSync(this.file(name), 'utf8'); } catch {
      throw new AppError('profile_not_found', `There is no tenant profile named '${name}'. Create it with 'lockout-lens profiles add'.`);
    }
    return this.parse(`${name}.json`, text);
  }

  /** Validates and writes (creating or replacing). Returns the stored profile with defaults filled in. */
  save(input: TenantProfileInput): TenantProfile {
    const parsed = TenantProfileSchema.safeParse(input);
    if (!parsed.success) throw new AppError('profile_invalid', `Invalid tenant profile: ${describe(parsed.error)}`);
    if (parsed.data.name === DEMO_PROFILE_NAME) {
      throw new AppError('profile_invalid', `'${DEMO_PROFILE_NAME}' is the built-in demo profile; choose another name.`);
    }
    mkdirSync(this.dir, { recursive: true });
    const target = this.file(parsed.data.name);
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(parsed.data, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, target);
    return parsed.data;
  }

  remove(name: string): boolean {
    if (name === DEMO_PROFILE_NAME) throw new AppError('profile_invalid', 'The built-in demo profile cannot be removed.');
    if (!ProfileNameSchema.safeParse(name).success) return false;
    try { rmSync(this.file(name)); return true; } catch { return false; }
  }

  private file(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  private parse(file: string, text: string): TenantProfile {
    let json: unknown;
    try { json = JSON.parse(text); } catch (error) {
      throw new AppError('profile_invalid', `${file}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = TenantProfileSchema.safeParse(json);
    if (!parsed.success) throw new AppError('profile_invalid', `${file}: ${describe(parsed.error)}`);
    return parsed.data;
  }
}

function describe(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`).join('; ');
}
